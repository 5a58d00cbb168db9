// Weibo OAuth2 code flow ([QQ] WeiboApiOauth2, weibo4j/Oauth.java, model/AccessToken.java).
// No refresh for server-side apps (the refresh_token exists only through the official mobile
// SDK; re-authorising inside the validity window extends the token): no refresh() and no renew(),
// grant.refreshToken is null, and the lifecycle helper warns before expiresAt.

import { type Grant, type OAuthProvider, PlatformError } from '../adapter';
import type { BaseUrls } from '../registry';
import { keepAliveRequester } from '../keepalive';
import { makeRedactor, PLATFORM } from './errors';
import { send } from './http';

/** Weibo scopes ([QQ] WeiboConfigs); posting needs none beyond the default authorisation. */
export const WEIBO_SCOPES = [
  { scope: 'all', gives: 'publish' },
  { scope: 'all', gives: 'comments' },
  { scope: 'all', gives: 'data' },
] as const;

export function weiboOAuth(hosts: { baseUrls: BaseUrls; timeoutMs: number }): OAuthProvider {
  const base = hosts.baseUrls.weibo.replace(/\/+$/, '');
  return {
    scopes: WEIBO_SCOPES,
    authorizeUrl(app, q) {
      const p = new URLSearchParams({ client_id: app.clientId, redirect_uri: q.redirectUri, response_type: 'code', state: q.state });
      if (q.scopes.length) p.set('scope', q.scopes.join(','));
      return `${base}/oauth2/authorize?${p.toString()}`;
    },
    async exchange(app, q): Promise<Grant> {
      const t = { baseUrl: base, timeoutMs: hosts.timeoutMs, request: keepAliveRequester, redact: makeRedactor(() => [app.clientSecret]) };
      const r = (await send(t, {
        path: '/oauth2/access_token',
        method: 'POST',
        params: { client_id: app.clientId, client_secret: app.clientSecret, grant_type: 'authorization_code', code: q.code, redirect_uri: q.redirectUri },
        idempotent: true,
      })) as Record<string, unknown>;
      const token = typeof r.access_token === 'string' ? r.access_token : '';
      const expiresIn = Number(r.expires_in);
      const uid = r.uid == null ? '' : String(r.uid);
      if (!token || !Number.isFinite(expiresIn) || !uid) {
        throw new PlatformError({ kind: 'auth', platform: PLATFORM, code: 'shape', message: '微博授权回应缺少 access_token/expires_in/uid / the Weibo token answer lacks access_token, expires_in or uid' });
      }
      const now = new Date();
      const scope = typeof r.scope === 'string' && r.scope ? r.scope.split(/[ ,]+/) : ['all'];
      return { accessToken: token, expiresAt: new Date(now.getTime() + expiresIn * 1000).toISOString(), refreshToken: null, refreshExpiresAt: null, openId: uid, scopes: scope, renewalsLeft: null, obtainedAt: now.toISOString() };
    },
  };
}
