// Douyin OAuth in the emulator: the authorize page, access_token / refresh_token /
// renew_refresh_token (form-encoded) with the 15-day token, the unchanged 30-day refresh token on
// refresh, at most 5 renewals (10020), 10010 for an expired refresh token; and client_token.
import type { FastifyInstance } from 'fastify';
import { type DouyinState, DyError, nextId, now } from './state';

export const OPTIONAL_HINT = ['video.create.bind', 'video.data.bind', 'data.external.item', 'data.external.user', 'h5.share'];

export function formOf(body: unknown): Record<string, string> {
  if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
  return (body ?? {}) as Record<string, string>;
}

const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function issueTokens(s: DouyinState, clientKey: string, openId: string, scopes: string[]) {
  const access = `act.${nextId(s, '')}`;
  const refresh = `rft.${nextId(s, '')}`;
  s.tokens.set(access, { token: access, clientKey, openId, scopes, expiresAt: now(s) + s.opts.tokenTtlSeconds * 1000 });
  s.refresh.set(refresh, { token: refresh, clientKey, openId, scopes, expiresAt: now(s) + s.opts.refreshTtlSeconds * 1000, renewalsLeft: 5 });
  return { access, refresh };
}

export function oauthRoutes(app: FastifyInstance, s: DouyinState, run: (path: string, f: (body: unknown, q: Record<string, string>) => unknown) => void) {
  app.get('/platform/oauth/connect/', async (req, reply) => {
    const q = req.query as Record<string, string>;
    const a = s.apps.get(q.client_key ?? '');
    if (!a || q.response_type !== 'code' || !q.redirect_uri)
      return reply.code(400).type('text/html').send('<p>参数错误 / bad request (client_key, response_type=code, redirect_uri)</p>');
    const scopes = (q.scope ?? '').split(',').filter(Boolean);
    const optional = (q.optionalScope ?? '')
      .split(',')
      .filter(Boolean)
      .map((x) => x.split(',')[0]);
    const rows = [
      ...scopes.map(
        (sc) =>
          `<li><label><input type="checkbox" name="scope" value="${esc(sc)}" checked disabled> ${esc(sc)}</label><input type="hidden" name="scope" value="${esc(sc)}"></li>`,
      ),
      ...optional.map((sc) => `<li><label><input type="checkbox" name="scope" value="${esc(sc)}" checked> ${esc(sc)}（可选 / optional）</label></li>`),
    ].join('');
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><html><head><meta charset="utf-8"><title>抖音授权</title></head><body>
<h1>${esc(a.name)} 申请使用你的抖音账号</h1><p>授权范围 / scopes:</p>
<form method="get" action="../authorize"><ul>${rows}</ul>
<label>open_id <input name="open_id" value="${esc(q.open_id ?? 'open-default')}"></label>
<input type="hidden" name="client_key" value="${esc(a.clientKey)}"><input type="hidden" name="redirect_uri" value="${esc(q.redirect_uri)}"><input type="hidden" name="state" value="${esc(q.state ?? '')}">
<button type="submit">同意授权 / Authorise</button></form></body></html>`);
  });
  app.get('/platform/oauth/authorize', async (req, reply) => {
    const u = new URL(req.url, 'http://x');
    const clientKey = u.searchParams.get('client_key') ?? '';
    const redirect = u.searchParams.get('redirect_uri') ?? '';
    if (!s.apps.has(clientKey) || !redirect) return reply.code(400).send('bad request');
    const code = nextId(s, 'code');
    const scopes = [...new Set(u.searchParams.getAll('scope'))];
    s.codes.set(code, { clientKey, openId: u.searchParams.get('open_id') || 'open-default', scopes, redirectUri: redirect });
    const to = new URL(redirect);
    to.searchParams.set('code', code);
    to.searchParams.set('state', u.searchParams.get('state') ?? '');
    return reply.redirect(to.toString(), 302);
  });

  const appOf = (f: Record<string, string>, withSecret: boolean) => {
    const a = s.apps.get(f.client_key ?? '');
    if (!a || (withSecret && a.secret !== f.client_secret)) throw new DyError(10003, 'client_key 或 client_secret 错误');
    return a;
  };

  run('/oauth/access_token/', (body) => {
    const f = formOf(body);
    appOf(f, true);
    if (f.grant_type !== 'authorization_code') throw new DyError(10002, 'grant_type 错误');
    const c = s.codes.get(f.code ?? '');
    if (!c || c.clientKey !== f.client_key) throw new DyError(10007, '授权码 code 无效或已过期');
    s.codes.delete(f.code);
    const t = issueTokens(s, c.clientKey, c.openId, c.scopes);
    return {
      access_token: t.access,
      expires_in: s.opts.tokenTtlSeconds,
      refresh_token: t.refresh,
      refresh_expires_in: s.opts.refreshTtlSeconds,
      open_id: c.openId,
      scope: c.scopes.join(','),
    };
  });
  run('/oauth/refresh_token/', (body) => {
    const f = formOf(body);
    appOf(f, false);
    const r = s.refresh.get(f.refresh_token ?? '');
    if (!r || r.clientKey !== f.client_key) throw new DyError(10010, 'refresh_token 无效');
    if (r.expiresAt <= now(s)) throw new DyError(10010, 'refresh_token 已过期');
    const access = `act.${nextId(s, '')}`;
    s.tokens.set(access, { token: access, clientKey: r.clientKey, openId: r.openId, scopes: r.scopes, expiresAt: now(s) + s.opts.tokenTtlSeconds * 1000 });
    // The refresh token stays and keeps its lifetime (refresh-access-token).
    return {
      access_token: access,
      expires_in: s.opts.tokenTtlSeconds,
      refresh_token: r.token,
      refresh_expires_in: Math.floor((r.expiresAt - now(s)) / 1000),
      open_id: r.openId,
      scope: r.scopes.join(','),
    };
  });
  run('/oauth/renew_refresh_token/', (body) => {
    const f = formOf(body);
    appOf(f, false);
    const r = s.refresh.get(f.refresh_token ?? '');
    if (!r || r.clientKey !== f.client_key || r.expiresAt <= now(s)) throw new DyError(10010, 'refresh_token 已过期');
    if (r.renewalsLeft <= 0) throw new DyError(10020, '刷新次数超过上限，需用户重新授权');
    s.refresh.delete(r.token);
    const token = `rft.${nextId(s, '')}`;
    s.refresh.set(token, { ...r, token, renewalsLeft: r.renewalsLeft - 1, expiresAt: now(s) + s.opts.refreshTtlSeconds * 1000 });
    return { refresh_token: token, expires_in: s.opts.refreshTtlSeconds };
  });
  run('/oauth/client_token/', (body) => {
    const f = formOf(body);
    const a = appOf(f, true);
    const token = `clt.${nextId(s, '')}`;
    s.clientTokens.set(token, { clientKey: a.clientKey, expiresAt: now(s) + 7200_000 });
    return { access_token: token, expires_in: 7200 };
  });
}
