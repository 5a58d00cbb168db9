// HTTP for platform calls over kept-alive connections with node:http. The global fetch (undici and
// web streams) costs about three times the CPU per call, which decides how many posts a worker can
// send in the due minute. Multipart bodies are encoded here and go over the same connections.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

export interface WireResponse {
  status: number;
  header(name: string): string | null;
  text: string;
}

/** A file part of a multipart body. */
export interface FilePart {
  data: Uint8Array;
  filename: string;
  contentType: string;
}

/**
 * A multipart body as its parts, in order: written straight into bytes here, turned into a
 * FormData only for a fetch. (A FormData of Blobs costs several copies and web-stream machinery
 * per call; a burst's multipart submits spent a quarter of the worker's CPU on it.)
 */
export interface Multipart {
  multipart: readonly (readonly [string, string | FilePart])[];
}

export interface WireInit {
  /** POST unless said otherwise; a GET sends no body. */
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body: string | FormData | Multipart;
  signal: AbortSignal;
  /**
   * Called once a connection is ready, just before the request is written; false (or a throw)
   * means it is not sent at all. The publishing engine marks a submit as started here, so a crash
   * can only leave marked the submits that were really on their way.
   */
  beforeSend?: () => Promise<boolean>;
}

/** A POST to a platform: the status, the headers and the whole body as text. */
export type Requester = (url: string, init: WireInit) => Promise<WireResponse>;

/** Connections kept open per platform host; requests beyond them wait for a free one (before their beforeSend). */
export const MAX_SOCKETS_PER_HOST = 64;

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST, maxFreeSockets: MAX_SOCKETS_PER_HOST, scheduling: 'fifo' }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST, maxFreeSockets: MAX_SOCKETS_PER_HOST, scheduling: 'fifo' }),
};

/** The same exchange through a fetch function (multipart bodies; tests that inject a fetch). */
export function fetchRequester(f: typeof fetch): Requester {
  return async (url, init) => {
    const method = init.method ?? 'POST';
    if (init.beforeSend) {
      const ok = await init.beforeSend().catch((err) => {
        throw new NotSentError(err);
      });
      if (!ok) throw new NotSentError();
    }
    const body = typeof init.body === 'string' || init.body instanceof FormData ? init.body : formDataOf(init.body);
    const res = await f(url, { method, headers: init.headers, body: method === 'GET' ? undefined : body, signal: init.signal });
    return { status: res.status, header: (n) => res.headers.get(n), text: await res.text() };
  };
}

/**
 * node:http; errors carry node's codes (ECONNREFUSED …) and a timeout rejects with the signal's reason.
 * A multipart body is encoded first (boundary and all), so that it waits for one of the host's
 * bounded connections and calls its beforeSend only once that connection is ready, like every
 * other call. (Through fetch, a publish's beforeSend ran before any connection existed: a burst
 * took all its fences at once and then queued hundreds of uploads behind their own timeouts.)
 */
export const keepAliveRequester: Requester = async (url, init) => {
  if (typeof init.body === 'string') return exchange(url, init, init.body, init.headers ?? {});
  const { body, contentType } = await encodeMultipart(init.body);
  return exchange(url, init, body, { ...init.headers, 'content-type': contentType });
};

function formDataOf(m: Multipart): FormData {
  const fd = new FormData();
  for (const [name, v] of m.multipart) {
    if (typeof v === 'string') fd.append(name, v);
    else fd.append(name, new Blob([new Uint8Array(v.data)], { type: v.contentType }), v.filename);
  }
  return fd;
}

/** A form's name or file name inside its quoted header parameter (as the WHATWG form encoder writes it). */
const quoted = (v: string) => v.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');

/**
 * multipart/form-data (RFC 7578) written straight into a Buffer. Encoding through `new Response(form)`
 * (undici's web streams) cost a quarter of the worker's CPU in the due second of a burst with
 * multipart submits (bench/README.md).
 */
