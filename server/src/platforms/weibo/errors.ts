// Weibo's error transport: HTTP 4xx (400 also for rate limits) with {request, error_code, error}
// ([QQ] qqxadyy/weibo-openapi-4java@775a090 WeiboException, HttpClientNew; [HR]
// hoverruan/weiboclient4j@80556b1 WeiboError.java), mapped to the engine's PlatformError kinds.

import { PlatformError, type PlatformErrorKind } from '../adapter';

export const PLATFORM = 'weibo';

/** 21327 expired_token, 21332 invalid_access_token, 21314–21317 token used/expired/revoked/rejected. */
export const TOKEN_CODES: ReadonlySet<number> = new Set([21327, 21332, 21314, 21315, 21316, 21317]);
/** 10022 IP, 10023 user, 10024 user per API (hourly windows); 20016 posting too fast. */
export const RATE_CODES: ReadonlySet<number> = new Set([10022, 10023, 10024, 20016]);
/** Content refused synchronously: 20017 similar, 20019 duplicate, 20018 illegal URL, 20020 ads, 20021 illegal, 20012 over 140, 10017 no safe-domain link. */
export const CONTENT_CODES: ReadonlySet<number> = new Set([20017, 20019, 20018, 20020, 20021, 20012, 10017]);
/** 20032: "posted, server slow or in review" ([HR]): accepted, but no Status object came back. */
export const ACCEPTED_UNKNOWN = 20032;
/** 10001 system error, 10002 service unavailable, 10009 too many pending tasks ([HR]): Weibo says it did not do it. */
const BUSY_CODES: ReadonlySet<number> = new Set([10001, 10002, 10009]);
/** 21321 unaudited app over its user limit or authorisation revoked; 10014 app lacks the API's right. */
const PERMISSION_CODES: ReadonlySet<number> = new Set([21321, 10014]);

/**
 * How long to wait after a rate-limit or busy answer. Weibo's answer carries no Retry-After; its
 * limits are hourly windows (rate_limit_status limit_time_unit HOURS) and 20016 is a short "too
 * fast". These are guesses (UNVERIFIED): 60 s for 20016, 10 min for the hourly limits. A busy
 * answer (10001 system error …) is a passing blip, worth a quick repeat: waiting out an hourly
 * window for it held a due post back by ten minutes.
 */
export function retryAfterFor(code: number): number {
  if (BUSY_CODES.has(code)) return 1_000;
  return code === 20016 ? 60_000 : 600_000;
}

const ZH: Record<number, string> = {
  10017: '微博正文必须包含应用绑定的安全域名链接',
  20012: '微博正文超过 140 字',
  20016: '发微博太频繁',
  20017: '与近期发布的微博内容相似',
  20018: '微博包含非法网址',
  20019: '重复发布相同内容',
  20020: '微博包含广告信息',
  20021: '微博包含违规内容',
  20201: '评论不存在（可能已被删除）',
  20203: '不能删除这条评论（不是本账号的评论，也不在本账号的微博下）',
};

export function kindOf(code: number, idempotent: boolean): PlatformErrorKind {
  if (TOKEN_CODES.has(code)) return 'auth';
  if (RATE_CODES.has(code) || BUSY_CODES.has(code)) return 'rate_limited';
  if (CONTENT_CODES.has(code)) return 'invalid';
  if (PERMISSION_CODES.has(code)) return 'permission';
  if (code === ACCEPTED_UNKNOWN) return idempotent ? 'transient' : 'unknown_outcome';
  return 'invalid';
}

export function weiboError(path: string, code: number, error: string, idempotent: boolean, answer?: Record<string, unknown>): PlatformError {
  const kind = kindOf(code, idempotent);
  const zh = ZH[code];
  const why = kind === 'unknown_outcome' ? ' (已提交但未返回微博 id，需核对 / accepted without a status id: reconcile)' : '';
  return new PlatformError({
    kind,
    platform: PLATFORM,
    code,
    platformMessage: error,
    retryAfterMs: kind === 'rate_limited' ? retryAfterFor(code) : undefined,
    message: `${zh ? `${zh} / ` : ''}Weibo ${path} error ${code}: ${error}${why}`,
    answer,
  });
}

/** A refusal made here before calling Weibo (what Weibo would refuse anyway). */
export function localInvalid(zh: string, en: string): PlatformError {
  return new PlatformError({ kind: 'invalid', platform: PLATFORM, code: 'local', message: `${zh} / ${en}` });
}

/** Removes access tokens and secrets from text that may be logged. */
export function makeRedactor(secrets: () => string[]): (text: string) => string {
  return (text) => {
    let out = text.replace(/access_token=[^&\s"]+/g, 'access_token=***');
    for (const s of secrets()) if (s) out = out.split(s).join('***');
    return out;
  };
}
