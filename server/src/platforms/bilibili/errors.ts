// Bilibili open platform answers HTTP 200 with `{code, message, data}`; code 0 is success.
// The codes and their meanings are from 接口签名实现标准和状态码
// (open.bilibili.com/doc/4/8673959e-f7bb-56e6-6e68-d225f971b81b) and the 稿件提交 page
// (open.bilibili.com/doc/4/f7fc57dd-55a1-5cb1-cba4-61fb2994bf0f), as collected in
// masterAventador/automation-tool@02a41d8:contracts/publishing/bilibili-open-api.v1.json.

import { PlatformError, type PlatformErrorKind } from '../adapter';

export const PLATFORM = 'bilibili';

/** access_token验证错误: the token expired or was revoked; refresh once, then 'auth'. */
export const TOKEN_INVALID = 127001;
/** 非正式会员单日只能投递五个稿件. */
export const DAILY_LIMIT = 123036;

const KINDS: Record<number, PlatformErrorKind> = {
  // Signature / envelope errors: our request is wrong, repeating it changes nothing.
  4000: 'invalid', 4001: 'invalid', 4002: 'auth', 4003: 'transient', 4004: 'invalid', 4005: 'invalid',
  4006: 'invalid', 4007: 'invalid', 4008: 'invalid', 4009: 'invalid', 4010: 'rate_limited', 4011: 'rate_limited', 4012: 'invalid',
  122000: 'auth', 122001: 'auth', 122002: 'auth', 122007: 'auth', 122008: 'auth', 122009: 'rate_limited', 122010: 'rate_limited',
  127000: 'auth', 127001: 'auth', 127002: 'auth', 127003: 'auth', 127004: 'auth', 127005: 'permission', 127006: 'permission',
  127007: 'permission', 127008: 'auth', 127009: 'rate_limited', 127010: 'permission', 127011: 'permission', 127022: 'invalid',
  127023: 'auth', 127304: 'permission', 127305: 'permission', 127306: 'rate_limited',
  123001: 'permission', 123002: 'rate_limited', 123023: 'rate_limited', 123028: 'rate_limited', 123039: 'rate_limited', 123044: 'rate_limited',
  123015: 'rate_limited', 123026: 'rate_limited', 123029: 'rate_limited', 123036: 'rate_limited', 123037: 'permission',
  123042: 'permission', 123050: 'permission', 123051: 'permission',
};

/** How long to wait before the call can succeed, where the code says so. */
function retryAfterOf(code: number): number | undefined {
  if (code === 123026) return 30_000; // 您投稿的频率过快，请稍等30秒
  if (code === 123028) return 10_000; // 稿件后台处理中,请10秒后再尝试
  if (code === 123015) return 60_000; // 同一个标题短时间内不能重复提交 (no figure given)
  if (code === DAILY_LIMIT) return msUntilShanghaiMidnight();
  const kind = KINDS[code];
  return kind === 'rate_limited' ? 5_000 : undefined;
}

export function msUntilShanghaiMidnight(now = Date.now()): number {
  const shanghai = now + 8 * 3600_000;
  return 86_400_000 - (shanghai % 86_400_000);
}

/** The PlatformError for a non-zero `code`. 123xxx content codes not listed are content errors: 'invalid'. */
export function codeError(path: string, code: number, message: string, answer?: Record<string, unknown>): PlatformError {
  const kind: PlatformErrorKind = KINDS[code] ?? (code >= 123000 && code < 124000 ? 'invalid' : 'transient');
  const retryAfterMs = retryAfterOf(code);
  return new PlatformError({
    kind,
    platform: PLATFORM,
    code,
    platformMessage: message,
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    message: `Bilibili ${path}: ${code} ${message}`,
    ...(answer && { answer }),
  });
}
