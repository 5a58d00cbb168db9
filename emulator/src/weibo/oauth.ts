// /oauth2/authorize (a page with the app's name, the scopes and an 同意授权 button),
// /oauth2/access_token (authorization_code only: server apps get no refresh_token) and
// /oauth2/get_token_info ([QQ] WeiboApiOauth2, weibo4j/Oauth.java).

import type { FastifyInstance } from 'fastify';
import { type WeiboState, nowMs, randomToken } from './state';
import { readParams, sendError, tokenOf, WeiboError } from './wire';

const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function checkClient(s: WeiboState, clientId: string | undefined, redirectUri: string | undefined) {
  const app = clientId ? s.apps.get(clientId) : undefined;
  if (!app) throw new WeiboError(21324, 'invalid_client');
  if (!redirectUri) throw new WeiboError(21323, 'invalid_request');
  if (app.redirectUri && !redirectUri.startsWith(app.redirectUri)) throw new WeiboError(21322, 'redirect_uri_mismatch');
  return app;
}

export function oauthRoutes(app: FastifyInstance, s: WeiboState) {
  app.get('/oauth2/authorize', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    try {
      const a = checkClient(s, q.client_id, q.redirect_uri);
      if (q.response_type !== 'code') throw new WeiboError(21323, 'unsupported_response_type');
      const users = [...s.users.values()];
      const scopes = (q.scope ?? 'all').split(/[ ,]+/).filter(Boolean);
      const hidden = ['client_id', 'redirect_uri', 'state', 'scope'].map((k) => `<input type="hidden" name="${k}" value="${esc(q[k] ?? '')}">`).join('');
      const options = users.map((u) => `<option value="${esc(u.uid)}"${u.uid === q.uid ? ' selected' : ''}>${esc(u.name)} (${esc(u.uid)})</option>`).join('');
      return reply.type('text/html; charset=utf-8').send(
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>微博授权 / Weibo authorisation</title></head><body>` +
          `<h1>${esc(a.name)}</h1><p>该应用请求以下权限 / this app asks for:</p><ul>${scopes.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` +
          `<form method="post" action="authorize">${hidden}<label>账号 / account <select name="uid">${options}</select></label>` +
          `<button type="submit">同意授权 / Authorise</button></form></body></html>`,
      );
    } catch (e) {
      if (e instanceof WeiboError) return sendError(reply, '/oauth2/authorize', e);
      throw e;
    }
  });

  app.post('/oauth2/authorize', async (req, reply) => {
    const p = await readParams(req);
    try {
      checkClient(s, p.fields.client_id, p.fields.redirect_uri);
      const uid = p.fields.uid;
      if (!uid || !s.users.has(uid)) throw new WeiboError(21323, 'invalid_request: unknown user');
      const code = randomToken(s, 'code');
      s.codes.set(code, { appkey: p.fields.client_id, uid, redirectUri: p.fields.redirect_uri, expiresAt: nowMs(s) + 600_000 });
      const to = new URL(p.fields.redirect_uri);
      to.searchParams.set('code', code);
      if (p.fields.state) to.searchParams.set('state', p.fields.state);
      return reply.redirect(to.toString(), 302);
    } catch (e) {
      if (e instanceof WeiboError) return sendError(reply, '/oauth2/authorize', e);
      throw e;
    }
  });

  app.post('/oauth2/access_token', async (req, reply) => {
    const p = await readParams(req);
    const f = p.fields;
    try {
      const a = s.apps.get(f.client_id ?? '');
      if (!a || a.secret !== f.client_secret) throw new WeiboError(21324, 'invalid_client');
      if (f.grant_type !== 'authorization_code') throw new WeiboError(21328, 'unsupported_grant_type');
      const c = s.codes.get(f.code ?? '');
      if (!c || c.appkey !== a.appkey || c.expiresAt <= nowMs(s)) throw new WeiboError(21325, 'invalid_grant');
      if (c.redirectUri !== f.redirect_uri) throw new WeiboError(21322, 'redirect_uri_mismatch');
      s.codes.delete(f.code);
      return issueToken(s, a.appkey, c.uid);
    } catch (e) {
      if (e instanceof WeiboError) return sendError(reply, '/oauth2/access_token', e);
      throw e;
    }
  });

  app.post('/oauth2/get_token_info', async (req, reply) => {
    const p = await readParams(req);
    try {
      const t = tokenOf(s, req, p);
      return { uid: Number(t.uid) || t.uid, appkey: t.appkey, scope: '', create_at: Math.floor(t.createdAt / 1000), expire_in: Math.max(0, Math.floor((t.expiresAt - nowMs(s)) / 1000)) };
    } catch (e) {
      if (e instanceof WeiboError) return sendError(reply, '/oauth2/get_token_info', e);
      throw e;
    }
  });
}

/** A token as /oauth2/access_token answers it (remind_in deprecated but still sent; uid a string). */
export function issueToken(s: WeiboState, appkey: string, uid: string, ttlSeconds = s.opts.tokenTtlSeconds) {
  const token = randomToken(s, '2.00');
  const t = nowMs(s);
  s.tokens.set(token, { token, appkey, uid, createdAt: t, expiresAt: t + ttlSeconds * 1000, revoked: false });
  return { access_token: token, expires_in: ttlSeconds, remind_in: String(ttlSeconds), uid };
}
