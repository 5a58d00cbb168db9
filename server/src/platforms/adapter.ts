// Platform-neutral pieces shared by every platform client (WeChat, Weibo, Douyin, …) and the
// publishing engine: one error type whose `kind` drives the engine's decision, token storage, the
// call meter (daily API quotas), and the PublishAdapter interface the engine knows platforms by.

export type PlatformErrorKind =
  /** Credentials rejected: bad secret/appid, or the token was still refused after one refresh. */
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
}

export type RemoteStatus =
  | { state: 'publishing' }
  | { state: 'published'; articleId: string | null; url: string | null }
  | { state: 'failed'; code: string; reason: string };

export type Reconciled =
  | { found: true; remoteId: string | null; articleId: string | null; url: string | null }
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

/**
 * One platform account as the publishing engine sees it. The engine knows nothing else of a
 * platform: everything platform-specific (which API, which ids, how to find a post again, which
 * quotas) is behind this interface (server/src/platforms/<platform>/).
 */
export interface PublishAdapter {
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
}
