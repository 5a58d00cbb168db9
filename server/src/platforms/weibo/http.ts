// One HTTP exchange with Weibo: timeout, network-failure classification, the 4xx error envelope.

import { PlatformError } from '../adapter';
import { NotSentError, type Requester, type WireInit } from '../keepalive';
import { PLATFORM, weiboError } from './errors';

export interface Transport {
  baseUrl: string;
  timeoutMs: number;
  request: Requester;
  redact: (text: string) => string;
}

export interface WireRequest {
  path: string;
  method: 'GET' | 'POST';
  params: Record<string, string>;
  /** One file part (statuses/share `pic`): the body goes multipart. */
  file?: { field: string; data: Buffer; filename: string; contentType: string };
  /** false for calls that must not be repeated blindly (statuses/share). */
  idempotent: boolean;
  beforeSend?: () => Promise<boolean>;
}

export type WireValue = Record<string, unknown> | unknown[];

// Failures that happen before a byte of the request left this machine.
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

const RECONCILE = '; the request may have been processed: reconcile before retrying (请求可能已被处理，请先核对再重试)';

export async function send(t: Transport, req: WireRequest): Promise<WireValue> {
  const signal = AbortSignal.timeout(t.timeoutMs);
  let url = `${t.baseUrl}${req.path}`;
  let init: WireInit;
  if (req.method === 'GET') {
    url += `?${new URLSearchParams(req.params).toString()}`;
    init = { method: 'GET', body: '', signal };
  } else if (req.file) {
    const file = req.file;
    init = {
      body: { multipart: [...Object.entries(req.params), [file.field, { data: file.data, filename: file.filename, contentType: file.contentType }] as const] },
      signal,
    };
  } else {
    init = { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(req.params).toString(), signal };
  }
  if (req.beforeSend) init.beforeSend = req.beforeSend;

  let status: number;
  let text: string;
  try {
    const res = await t.request(url, init);
    status = res.status;
    text = res.text;
  } catch (err) {
    if (err instanceof NotSentError) throw err;
    throw networkError(t, req, err);
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const obj = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  if (obj && obj.error_code !== undefined) {
    return Promise.reject(weiboError(req.path, Number(obj.error_code), t.redact(String(obj.error ?? '')), req.idempotent, obj));
  }
  if (status >= 500 || status === 429) {
    return Promise.reject(
      new PlatformError({
        kind: req.idempotent ? 'rate_limited' : 'unknown_outcome',
        platform: PLATFORM,
        code: status,
        platformMessage: t.redact(text.slice(0, 200)),
        retryAfterMs: req.idempotent ? 5_000 : undefined,
        message: `Weibo ${req.path} answered HTTP ${status}${req.idempotent ? '' : RECONCILE}`,
      }),
    );
  }
  if (status < 200 || status > 299 || parsed === undefined || (obj === null && !Array.isArray(parsed))) {
    const sentOk = status >= 200 && status < 300;
    return Promise.reject(
      new PlatformError({
        kind: sentOk ? (req.idempotent ? 'transient' : 'unknown_outcome') : 'invalid',
        platform: PLATFORM,
        code: status,
        platformMessage: t.redact(text.slice(0, 200)),
        message: `Weibo ${req.path} answered HTTP ${status} without a JSON answer${sentOk && !req.idempotent ? RECONCILE : ''}`,
      }),
    );
  }
  return parsed as WireValue;
}

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
    message: t.redact(`Weibo ${req.path}: ${what}${req.idempotent || notSent ? '' : RECONCILE}`),
  });
}
