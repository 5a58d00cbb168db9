// A large file into the media library in chunks (server: content/uploads.ts). The server's
// count of received bytes is the truth: after a failed chunk, a pause or a 409, the upload asks
// it (GET) and goes on from there, so a lost answer never makes a byte go twice or go missing.
import { API_BASE, ApiError, errorFromResponse } from '../../api';
import type { Media } from '../../types';

/** Files above this go in chunks with a progress bar; smaller ones in one request. */
export const CHUNKED_THRESHOLD = 8 * 1024 * 1024;

export type UploadState = 'starting' | 'uploading' | 'paused' | 'retrying' | 'done' | 'failed';

export interface UploadProgress {
  name: string;
  size: number;
  /** Bytes the server has confirmed. */
  sent: number;
  state: UploadState;
  error: unknown;
  media: Media | null;
}

type Answer = { upload: { id: string; size: number; received: number; chunkSize: number }; media: Media | null };

export interface ChunkedOptions {
  onChange: (p: UploadProgress) => void;
  fetch?: typeof fetch;
  /** At most this many bytes a chunk (the server's chunkSize bounds it too). */
  chunkSize?: number;
  /** Waits before each retry of a failed chunk; one more failure than there are waits gives up. */
  retryDelaysMs?: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A network error or a 5xx/429: worth asking the server where it stands and trying again. */
const retriable = (e: unknown) => !(e instanceof ApiError) || e.status === 0 || e.status >= 500 || e.status === 429;

export class ChunkedUpload {
  private id: string | null = null;
  private chunk = CHUNKED_THRESHOLD;
  private p: UploadProgress;
  private abort: AbortController | null = null;
  private wake: (() => void) | null = null;
  private readonly fetch: typeof fetch;

  constructor(
    private readonly file: Blob & { name: string },
    private readonly opts: ChunkedOptions,
  ) {
    this.fetch = opts.fetch ?? ((...a) => fetch(...a));
    this.p = { name: file.name, size: file.size, sent: 0, state: 'starting', error: null, media: null };
  }

  get progress(): UploadProgress {
    return this.p;
  }

  private set(change: Partial<UploadProgress>) {
    this.p = { ...this.p, ...change };
    this.opts.onChange(this.p);
  }

  /** Stops after aborting the chunk in flight; `resume` goes on from the server's count. */
  pause() {
    if (this.p.state === 'done' || this.p.state === 'failed') return;
    this.set({ state: 'paused' });
    this.abort?.abort();
  }

  resume() {
    if (this.p.state !== 'paused') return;
    this.set({ state: 'uploading' });
    this.wake?.();
  }

  private async call<T>(method: string, path: string, init: RequestInit = {}): Promise<T> {
    let res: Response;
    try {
      res = await this.fetch(API_BASE + path, { method, credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...init.headers } });
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') throw e;
      throw new ApiError('无法连接服务器 / Cannot reach the server', 'network', 0);
    }
    if (!res.ok) throw await errorFromResponse(res);
    return (await res.json()) as T;
  }

  /** The server's count of bytes received. */
  private async received(): Promise<number> {
    return (await this.call<Answer['upload']>('GET', `/media/uploads/${this.id}`)).received;
  }

  private async untilResumed() {
    while (this.p.state === 'paused') await new Promise<void>((r) => (this.wake = r));
    this.wake = null;
  }

  /** Runs the upload to its end: the media made of it, or the error that stopped it. */
  async start(): Promise<Media> {
    try {
      const media = await this.run();
      this.set({ state: 'done', sent: this.p.size, media });
      return media;
    } catch (e) {
      this.set({ state: 'failed', error: e });
      throw e;
    }
  }

  private async run(): Promise<Media> {
    const created = await this.call<Answer['upload']>('POST', '/media/uploads', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filename: this.file.name, size: this.file.size, contentType: this.file.type || 'application/octet-stream' }),
    });
    this.id = created.id;
    this.chunk = Math.min(created.chunkSize, this.opts.chunkSize ?? created.chunkSize);
    if (this.p.state === 'starting') this.set({ state: 'uploading', sent: created.received });
    const delays = this.opts.retryDelaysMs ?? [500, 1000, 2000, 4000, 8000];
    let failures = 0;
    let askServer = false;
    for (;;) {
      await this.untilResumed();
      try {
        if (askServer) {
          this.set({ sent: await this.received() });
          askServer = false;
        }
        const offset = this.p.sent;
        this.abort = new AbortController();
        const answer = await this.call<Answer>('PUT', `/media/uploads/${this.id}`, {
          headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
          body: this.file.slice(offset, Math.min(offset + this.chunk, this.file.size)),
          signal: this.abort.signal,
        });
        failures = 0;
        if (answer.media) return answer.media;
        this.set({ sent: answer.upload.received, state: 'uploading', error: null });
      } catch (e) {
        if (this.p.state === 'paused') {
          // The pause aborted the chunk: whatever of it arrived, the server says on resume.
          askServer = true;
          continue;
        }
        if (e instanceof ApiError && e.status === 409) {
          const received = (e.details as { received?: unknown } | undefined)?.received;
          if (typeof received === 'number') {
            this.set({ sent: received });
            continue;
          }
        }
        if (!retriable(e) || failures >= delays.length) throw e;
        this.set({ state: 'retrying', error: e });
        await sleep(delays[failures++]);
        if (this.p.state === 'retrying') this.set({ state: 'uploading' });
        askServer = true;
      }
    }
  }
}
