// Platform-neutral pieces shared by every platform client (WeChat, Weibo, Douyin, …) and the
// publishing engine: one error type whose `kind` drives the engine's decision, and token storage.

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
}

export class PlatformError extends Error {
  readonly kind: PlatformErrorKind;
  readonly platform: string;
  readonly code: string | number | null;
  readonly platformMessage: string;
  readonly retryAfterMs?: number;

  constructor(init: PlatformErrorInit) {
    super(init.message);
    this.name = 'PlatformError';
    this.kind = init.kind;
    this.platform = init.platform;
    this.code = init.code ?? null;
    this.platformMessage = init.platformMessage ?? '';
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
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
