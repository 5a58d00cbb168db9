// Kuaishou's error transport: HTTP 200 with `{"result": N, "error_msg": "…"}`; success is
// `result: 1`, anything else is an error (open.kuaishou.com/platformDocs/openAbility/kwaiLogin:
// "当 result 不为 1 时,说明请求错误"). Codes from the official error-code page, mirrored at
// apifox.com/apidoc/project-462993/doc-355272 (错误码: oauth2.0, 直播, 内容).

import { type PlatformErrorKind, PlatformError } from '../adapter';

export const PLATFORM = 'kuaishou';

/** access_token refused as expired or invalid: refresh once, then 'auth'. */
export const TOKEN_REFRESH_RESULTS: ReadonlySet<number> = new Set([
  100200102, // 请求被拒绝,可能是无效的 token 等
  100200108, // access_token过期
]);

const KINDS: Record<number, { kind: PlatformErrorKind; zh: string }> = {
  100200100: { kind: 'invalid', zh: '请求缺少参数或参数类型错误' },
  100200101: { kind: 'auth', zh: '无效的应用(app_id/app_secret 或回调地址不正确)' },
  100200102: { kind: 'auth', zh: '请求被拒绝,可能是无效的 token' },
  100200103: { kind: 'invalid', zh: 'responseType 错误' },
  100200104: { kind: 'invalid', zh: 'grantType 不支持' },
  100200105: { kind: 'auth', zh: '授权码 code 错误或已失效' },
  100200106: { kind: 'permission', zh: '授权范围 scope 错误(未授予所需权限)' },
  100200107: { kind: 'auth', zh: '无效的 openid' },
  100200108: { kind: 'auth', zh: 'access_token 过期' },
  100200109: { kind: 'auth', zh: '用户已取消对该应用的授权' },
  100200110: { kind: 'auth', zh: '用户授权已过期' },
  100200111: { kind: 'auth', zh: '用户未授权过该应用' },
  100200112: { kind: 'auth', zh: 'bundleToken 不合法' },
  100200113: { kind: 'auth', zh: 'refresh_token 过期,需要重新授权' },
  100200500: { kind: 'rate_limited', zh: '快手服务内部错误' },
  // 直播 (the only throttling code the page lists; we read it on every API: UNVERIFIED elsewhere)
  400002: { kind: 'rate_limited', zh: '接口限速' },
  400003: { kind: 'rate_limited', zh: '快手服务错误' },
  // 内容
  120001: { kind: 'invalid', zh: '视频不存在' },
  120002: { kind: 'invalid', zh: '视频未上传成功' },
  120003: { kind: 'invalid', zh: '视频发布失败' },
  100400: { kind: 'invalid', zh: '参数错误' },
  // 行业对接 / highLightUploadInterface page: 10000200 参数错误
  10000200: { kind: 'invalid', zh: '参数错误' },
};

// No documented frequency code for the content APIs: an error_msg that speaks of frequency is
// read as throttling (UNVERIFIED; keeps a rate limit from failing a post for good).
const RATE_WORDS = /频繁|频率|限流|限速|too many|rate limit|frequency/i;

/** Back-off for a throttled call when Kuaishou says nothing of when to retry. */
export const RATE_RETRY_MS = 5_000;
/** Back-off after a server error (服务内部错误, HTTP 5xx): worth a quick repeat. */
export const SERVER_RETRY_MS = 1_000;
const SERVER_ERRORS: ReadonlySet<number> = new Set([100200500, 400003]);

export function resultOf(body: Record<string, unknown>): number {
  const r = body.result;
  return typeof r === 'number' ? r : Number(r);
}

export function errorMsgOf(body: Record<string, unknown>): string {
  return typeof body.error_msg === 'string' ? body.error_msg : '';
}

export function resultError(path: string, body: Record<string, unknown>, redact: (s: string) => string): PlatformError {
  const code = resultOf(body);
  const msg = redact(errorMsgOf(body));
  const known = KINDS[code];
  const kind: PlatformErrorKind = RATE_WORDS.test(msg) ? 'rate_limited' : (known?.kind ?? 'invalid');
  return new PlatformError({
    kind,
    platform: PLATFORM,
    code: Number.isFinite(code) ? code : null,
    platformMessage: msg,
    retryAfterMs: kind === 'rate_limited' ? (SERVER_ERRORS.has(code) ? SERVER_RETRY_MS : RATE_RETRY_MS) : undefined,
    message: `快手 ${path} 返回 result ${Number.isFinite(code) ? code : '?'}${known ? `(${known.zh})` : ''}${msg ? `: ${msg}` : ''} / Kuaishou ${path} answered result ${code}`,
    answer: body,
  });
}

/** Scrubs secrets and tokens this client knows from text that may be logged. */
export function makeRedactor(secrets: () => string[]): (text: string) => string {
  return (text) => {
    let out = text;
    for (const s of secrets()) if (s && s.length >= 4) out = out.split(s).join('***');
    return out.replace(/(access_token|app_secret|refresh_token|upload_token)=[^&\s"]+/g, '$1=***');
  };
}

export function msUntilShanghaiMidnight(now = Date.now()): number {
  const day = 86_400_000;
  const shanghai = now + 8 * 3_600_000;
  return day - (shanghai % day);
}
