// One HTTP exchange with Kuaishou (open.kuaishou.com, or the upload gateway the start_upload
// answer names): timeout, network-failure classification, HTTP status, JSON. The `result`
// envelope is read by the caller, which must see token errors to refresh.

import { PlatformError, jsonObject } from '../adapter';
import { type Multipart, NotSentError, type Requester, type WireInit } from '../keepalive';
import { PLATFORM, RATE_RETRY_MS, SERVER_RETRY_MS } from './errors';

export interface Transport {
  timeoutMs: number;
  request: Requester;
  /** Raw bodies (video bytes) go through fetch: the keep-alive requester takes strings only. */
  fetch: typeof fetch;
  redact: (text: string) => string;
}

export type WireBody = { get: true } | { form: () => Multipart } | { binary: Uint8Array; contentType: string } | { none: true };

export interface WireRequest {
  /** Full URL without the query. */
  url: string;
  /** The API's name for messages and the meter (the path). */
  api: string;
  query: Record<string, string>;
  body: WireBody;
  /** false for the publish: it must not be repeated blindly. */
  idempotent: boolean;
  beforeSend?: () => Promise<boolean>;
}

export type WireObject = Record<string, unknown>;

const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export async function send(t: Transport, req: WireRequest): Promise<WireObject> {
  const qs = new URLSearchParams(req.query).toString();
  const url = qs ? `${req.url}?${qs}` : req.url;
  const signal = AbortSignal.timeout(t.timeoutMs);
  let status: number;
  let text: string;
  try {
    if ('binary' in req.body) {
      const res = await t.fetch(url, { method: 'POST', headers: { 'content-type': req.body.contentType }, body: new Blob([new Uint8Array(req.body.binary)], { type: req.body.contentType }), signal });
      status = res.status;
      text = await res.text();
    } else {
      const init: WireInit =
        'get' in req.body ? { method: 'GET', body: '', signal } : 'form' in req.body ? { body: req.body.form(), signal } : { body: '', signal };
      if (req.beforeSend) init.beforeSend = req.beforeSend;
      const res = await t.request(url, init);
      status = res.status;
      text = res.text;
    }
  } catch (err) {
    if (err instanceof NotSentError) throw err;
    throw networkError(t, req, err);
  }
  if (status < 200 || status > 299) {
    const throttled = status >= 500 || status === 429;
    const kind = status >= 500 && !req.idempotent ? 'unknown_outcome' : throttled ? 'rate_limited' : 'invalid';
    throw new PlatformError({
      kind,
      platform: PLATFORM,
      code: status,
      platformMessage: t.redact(text.slice(0, 200)),
      retryAfterMs: throttled ? (status === 429 ? RATE_RETRY_MS : SERVER_RETRY_MS) : undefined,
      message: `快手 ${req.api} answered HTTP ${status}${kind === 'unknown_outcome' ? UNKNOWN_NOTE : ''}`,
    });
  }
  const parsed = jsonObject(text);
  if (!parsed) {
    throw new PlatformError({
      kind: req.idempotent ? 'transient' : 'unknown_outcome',
      platform: PLATFORM,
      code: status,
      platformMessage: t.redact(text.slice(0, 200)),
      message: `快手 ${req.api} answered HTTP ${status} with a body that is not a JSON object${req.idempotent ? '' : UNKNOWN_NOTE}`,
    });
  }
  return parsed as WireObject;
}

const UNKNOWN_NOTE = '; the request may have been processed: reconcile before retrying (请求可能已被处理，请先核对再重试)';

function networkError(t: Transport, req: WireRequest, err: unknown): PlatformError {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  const timedOut = e?.name === 'TimeoutError' || e?.name === 'AbortError';
  const code = e?.cause?.code ?? e?.code;
  const notSent = !timedOut && code !== undefined && NOT_SENT_CODES.has(code);
  const what = timedOut ? `no response within ${t.timeoutMs} ms` : `network error (${code ?? e?.cause?.message ?? e?.message ?? 'unknown'})`;
  return new PlatformError({
    kind: req.idempotent || notSent ? 'transient' : 'unknown_outcome',
    platform: PLATFORM,
    code: timedOut ? 'timeout' : (code ?? 'network'),
    message: t.redact(`快手 ${req.api}: ${what}${req.idempotent || notSent ? '' : UNKNOWN_NOTE}`),
  });
}
