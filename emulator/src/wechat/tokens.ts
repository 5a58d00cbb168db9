// access_token issuance and checking.
// /cgi-bin/token: every call issues a new token; the previous one keeps working for
// supersededGraceSeconds (doc: 5 minutes), then answers 40001.
// /cgi-bin/stable_token: isolated from /token. Normal mode returns the same token until
// stableRefreshWindowSeconds before expiry; force_refresh revokes the current one at once,
// at most forceRefreshDailyLimit times a day, and calls closer than
// forceRefreshMinIntervalSeconds to the last refresh do not refresh (the doc's words).
import { WxError } from './errors';
import { type JsonBody, type Query, type WxRoute, checkIp, clientIp } from './pipeline';
import { consumeQuota } from './quota';
import { type App, type Token, type WechatState, beijingDay, nextSeq, now, randomId } from './state';

const TOKEN_RE = /^[A-Za-z0-9_-]{1,512}$/;

function graceEnd(s: WechatState, t: Token): number {
  return t.supersededAt === undefined
    ? Number.POSITIVE_INFINITY
    : t.supersededAt + s.opts.supersededGraceSeconds * 1000;
}

/** The account behind a valid token, or the WeChat error for this token. */
export function authenticate(s: WechatState, token: string | undefined, at: number): App {
  if (!token) throw new WxError(41001);
  if (!TOKEN_RE.test(token)) throw new WxError(40014);
  const t = s.tokens.get(token);
  if (!t) throw new WxError(40001);
  if (t.revokedAt !== undefined && at >= t.revokedAt) throw new WxError(40001);
  const superseded = graceEnd(s, t);
  if (at >= t.expiresAt && t.expiresAt <= superseded) throw new WxError(42001);
  if (at >= superseded) throw new WxError(40001);
  const app = s.apps.get(t.appid);
  if (!app) throw new WxError(40001);
  return app;
}

function prune(s: WechatState, at: number): void {
  if (s.tokens.size < 5000) return;
  for (const [key, t] of s.tokens) {
    const end = Math.min(t.expiresAt, graceEnd(s, t), t.revokedAt ?? Number.POSITIVE_INFINITY);
    if (end + 3_600_000 < at) s.tokens.delete(key);
  }
}

function mint(s: WechatState, appid: string, kind: Token['kind'], at: number): Token {
  prune(s, at);
  const token: Token = {
    // Real tokens look like "75_Eh6x…": a short number, an underscore, ~130 url-safe chars.
    token: `${(nextSeq(s) % 90) + 10}_${randomId(96)}`,
    appid,
    kind,
    issuedAt: at,
    expiresAt: at + s.opts.tokenTtlSeconds * 1000,
  };
  s.tokens.set(token.token, token);
  return token;
}

/** Shared checks of both token endpoints, in the order the real service reports them. */
function credentials(
  s: WechatState,
  ip: string,
  path: string,
  at: number,
  p: Record<string, unknown>,
): App {
  if (p.grant_type !== 'client_credential') throw new WxError(40002);
  if (typeof p.appid !== 'string' || p.appid === '') throw new WxError(41002);
  const app = s.apps.get(p.appid);
  if (!app) throw new WxError(40013);
  if (typeof p.secret !== 'string' || p.secret === '') throw new WxError(41004);
  checkIp(app, ip);
  if (p.secret !== app.secret) throw new WxError(40125);
  consumeQuota(s, app.appid, path, at);
  return app;
}

function expiresIn(t: Token, at: number): number {
  return Math.max(1, Math.ceil((t.expiresAt - at) / 1000));
}

function stableToken(s: WechatState, app: App, force: boolean, at: number) {
  let slot = s.stable.get(app.appid);
  if (!slot) {
    slot = { forceDay: beijingDay(at), forceCount: 0 };
    s.stable.set(app.appid, slot);
  }
  const cur = slot.current;
  const alive = cur !== undefined && at < cur.expiresAt && cur.revokedAt === undefined ? cur : undefined;
  if (force) {
    const tooSoon =
      slot.lastForceAt !== undefined &&
      at - slot.lastForceAt < s.opts.forceRefreshMinIntervalSeconds * 1000;
    if (tooSoon && alive) return alive;
    if (!tooSoon) {
      const day = beijingDay(at);
      if (slot.forceDay !== day) {
        slot.forceDay = day;
        slot.forceCount = 0;
      }
      if (slot.forceCount >= s.opts.forceRefreshDailyLimit) throw new WxError(45009);
      slot.forceCount += 1;
      slot.lastForceAt = at;
    }
    if (cur) cur.revokedAt = at;
    slot.current = mint(s, app.appid, 'stable', at);
    return slot.current;
  }
  if (alive && at < alive.expiresAt - s.opts.stableRefreshWindowSeconds * 1000) return alive;
  // Rotate ahead of expiry; the old token stays valid until its own expiry.
  slot.current = mint(s, app.appid, 'stable', at);
  return slot.current;
}

export const tokenRoutes: WxRoute[] = [
  {
    path: '/cgi-bin/token',
    method: 'GET',
    auth: false,
    body: 'none',
    appidFrom: (q: Query) => q.appid,
    handler: ({ s, req, query }) => {
      const at = now(s);
      const app = credentials(s, clientIp(req), '/cgi-bin/token', at, query);
      const prev = s.latestBasic.get(app.appid);
      if (prev && prev.supersededAt === undefined) prev.supersededAt = at;
      const t = mint(s, app.appid, 'basic', at);
      s.latestBasic.set(app.appid, t);
      return { access_token: t.token, expires_in: s.opts.tokenTtlSeconds };
    },
  },
  {
    path: '/cgi-bin/stable_token',
    method: 'POST',
    auth: false,
    body: 'json',
    appidFrom: (_q: Query, b: JsonBody) => b.appid,
    handler: ({ s, req, body }) => {
      const at = now(s);
      const app = credentials(s, clientIp(req), '/cgi-bin/stable_token', at, body);
      const force = body.force_refresh === true || body.force_refresh === 'true';
      const t = stableToken(s, app, force, at);
      return { access_token: t.token, expires_in: expiresIn(t, at) };
    },
  },
];
