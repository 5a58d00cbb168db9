// 快手登录 (open.kuaishou.com/platformDocs/openAbility/kwaiLogin; apifox api-7075070/-7075071):
// the authorize page, code2AccessToken and refreshToken.
//  - a code is single-use and lives 2 minutes;
//  - refresh gives a new access_token (older ones stay valid until their own expiry: "互不干扰,过期时间
//    独立计算,可以同时有效") and a new refresh_token that inherits the old one's expiry; the old
//    refresh_token is retired ("同时废弃掉老的refresh_token,但过期时间会继承上一个refresh_token 的过期时间").
import type { FastifyInstance } from 'fastify';
import { E, type KsRoute, type Query } from './pipeline';
import { type KsState, now, opaque } from './state';

const CODE_TTL_MS = 120_000;

const esc = (x: string) => x.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function ensureUser(s: KsState, appId: string): string {
  const list = s.appUsers.get(appId) ?? [];
  if (list.length) return list[0];
  const openId = opaque('ou_');
  s.users.set(openId, { openId, name: `快手用户${s.users.size + 1}`, fan: 0, follow: 0, sex: 'F', city: '' });
  s.appUsers.set(appId, [openId]);
  return openId;
}

/** Issues an access/refresh pair (the code exchange, and the control API's shortcut). */
export function issue(s: KsState, appId: string, openId: string, scopes: string[], ttl = s.o.tokenTtlSeconds, refreshTtl = s.o.refreshTtlSeconds, refreshExpiresAt?: number) {
  const t = now(s);
  const access = opaque('ChFvYXV0aC5hY2Nlc3NUb2tlbh');
  const refresh = opaque('ChJvYXV0aC5yZWZyZXNoVG9rZW4');
  const rExp = refreshExpiresAt ?? t + refreshTtl * 1000;
  s.tokens.set(access, { appId, openId, scopes, expiresAt: t + ttl * 1000 });
  s.refresh.set(refresh, { appId, openId, scopes, expiresAt: rExp, revoked: false });
  return { access_token: access, expires_in: ttl, refresh_token: refresh, refresh_token_expires_in: Math.max(0, Math.round((rExp - t) / 1000)), open_id: openId, scopes };
}

function appChecked(s: KsState, q: Query) {
  if (!q.app_id || !q.app_secret || !q.grant_type) throw E.param();
  const app = s.apps.get(q.app_id);
  if (!app || app.secret !== q.app_secret) throw E.client();
  return app;
}

export const oauthRoutes: KsRoute[] = [
  {
    method: 'GET',
    path: '/oauth2/access_token',
    handler: ({ s, q }) => {
      appChecked(s, q);
      if (q.grant_type !== 'authorization_code') throw E.grantType();
      const c = q.code ? s.codes.get(q.code) : undefined;
      if (!c || c.used || c.appId !== q.app_id || c.expiresAt <= now(s)) throw E.code();
      c.used = true;
      return issue(s, c.appId, c.openId, c.scopes);
    },
  },
  {
    method: 'GET',
    path: '/oauth2/refresh_token',
    handler: ({ s, q }) => {
      appChecked(s, q);
      if (q.grant_type !== 'refresh_token') throw E.grantType();
      const r = q.refresh_token ? s.refresh.get(q.refresh_token) : undefined;
      if (!r || r.appId !== q.app_id || r.revoked) throw E.denied();
      if (r.expiresAt <= now(s)) throw E.refreshExpired();
      r.revoked = true;
      const { open_id: _o, ...rest } = issue(s, r.appId, r.openId, r.scopes, undefined, undefined, r.expiresAt);
      return rest;
    },
  },
];

/** GET /oauth2/authorize: a plain page with the app, the scopes and a button; approve redirects with a code. */
export function authorizePages(app: FastifyInstance, s: KsState, prefix: string) {
  app.get(`${prefix}/oauth2/authorize`, async (req, reply) => {
    const q = req.query as Query;
    const a = q.app_id ? s.apps.get(q.app_id) : undefined;
    const html = (body: string) => reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>快手授权</title></head><body>${body}</body></html>`);
    if (!a || q.response_type !== 'code' || !q.redirect_uri) {
      reply.code(400);
      return html(`<h1>授权请求无效 / Invalid authorisation request</h1><p>result 100200101</p>`);
    }
    const scopes = (q.scope ?? '').split(',').filter(Boolean);
    const openId = ensureUser(s, a.appId);
    const user = s.users.get(openId);
    const hidden = Object.entries({ app_id: a.appId, scope: scopes.join(','), redirect_uri: q.redirect_uri, state: q.state ?? '', open_id: openId })
      .map(([k, v]) => `<input type="hidden" name="${k}" value="${esc(v)}">`)
      .join('');
    return html(
      `<h1>${esc(a.name)} 申请使用你的快手账号</h1><p>账号 / Account: ${esc(user?.name ?? openId)}</p><ul>${scopes.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` +
        `<form method="get" action="${prefix}/oauth2/authorize/approve">${hidden}<button type="submit">同意授权 / Authorise</button></form>`,
    );
  });
  app.get(`${prefix}/oauth2/authorize/approve`, async (req, reply) => {
    const q = req.query as Query;
    if (!q.app_id || !s.apps.has(q.app_id) || !q.redirect_uri || !q.open_id) return reply.code(400).send({ result: 100200100, error_msg: '请求缺少参数' });
    const code = opaque('code_');
    s.codes.set(code, { appId: q.app_id, openId: q.open_id, scopes: (q.scope ?? '').split(',').filter(Boolean), expiresAt: now(s) + CODE_TTL_MS, used: false });
    const u = new URL(q.redirect_uri);
    u.searchParams.set('code', code);
    u.searchParams.set('state', q.state ?? '');
    return reply.redirect(u.toString(), 302);
  });
}
