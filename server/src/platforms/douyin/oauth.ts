// Douyin's OAuth2 code flow (API-REFERENCE.md §3; [DYD] account-permission/get-access-token,
// refresh-access-token, refresh-token). Token calls are FORM-encoded. The access token lives
// 15 days; a refresh gives a new access token without extending the refresh token (30 days);
// renew_refresh_token gives a new 30-day refresh token at most 5 times (10020 after that).
import type { Grant, OAuthApp, OAuthProvider } from '../adapter';
import { keepAliveRequester, type Requester } from '../keepalive';
import { send, str, type Obj } from './http';

/** The scope of enterprise server-side publishing (API-REFERENCE.md §0). */
export const PUBLISH_SCOPE = 'video.create.bind';
/** H5 share (分享到抖音 H5 场景, dop/develop/sdk/web-app/h5/share-to-h5): the member finishes the post in the app. */
export const SHARE_SCOPE = 'h5.share';
export const COMMENT_SCOPE = 'video.comment';
export const RENEWALS = 5;

export const DOUYIN_SCOPES = [
  { scope: 'user_info', gives: 'data' },
  { scope: 'video.list.bind', gives: 'data' },
  { scope: 'video.data.bind', gives: 'data' },
  { scope: 'data.external.item', gives: 'data' },
  { scope: 'data.external.user', gives: 'data' },
  { scope: PUBLISH_SCOPE, gives: 'publish' },
  { scope: SHARE_SCOPE, gives: 'handoff' },
] as const;

export function douyinOAuth(hosts: { baseUrl: string; timeoutMs: number; request?: Requester }): OAuthProvider {
  const t = { baseUrl: hosts.baseUrl, timeoutMs: hosts.timeoutMs, request: hosts.request ?? keepAliveRequester };
  const grantOf = (d: Obj, base: Partial<Grant>): Grant => {
    const now = Date.now();
    const expiresIn = Number(d.expires_in ?? 1_296_000);
    const refreshIn = d.refresh_expires_in === undefined ? null : Number(d.refresh_expires_in);
    const scope = str(d.scope);
    return {
      accessToken: str(d.access_token),
      expiresAt: new Date(now + expiresIn * 1000).toISOString(),
      refreshToken: str(d.refresh_token) || base.refreshToken || null,
      refreshExpiresAt: refreshIn !== null ? new Date(now + refreshIn * 1000).toISOString() : (base.refreshExpiresAt ?? null),
      openId: str(d.open_id) || base.openId || '',
      scopes: scope
        ? scope
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : (base.scopes ?? []),
      renewalsLeft: base.renewalsLeft ?? RENEWALS,
      obtainedAt: new Date(now).toISOString(),
    };
  };
  return {
    scopes: DOUYIN_SCOPES,
    authorizeUrl(app: OAuthApp, q) {
      const u = new URL(`${hosts.baseUrl}/platform/oauth/connect/`);
      u.searchParams.set('client_key', app.clientId);
      u.searchParams.set('response_type', 'code');
      u.searchParams.set('scope', q.scopes.join(','));
      u.searchParams.set('redirect_uri', q.redirectUri);
      u.searchParams.set('state', q.state);
      return u.toString();
    },
    async exchange(app, q) {
      const { data } = await send(t, {
        path: '/oauth/access_token/',
        body: { form: { client_key: app.clientId, client_secret: app.clientSecret, code: q.code, grant_type: 'authorization_code' } },
        idempotent: true,
      });
      return grantOf(data, { renewalsLeft: RENEWALS });
    },
    async refresh(app, grant) {
      const { data } = await send(t, {
        path: '/oauth/refresh_token/',
        body: { form: { client_key: app.clientId, grant_type: 'refresh_token', refresh_token: grant.refreshToken ?? '' } },
        idempotent: true,
      });
      // The refresh token's lifetime is unchanged by a refresh: keep the stored expiry.
      const g = grantOf({ ...data, refresh_expires_in: undefined }, grant);
      return { ...g, refreshToken: str(data.refresh_token) || grant.refreshToken, refreshExpiresAt: grant.refreshExpiresAt };
    },
    async renew(app, grant) {
      const { data } = await send(t, {
        path: '/oauth/renew_refresh_token/',
        body: { form: { client_key: app.clientId, refresh_token: grant.refreshToken ?? '' } },
        idempotent: true,
      });
      const expiresIn = Number(data.expires_in ?? 2_592_000);
      return {
        ...grant,
        refreshToken: str(data.refresh_token) || grant.refreshToken,
        refreshExpiresAt: new Date(Date.now() + expiresIn * 1000).toISOString(),
        renewalsLeft: Math.max(0, (grant.renewalsLeft ?? RENEWALS) - 1),
      };
    },
  };
}
