// WeChat answers every error with HTTP 200 and {errcode, errmsg}; errmsg carries a
// " rid: <hex ts>-<8 hex>-<8 hex>" suffix that support uses to look the call up.
// Messages are the English texts real responses carry (see emulator/README.md, "Sources").

export const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001:
    'invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40004: 'invalid media type',
  40005: 'invalid file type',
  // Sic: real responses spell it "meida".
  40006: 'invalid meida size',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40009: 'invalid image size',
  40010: 'invalid voice size',
  40011: 'invalid video size',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40035: 'invalid args',
  40059: 'invalid msg id',
  40060: 'invalid article idx',
  40066: 'invalid url',
  40125: 'invalid appsecret',
  40130: 'invalid openid list size, at least two openid',
  40152: 'invalid group id',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41005: 'media data missing',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  44001: 'empty media data',
  44002: 'empty post data',
  44003: 'empty news data',
  44004: 'empty content',
  45002: 'content size out of limit',
  45003: 'title size out of limit',
  45004: 'description size out of limit',
  45008: 'article size out of limit',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit must slower retry next minute',
  45015: 'response out of time limit or subscription is canceled',
  45028: 'has no masssend quota',
  45047: 'out of response count limit',
  45065: 'clientmsgid exist',
  45067: 'clientmsgid size out of limit',
  45110: 'author size out of limit',
  47001: 'data format error',
  48001: 'api unauthorized',
  48004: 'api forbidden for irregularities',
  48006: 'forbid to clear quota because of reaching the limit',
  88000: 'without comment privilege',
  53600: 'Article ID 无效',
  61500: 'date format error',
  61501: 'date range error',
  76021: 'cgi_path not found, please check',
};

export class WxError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsgBase: string = ERRMSG[errcode] ?? 'system error',
    /** Fields some errors carry beside errcode and errmsg (45065 names the existing msg_id). */
    readonly extra?: { fields: Record<string, unknown>; rid: boolean },
  ) {
    super(`${errcode} ${errmsgBase}`);
  }

  body(rid: string): Record<string, unknown> {
    if (!this.extra) return errorBody(this.errcode, this.errmsgBase, rid);
    const errmsg = this.extra.rid ? `${this.errmsgBase} rid: ${rid}` : this.errmsgBase;
    return { errcode: this.errcode, errmsg, ...this.extra.fields };
  }
}

function hex8(): string {
  return Math.floor(Math.random() * 0x100000000)
    .toString(16)
    .padStart(8, '0');
}

/** Request id in WeChat's shape: unix seconds in hex, then two random 32-bit groups. */
export function newRid(nowMs: number): string {
  return `${Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0')}-${hex8()}-${hex8()}`;
}

export function errorBody(errcode: number, errmsgBase: string, rid: string) {
  return { errcode, errmsg: `${errmsgBase} rid: ${rid}` };
}
