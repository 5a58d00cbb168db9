// The token host (api.bilibili.com, under /bilibili-api): code and refresh-token exchanges with a
// form or query body, no signature (账号授权). A refresh token works once. The authorize page
// (account.bilibili.com/pc/account-pc/auth/oauth, under /bilibili) takes client_id, gourl, state.
import type { FastifyInstance } from 'fastify';
import { type BiliState, mintGrant, newToken } from './state';

const escape = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function params(req: { body: unknown; query: unknown }): Record<string, string> {
  const q = { ...(req.query as Record<string, string>) };
  if (typeof req.body === 'string' && req.body) {
    const trimmed = req.body.trim();
    if (trimmed.startsWith('{')) {
      try {
        Object.assign(q, JSON.parse(trimmed));
      } catch {}
    } else for (const [k, v] of new URLSearchParams(trimmed)) q[k] = v;
  }
  return q;
}

const answer = (code: number, message: string, data?: unknown) => ({ code, message, ttl: 1, ...(data !== undefined && { data }) });

export function tokenRoutes(s: BiliState) {
  return async (app: FastifyInstance) => {
    app.post('/x/account-oauth2/v1/token', async (req) => {
      const p = params(req);
      const a = s.apps.get(p.client_id ?? '');
      if (!a) return answer(122000, 'client_id错误');
      if (a.clientSecret !== p.client_secret) return answer(122001, 'client_secret 错误');
      if (p.grant_type !== 'authorization_code') return answer(4000, '参数错误');
      const c = s.codes.get(p.code ?? '');
      if (!c || c.used || c.clientId !== a.clientId) return answer(122002, 'code未找到');
      c.used = true;
      const m = s.members.get(c.openid);
      return answer(0, '0', mintGrant(s, a.clientId, c.openid, m?.scopes ?? ['ARC_BASE', 'USER_INFO']));
    });
    app.post('/x/account-oauth2/v1/refresh_token', async (req) => {
      const p = params(req);
      const a = s.apps.get(p.client_id ?? '');
      if (!a) return answer(122000, 'client_id错误');
      if (a.clientSecret !== p.client_secret) return answer(122001, 'client_secret 错误');
      const r = s.refreshTokens.get(p.refresh_token ?? '');
      if (p.grant_type !== 'refresh_token' || !r || r.used || r.clientId !== a.clientId) return answer(122007, 'refreshToken不合法');
      r.used = true;
      return answer(0, '0', mintGrant(s, a.clientId, r.openid, r.scopes));
    });
  };
}

export function authorizePage(s: BiliState) {
  return async (app: FastifyInstance) => {
    app.get('/pc/account-pc/auth/oauth', async (req, reply) => {
      const q = req.query as Record<string, string>;
      const a = s.apps.get(q.client_id ?? '');
      if (!a || !q.gourl) return reply.code(400).type('text/plain; charset=utf-8').send('client_id 或 gourl 无效 / unknown client_id or missing gourl');
      const members = [...s.members.values()];
      const options = members.map((m) => `<option value="${escape(m.openid)}">${escape(m.name)}</option>`).join('');
      const scopes = (members[0]?.scopes ?? ['ARC_BASE', 'USER_INFO']).map((x) => `<li>${escape(x)}</li>`).join('');
      return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>哔哩哔哩授权</title></head><body>
<h1>${escape(a.name)} 申请获得以下权限</h1><ul>${scopes}</ul>
<form method="post" action="oauth/confirm">
<input type="hidden" name="client_id" value="${escape(a.clientId)}"><input type="hidden" name="gourl" value="${escape(q.gourl)}"><input type="hidden" name="state" value="${escape(q.state ?? '')}">
${members.length ? `<select name="openid">${options}</select>` : ''}
<button type="submit">同意授权 / Authorise</button></form></body></html>`);
    });
    app.post('/pc/account-pc/auth/oauth/confirm', async (req, reply) => {
      const p = params(req);
      const a = s.apps.get(p.client_id ?? '');
      if (!a || !p.gourl) return reply.code(400).send('bad request');
      let openid = p.openid;
      if (!openid || !s.members.has(openid)) {
        openid = newToken(s, 'op');
        s.members.set(openid, { openid, name: `UP主${s.members.size + 1}`, formal: false, scopes: ['ARC_BASE', 'ARC_DATA', 'USER_DATA', 'USER_INFO'] });
      }
      const code = newToken(s, 'cd');
      s.codes.set(code, { clientId: a.clientId, openid, used: false });
      const u = new URL(p.gourl);
      u.searchParams.set('code', code);
      u.searchParams.set('state', p.state ?? '');
      return reply.redirect(u.toString(), 302);
    });
  };
}
