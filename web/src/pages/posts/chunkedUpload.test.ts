import { describe, expect, it } from 'vitest';
import { ChunkedUpload, type UploadProgress } from './chunkedUpload';

/** The server's side of content/uploads.ts, in memory: a chunk lands only at the current offset. */
function fakeServer(opts: { chunkSize: number; failPut?: number[]; loseAnswer?: number[] }) {
  const state = { received: 0, size: 0, puts: 0, gets: 0, bytes: [] as number[] };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const f = async (_url: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const upload = () => ({ id: '00000000-0000-4000-8000-000000000001', size: state.size, received: state.received, chunkSize: opts.chunkSize });
    if (method === 'POST') {
      state.size = JSON.parse(String(init.body)).size;
      return json(201, upload());
    }
    if (method === 'GET') {
      state.gets++;
      return json(200, upload());
    }
    const n = ++state.puts;
    if (opts.failPut?.includes(n)) throw new TypeError('Failed to fetch');
    const offset = Number((init.headers as Record<string, string>)['upload-offset']);
    if (offset !== state.received)
      return json(409, { error: { code: 'conflict', message: '偏移不符 / Offset mismatch', details: { received: state.received } } });
    const data = new Uint8Array(await (init.body as Blob).arrayBuffer());
    state.bytes.push(...data);
    state.received += data.length;
    // The chunk arrived, but its answer is lost on the way back.
    if (opts.loseAnswer?.includes(n)) throw new TypeError('Failed to fetch');
    const done = state.received === state.size;
    return json(200, { upload: upload(), media: done ? { id: 'm1', filename: 'v.mp4', size: state.size } : null });
  };
  return { state, fetch: f as typeof fetch };
}

const file = (n: number) => Object.assign(new Blob([new Uint8Array(n).map((_, i) => i % 251)]), { name: 'v.mp4' });

describe('ChunkedUpload', () => {
  it('sends a file in chunks, reporting the server-confirmed bytes after each', async () => {
    const server = fakeServer({ chunkSize: 10 });
    const seen: number[] = [];
    const up = new ChunkedUpload(file(35), { fetch: server.fetch, onChange: (p) => seen.push(p.sent) });
    const media = await up.start();
    expect(media.id).toBe('m1');
    expect(server.state.puts).toBe(4);
    expect([...new Set(seen)]).toEqual([0, 10, 20, 30, 35]);
    expect(up.progress.state).toBe('done');
  });

  it('after a failed chunk asks the server its offset and goes on; a lost answer sends no byte twice', async () => {
    const server = fakeServer({ chunkSize: 10, failPut: [2], loseAnswer: [3] });
    const states: string[] = [];
    const up = new ChunkedUpload(file(35), { fetch: server.fetch, retryDelaysMs: [1, 1, 1], onChange: (p) => states.push(p.state) });
    await up.start();
    expect(server.state.gets).toBe(2);
    expect(server.state.bytes).toEqual(Array.from({ length: 35 }, (_, i) => i % 251));
    expect(states).toContain('retrying');
  });

  it('gives up after the retries, with the error', async () => {
    const server = fakeServer({ chunkSize: 10, failPut: [1, 2, 3] });
    const up = new ChunkedUpload(file(35), { fetch: server.fetch, retryDelaysMs: [1, 1], onChange: () => {} });
    await expect(up.start()).rejects.toThrow(/Cannot reach the server/);
    expect(up.progress.state).toBe('failed');
  });

  it('pauses between chunks and resumes from the server count', async () => {
    const server = fakeServer({ chunkSize: 10 });
    let up: ChunkedUpload | null = null;
    let paused = false;
    const onChange = (p: UploadProgress) => {
      if (p.sent === 10 && !paused) {
        paused = true;
        up?.pause();
      }
    };
    up = new ChunkedUpload(file(35), { fetch: server.fetch, onChange });
    const run = up.start();
    await new Promise((r) => setTimeout(r, 20));
    expect(up.progress.state).toBe('paused');
    const putsWhilePaused = server.state.puts;
    await new Promise((r) => setTimeout(r, 20));
    expect(server.state.puts).toBe(putsWhilePaused);
    up.resume();
    await run;
    expect(server.state.bytes.length).toBe(35);
    expect(up.progress.state).toBe('done');
  });
});
