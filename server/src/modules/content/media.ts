import { and, desc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { paged } from '../../lib/paging';
import { AppError, notFound } from '../../lib/errors';
import { isoOr } from '../../lib/time';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
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
  width: m.width,
  height: m.height,
  durationMs: m.durationMs,
  url: `/api/v1/media/${m.id}/file`,
  createdAt: isoOr(m.createdAt),
});

export async function uploadMedia(deps: Deps, actor: Actor, file: { filename: string; data: Buffer }) {
  assertCan(actor.role, 'media.upload');
  if (file.data.length === 0) throw new AppError('validation_failed', { zh: '文件为空', en: 'The file is empty' });
  const type = sniff(file.data);
  if (!type) {
    throw new AppError('unsupported_media_type', {
      zh: '不支持的文件类型：仅支持 JPG、PNG、GIF、BMP、WEBP 图片和 MP4 视频',
      en: 'Unsupported file type: only JPG, PNG, GIF, BMP, WEBP images and MP4 videos',
    });
  }
  const { key, sha256 } = await deps.storage.put(file.data);
  try {
    return await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(media)
        .values({
          workspaceId: actor.workspaceId,
          filename: file.filename.slice(0, 200) || 'file',
          contentType: type,
          size: file.data.length,
          sha256,
          storageKey: key,
          uploadedBy: actor.userId,
        })
        .returning();
      await audit(tx, actor, { action: 'media.upload', entityType: 'media', entityId: row.id, after: { filename: row.filename, size: row.size } });
      return mediaView(row);
    });
  } catch (e) {
    await deps.storage.remove(key);
    throw e;
  }
}

export async function listMedia(deps: Deps, actor: Actor, q: { page: number; pageSize: number }) {
  const where = eq(media.workspaceId, actor.workspaceId);
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
