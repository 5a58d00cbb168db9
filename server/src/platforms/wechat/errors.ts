// WeChat errcode → PlatformError, and the publish_status texts.
// Sources: the global return-code table of developers.weixin.qq.com (公众号 全局返回码 / 公共错误码)
// and the freepublish_get page for publish_status.

import { PlatformError, type PlatformErrorKind } from '../adapter';

export const PLATFORM = 'wechat';

/** The token was refused: invalidate it, fetch again, retry the call once. */
export const TOKEN_REFRESH_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

const AUTH_ERRCODES: ReadonlySet<number> = new Set([
  40001, // invalid credential: wrong AppSecret, or the token is not the latest
  40014, // invalid access_token
  42001, // access_token expired
  41001, // access_token missing
  41002, // appid missing
  41004, // appsecret missing
  40013, // invalid appid
  40125, // invalid appsecret
]);

const RATE_LIMIT_ERRCODES: ReadonlySet<number> = new Set([
  -1, // system error: "系统繁忙，此时请开发者稍候再试"
  45009, // reach max api daily quota limit
  45011, // api minute-quota reach limit, must slower, retry next minute
]);
// Not listed: 45028 "has no masssend quota" is the mass-send allowance (subscription 1 a day,
// service 4 a month): nothing to retry today, so it is a refusal ('invalid') with its reason.

const PERMISSION_ERRCODES: ReadonlySet<number> = new Set([
  48001, // api unauthorized
  48004, // api forbidden for irregularities
  40164, // invalid ip, not in whitelist
  61004, // access clientip is not registered
  50002, // user limited (account frozen or closed)
  88000, // without comment privilege
]);

export function kindForErrcode(code: number): PlatformErrorKind {
  if (AUTH_ERRCODES.has(code)) return 'auth';
  if (RATE_LIMIT_ERRCODES.has(code)) return 'rate_limited';
  if (PERMISSION_ERRCODES.has(code)) return 'permission';
  // Everything else WeChat answers synchronously is a refusal of this request as sent:
  // 40004–40009 media type/size, 45001–45004 size limits, 45110, 47001 bad JSON, 53xxx draft checks.
  return 'invalid';
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // China has no daylight saving time
const DAY_MS = 86_400_000;

/** Milliseconds until the next 00:00 in Asia/Shanghai, when WeChat's daily quotas reset. */
export function msUntilShanghaiMidnight(now: number = Date.now()): number {
  const local = now + SHANGHAI_OFFSET_MS;
  const nextLocalMidnight = Math.floor(local / DAY_MS) * DAY_MS + DAY_MS;
  return nextLocalMidnight - local;
}

/** Milliseconds until the next whole minute, and a second more: 45011 says "retry next minute". */
export function msUntilNextMinute(now: number = Date.now()): number {
  return 60_000 - (now % 60_000) + 1_000;
}

export function retryAfterMsForErrcode(code: number, now: number = Date.now()): number | undefined {
  if (code === 45009) return msUntilShanghaiMidnight(now);
  if (code === 45011) return msUntilNextMinute(now);
  if (code === -1) return 1_000;
  return undefined;
}

const ERRCODE_HINTS: Readonly<Record<number, string>> = {
  [-1]: '微信系统繁忙 / WeChat is busy',
  40001: 'AppSecret 错误或 access_token 无效 / wrong AppSecret or invalid access_token',
  40013: 'AppID 无效 / invalid AppID',
  40014: 'access_token 无效 / invalid access_token',
  40125: 'AppSecret 无效 / invalid AppSecret',
  40164: '调用方 IP 不在公众号白名单中 / caller IP is not on the account whitelist',
  41001: '缺少 access_token / access_token missing',
  42001: 'access_token 已过期 / access_token expired',
  45009: '接口今日调用次数已达上限 / daily API quota reached',
  45011: '接口调用太频繁 / API called too frequently',
  40007: '媒体文件 ID 无效 / invalid media_id',
  48001: '公众号没有该接口权限 / the account is not authorized for this API',
  40003: 'openid 无效 / invalid openid',
  45015: '已超过回复时限（用户最后一条消息后 48 小时）或用户已取消关注 / reply time limit exceeded (48 h after the user’s last message) or the user unfollowed',
  45047: '本次可回复的消息条数已用完，等用户再发消息 / no more messages may be sent in this window; wait for the user to write again',
  48004: '接口已被封禁 / the API is banned for this account',
  88000: '公众号没有留言权限 / the account has no comment privilege',
  45028: '群发次数已用完（订阅号每天 1 次，服务号每月 4 次）/ no mass-send allowance left (subscription: once a day; service: four a month)',
  45065: '相同 clientmsgid 的群发已存在 / a mass send with this clientmsgid already exists',
  45067: 'clientmsgid 超过 64 字节 / clientmsgid is longer than 64 bytes',
  // 61500 "Date format error" and 61501 "Date range error": WeChat's global return-code table, as
  // public SDKs carry it (e.g. a PHP SDK's error map; an open-source datacube tool's hints say 61501
  // also for an end date after yesterday). Which of the two a span over the limit gives is the
  // emulator's choice (61501), not a documented one.
  61500: '日期格式错误 / date format error',
  61501: '日期范围错误（超过跨度或结束日期不早于今天）/ date range error (over the span, or the end date is not before today)',
};

export function errcodeError(
  path: string,
  code: number,
  errmsg: string,
  redact: (text: string) => string,
): PlatformError {
  const platformMessage = redact(errmsg);
  const hint = ERRCODE_HINTS[code];
  return new PlatformError({
    kind: kindForErrcode(code),
    platform: PLATFORM,
    code,
    platformMessage,
    retryAfterMs: retryAfterMsForErrcode(code),
    message: `WeChat ${path} returned errcode ${code}${hint ? ` (${hint})` : ''}: ${platformMessage}`,
  });
}

/** publish_status values of freepublish/get and the PUBLISHJOBFINISH event. */
export const PUBLISH_STATUS_REASONS: Readonly<Record<number, string>> = {
  0: '发布成功 / published',
  1: '发布中 / publishing',
  2: '原创声明校验未通过 / originality check failed',
  3: '常规失败 / general publishing failure',
  4: '平台审核不通过 / rejected by platform review',
  5: '发布成功后用户删除了所有文章 / all articles were deleted by the user after publishing',
  6: '发布成功后系统封禁了所有文章 / all articles were banned by the system after publishing',
};

export function publishStatusReason(code: number): string {
  return PUBLISH_STATUS_REASONS[code] ?? `未知发布状态 ${code} / unknown publish status ${code}`;
}

/** Replaces secrets, tokens and any `access_token=` query value with "***". */
export function makeRedactor(secrets: () => Iterable<string>): (text: string) => string {
  return (text: string) => {
    let out = text.replace(/(access_token=)[^&\s"']*/gi, '$1***');
    for (const secret of secrets()) {
      if (secret.length >= 4) out = out.split(secret).join('***');
    }
    return out;
  };
}
