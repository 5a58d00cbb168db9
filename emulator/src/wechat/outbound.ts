// Requests from "WeChat" to the developer's server: the console's echostr handshake and event
// pushes. Plain node:http without keep-alive, so that close() leaves no socket or timer behind.
import http from 'node:http';
import https from 'node:https';
import type { WechatState } from './state';

const BODY_KEPT = 64 * 1024;

export interface OutboundResult {
  status: number | null;
  body: string;
  ms: number;
  error?: string;
}

/** One request with a deadline; resolves (never rejects), and ends at once when the emulator closes. */
export function outbound(
  s: WechatState,
  method: 'GET' | 'POST',
  url: string,
  opts: { body?: string; contentType?: string; timeoutMs: number },
): Promise<OutboundResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let req: http.ClientRequest | undefined;
    const finish = (status: number | null, body: string, error?: string) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      s.parked.delete(abort);
      req?.destroy();
      resolve({ status, body, ms: Date.now() - started, error });
    };
    const abort = () => finish(null, '', 'emulator closed');
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      finish(null, '', `not a URL: ${url}`);
      return;
    }
    const mod = target.protocol === 'https:' ? https : http;
    const headers: Record<string, string | number> = { connection: 'close', 'user-agent': 'Mozilla/4.0' };
    if (opts.body !== undefined) {
      headers['content-type'] = opts.contentType ?? 'text/xml';
      headers['content-length'] = Buffer.byteLength(opts.body);
    }
    s.parked.add(abort);
    req = mod.request(target, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < BODY_KEPT) chunks.push(c);
        size += c.length;
      });
      res.on('end', () => finish(res.statusCode ?? null, Buffer.concat(chunks).toString('utf8')));
      res.on('error', (e) => finish(res.statusCode ?? null, '', e.message));
    });
    req.on('error', (e) => finish(null, '', e.message));
    timer = setTimeout(() => finish(null, '', `no answer within ${opts.timeoutMs} ms`), opts.timeoutMs);
    req.end(opts.body);
  });
}
