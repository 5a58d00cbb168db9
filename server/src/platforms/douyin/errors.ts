// Douyin's error transport: HTTP 200 with `data.error_code` (and `extra.error_code`), mapped to
// the engine's PlatformError kinds. Codes from API-REFERENCE.md §3 ([DYD] dop/develop/openapi/status-code).
import { PlatformError, type PlatformErrorKind } from '../adapter';

export const PLATFORM = 'douyin';

/** Access token expired (new, old and OAuth codes): refresh once, then 'auth'. */
export const TOKEN_EXPIRED: ReadonlySet<number> = new Set([28001008, 2190008, 10008]);
const BUSY = new Set([28001005, 2100004]);
/**
 * 28001056 "该能力API已下线,不再支持调用": the API was withdrawn (a live video_list answer quoted on
 * developer.open-douyin.com/forum/question/post/67e69d43d07789b36c2c8553); repeating it cannot help.
 */
const PERMISSION = new Set([28001012, 2190004, 2100007, 28001015, 28001052, 28001056, 10004]);
const INVALID = new Set([28001007, 2100005]);
const AUTH = new Set([2190002, 28001003, 10010, 10020, 10005]);

/** Milliseconds until the next midnight in Beijing (UTC+8, no DST): daily quotas reset there. */
export function msUntilBeijingMidnight(now = Date.now()): number {
  const day = 86_400_000;
  const local = now + 8 * 3_600_000;
  return day - (local % day);
}

export function douyinError(path: string, code: number, description: string, idempotent: boolean): PlatformError {
  let kind: PlatformErrorKind = 'invalid';
  let retryAfterMs: number | undefined;
  if (TOKEN_EXPIRED.has(code) || AUTH.has(code)) kind = 'auth';
  else if (BUSY.has(code)) {
    kind = 'rate_limited';
    retryAfterMs = 2_000;
  } else if (code === 28003017 || code === 2190001) {
    kind = 'rate_limited';
    retryAfterMs = msUntilBeijingMidnight();
  } else if (code === 28003018) {
    kind = 'rate_limited';
    retryAfterMs = 1_000;
  } else if (PERMISSION.has(code)) kind = 'permission';
  else if (INVALID.has(code)) kind = 'invalid';
  else if (!idempotent) kind = 'unknown_outcome';
  else kind = 'transient';
  return new PlatformError({
    kind,
    platform: PLATFORM,
    code,
    platformMessage: description,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    message: `抖音 ${path} 返回错误 ${code}: ${description} / Douyin ${path} answered error ${code}: ${description}`,
  });
}
