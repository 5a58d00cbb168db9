// The stable access token (POST /cgi-bin/stable_token), cached in a TokenStore.
// Normal mode returns the same token while it is valid (WeChat rotates it in its last 5 minutes);
// force_refresh invalidates the current token for every holder and is limited to 20 calls a day,
// so it is used only when normal mode hands back the very token an API call just refused.

import { createHash } from 'node:crypto';
import { type CallMeter, PlatformError, type TokenStore, UNMETERED } from '../adapter';
import { errcodeError, PLATFORM } from './errors';
import { errcodeOf, errmsgOf, send, type Transport } from './http';

export const STABLE_TOKEN_PATH = '/cgi-bin/stable_token';
/** A cached token is used until this long before it expires. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

export interface TokenInfo {
  token: string;
  expiresAt: Date;
}

// Shared by every client of this process: concurrent callers wait for one request.
const inFlight = new Map<string, Promise<TokenInfo>>();

export class TokenManager {
  readonly storeKey: string;
  private readonly flightKeyBase: string;

  constructor(
    private readonly transport: Transport,
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly store: TokenStore,
    private readonly onToken: (token: string) => void,
    private readonly meter: CallMeter = UNMETERED,
  ) {
    this.storeKey = `wechat:${appId}`;
    this.flightKeyBase = createHash('sha256')
      .update(`${transport.baseUrl}\0${appId}\0${appSecret}`)
      .digest('hex');
  }

  /** A usable token: the cached one unless it is within the refresh margin, else a fetched one. */
  async current(): Promise<string> {
    const cached = await this.fresh();
    if (cached) return cached.token;
    return (await this.fetch(false)).token;
  }

  /** Calls stable_token now (joining an identical request already in flight) and stores the result. */
  async fetch(forceRefresh: boolean): Promise<TokenInfo> {
    const key = `${this.flightKeyBase}:${forceRefresh ? 'force' : 'normal'}`;
    let request = inFlight.get(key);
    if (!request) {
      request = this.request(forceRefresh).finally(() => inFlight.delete(key));
      inFlight.set(key, request);
    }
    const info = await request;
    this.onToken(info.token);
    await this.store.set(this.storeKey, info.token, info.expiresAt);
    return info;
  }

  /** After an API refused `rejected`: drop it and return a different token (forcing one if needed). */
  async replaceRejected(rejected: string): Promise<string> {
    await this.store.invalidate(this.storeKey, rejected);
    const other = await this.fresh();
    if (other && other.token !== rejected) return other.token;

    const normal = await this.fetch(false);
    if (normal.token !== rejected) return normal.token;

    // Normal mode still hands out the refused token: drop it again, and unless another holder
    // has forced a new one meanwhile, force one ourselves.
    await this.store.invalidate(this.storeKey, rejected);
    const raced = await this.fresh();
    if (raced && raced.token !== rejected) return raced.token;
    return (await this.fetch(true)).token;
  }

  private async fresh(): Promise<TokenInfo | null> {
    const cached = await this.store.get(this.storeKey);
    if (!cached || cached.expiresAt.getTime() - Date.now() <= TOKEN_REFRESH_MARGIN_MS) return null;
    this.onToken(cached.token);
    return cached;
  }

  private async request(forceRefresh: boolean): Promise<TokenInfo> {
    this.meter.take(STABLE_TOKEN_PATH);
    const body = await send(this.transport, {
      path: STABLE_TOKEN_PATH,
      body: {
        json: {
          grant_type: 'client_credential',
          appid: this.appId,
          secret: this.appSecret,
          force_refresh: forceRefresh,
        },
      },
      idempotent: true,
    });
    const code = errcodeOf(body);
    if (code !== 0) throw errcodeError(STABLE_TOKEN_PATH, code, errmsgOf(body), this.transport.redact);

    const token = body.access_token;
    const expiresIn = Number(body.expires_in);
    if (typeof token !== 'string' || token === '' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
      throw new PlatformError({
        kind: 'transient',
        platform: PLATFORM,
        code: null,
        message: `WeChat ${STABLE_TOKEN_PATH} answered without access_token/expires_in`,
      });
    }
    return { token, expiresAt: new Date(Date.now() + expiresIn * 1000) };
  }
}
