// Bilibili's OAuth2 code flow (账号授权, open.bilibili.com/doc/4/eaf0e2b5-bde9-b9a0-9be1-019bb455701c;
// 网页应用接入, open.bilibili.com/doc/4/aac73b2e-4ff2-b75c-4c96-35ced865797b). The authorize page is on
// account.bilibili.com and takes `client_id`, `gourl` (the redirect URI) and `state`; the scopes are
// set per application in the console, not per request. The token host (api.bilibili.com) takes a
// form body and needs no signature. `expires_in` is an absolute Unix time in seconds. A refresh
// token is good for one refresh and the answer carries a new one. The openid comes from
// /arcopen/fn/user/account/info (signed), not from the token answer.

import type { Capability, Grant, OAuthApp, OAuthProvider } from '../adapter';
import { keepAliveRequester, type Requester } from '../keepalive';
import type { BaseUrls } from '../registry';
import { BilibiliClient } from './client';
import { dataOf, exchange } from './http';
import { UNMETERED } from '../adapter';

/** Scopes of the open platform (查询用户已授权权限列表) and what each gives the product. */
export const BILIBILI_SCOPES: readonly { scope: string; gives: Capability }[] = [
  { scope: 'ARC_BASE', gives: 'publish' },
  { scope: 'ARC_DATA', gives: 'data' },
  { scope: 'USER_DATA', gives: 'data' },
];

export interface BilibiliOAuthHosts {
  baseUrls: Pick<BaseUrls, 'bilibili' | 'bilibiliAuth' | 'bilibiliAuthorize' | 'bilibiliUpload'>;
  timeoutMs: number;
  request?: Requester;
}

/** `expires_in` is documented as an absolute time; a small number is taken as seconds from now. */
export function expiryOf(expiresIn: unknown, now = Date.now()): string {
  const n = Number(expiresIn);
  if (!Number.isFinite(n) || n <= 0) return new Date(now + 30 * 86_400_000).toISOString();
  return new Date(n > 1e9 ? n * 1000 : now + n * 1000).toISOString();
}

export function bilibiliOAuth(hosts: BilibiliOAuthHosts): OAuthProvider {
  const request = hosts.request ?? keepAliveRequester;

  async function token(path: string, form: Record<string, string>): Promise<Record<string, unknown>> {
    const env = await exchange({
      url: `${hosts.baseUrls.bilibiliAuth}${path}`,
      path,
      init: { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body: new URLSearchParams(form).toString() },
      idempotent: true,
      timeoutMs: hosts.timeoutMs,
      request,
    });
    return dataOf(path, env);
  }

  function grantOf(d: Record<string, unknown>, openId: string, stored: Grant | null): Grant {
    const scopes = Array.isArray(d.scopes) ? d.scopes.map(String) : typeof d.scopes === 'string' ? d.scopes.split(',') : (stored?.scopes ?? []);
    return {
      accessToken: String(d.access_token ?? ''),
      expiresAt: expiryOf(d.expires_in),
      refreshToken: typeof d.refresh_token === 'string' && d.refresh_token ? d.refresh_token : (stored?.refreshToken ?? null),
      // The docs give no lifetime for the refresh token.
      refreshExpiresAt: null,
      openId,
      scopes,
      renewalsLeft: null,
      obtainedAt: new Date().toISOString(),
    };
  }

  return {
    scopes: BILIBILI_SCOPES,
    authorizeUrl(app, q) {
      const u = new URL(`${hosts.baseUrls.bilibiliAuthorize}/pc/account-pc/auth/oauth`);
      u.searchParams.set('client_id', app.clientId);
      u.searchParams.set('gourl', q.redirectUri);
      u.searchParams.set('state', q.state);
      return u.toString();
    },
    async exchange(app, q) {
      const d = await token('/x/account-oauth2/v1/token', { client_id: app.clientId, client_secret: app.clientSecret, grant_type: 'authorization_code', code: q.code });
      const partial = grantOf(d, '', null);
      const info = await new BilibiliClient({
        baseUrl: hosts.baseUrls.bilibili,
        uploadBase: hosts.baseUrls.bilibiliUpload,
        app,
        grant: { current: async () => partial, refreshed: async () => partial },
        meter: UNMETERED,
        timeoutMs: hosts.timeoutMs,
        request,
      }).accountInfo();
      return { ...partial, openId: info.openid };
    },
    async refresh(app: OAuthApp, grant: Grant) {
      if (!grant.refreshToken) throw new Error('no refresh token stored');
      const d = await token('/x/account-oauth2/v1/refresh_token', {
        client_id: app.clientId,
        client_secret: app.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: grant.refreshToken,
      });
      return grantOf(d, grant.openId, grant);
    },
  };
}
