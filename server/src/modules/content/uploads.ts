import { randomUUID } from 'node:crypto';
import { open, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Deps } from '../../context';
import { AppError, notFound } from '../../lib/errors';
import type { Actor } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { insertStored, readFacts, typeOf } from './media';

/**
 * Resumable uploads (contract: R.content.createUpload / uploadStatus / uploadChunk).
 * A partial upload is two files in the storage's parts folder: `<id>.part` (the bytes received
 * so far; its length IS the offset) and `<id>.json` (who started it and what was announced).
 * A chunk is appended only at the current offset, else 409 with the offset, so a client that
 * lost an answer resumes from the server's count instead of guessing.
 */
export const CHUNK_SIZE = 8 * 1024 * 1024;
const STALE_MS = 24 * 3600 * 1000;
const UPLOAD = { zh: '上传任务', en: 'Upload' };

type Meta = { workspaceId: string; userId: string; filename: string; size: number; sha256: string | null; createdAt: number };

const dirOf = (deps: Pick<Deps, 'storage'>) => deps.storage.partsDir();
const files = (deps: Pick<Deps, 'storage'>, id: string) => {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound(UPLOAD);
  return { part: path.join(dirOf(deps), `${id}.part`), meta: path.join(dirOf(deps), `${id}.json`) };
};

/** Chunks of one upload are handled one at a time (a resend racing the original must not interleave). */
const locks = new Map<string, Promise<unknown>>();
function serial<T>(id: string, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(id) ?? Promise.resolve();
  const next = prev.catch(() => {}).then(fn);
  locks.set(id, next);
  void next.finally(() => locks.get(id) === next && locks.delete(id)).catch(() => {});
  return next;
}

async function load(deps: Pick<Deps, 'storage'>, actor: Actor, id: string) {
  const f = files(deps, id);
  let meta: Meta;
  try {
    meta = JSON.parse(await readFile(f.meta, 'utf8'));
  } catch {
    throw notFound(UPLOAD);
  }
  // Another workspace's upload is not there, as far as this workspace can tell.
  if (meta.workspaceId !== actor.workspaceId) throw notFound(UPLOAD);
  const received = (await stat(f.part).catch(() => ({ size: 0 }))).size;
  return { f, meta, received };
}

const view = (id: string, meta: Meta, received: number) => ({ id, size: meta.size, received, chunkSize: CHUNK_SIZE });

/** Uploads older than a day are abandoned; removed lazily whenever a new one starts. */
export async function sweepStale(deps: Pick<Deps, 'storage'>, now = Date.now()) {
  const names = await readdir(dirOf(deps)).catch(() => [] as string[]);
  for (const n of names) {
    const full = path.join(dirOf(deps), n);
    const s = await stat(full).catch(() => null);
    if (s && now - s.mtimeMs > STALE_MS) await rm(full, { force: true });
  }
}

export async function createUpload(deps: Deps, actor: Actor, b: { filename: string; size: number; contentType: string; sha256?: string }) {
  assertCan(actor.role, 'media.upload');
  const max = deps.config.MEIYUN_MAX_VIDEO_MB * 1024 * 1024;
  if (b.size > max) {
    throw new AppError('payload_too_large', {
      zh: `文件过大：最大 ${deps.config.MEIYUN_MAX_VIDEO_MB} MB`,
      en: `File too large: at most ${deps.config.MEIYUN_MAX_VIDEO_MB} MB`,
    });
  }
  await mkdir(dirOf(deps), { recursive: true });
  await sweepStale(deps);
  const id = randomUUID();
  const meta: Meta = {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    filename: b.filename,
    size: b.size,
    sha256: b.sha256?.toLowerCase() ?? null,
    createdAt: Date.now(),
  };
  const f = files(deps, id);
  await writeFile(f.part, Buffer.alloc(0));
  await writeFile(f.meta, JSON.stringify(meta));
  return view(id, meta, 0);
}

export async function uploadStatus(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'media.upload');
  const { meta, received } = await load(deps, actor, id);
  return view(id, meta, received);
}

export async function putChunk(deps: Deps, actor: Actor, id: string, offset: number, chunk: Buffer) {
  assertCan(actor.role, 'media.upload');
  return serial(id, async () => {
    const { f, meta, received } = await load(deps, actor, id);
    if (offset !== received) {
      throw new AppError('conflict', { zh: `偏移不符：服务器已收到 ${received} 字节`, en: `Offset mismatch: the server has ${received} bytes` }, { received });
    }
    if (received + chunk.length > meta.size) {
      throw new AppError('validation_failed', { zh: '数据超过声明的文件大小', en: 'More data than the announced size' });
    }
    if (chunk.length === 0 && received < meta.size) {
      throw new AppError('validation_failed', { zh: '分片为空', en: 'The chunk is empty' });
    }
    const h = await open(f.part, 'a');
    try {
      await h.write(chunk);
    } finally {
      await h.close();
    }
    const now = received + chunk.length;
    if (now < meta.size) return { upload: view(id, meta, now), media: null };
    return { upload: view(id, meta, now), media: await finish(deps, actor, id, f, meta) };
  });
}

async function finish(deps: Deps, actor: Actor, id: string, f: { part: string; meta: string }, meta: Meta) {
  const drop = async () => {
    await rm(f.part, { force: true });
    await rm(f.meta, { force: true });
  };
  try {
    const h = await open(f.part, 'r');
    const head = Buffer.alloc(16);
    try {
      await h.read(head, 0, 16, 0);
    } finally {
      await h.close();
    }
    const type = typeOf(head);
    const facts = await readFacts(deps, f.part, type);
    const { key, sha256 } = await deps.storage.adopt(f.part);
    if (meta.sha256 && meta.sha256 !== sha256) {
      await deps.storage.remove(key);
      throw new AppError('validation_failed', {
        zh: 'SHA-256 校验失败：文件已损坏，请重新上传',
        en: 'SHA-256 mismatch: the file was corrupted, upload it again',
      });
    }
    try {
      return await insertStored(deps, actor, { key, sha256, size: meta.size, filename: meta.filename, type, ...facts });
    } catch (e) {
      await deps.storage.remove(key);
      throw e;
    }
  } finally {
    // A finished upload, good or refused, is over: a retry starts a new one.
    await drop();
    void id;
  }
}
