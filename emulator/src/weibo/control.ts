// /__control/weibo/…: apps and users, tokens (minted directly, or expired), faults, forced
// content refusals, settings (token TTL, duplicate window, 20016 limit), clock, calls, published.

import type { FastifyInstance } from 'fastify';
import { issueToken } from './oauth';
import { type Fault, type WeiboState, nowMs, weiboDate } from './state';

const MODES = ['errcode', 'latency', 'timeout', 'drop_after_accept', 'http_status'];
export type Body = Record<string, unknown>;
// The emulator reads every body as text (the WeChat pipeline wants it so): JSON here.
export function bodyOf(raw: unknown): Body {
  if (typeof raw !== 'string') return (raw ?? {}) as Body;
  if (!raw) return {};
  try {
    const v = JSON.parse(raw);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Body;
  } catch {}
  throw bad('the body must be a JSON object');
}
export const bad = (message: string) => Object.assign(new Error(message), { statusCode: 400 });
export const str = (b: Body, k: string, required = true): string | undefined => {
  const v = b[k];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v === '') throw bad(`${k} must be a non-empty string`);
  return v;
};

function parseFault(s: WeiboState, b: Body): Fault {
  const path = str(b, 'path') as string;
  if (path !== '*' && !path.startsWith('/'))
    throw bad('path must be "*" or an API path such as "/2/statuses/share.json" (or "/2/statuses/share.json#after" for an answer after the post was stored)');
  const mode = b.mode;
  if (typeof mode !== 'string' || !MODES.includes(mode)) throw bad(`mode must be one of ${MODES.join(', ')}`);
  if (mode === 'errcode' && !Number.isInteger(b.error_code)) throw bad('mode "errcode" needs an integer error_code');
  if (mode === 'http_status' && !(Number.isInteger(b.status) && (b.status as number) >= 500 && (b.status as number) <= 599))
    throw bad('mode "http_status" needs a status from 500 to 599');
  if (b.times !== undefined && b.probability !== undefined) throw bad('give either times or probability, not both');
  if (b.probability !== undefined && !(typeof b.probability === 'number' && b.probability >= 0 && b.probability <= 1))
    throw bad('probability must be between 0 and 1');
  if (b.times !== undefined && !(Number.isInteger(b.times) && (b.times as number) >= 1)) throw bad('times must be an integer >= 1');
  if (b.skip !== undefined && !(Number.isInteger(b.skip) && (b.skip as number) >= 0)) throw bad('skip must be an integer >= 0');
  s.seq += 1;
  return {
    id: `fault-${s.seq}`,
    path,
    appkey: str(b, 'appkey', false),
    mode: mode as Fault['mode'],
    errorCode: b.error_code as number | undefined,
    error: typeof b.error === 'string' ? b.error : undefined,
    latencyMs: typeof b.latencyMs === 'number' ? b.latencyMs : undefined,
    status: b.status as number | undefined,
    times: b.probability === undefined ? ((b.times as number | undefined) ?? 1) : undefined,
    probability: b.probability as number | undefined,
    skip: b.skip as number | undefined,
  };
}

export function publishedRows(s: WeiboState, appkey?: string) {
  return s.statuses
    .filter((x) => appkey === undefined || x.appkey === appkey)
    .map((x) => ({
      appkey: x.appkey,
      uid: x.uid,
      idstr: x.id.toString(),
      mid: x.mid,
      title: x.text,
      text: x.text,
      has_pic: x.hasPic,
      created_at: weiboDate(x.createdAt),
    }));
}

