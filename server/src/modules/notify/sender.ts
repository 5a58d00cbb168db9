import type { ChannelType } from './webhook-url';

/** What one POST to a robot came to. */
export interface Outcome {
  ok: boolean;
  /** Worth retrying later: rate limits, 5xx, timeouts, network errors. */
  transient: boolean;
  httpStatus: number | null;
  /** The platform's errcode (WeCom, DingTalk) or code (Feishu), as text. */
  code: string | null;
  message: string;
  durationMs: number;
}

/**
 * Platform codes that mean "not now" rather than "never": WeCom 45009 (over 20 messages a
 * minute) and -1 (system busy); DingTalk 130101 / 410100 (sending too fast, throttled for a
 * while) and -1; Feishu 11232 (frequency limit). Everything else non-zero is a configuration
 * or content error (310000 sign/keyword/IP, 19021 sign, 93000 bad key, 9499 bad request…)
 * that a retry cannot fix.
 */
const TRANSIENT: Record<ChannelType, Set<number>> = {
  wecom: new Set([45009, -1]),
  dingtalk: new Set([130101, 410100, -1]),
  feishu: new Set([11232]),
};

/** Reads the platform's answer envelope, then the HTTP status. */
export function interpret(type: ChannelType, httpStatus: number, text: string): Omit<Outcome, 'durationMs'> {
  let json: Record<string, unknown> | null = null;
  try {
    const v = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) json = v as Record<string, unknown>;
  } catch {
    json = null;
  }
  const codeField = type === 'feishu' ? (json?.code ?? json?.StatusCode) : json?.errcode;
  const msgField = type === 'feishu' ? (json?.msg ?? json?.StatusMessage) : json?.errmsg;
  const code = typeof codeField === 'number' ? codeField : typeof codeField === 'string' && /^-?\d+$/.test(codeField) ? Number(codeField) : null;
  const message = typeof msgField === 'string' ? msgField : text.slice(0, 300);
  const http2xx = httpStatus >= 200 && httpStatus < 300;
  if (code !== null) {
    if (code === 0 && http2xx) return { ok: true, transient: false, httpStatus, code: '0', message: message || 'ok' };
    if (code !== 0) return { ok: false, transient: TRANSIENT[type].has(code) || httpStatus >= 500, httpStatus, code: String(code), message };
  }
  if (http2xx) {
    // A 2xx without the envelope is not the robot we think it is.
    return { ok: false, transient: false, httpStatus, code: null, message: `无法识别的应答 / unrecognised answer: ${text.slice(0, 200)}` };
  }
  const transient = httpStatus === 429 || httpStatus === 408 || httpStatus >= 500;
  const why = httpStatus >= 300 && httpStatus < 400 ? '不跟随重定向 / redirects are not followed' : `HTTP ${httpStatus}`;
  return { ok: false, transient, httpStatus, code: null, message: message ? `${why}: ${message}` : why };
}

/** POSTs the JSON body; never follows redirects (the target was validated, the redirect was not). */
export async function postJson(type: ChannelType, url: URL, body: string, timeoutMs: number): Promise<Outcome> {
  const started = Date.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await res.text()).slice(0, 64 * 1024);
    return { ...interpret(type, res.status, text), durationMs: Date.now() - started };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const timedOut = err.name === 'TimeoutError' || err.name === 'AbortError';
    const message = timedOut
      ? `${timeoutMs} 毫秒内没有应答 / no answer within ${timeoutMs} ms`
      : `无法连接 / cannot connect: ${err.cause?.code ?? err.message}`;
    return { ok: false, transient: true, httpStatus: null, code: null, message, durationMs: Date.now() - started };
  }
}
