// A small typed fetch client for /api/v1. Errors carry the server's message and code.

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly requestId?: string;
  readonly details?: unknown;

  constructor(message: string, code: string, status: number, requestId?: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.requestId = requestId;
    this.details = details;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x`, leaving out empty values; '' when nothing is left. */
export function toQueryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  body?: unknown;
  query?: Query;
  form?: FormData;
  signal?: AbortSignal;
}

/** Turns a non-2xx answer into an ApiError, whatever its body looks like. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let parsed: unknown;
  try {
    parsed = await res.json();
  } catch {
    parsed = undefined;
  }
  const err = (parsed as { error?: Record<string, unknown> } | undefined)?.error;
  if (err && typeof err.message === 'string') {
    const code = typeof err.code === 'string' ? err.code : `http_${res.status}`;
    const requestId = typeof err.requestId === 'string' ? err.requestId : undefined;
    return new ApiError(err.message, code, res.status, requestId, err.details);
  }
  const message =
    res.status >= 500 || res.status === 0
      ? `服务器暂时不可用（${res.status}） / The server is unavailable (${res.status})`
      : `请求失败（${res.status}） / Request failed (${res.status})`;
  return new ApiError(message, `http_${res.status}`, res.status);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.form) {
    body = opts.form;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(API_BASE + path + toQueryString(opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError('无法连接服务器 / Cannot reach the server', 'network', 0);
  }
  if (!res.ok) throw await errorFromResponse(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { form }),
};

/** The part of a "中文 / English" server message in the current language. */
export function localMessage(message: string, lang: string): string {
  // The first slash followed by a space, with Chinese before it ("…）/ English" has no space before).
  const m = /\s*\/\s+/.exec(message);
  if (!m || !/[\u3000-\u9fff\uff00-\uffef]/.test(message.slice(0, m.index))) return message;
  return lang.startsWith('zh') ? message.slice(0, m.index) : message.slice(m.index + m[0].length);
}

/** Validation issues of an error, `{ path, message }` each, if it has any. */
export function issuesOf(error: unknown): { path: string; message: string }[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details
    .filter((d): d is { path: unknown; message: string } => !!d && typeof d === 'object' && typeof (d as { message?: unknown }).message === 'string')
    .map((d) => ({ path: Array.isArray(d.path) ? d.path.join('.') : String(d.path ?? ''), message: d.message }));
}

/** Field errors from a validation error's details, keyed by the first path segment. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  const d = error.details as unknown;
  const list = Array.isArray(d)
    ? d
    : d && typeof d === 'object' && Array.isArray((d as { issues?: unknown }).issues)
      ? (d as { issues: unknown[] }).issues
      : [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const { path, message } = item as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const first = Array.isArray(path) ? path[0] : typeof path === 'string' ? path.replace(/^[/.]/, '').split(/[/.]/)[0] : undefined;
    if (first === undefined || first === '') continue;
    const key = String(first);
    if (!out[key]) out[key] = message;
  }
  return out;
}
