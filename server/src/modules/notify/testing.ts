// Test support only: a local HTTP server on 127.0.0.1 that plays the three group robots.
// It verifies requests exactly as each platform documents it, written independently of
// formats.ts (its own HMAC code), so a wrong signature in the product fails the tests.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  robot: 'wecom' | 'dingtalk' | 'feishu';
  /** The key / access_token / hook id that addressed the robot. */
  id: string;
  url: string;
  body: Record<string, unknown>;
  /** The signature check: 'ok', 'none' (no secret configured) or why it failed. */
  signature: string;
  answer: { status: number; json: unknown };
}

type Answer = { status?: number; json?: unknown; delayMs?: number };

export async function startRobotReceiver() {
  const secrets = new Map<string, string>();
  const scripts = new Map<string, Answer[]>();
  const received: Received[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = {};
        }
        let robot: Received['robot'];
        let id: string;
        if (url.pathname === '/cgi-bin/webhook/send') [robot, id] = ['wecom', url.searchParams.get('key') ?? ''];
        else if (url.pathname === '/robot/send') [robot, id] = ['dingtalk', url.searchParams.get('access_token') ?? ''];
        else if (url.pathname.startsWith('/open-apis/bot/v2/hook/')) [robot, id] = ['feishu', url.pathname.split('/').pop() ?? ''];
        else {
          res.writeHead(404).end('not found');
          return;
        }
        const secret = secrets.get(id);
        const signature = verify(robot, secret, url, body, req.headers['content-type'] ?? '');
        const scripted = scripts.get(id)?.shift();
        let answer: { status: number; json: unknown };
        if (signature !== 'ok' && signature !== 'none') {
          // What the platforms answer to a bad signature (HTTP 200 with the error envelope).
          answer =
            robot === 'dingtalk'
              ? { status: 200, json: { errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' } }
              : robot === 'feishu'
                ? { status: 200, json: { code: 19021, data: {}, msg: 'sign match fail or timestamp is not within one hour from current time' } }
                : { status: 200, json: { errcode: 40008, errmsg: 'invalid message type' } };
        } else if (scripted) {
          if (scripted.delayMs) await new Promise((r) => setTimeout(r, scripted.delayMs));
          answer = { status: scripted.status ?? 200, json: scripted.json ?? ok(robot) };
        } else {
          answer = { status: 200, json: ok(robot) };
        }
        received.push({ robot, id, url: req.url ?? '', body, signature, answer });
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(typeof answer.json === 'string' ? answer.json : JSON.stringify(answer.json));
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    received,
    wecomUrl: (key: string) => `${base}/cgi-bin/webhook/send?key=${key}`,
    dingtalkUrl: (token: string) => `${base}/robot/send?access_token=${token}`,
    feishuUrl: (hookId: string) => `${base}/open-apis/bot/v2/hook/${hookId}`,
    /** The robot with this id requires signatures with this secret. */
    setSecret: (id: string, secret: string) => secrets.set(id, secret),
    /** The next answers of the robot with this id, in order; afterwards it answers ok. */
    script: (id: string, answers: Answer[]) => scripts.set(id, [...answers]),
    of: (id: string) => received.filter((r) => r.id === id),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function ok(robot: Received['robot']) {
  return robot === 'feishu' ? { code: 0, data: {}, msg: 'success' } : { errcode: 0, errmsg: 'ok' };
}

const b64hmac = (key: string | Buffer, msg: string | Buffer) => createHmac('sha256', key).update(msg).digest('base64');

function verify(robot: Received['robot'], secret: string | undefined, url: URL, body: Record<string, unknown>, contentType: string): string {
  if (!contentType.startsWith('application/json')) return `content-type ${contentType}`;
  if (!secret) return 'none';
  const nowMs = Date.now();
  if (robot === 'dingtalk') {
    // timestamp (ms) and sign in the query; sign = urlEncode(base64(HmacSHA256(secret, ts + "\n" + secret))).
    const ts = url.searchParams.get('timestamp');
    const sign = url.searchParams.get('sign'); // URLSearchParams has already url-decoded it
    if (!ts || !sign) return 'missing timestamp/sign';
    if (!/^\d{13}$/.test(ts) || Math.abs(nowMs - Number(ts)) > 3600_000) return 'timestamp not within 1 hour';
    return sign === b64hmac(secret, `${ts}\n${secret}`) ? 'ok' : 'sign not match';
  }
  if (robot === 'feishu') {
    // timestamp (s, as a string) and sign in the body; the HMAC key is ts + "\n" + secret, the message empty.
    const ts = body.timestamp;
    const sign = body.sign;
    if (typeof ts !== 'string' || typeof sign !== 'string') return 'missing timestamp/sign';
    if (!/^\d{10}$/.test(ts) || Math.abs(nowMs / 1000 - Number(ts)) > 3600) return 'timestamp not within 1 hour';
    return sign === b64hmac(`${ts}\n${secret}`, '') ? 'ok' : 'sign match fail';
  }
  return 'none';
}
