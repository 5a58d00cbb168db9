// Platform-neutral pieces shared by every platform client (WeChat, Weibo, Douyin, …) and the
// publishing engine: one error type whose `kind` drives the engine's decision, token storage, the
// call meter (daily API quotas), and the PlatformAdapter interface the engine knows platforms by.

export type PlatformErrorKind =
  /**
   * Credentials rejected or the grant expired: bad secret/appid, a token still refused after one
   * refresh, a refresh token past its life. A person must reconnect the account.
   */
  | 'auth'
  /** Quota or throttling, "system busy", HTTP 5xx on a repeatable call: back off, then retry. */
  | 'rate_limited'
  /** The account lacks the right (API not granted, banned, IP not whitelisted): a human must act. */
  | 'permission'
  /** The request was rejected synchronously for its content, size or format: do not retry as is. */
  | 'invalid'
  /** The platform's review rejected the content after an asynchronous publish. */
  | 'rejected'
  /** Network error or timeout on a call that is safe to repeat (reads, uploads, draft creation). */
  | 'transient'
  /**
   * The connection failed AFTER a non-idempotent request (a publish) was sent: it may or may not
   * have taken effect. The caller must reconcile against the platform, never blindly retry.
   */
  | 'unknown_outcome';

export interface PlatformErrorInit {
  kind: PlatformErrorKind;
  platform: string;
  /** The platform's own error code (WeChat errcode, Weibo error_code, HTTP status …), or null. */
  code?: string | number | null;
  /** The platform's own error text, as received (secrets and tokens removed). */
  platformMessage?: string;
  /** A hint from the platform's rules of when a retry can succeed. */
  retryAfterMs?: number;
  /** Our explanation, for logs and for the user. Must never contain secrets or tokens. */
  message: string;
  /** The platform's whole answer, when a caller needs more of it than the code (never logged). */
  answer?: Record<string, unknown>;
}

export class PlatformError extends Error {
  readonly kind: PlatformErrorKind;
  readonly platform: string;
  readonly code: string | number | null;
  readonly platformMessage: string;
  readonly retryAfterMs?: number;
  readonly answer?: Record<string, unknown>;

  constructor(init: PlatformErrorInit) {
    super(init.message);
    this.name = 'PlatformError';
    this.kind = init.kind;
    this.platform = init.platform;
    this.code = init.code ?? null;
    this.platformMessage = init.platformMessage ?? '';
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.answer !== undefined) Object.defineProperty(this, 'answer', { value: init.answer, enumerable: false });
  }
}

export { NotSentError } from './keepalive';

/** A platform's answer body as a JSON object, or null when it is not one (not JSON, an array, a scalar). */
export function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function isPlatformError(err: unknown): err is PlatformError {
  return err instanceof PlatformError;
}

/**
 * Whether repeating the same call later may succeed. `unknown_outcome` is deliberately false:
 * the call may already have taken effect, so the caller reconciles first.
 */
export function isRetryable(err: unknown): boolean {
  return isPlatformError(err) && (err.kind === 'rate_limited' || err.kind === 'transient');
}

/**
 * Where access tokens live. Production keeps them in PostgreSQL so every process shares one
 * token per account (WeChat's stable token is per app, and a forced refresh invalidates it for
 * everyone).
 */
export interface TokenStore {
  get(key: string): Promise<{ token: string; expiresAt: Date } | null>;
  set(key: string, token: string, expiresAt: Date): Promise<void>;
  /** Forget `token` under `key`, but only if it is still the stored one (a newer token stays). */
  invalidate(key: string, token: string): Promise<void>;
}

export class MemoryTokenStore implements TokenStore {
  private readonly entries = new Map<string, { token: string; expiresAt: Date }>();

  async get(key: string): Promise<{ token: string; expiresAt: Date } | null> {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt.getTime() <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return { token: entry.token, expiresAt: new Date(entry.expiresAt.getTime()) };
  }

  async set(key: string, token: string, expiresAt: Date): Promise<void> {
    this.entries.set(key, { token, expiresAt: new Date(expiresAt.getTime()) });
  }

  async invalidate(key: string, token: string): Promise<void> {
    if (this.entries.get(key)?.token === token) this.entries.delete(key);
  }
}

/**
 * Counts the calls a client makes, per API, so the engine can keep within a platform's daily
 * quotas (and never spend one on status polls). `take` is called before each request is sent.
 */
export interface CallMeter {
  take(api: string, n?: number): void;
  /** Calls still allowed today for `api` once `reserve` calls are kept back. */
  remaining(api: string, reserve?: number): number;
}

