// One HTTP exchange with Douyin: timeout, network-failure classification, HTTP status, JSON, and
// the `{data:{error_code,description}, extra:{…}}` envelope (OAuth answers carry `message` too).
import { PlatformError, jsonObject } from '../adapter';
import { NotSentError, type Requester, type WireInit } from '../keepalive';
import { douyinError, PLATFORM } from './errors';

export type Obj = Record<string, unknown>;

export interface Transport {
  baseUrl: string;
  timeoutMs: number;
  request: Requester;
}

export interface DyRequest {
  path: string;
  method?: 'GET' | 'POST';
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: { json: unknown } | { form: Record<string, string> } | { multipart: () => FormData };
  /** false for create_video: a lost answer means the video may be published. */
  idempotent: boolean;
  beforeSend?: () => Promise<boolean>;
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

const unknownNote = '; the request may have been processed: reconcile before retrying (请求可能已被处理，请先核对再重试)';

/** Sends and returns `data` of a successful answer; throws PlatformError with Douyin's code otherwise. */
export async function send(t: Transport, req: DyRequest): Promise<{ data: Obj; errorCode: number; description: string }> {
  const qs = req.query ? `?${new URLSearchParams(req.query).toString()}` : '';
  const url = `${t.baseUrl}${req.path}${qs}`;
  const signal = AbortSignal.timeout(t.timeoutMs);
  const method = req.method ?? 'POST';
  const headers: Record<string, string> = { ...req.headers };
  let body: string | FormData = '';
  if (req.body && 'json' in req.body) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.body.json);
  } else if (req.body && 'form' in req.body) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(req.body.form).toString();
  } else if (req.body && 'multipart' in req.body) body = req.body.multipart();
  const init: WireInit = { method, headers, body, signal };
  if (req.beforeSend) init.beforeSend = req.beforeSend;

  let status: number;
  let text: string;
  try {
    const res = await t.request(url, init);
    status = res.status;
    text = res.text;
  } catch (err) {
    if (err instanceof NotSentError) throw err;
    const e = err as { name?: string; code?: string; cause?: { code?: string } };
    const timedOut = e?.name === 'TimeoutError' || e?.name === 'AbortError';
    const code = e?.cause?.code ?? e?.code;
    const notSent = !timedOut && code !== undefined && NOT_SENT.has(code);
    throw new PlatformError({
      kind: req.idempotent || notSent ? 'transient' : 'unknown_outcome',
      platform: PLATFORM,
      code: timedOut ? 'timeout' : (code ?? 'network'),
      message: `Douyin ${req.path}: ${timedOut ? `no response within ${t.timeoutMs} ms` : `network error (${code ?? 'unknown'})`}${notSent || req.idempotent ? '' : unknownNote}`,
    });
  }
  if (status < 200 || status > 299) {
    const kind = status >= 500 && !req.idempotent ? 'unknown_outcome' : status >= 500 || status === 429 ? 'rate_limited' : 'invalid';
    throw new PlatformError({
      kind,
      platform: PLATFORM,
      code: status,
      platformMessage: text.slice(0, 200),
      ...(kind === 'rate_limited' ? { retryAfterMs: 1_000 } : {}),
      message: `Douyin ${req.path} answered HTTP ${status}${kind === 'unknown_outcome' ? unknownNote : ''}`,
    });
  }
  const parsed = jsonObject(text);
  if (!parsed) {
    throw new PlatformError({
      kind: req.idempotent ? 'transient' : 'unknown_outcome',
      platform: PLATFORM,
      code: status,
      platformMessage: text.slice(0, 200),
      message: `Douyin ${req.path} answered a body that is not a JSON object${req.idempotent ? '' : unknownNote}`,
    });
  }
  const env = parsed as Obj;
  const data = (typeof env.data === 'object' && env.data !== null ? env.data : {}) as Obj;
  const extra = (typeof env.extra === 'object' && env.extra !== null ? env.extra : {}) as Obj;
  // Newer APIs put the code in data and extra; some answers carry it only in extra or at the top (err_no).
  const errorCode = Number(data.error_code ?? extra.error_code ?? env.err_no ?? 0);
  const description = String(data.description ?? extra.description ?? env.err_msg ?? '');
  if (errorCode !== 0 || Number.isNaN(errorCode)) {
    const sub = extra.sub_description ? ` (${String(extra.sub_description)})` : '';
    const e = douyinError(req.path, Number.isNaN(errorCode) ? -1 : errorCode, description + sub, req.idempotent);
    Object.defineProperty(e, 'answer', { value: env });
    throw e;
  }
  return { data, errorCode, description };
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
