/**
 * One error type for the whole product. Every 4xx says what was wrong in
 * Chinese and English; a 5xx hides internals (the handler logs it with the request id).
 */
export const ErrorCodes = {
  bad_request: 400,
  validation_failed: 400,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  header_too_large: 431,
  unauthenticated: 401,
  /** The password was right; the account has two-factor sign-in and the code is missing. */
  totp_required: 401,
  /** The two-factor code (or recovery code) is wrong or was already used. */
  totp_invalid: 401,
  forbidden: 403,
  /** A cookie-carrying mutation (or a sign-in) sent by another site's page. */
  cross_site_request: 403,
  /** The workspace requires two-factor sign-in and this member has not enrolled yet. */
  totp_setup_required: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  /** The pre-publish gate found blocking terms (details.findings lists them). */
  screening_blocked: 409,
  /** A target account's variant breaks its platform's rules (details.issues lists them). */
  variant_invalid: 422,
  rate_limited: 429,
  platform_error: 502,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export interface Bilingual {
  zh: string;
  en: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly zh: string;
  readonly details?: unknown;

  constructor(code: ErrorCode, msg: Bilingual, details?: unknown) {
    super(msg.en);
    this.code = code;
    this.zh = msg.zh;
    this.details = details;
  }

  get status(): number {
    return ErrorCodes[this.code];
  }

  /** "中文 / English", the form every API error message takes. */
  get bilingual(): string {
    return `${this.zh} / ${this.message}`;
  }
}

export const notFound = (what: Bilingual) => new AppError('not_found', { zh: `${what.zh}不存在`, en: `${what.en} not found` });

export const forbidden = (msg?: Bilingual) => new AppError('forbidden', msg ?? { zh: '你的角色无权执行此操作', en: 'Your role is not allowed to do this' });

export const invalidState = (msg: Bilingual) => new AppError('invalid_state', msg);

export const badRequest = (msg: Bilingual, details?: unknown) => new AppError('bad_request', msg, details);

/** Runs a write, turning PostgreSQL's unique violation (23505, also when drizzle wraps it) into a 409 with `msg`. */
export async function conflictOnDuplicate<T>(fn: () => Promise<T>, msg: Bilingual): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const err = e as { code?: string; cause?: { code?: string } };
    if (err.code === '23505' || err.cause?.code === '23505') throw new AppError('conflict', msg);
    throw e;
  }
}