export const UNMETERED: CallMeter = { take() {}, remaining: () => Number.POSITIVE_INFINITY };

/** A file of our media library as an adapter sees it: what was read from it, and its bytes on demand. */
export interface MediaRef {
  mediaId: string;
  filename: string;
  contentType: string;
  size: number;
  /** Read from the file (ffprobe) when it was uploaded; null when unknown. */
  width: number | null;
  height: number | null;
  durationMs: number | null;
  load(): Promise<Buffer>;
}

/**
 * The per-platform part of a post (post_variants), with what falls back to the master post
 * already applied. Its rules (lengths, counts, sizes) were checked before approval
 * (contract/platforms.ts); an adapter still refuses what its platform would refuse.
 */
export interface VariantInput {
  /** Plain text: Weibo's status, Douyin/Kuaishou's caption, Bilibili's description. Topics are not in it. */
  text: string;
  images: MediaRef[];
  video: MediaRef | null;
  /** The variant's cover (video cover), or the post's cover. */
  cover: MediaRef | null;
  /** Topics without '#', in order; the adapter writes them the platform's way (`#话题` or a field). */
  topics: string[];
  tags: string[];
  /** Platform-specific settings of the variant (Bilibili's partition `tid`, `copyright`, `source` …). */
  options: Record<string, unknown>;
}

/** What the engine needs from a post to publish it to one account. */
export interface PublishInput {
  title: string;
  author: string;
  digest: string;
  bodyHtml: string;
  contentSourceUrl: string | null;
  cover: { mediaId: string; load: () => Promise<MediaFile> } | null;
  /** Files of our media library referenced from the body, loaded on demand. */
  loadMedia: (mediaId: string) => Promise<MediaFile>;
  variant: VariantInput;
  /**
   * The IP address of the member who scheduled the publication (Weibo's `rip`: the real IP of the
   * user behind the post), or null.
   */
  clientIp: string | null;
}

export interface MediaFile {
  data: Buffer;
  filename: string;
  contentType: string;
}

/**
 * How a publication goes out, as the adapter understands it (for WeChat: 发布 or 群发 to all
 * followers or to a tag). Stored on the publication as given; the engine passes it through.
 */
export type Delivery = Record<string, unknown> & { mode: string };

export interface Prepared {
  /** "<our media id>:<platform id>" so a changed cover is uploaded again. */
  coverRemoteId: string | null;
  draftRemoteId: string;
  /**
   * A digest of what was sent (title and visible text), by which the published item can be
   * recognised on the platform after an unknown outcome.
   */
  fingerprint: string;
}

export interface Submitted {
  /** The platform's id of the job or post (WeChat publish_id or mass-send msg_id). */
  remoteId: string;
  /** Where the platform gives one at submit time (WeChat msg_data_id, for comments later). */
  msgDataId: string | null;
  /** Synchronous platforms (Weibo) answer the final outcome at once: no status poll follows. */
  status?: RemoteStatus;
}

export type RemoteStatus =
  | { state: 'publishing' }
  | { state: 'published'; articleId: string | null; url: string | null }
  | { state: 'failed'; code: string; reason: string };

export type Reconciled =
  | {
      found: true;
      remoteId: string | null;
      articleId: string | null;
      url: string | null;
      /** Found, but still in the platform's review: `status(remoteId)` tells the outcome (it may yet be rejected). */
      inReview?: boolean;
    }
  | { found: false };

/** A result the platform pushed to us (a callback), already verified and decoded. */
export interface PushedResult {
  remoteId: string;
  status: RemoteStatus;
}

export interface QuotaRule {
  /** The API as the meter counts it (WeChat: the cgi path). */
  api: string;
  /** Documented default daily limit; an account may override it. */
  dailyLimit: number;
}

/** A limit on how often an account may use one kind of delivery (a subscription account mass-sends once a day). */
export interface Allowance {
  key: string;
  unit: 'day' | 'month';
  limit: number;
  label: { zh: string; en: string };
}

/** What an account's grant lets the product do on its platform. */
export type Capability = 'publish' | 'handoff' | 'comments' | 'data';

/**
 * How an account's posts go out: `api`, submitted by the engine; `handoff`, prepared by the
 * product and finished by a member in the platform's own app (Douyin's share flow), then found
 * and linked through the platform's API; `manual`, a member posts it and types in the link.
 */
export type PublishRoute = 'api' | 'handoff' | 'manual';

