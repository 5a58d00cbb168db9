// Kuaishou's OAuth2 code flow (快手登录), written to open.kuaishou.com/platformDocs/openAbility/kwaiLogin
// and its apifox mirror (apifox.com/apidoc/docs-site/462993/api-7075070, -7075071).
//
// - Authorize: https://open.kuaishou.com/oauth2/authorize?app_id&scope&response_type=code&redirect_uri&state
//   (the path and parameters as two public integrations use them: blog.csdn.net/qq_42857358/article/details/137514606
//   and ke2xin/ksypwz:authweb.php; scopes are comma-separated).
// - code2AccessToken: GET /oauth2/access_token?app_id&app_secret&code&grant_type=authorization_code.
//   The code is single-use and lives 2 minutes (kwaiLogin: "一次性失效,且有效期仅有 2 分钟").
// - refreshToken: GET /oauth2/refresh_token?app_id&app_secret&refresh_token&grant_type=refresh_token.
//
// Token lifetimes: the kwaiLogin example answers expires_in 172800 (48 h) and
// refresh_token_expires_in 15552000 (180 days); the refreshToken page says both are "非固定时间,
// 以接口返回时间为主,有变动可能" and its example answers 3600 / 648000. So we store what each answer
// says and assume nothing. A refresh returns a NEW refresh_token and retires the old one, and the new
// one inherits the old one's expiry; access tokens are independent and may be valid at the same time.

import type { Grant, OAuthApp, OAuthProvider } from '../adapter';
import { fetchRequester, keepAliveRequester } from '../keepalive';
import { makeRedactor, PLATFORM, resultError, resultOf } from './errors';
import { send, type Transport } from './http';
import { PlatformError } from '../adapter';

export const KUAISHOU_DEFAULT_BASE_URL = 'https://open.kuaishou.com';

/** Scopes as the integrations above request them, and what each gives us. */
export const KUAISHOU_SCOPES = [
  { scope: 'user_info', gives: 'data' },
  { scope: 'user_video_publish', gives: 'publish' },
  { scope: 'user_video_info', gives: 'data' },
] as const;

export function kuaishouOAuth(hosts: { baseUrl: string; timeoutMs: number; fetch?: typeof fetch }): OAuthProvider {
  const base = hosts.baseUrl.replace(/\/+$/, '');
  const secrets: string[] = [];
  const t: Transport = {
    timeoutMs: hosts.timeoutMs,
    request: hosts.fetch ? fetchRequester(hosts.fetch) : keepAliveRequester,
    fetch: hosts.fetch ?? ((...a) => globalThis.fetch(...a)),
    redact: makeRedactor(() => secrets),
  };
  const tokenCall = async (path: string, query: Record<string, string>, app: OAuthApp) => {
    secrets.push(app.clientSecret, query.code ?? '', query.refresh_token ?? '');
    const body = await send(t, { url: `${base}${path}`, api: path, query, body: { get: true }, idempotent: true });
    if (resultOf(body) !== 1) throw resultError(path, body, t.redact);
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new PlatformError({ kind: 'transient', platform: PLATFORM, message: `快手 ${path} answered result 1 without an access_token` });
    }
    return body;
  };
  const grantOf = (body: Record<string, unknown>, stored: Grant | null): Grant => {
    const now = Date.now();
    const expiresIn = Number(body.expires_in);
    const refreshIn = Number(body.refresh_token_expires_in);
    const refreshToken = typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : null;
    return {
      accessToken: body.access_token as string,
      // No expires_in: treat it as short-lived (the refresh example's 3600 s).
      expiresAt: new Date(now + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000).toISOString(),
      refreshToken,
      refreshExpiresAt: refreshToken && Number.isFinite(refreshIn) && refreshIn > 0 ? new Date(now + refreshIn * 1000).toISOString() : (stored?.refreshExpiresAt ?? null),
      // The refresh answer carries no open_id: keep the one the code exchange gave.
      openId: typeof body.open_id === 'string' && body.open_id ? body.open_id : (stored?.openId ?? ''),
      scopes: Array.isArray(body.scopes) ? body.scopes.filter((s): s is string => typeof s === 'string') : (stored?.scopes ?? []),
      renewalsLeft: null,
      obtainedAt: new Date(now).toISOString(),
    };
  };
  return {
    scopes: KUAISHOU_SCOPES,
    authorizeUrl(app, q) {
      const qs = new URLSearchParams({
        app_id: app.clientId,
        scope: (q.scopes.length ? q.scopes : KUAISHOU_SCOPES.map((s) => s.scope)).join(','),
        response_type: 'code',
        redirect_uri: q.redirectUri,
        state: q.state,
      });
      return `${base}/oauth2/authorize?${qs.toString()}`;
    },
    async exchange(app, q) {
      const body = await tokenCall('/oauth2/access_token', { app_id: app.clientId, app_secret: app.clientSecret, code: q.code, grant_type: 'authorization_code' }, app);
      return grantOf(body, null);
    },
    async refresh(app, grant) {
      if (!grant.refreshToken) throw new PlatformError({ kind: 'auth', platform: PLATFORM, message: '没有 refresh_token,请重新授权 / no refresh token; authorise the account again' });
      const body = await tokenCall('/oauth2/refresh_token', { app_id: app.clientId, app_secret: app.clientSecret, refresh_token: grant.refreshToken, grant_type: 'refresh_token' }, app);
      return grantOf(body, grant);
    },
  };
}
