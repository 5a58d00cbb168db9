// Event pushes to the developer's server (服务器配置), as WeChat delivers them: POST of the event
// XML with signature, timestamp, nonce and openid in the query (plus encrypt_type=aes and
// msg_signature in compat and safe mode); an answer within the timeout that is "success" or empty
// counts as delivered, anything else is tried again, three tries in all. Delivery runs on its own:
// the API call that caused the event never waits for it.
import { randomUUID } from 'node:crypto';
import { encryptMessage, randomDigits, sha1Signature } from './crypto';
import { cdata } from './events';
import { outbound } from './outbound';
import { sleep } from './pipeline';
import { type App, type PushRecord, type ServerConfig, type WechatState, now } from './state';

const PUSHES_KEPT = 2000;

/** The body and query WeChat sends for this configuration. */
export function pushRequest(app: App, server: ServerConfig, xml: string, t: number, openid = app.helperOpenid) {
  const timestamp = String(Math.floor(t / 1000));
  const nonce = randomDigits(10);
  const q = new URLSearchParams({ signature: sha1Signature(server.token, timestamp, nonce), timestamp, nonce, openid });
  let body = xml;
  if (server.mode !== 'plain' && server.encodingAESKey) {
    const encrypt = encryptMessage(server.encodingAESKey, app.appid, xml);
    q.set('encrypt_type', 'aes');
    q.set('msg_signature', sha1Signature(server.token, timestamp, nonce, encrypt));
    body =
      server.mode === 'safe'
        ? `<xml>\n<ToUserName>${cdata(app.ghid)}</ToUserName>\n<Encrypt>${cdata(encrypt)}</Encrypt>\n</xml>`
        : xml.replace(/<\/xml>\s*$/, `<Encrypt>${cdata(encrypt)}</Encrypt>\n</xml>`);
  }
  const sep = server.url.includes('?') ? '&' : '?';
  return { url: `${server.url}${sep}${q}`, body };
}

function takeDrop(s: WechatState, appid: string): boolean {
  const i = s.pushDrops.findIndex((r) => r.appid === undefined || r.appid === appid);
  if (i < 0) return false;
  const rule = s.pushDrops[i];
  rule.times -= 1;
  if (rule.times <= 0) s.pushDrops.splice(i, 1);
  return true;
}

function keep(s: WechatState, rec: PushRecord): void {
  s.pushes.push(rec);
  if (s.pushes.length > PUSHES_KEPT * 2) s.pushes = s.pushes.slice(-PUSHES_KEPT);
}

/** Pushes one event (or a user's message, `openid` its sender) to the account's server, if it has one and pushes are on. */
export function pushEvent(s: WechatState, app: App, event: PushRecord['event'], ref: string, xml: string, openid?: string): void {
  const server = app.server;
  if (!server || app.pushes === 'off' || s.closed) return;
  const { url, body } = pushRequest(app, server, xml, now(s), openid);
  const rec: PushRecord = {
    id: randomUUID(),
    appid: app.appid,
    event,
    ref,
    url,
    mode: server.mode,
    body,
    state: 'pending',
    attempts: [],
    createdAt: new Date(now(s)).toISOString(),
  };
  keep(s, rec);
  if (takeDrop(s, app.appid)) {
    rec.state = 'dropped';
    return;
  }
  void deliver(s, rec);
}

async function deliver(s: WechatState, rec: PushRecord): Promise<void> {
  for (let attempt = 1; attempt <= s.opts.pushAttempts; attempt++) {
    if (s.closed) break;
    const at = new Date(now(s)).toISOString();
    const r = await outbound(s, 'POST', rec.url, { body: rec.body, timeoutMs: s.opts.pushTimeoutMs });
    if (s.closed) break;
    const answer = r.body.trim();
    const ok = r.status === 200 && r.error === undefined && (answer === '' || answer === 'success');
    const error = r.error ?? (ok ? undefined : r.status === 200 ? `answered "${answer.slice(0, 80)}", not "success" or empty` : `HTTP ${r.status}`);
    rec.attempts.push({ at, status: r.status, ms: r.ms, ...(error ? { error } : {}) });
    if (ok) {
      rec.state = 'delivered';
      return;
    }
    if (attempt < s.opts.pushAttempts) await sleep(s, s.opts.pushRetryDelayMs);
  }
  rec.state = s.closed ? 'abandoned' : 'failed';
}

/** Rows of /__control/wechat/pushes. */
export function pushRows(s: WechatState, appid?: string) {
  return s.pushes.filter((p) => appid === undefined || p.appid === appid);
}