/** What the member gets to finish a hand-off post in the platform's app. */
export interface HandoffKit {
  /** A URL to open on the phone (shown as a QR code and a link). */
  url: string;
  /** How long the URL stays valid, or null. */
  expiresAt: Date | null;
  /** Platform ids to recognise the finished post by later (e.g. Douyin's share_id). */
  ref: string | null;
  steps: { zh: string; en: string }[];
}

/**
 * One platform account as the publishing engine sees it. The engine knows nothing else of a
 * platform: everything platform-specific (which API, which ids, how to find a post again, which
 * quotas) is behind this interface (server/src/platforms/<platform>/).
 */
export interface PlatformAdapter {
  readonly platform: string;
  /** Gets ready to call the platform (an access token), so that the due second only submits. */
  warm(): Promise<void>;
  /** Uploads what the post needs and creates the platform-side draft. Safe to repeat (drafts are private). */
  prepare(input: PublishInput, previous: { coverRemoteId: string | null }): Promise<Prepared>;
  /**
   * Makes the draft public. `key` is stable for the publication until a person restarts it.
   * An unknown outcome must be reconciled unless `idempotentSubmit(delivery)`. `beforeSend` is
   * called when the request is about to be written (each time it is written, e.g. again after a
   * refreshed token); when it answers false the request is not sent and submit throws NotSentError.
   */
  submit(draftRemoteId: string, delivery: Delivery, key: string, opts?: { beforeSend?: () => Promise<boolean> }): Promise<Submitted>;
  /** True when repeating submit with the same key cannot publish twice (a documented platform guarantee). */
  idempotentSubmit(delivery: Delivery): boolean;
  status(remoteId: string, delivery: Delivery): Promise<RemoteStatus>;
  /**
   * After an unknown outcome: looks for the post on the platform by what was sent (never by the
   * title alone). `exclude` lists platform ids already matched to other publications.
   */
  reconcile(q: { fingerprint: string; since: Date; delivery: Delivery; exclude: string[] }): Promise<Reconciled>;
  /** The API whose daily quota a status poll of this delivery spends. */
  pollApi(delivery: Delivery): string;
  /**
   * Hand-off route only: prepares what the member needs to finish the post in the platform's app
   * (after `prepare`), and later finds the finished post (by `ref` or by what was sent).
   */
  handoff?(prepared: Prepared, input: PublishInput): Promise<HandoffKit>;
  findHandedOff?(q: { ref: string | null; fingerprint: string; since: Date; exclude: string[] }): Promise<Reconciled>;
}

/**
 * An OAuth2 grant of one account, as stored (sealed) in the account's credentials. A refresh
 * answer without a refresh token keeps the stored one (reconnecting never wipes it).
 */
export interface Grant {
  accessToken: string;
  expiresAt: string;
  refreshToken: string | null;
  /** When the refresh token stops working (Douyin: 30 days; Weibo server apps: none). */
  refreshExpiresAt: string | null;
  /** The platform's id of the authorised user (Douyin open_id, Weibo uid, Bilibili openid …). */
  openId: string;
  scopes: string[];
  /** Renewals of the refresh token still allowed (Douyin: 5), or null when the platform has none. */
  renewalsLeft: number | null;
  obtainedAt: string;
}

/** A workspace's app on a platform's open platform (client id and secret), with its settings. */
export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  /** E.g. Weibo's bound safe domain (安全域名) that every status must link to. */
  settings: Record<string, string>;
}

/** A platform's OAuth2 code flow, written to its documents (platforms/<platform>/oauth.ts). */
export interface OAuthProvider {
  /** Scopes asked for by default, and what each gives. */
  scopes: readonly { scope: string; gives: Capability }[];
  authorizeUrl(app: OAuthApp, q: { state: string; redirectUri: string; scopes: string[] }): string;
  /** Trades the code the platform sent to the callback for a grant. */
  exchange(app: OAuthApp, q: { code: string; redirectUri: string }): Promise<Grant>;
  /** A new access token from the refresh token, or absent when the platform has none for servers (Weibo). */
  refresh?(app: OAuthApp, grant: Grant): Promise<Grant>;
  /** A new refresh token (Douyin renew_refresh_token, at most 5 times), or absent. */
  renew?(app: OAuthApp, grant: Grant): Promise<Grant>;
}

/**
 * How an adapter gets the account's current access token: `current` as stored; `refreshed`
 * after the platform refused `stale` as expired (one refresh, shared by every process).
 */
export interface GrantAccess {
  current(): Promise<Grant>;
  refreshed(stale: Grant): Promise<Grant>;
}
