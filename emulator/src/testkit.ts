// Helpers for the emulator's own tests: plain fetch against a started emulator.
import { type StartOptions, startEmulator } from './server';

// biome-ignore lint/suspicious/noExplicitAny: test responses are read loosely on purpose
export type Json = Record<string, any>;

export interface Emu {
  url: string;
  close(): Promise<void>;
  ctl(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json & Json[] }>;
  /** A WeChat call; returns the parsed JSON body (HTTP status is asserted to be 200). */
  wx(path: string, opts?: { token?: string; body?: unknown; method?: string; query?: Json }): Promise<Json>;
  app(over?: Json): Promise<{ appid: string; secret: string }>;
  token(appid: string, secret: string): Promise<string>;
  upload(
    token: string,
    type: string,
    file: { name: string; data: Buffer } | undefined,
    fields?: Record<string, string>,
    path?: string,
  ): Promise<Json>;
  thumb(token: string): Promise<string>;
  draft(token: string, article?: Json): Promise<string>;
  advance(ms: number): Promise<void>;
  /** Moves the clock to one minute past the next midnight, Beijing time (quotas roll over there). */
  startOfBeijingDay(): Promise<void>;
}

let appCounter = 0;

export async function emulator(opts: StartOptions = {}): Promise<Emu> {
  const running = await startEmulator(opts);
  const { url } = running;
  const emu: Emu = {
    url,
    close: () => running.close(),
    async ctl(method, path, body) {
      const res = await fetch(url + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    },
    async wx(path, o = {}) {
      const q = new URLSearchParams();
      if (o.token !== undefined) q.set('access_token', o.token);
      for (const [k, v] of Object.entries(o.query ?? {})) q.set(k, String(v));
      const qs = q.toString();
      const res = await fetch(`${url}${path}${qs ? `?${qs}` : ''}`, {
        method: o.method ?? (o.body === undefined ? 'GET' : 'POST'),
        headers: o.body === undefined ? {} : { 'content-type': 'application/json' },
        body: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
      });
      if (res.status !== 200) throw new Error(`HTTP ${res.status} for ${path}`);
      return (await res.json()) as Json;
    },
    async app(over = {}) {
      appCounter += 1;
      const body = {
        appid: `wx${String(appCounter).padStart(16, '0')}`,
        secret: `secret${appCounter}`,
        type: 'service',
        entity: 'company',
        verified: true,
        ...over,
      };
      const r = await emu.ctl('POST', '/__control/wechat/apps', body);
      if (r.status !== 200) throw new Error(JSON.stringify(r.json));
      return { appid: body.appid as string, secret: body.secret as string };
    },
    async token(appid, secret) {
      const r = await emu.wx('/cgi-bin/token', {
        query: { grant_type: 'client_credential', appid, secret },
      });
      if (typeof r.access_token !== 'string') throw new Error(JSON.stringify(r));
      return r.access_token;
    },
    async upload(token, type, file, fields = {}, path = '/cgi-bin/material/add_material') {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      if (file) form.append('media', new Blob([new Uint8Array(file.data)]), file.name);
      const q = new URLSearchParams({ access_token: token });
      if (type) q.set('type', type);
      const res = await fetch(`${url}${path}?${q}`, { method: 'POST', body: form });
      return (await res.json()) as Json;
    },
    async thumb(token) {
      const r = await emu.upload(token, 'thumb', { name: 'cover.jpg', data: jpeg(1000) });
      if (typeof r.media_id !== 'string') throw new Error(JSON.stringify(r));
      return r.media_id;
    },
    async draft(token, article = {}) {
      const thumb = article.thumb_media_id ?? (await emu.thumb(token));
      const r = await emu.wx('/cgi-bin/draft/add', {
        token,
        body: { articles: [{ title: 'Hello', content: '<p>body</p>', thumb_media_id: thumb, ...article }] },
      });
      if (typeof r.media_id !== 'string') throw new Error(JSON.stringify(r));
      return r.media_id;
    },
    async advance(ms) {
      await emu.ctl('POST', '/__control/clock', { advanceMs: ms });
    },
    async startOfBeijingDay() {
      const { json } = await emu.ctl('POST', '/__control/clock', { advanceMs: 0 });
      const t = Date.now() + (json.offsetMs as number);
      const day = 86_400_000;
      const bj = 8 * 3_600_000;
      const next = Math.ceil((t + bj) / day) * day - bj;
      await emu.advance(next - t + 60_000);
    },
  };
  return emu;
}

/** A buffer that sniffs as JPEG, of exactly `size` bytes. */
export function jpeg(size: number): Buffer {
  const b = Buffer.alloc(size, 0);
  b[0] = 0xff;
  b[1] = 0xd8;
  b[2] = 0xff;
  return b;
}

export function png(size: number): Buffer {
  const b = Buffer.alloc(size, 0);
  Buffer.from('89504e470d0a1a0a', 'hex').copy(b);
  return b;
}

export const RID_RE = / rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;
