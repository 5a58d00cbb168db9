// Test helpers for pushes: a developer server that records what "WeChat" sends it, and the
// test's own signature check and decryption (written from the doc, not the emulator's code).
import { createDecipheriv, createHash } from 'node:crypto';
import http from 'node:http';

export interface Received {
  method: string;
  query: URLSearchParams;
  body: string;
}

type Answer = (res: http.ServerResponse) => void;

export interface Receiver {
  url: string;
  got: Received[];
  /** How the next requests are answered, in order; after that "success". */
  answers: Answer[];
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export const reply =
  (body: string, status = 200): Answer =>
  (res) =>
    res.writeHead(status, { 'content-type': 'text/plain' }).end(body);

/** Never answers (the socket stays open until the client gives up). */
export const silence: Answer = () => {};

export async function receiver(): Promise<Receiver> {
  const got: Received[] = [];
  const answers: Answer[] = [];
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      got.push({ method: req.method ?? '', query: u.searchParams, body: Buffer.concat(chunks).toString('utf8') });
      open.add(res);
      res.on('close', () => open.delete(res));
      if (req.method === 'GET' && answers.length === 0) return reply(u.searchParams.get('echostr') ?? '')(res);
      (answers.shift() ?? reply('success'))(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/wx`,
    got,
    answers,
    async waitFor(n, timeoutMs = 3000) {
      const until = Date.now() + timeoutMs;
      while (got.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} requests, got ${got.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return got;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
      }),
  };
}

export function sha1Sorted(...parts: string[]): string {
  return createHash('sha1').update(parts.slice().sort().join('')).digest('hex');
}

/** Decrypts an Encrypt value: returns the message and the appid that trails it. */
export function decrypt(encodingAESKey: string, encrypted: string): { message: string; appid: string } {
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  d.setAutoPadding(false);
  const plain = Buffer.concat([d.update(Buffer.from(encrypted, 'base64')), d.final()]);
  const pad = plain[plain.length - 1];
  if (pad < 1 || pad > 32) throw new Error(`bad PKCS#7 padding ${pad}`);
  const body = plain.subarray(16, plain.length - pad);
  const len = body.readUInt32BE(0);
  return { message: body.subarray(4, 4 + len).toString('utf8'), appid: body.subarray(4 + len).toString('utf8') };
}

/** The text of <name>…</name> (CDATA unwrapped), or undefined. */
export function xmlField(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  return m ? (m[1] ?? m[2]) : undefined;
}
