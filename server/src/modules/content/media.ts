import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, desc, eq, ilike, like, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { paged } from '../../lib/paging';
import { AppError, notFound } from '../../lib/errors';
import { isoOr } from '../../lib/time';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { type Probe, posterFrame, probeFile } from './probe';
import { media } from './tables';

const MEDIA = { zh: '素材', en: 'Media' };

/** The file's real type from its first bytes; the declared content type is not trusted. */
export function sniff(data: Buffer): string | null {
  const h = data.subarray(0, 12);
  if (h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff) return 'image/jpeg';
  if (h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (h.subarray(0, 6).toString('latin1') === 'GIF87a' || h.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
  if (h.subarray(0, 2).toString('latin1') === 'BM') return 'image/bmp';
  if (h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (h.subarray(4, 8).toString('latin1') === 'ftyp') return 'video/mp4';
  return null;
}

type Row = typeof media.$inferSelect;
export const mediaView = (m: Row) => ({
  id: m.id,
  filename: m.filename,
  contentType: m.contentType,
  size: m.size,
  kind: m.contentType.startsWith('video/') ? ('video' as const) : ('image' as const),
  width: m.width,
  height: m.height,
  durationMs: m.durationMs,
  posterMediaId: m.posterMediaId,
  posterUrl: m.posterMediaId ? `/api/v1/media/${m.posterMediaId}/file` : null,
  url: `/api/v1/media/${m.id}/file`,
  createdAt: isoOr(m.createdAt),
});

const UNSUPPORTED = new AppError('unsupported_media_type', {
  zh: '不支持的文件类型：仅支持 JPG、PNG、GIF、BMP、WEBP 图片和 MP4 视频',
  en: 'Unsupported file type: only JPG, PNG, GIF, BMP, WEBP images and MP4 videos',
});

/** The sniffed type of a file's first bytes, or a 415. */
export function typeOf(head: Buffer): string {
  const type = sniff(head);
  if (!type) throw UNSUPPORTED;
  return type;
}

/** Facts read from a file on disk, and a poster frame for a video (its bytes; stored by the caller). */
export async function readFacts(deps: Pick<Deps, 'log'>, file: string, type: string): Promise<{ probe: Probe | null; poster: Buffer | null }> {
  const kind = type.startsWith('video/') ? 'video' : 'image';
  const probe = await probeFile(file, kind, deps.log);
  const poster = probe && kind === 'video' ? await posterFrame(file, probe.durationMs) : null;
  return { probe, poster };
}

type Stored = { key: string; sha256: string; size: number; filename: string; type: string; probe: Probe | null; poster: Buffer | null };

/** Inserts the media row (and its poster as an image of its own) for bytes already in storage. */
export async function insertStored(deps: Deps, actor: Actor, s: Stored) {
  const posterStored = s.poster ? await deps.storage.put(s.poster) : null;
  try {
    return await deps.db.transaction(async (tx) => {
      let posterId: string | null = null;
      if (posterStored && s.poster) {
        const [p] = await tx
          .insert(media)
          .values({
            workspaceId: actor.workspaceId,
            filename: `${s.filename.replace(/\.[^.]*$/, '').slice(0, 180) || 'video'}-poster.jpg`,
            contentType: 'image/jpeg',
            size: s.poster.length,
            sha256: posterStored.sha256,
            storageKey: posterStored.key,
            width: s.probe?.width ?? null,
            height: s.probe?.height ?? null,
            isPoster: true,
            uploadedBy: actor.userId,
          })
          .returning();
        posterId = p.id;
      }
      const [row] = await tx
        .insert(media)
        .values({
          workspaceId: actor.workspaceId,
          filename: s.filename.slice(0, 200) || 'file',
          contentType: s.type,
          size: s.size,
          sha256: s.sha256,
          storageKey: s.key,
          width: s.probe?.width ?? null,
          height: s.probe?.height ?? null,
          durationMs: s.probe?.durationMs ?? null,
          posterMediaId: posterId,
          uploadedBy: actor.userId,
        })
        .returning();
      await audit(tx, actor, { action: 'media.upload', entityType: 'media', entityId: row.id, after: { filename: row.filename, size: row.size } });
      return mediaView(row);
    });
  } catch (e) {
    if (posterStored) await deps.storage.remove(posterStored.key);
    throw e;
  }
}

export async function uploadMedia(deps: Deps, actor: Actor, file: { filename: string; data: Buffer }) {
  assertCan(actor.role, 'media.upload');
  if (file.data.length === 0) throw new AppError('validation_failed', { zh: '文件为空', en: 'The file is empty' });
  const type = typeOf(file.data);
  // ffprobe reads a file: the bytes go to a private temporary folder for the probe and poster.
  const dir = await mkdtemp(path.join(tmpdir(), 'meiyun-up-'));
  let facts: Awaited<ReturnType<typeof readFacts>>;
  try {
    const tmp = path.join(dir, 'in');
    await writeFile(tmp, file.data);
    facts = await readFacts(deps, tmp, type);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const { key, sha256 } = await deps.storage.put(file.data);
  try {
    return await insertStored(deps, actor, { key, sha256, size: file.data.length, filename: file.filename, type, ...facts });
  } catch (e) {
    await deps.storage.remove(key);
    throw e;
  }
}

/** LIKE's own characters taken literally in a search by file name. */
const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listMedia(deps: Deps, actor: Actor, q: { page: number; pageSize: number; kind?: 'image' | 'video'; q?: string }) {
  const where = and(
    eq(media.workspaceId, actor.workspaceId),
    // Posters belong to their video; the library lists them through it, not as uploads of their own.
    eq(media.isPoster, false),
    q.kind ? like(media.contentType, `${q.kind}/%`) : undefined,
    q.q ? ilike(media.filename, `%${literal(q.q)}%`) : undefined,
  );
  return paged(
    q,
    (limit, offset) => deps.db.select().from(media).where(where).orderBy(desc(media.createdAt)).limit(limit).offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(media).where(where),
    (rows) => rows.map(mediaView),
  );
}

export async function findMedia(deps: Pick<Deps, 'db'>, workspaceId: string, id: string) {
  const [row] = await deps.db
    .select()
    .from(media)
    .where(and(eq(media.id, id), eq(media.workspaceId, workspaceId)));
  if (!row) throw notFound(MEDIA);
  return row;
}
