// One HTTP exchange with WeChat: timeout, network-failure classification, HTTP status, JSON.
// The errcode envelope is interpreted by the caller (it needs to see token errors to refresh).

import { PlatformError } from '../adapter';
import { NotSentError, type Requester, type WireInit } from '../keepalive';
import { PLATFORM } from './errors';

export interface Transport {
  baseUrl: string;
  timeoutMs: number;
  request: Requester;
  redact: (text: string) => string;
}

export type WireBody = { json: unknown } | { form: () => FormData } | { get: true };

export interface WireRequest {
  path: string;
  query?: Record<string, string>;
  body: WireBody;
  /** false for calls that must not be repeated blindly (freepublish/submit). */
  idempotent: boolean;
  beforeSend?: () => Promise<boolean>;
}

export type WireObject = Record<string, unknown>;

// Failures that happen before a single byte of the request left this machine.
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export async function send(t: Transport, req: WireRequest): Promise<WireObject> {
  const qs = req.query ? `?${new URLSearchParams(req.query).toString()}` : '';
  const url = `${t.baseUrl}${req.path}${qs}`;
  const signal = AbortSignal.timeout(t.timeoutMs);
  const init: WireInit =
    'get' in req.body
      ? { method: 'GET', body: '', signal }
      : 'json' in req.body
        ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(req.body.json), signal }
        : { body: req.body.form(), signal };
  if (req.beforeSend) init.beforeSend = req.beforeSend;

  let status: number;
  let retryAfter: string | null;
  let text: string;
  try {
    const res = await t.request(url, init);
    status = res.status;
    retryAfter = res.header('retry-after');
    text = res.text;
  } catch (err) {
    // Withdrawn before a byte was written, or the caller's own check failed: nothing was sent.
    if (err instanceof NotSentError) throw err;
    throw networkError(t, req, err);
  }

  if (status < 200 || status > 299) throw httpStatusError(t, req, status, retryAfter, text);

  let parsed: unknown;
  try {
    parsed = parseJsonKeepingLongIntegers(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PlatformError({
      kind: req.idempotent ? 'transient' : 'unknown_outcome',
      platform: PLATFORM,
      code: status,
      platformMessage: t.redact(text.slice(0, 200)),
      message: `WeChat ${req.path} answered HTTP ${status} with a body that is not a JSON object${unknownOutcomeNote(req)}`,
    });
  }
  return parsed as WireObject;
}

function unknownOutcomeNote(req: WireRequest): string {
  return req.idempotent
    ? ''
    : '; the request may have been processed: reconcile before retrying (请求可能已被处理，请先核对再重试)';
}

function networkError(t: Transport, req: WireRequest, err: unknown): PlatformError {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  const timedOut = e?.name === 'TimeoutError' || e?.name === 'AbortError';
  const code = e?.cause?.code ?? e?.code;
  const notSent = !timedOut && code !== undefined && NOT_SENT_CODES.has(code);
  const what = timedOut
    ? `no response within ${t.timeoutMs} ms`
    : `network error (${code ?? e?.cause?.message ?? e?.message ?? 'unknown'})`;
  return new PlatformError({
    kind: req.idempotent || notSent ? 'transient' : 'unknown_outcome',
    platform: PLATFORM,
    code: timedOut ? 'timeout' : (code ?? 'network'),
    platformMessage: '',
    message: t.redact(`WeChat ${req.path}: ${what}${notSent ? '' : unknownOutcomeNote(req)}`),
  });
}

function httpStatusError(
  t: Transport,
  req: WireRequest,
  status: number,
  retryAfter: string | null,
  text: string,
): PlatformError {
  const throttled = status >= 500 || status === 429;
  // A 5xx after a publish was sent (a gateway timeout, say) does not prove it was not processed.
  const kind = status >= 500 && !req.idempotent ? 'unknown_outcome' : throttled ? 'rate_limited' : 'invalid';
  return new PlatformError({
    kind,
    platform: PLATFORM,
    code: status,
    platformMessage: t.redact(text.slice(0, 200)),
    retryAfterMs: throttled ? (parseRetryAfter(retryAfter) ?? 1_000) : undefined,
    message: `WeChat ${req.path} answered HTTP ${status}${kind === 'unknown_outcome' ? unknownOutcomeNote(req) : ''}`,
  });
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

// A JSON string, or a JSON number: scanning both lets the replacer skip digits inside strings.
const JSON_STRING_OR_NUMBER = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * JSON.parse, except that integers beyond Number.MAX_SAFE_INTEGER come back as their exact
 * decimal strings (publish_id and msg_data_id are sometimes sent as bare 64-bit numbers).
 */
export function parseJsonKeepingLongIntegers(text: string): unknown {
  const quoted = text.replace(JSON_STRING_OR_NUMBER, (token) =>
    token.startsWith('"') || !/^-?\d+$/.test(token) || Number.isSafeInteger(Number(token)) ? token : `"${token}"`,
  );
  return JSON.parse(quoted);
}

/** An id that WeChat may send as a number or a string, as a string. */
export function idString(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

export function errcodeOf(body: WireObject): number {
  const raw = body.errcode;
  if (raw === undefined || raw === null) return 0;
  // A non-numeric errcode is not a success: NaN makes the caller treat it as an error.
  return Number(raw);
}

export function errmsgOf(body: WireObject): string {
  return typeof body.errmsg === 'string' ? body.errmsg : '';
}