export function weiboControl(app: FastifyInstance, s: WeiboState) {
  app.post('/apps', async (req) => {
    const b = bodyOf(req.body);
    const appkey = str(b, 'appkey') as string;
    const a = {
      appkey,
      secret: str(b, 'secret') as string,
      name: str(b, 'name', false) ?? `应用 ${appkey}`,
      safeDomain: str(b, 'safeDomain', false) ?? null,
      redirectUri: str(b, 'redirectUri', false) ?? null,
    };
    s.apps.set(appkey, a);
    return a;
  });
  app.post('/users', async (req) => {
    const b = bodyOf(req.body);
    const uid = str(b, 'uid') as string;
    if (!/^\d+$/.test(uid)) throw bad('uid must be digits, as Weibo uids are');
    const old = s.users.get(uid);
    const count = (k: string, dflt: number) => (Number.isInteger(b[k]) && (b[k] as number) >= 0 ? (b[k] as number) : dflt);
    // A deterministic default follower count from the uid, so a sync test can predict it.
    const followers = count('followers', old?.followers ?? 1000 + (Number(uid.slice(-4)) % 9000));
    s.users.set(uid, { uid, name: str(b, 'name', false) ?? old?.name ?? `用户${uid}`, followers, friends: count('friends', old?.friends ?? 100) });
    return s.users.get(uid);
  });
  /** A token for a user of an app, as if the authorize page had been passed (tests without a browser). */
  app.post('/tokens', async (req) => {
    const b = bodyOf(req.body);
    const appkey = str(b, 'appkey') as string;
    const uid = str(b, 'uid') as string;
    if (!s.apps.has(appkey)) throw bad(`no app ${appkey}`);
    if (!s.users.has(uid)) throw bad(`no user ${uid}`);
    const ttl = b.expires_in === undefined ? undefined : Number(b.expires_in);
    return issueToken(s, appkey, uid, ttl);
  });
  app.post('/tokens/expire', async (req) => {
    const t = s.tokens.get(str(bodyOf(req.body), 'access_token') as string);
    if (!t) throw bad('no such token');
    t.expiresAt = nowMs(s) - 1;
    return { ok: true };
  });
  app.post('/settings', async (req) => {
    const b = bodyOf(req.body);
    if (b.tokenTtlSeconds !== undefined) s.opts.tokenTtlSeconds = Number(b.tokenTtlSeconds);
    if (b.duplicateWindowSeconds !== undefined) s.opts.duplicateWindowSeconds = Number(b.duplicateWindowSeconds);
    if (b.shareLimit !== undefined) {
      const l = b.shareLimit as { limit?: number; windowSeconds?: number } | null;
      s.opts.shareLimit = l ? { limit: Number(l.limit), windowSeconds: Number(l.windowSeconds ?? 3600) } : null;
      s.shareTimes.clear();
    }
    return s.opts;
  });
  app.post('/faults', async (req) => {
    const f = parseFault(s, bodyOf(req.body));
    s.faults.push(f);
    return f;
  });
  app.get('/faults', async () => s.faults);
  app.delete('/faults', async () => {
    s.faults.length = 0;
    return { ok: true };
  });
  /** Statuses containing `contains` are refused (20021 illegal content by default) with `error`. */
  app.post('/rejects', async (req) => {
    const b = bodyOf(req.body);
    const r = {
      contains: str(b, 'contains') as string,
      errorCode: Number.isInteger(b.error_code) ? (b.error_code as number) : 20021,
      error: str(b, 'error', false) ?? 'Content is illegal!',
    };
    s.rejects.push(r);
    return r;
  });
  app.post('/counts', async (req) => {
    const b = bodyOf(req.body);
    const st = s.statuses.find((x) => x.id.toString() === str(b, 'idstr'));
    if (!st) throw bad('no such status');
    for (const k of ['comments', 'reposts', 'attitudes'] as const) if (typeof b[k] === 'number') st[k] = b[k] as number;
    return { ok: true };
  });
  app.post('/clock', async (req) => {
    const b = bodyOf(req.body);
    s.clockOffsetMs += Number(b.advanceSeconds ?? 0) * 1000;
    return { now: new Date(nowMs(s)).toISOString() };
  });
  app.get('/calls', async (req) => {
    const q = req.query as { path?: string };
    return s.calls.filter((c) => !q.path || c.path === q.path);
  });
  app.get('/published', async (req) => publishedRows(s, (req.query as { appkey?: string }).appkey));
}