export async function encodeMultipart(form: FormData | Multipart): Promise<{ body: Buffer; contentType: string }> {
  const boundary = `----MeiyunFormBoundary${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  const entries = form instanceof FormData ? [...form] : form.multipart;
  for (const [name, value] of entries) {
    if (typeof value === 'string') {
      const text = value.replace(/\r\n|\r|\n/g, '\r\n');
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${text}\r\n`));
    } else {
      const file = value instanceof Blob ? { data: new Uint8Array(await value.arrayBuffer()), filename: value.name, contentType: value.type } : value;
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"; filename="${quoted(file.filename)}"\r\nContent-Type: ${file.contentType || 'application/octet-stream'}\r\n\r\n`;
      parts.push(Buffer.from(head), Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength), CRLF);
    }
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const CRLF = Buffer.from('\r\n');

interface Host {
  active: number;
  waiting: (() => void)[];
}
const hosts = new Map<string, Host>();

/**
 * At most MAX_SOCKETS_PER_HOST requests of a host exist at once; the rest wait here, before any
 * request object is made. Handing the agent a whole burst made 10,000 ClientRequests in the due
 * second, a second and a half of the worker's CPU before the first of them could be written
 * (bench/README.md). A request whose time runs out while it waits here was never written.
 */
function withSlot<T>(origin: string, signal: AbortSignal, run: () => Promise<T>): Promise<T> {
  let h = hosts.get(origin);
  if (!h) hosts.set(origin, (h = { active: 0, waiting: [] }));
  const host = h;
  const start = () => {
    host.active++;
    return run().finally(() => {
      host.active--;
      host.waiting.shift()?.();
    });
  };
  if (host.active < MAX_SOCKETS_PER_HOST && !host.waiting.length) return start();
  return new Promise<T>((resolve, reject) => {
    const go = () => {
      signal.removeEventListener('abort', onAbort);
      start().then(resolve, reject);
    };
    const onAbort = () => {
      const i = host.waiting.indexOf(go);
      if (i >= 0) host.waiting.splice(i, 1);
      reject(signal.reason);
    };
    host.waiting.push(go);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function exchange(url: string, init: WireInit, body: string | Buffer, headers: Record<string, string>): Promise<WireResponse> {
  const u = new URL(url);
  if (init.signal.aborted) return Promise.reject(init.signal.reason);
  return withSlot(u.origin, init.signal, () => request(u, init, body, headers));
}

function request(u: URL, init: WireInit, body: string | Buffer, headers: Record<string, string>): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const mod = u.protocol === 'https:' ? https : http;
    const agent = agents[u.protocol as keyof typeof agents];
    if (!agent) return reject(new Error(`unsupported protocol ${u.protocol}`));
    if (init.signal.aborted) return reject(init.signal.reason);
    const req = mod.request(
      u,
      init.method === 'GET' ? { method: 'GET', agent, headers } : { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          init.signal.removeEventListener('abort', onAbort);
          resolve({
            status: res.statusCode ?? 0,
            header: (n) => {
              const v = res.headers[n.toLowerCase()];
              return v == null ? null : Array.isArray(v) ? v.join(', ') : v;
            },
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', fail);
      },
    );
    function fail(err: unknown) {
      init.signal.removeEventListener('abort', onAbort);
      reject(err);
    }
    function onAbort() {
      req.destroy();
      reject(init.signal.reason);
    }
    init.signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', fail);
    const write = () => req.end(init.method === 'GET' ? undefined : body);
    const before = init.beforeSend;
    if (!before) return write();
    req.once('socket', (socket) => {
      const go = () =>
        before().then(
          (ok) => {
            if (ok) return write();
            fail(new NotSentError());
            req.destroy();
          },
          (err) => {
            fail(new NotSentError(err));
            req.destroy();
          },
        );
      if (socket.connecting) socket.once('connect', go);
      else go();
    });
  });
}

/**
 * The request was not written: its beforeSend said no, or failed (then `cause` is its error).
 * Nothing reached the platform.
 */
export class NotSentError extends Error {
  constructor(readonly failure?: unknown) {
    super(failure ? `not sent: ${failure instanceof Error ? failure.message : String(failure)}` : 'not sent: the caller withdrew the request before it was written');
    this.name = 'NotSentError';
  }
}
