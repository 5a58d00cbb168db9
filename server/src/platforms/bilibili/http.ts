// One exchange with a Bilibili host: timeout, network-failure classification, HTTP status and the
// `{code, message, data}` envelope. A publish (add-by-utoken) is not idempotent: losing the answer
// after it was written is an unknown outcome, never a blind retry.

import { PlatformError } from '../adapter';
import { NotSentError, type Requester, type WireInit } from '../keepalive';
import { codeError, PLATFORM } from './errors';

export type Envelope = { code: number; message: string; data: unknown; raw: Record<string, unknown> };

const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export interface Exchange {
  url: string;
  path: string;
  init: Omit<WireInit, 'signal'>;
  idempotent: boolean;
  timeoutMs: number;
  request: Requester;
}

const lost = (idempotent: boolean) => (idempotent ? '' : '; the request may have been processed: reconcile before retrying (请求可能已被处理，请先核对再重试)');

export async function exchange(x: Exchange): Promise<Envelope> {
  let status: number;
  let text: string;
  try {
    const res = await x.request(x.url, { ...x.init, signal: AbortSignal.timeout(x.timeoutMs) });
    status = res.status;
    text = res.text;
  } catch (err) {
    if (err instanceof NotSentError) throw err;
    const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string } };
    const timedOut = e?.name === 'TimeoutError' || e?.name === 'AbortError';
    const code = e?.cause?.code ?? e?.code;
    const notSent = !timedOut && code !== undefined && NOT_SENT_CODES.has(code);
    throw new PlatformError({
      kind: x.idempotent || notSent ? 'transient' : 'unknown_outcome',
      platform: PLATFORM,
      code: timedOut ? 'timeout' : (code ?? 'network'),
      message: `Bilibili ${x.path}: ${timedOut ? `no response within ${x.timeoutMs} ms` : `network error (${code ?? e?.message ?? 'unknown'})`}${notSent ? '' : lost(x.idempotent)}`,
    });
  }
  if (status < 200 || status > 299) {
    const kind = status >= 500 && !x.idempotent ? 'unknown_outcome' : status >= 500 || status === 429 ? 'rate_limited' : 'invalid';
    throw new PlatformError({
      kind,
      platform: PLATFORM,
      code: status,
      platformMessage: text.slice(0, 200),
      ...(kind === 'rate_limited' && { retryAfterMs: 1_000 }),
      message: `Bilibili ${x.path} answered HTTP ${status}${kind === 'unknown_outcome' ? lost(false) : ''}`,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new PlatformError({
      kind: x.idempotent ? 'transient' : 'unknown_outcome',
      platform: PLATFORM,
      code: status,
      platformMessage: text.slice(0, 200),
      message: `Bilibili ${x.path} answered a body that is not a JSON object${lost(x.idempotent)}`,
    });
  }
  const raw = body as Record<string, unknown>;
  const code = Number(raw.code ?? Number.NaN);
  const message = typeof raw.message === 'string' ? raw.message : '';
  return { code: Number.isFinite(code) ? code : -1, message, data: raw.data, raw };
}

/** The envelope's data, or the mapped error for a non-zero code. */
export function dataOf(path: string, env: Envelope): Record<string, unknown> {
  if (env.code !== 0) throw codeError(path, env.code, env.message, env.raw);
  return env.data && typeof env.data === 'object' && !Array.isArray(env.data) ? (env.data as Record<string, unknown>) : {};
}
