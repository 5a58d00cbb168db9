// Permanent material (add_material) and article-body images (media/uploadimg).
import type { FastifyRequest } from 'fastify';
import { WxError } from './errors';
import type { WxRoute } from './pipeline';
import { type Material, type WechatState, randomId } from './state';

const MB = 1024 * 1024;

interface TypeRule {
  formats: string[];
  maxBytes: number;
  sizeErr: number;
}

/** Limits from the addMaterial doc; the size errcodes per type are partly guesses (README). */
const RULES: Record<Material['type'], TypeRule> = {
  image: { formats: ['bmp', 'png', 'jpeg', 'jpg', 'gif'], maxBytes: 10 * MB, sizeErr: 40009 },
  thumb: { formats: ['jpg', 'jpeg'], maxBytes: 64 * 1024, sizeErr: 40006 },
  voice: { formats: ['mp3', 'wma', 'wav', 'amr'], maxBytes: 2 * MB, sizeErr: 40010 },
  video: { formats: ['mp4'], maxBytes: 10 * MB, sizeErr: 40011 },
};
const UPLOADIMG: TypeRule = { formats: ['jpg', 'jpeg', 'png'], maxBytes: MB - 1, sizeErr: 40009 };

/** Upper bound the multipart reader keeps in memory; anything longer is over every limit. */
export const MULTIPART_FILE_CAP = 11 * MB;

interface Upload {
  filename: string;
  size: number;
  head: Buffer;
}

/** Reads the multipart body: the `media` file (size and first bytes) and text fields. */
async function readMultipart(
  req: FastifyRequest,
): Promise<{ media?: Upload; fields: Record<string, string> }> {
  const fields: Record<string, string> = {};
  let media: Upload | undefined;
  if (!req.isMultipart()) return { fields };
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'media' || media) {
        part.file.resume();
        continue;
      }
      let size = 0;
      const head: Buffer[] = [];
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        if (size < 16) head.push(chunk);
        size += chunk.length;
      }
      // A truncated stream means the file passed the reader's cap: over every limit.
      if (part.file.truncated) size = Math.max(size, MULTIPART_FILE_CAP + 1);
      media = { filename: part.filename ?? '', size, head: Buffer.concat(head).subarray(0, 16) };
    }
  } catch {
    throw new WxError(41005);
  }
  return { media, fields };
}

/** Format from the filename's extension, else from the file's magic bytes. */
export function detectFormat(filename: string, head: Buffer): string {
  const dot = filename.lastIndexOf('.');
  if (dot > 0 && dot < filename.length - 1) return filename.slice(dot + 1).toLowerCase();
  const hex = head.toString('hex');
  if (hex.startsWith('ffd8ff')) return 'jpg';
  if (hex.startsWith('89504e47')) return 'png';
  if (hex.startsWith('47494638')) return 'gif';
  if (hex.startsWith('424d')) return 'bmp';
  if (head.subarray(4, 8).toString('latin1') === 'ftyp') return 'mp4';
  if (head.subarray(0, 3).toString('latin1') === 'ID3' || hex.startsWith('fffb')) return 'mp3';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF') return 'wav';
  if (head.subarray(0, 5).toString('latin1') === '#!AMR') return 'amr';
  return '';
}

function check(upload: Upload | undefined, rule: TypeRule): string {
  if (!upload) throw new WxError(41005);
  if (upload.size === 0) throw new WxError(44001);
  const format = detectFormat(upload.filename, upload.head);
  if (!rule.formats.includes(format)) throw new WxError(40005);
  if (upload.size > rule.maxBytes) throw new WxError(rule.sizeErr);
  return format;
}

export function mmbizUrl(format: string): string {
  const fmt = format === 'jpg' ? 'jpeg' : format;
  return `http://mmbiz.qpic.cn/sz_mmbiz_${format}/${randomId(48)}/0?wx_fmt=${fmt}`;
}

function videoDescription(raw: string | undefined): { title?: string; introduction?: string } {
  if (raw === undefined) throw new WxError(40035);
  try {
    const d = JSON.parse(raw) as { title?: unknown; introduction?: unknown };
    if (d === null || typeof d !== 'object') throw new Error('not an object');
    return {
      title: typeof d.title === 'string' ? d.title : undefined,
      introduction: typeof d.introduction === 'string' ? d.introduction : undefined,
    };
  } catch {
    throw new WxError(47001);
  }
}

/** A permanent material of this account usable as a cover, or undefined. */
export function coverMaterial(s: WechatState, appid: string, mediaId: unknown) {
  if (typeof mediaId !== 'string') return undefined;
  const m = s.materials.get(mediaId);
  if (!m || m.appid !== appid || (m.type !== 'image' && m.type !== 'thumb')) return undefined;
  return m;
}

export const materialRoutes: WxRoute[] = [
  {
    path: '/cgi-bin/material/add_material',
    method: 'POST',
    auth: true,
    body: 'multipart',
    handler: async ({ s, req, query, app, t }) => {
      const type = query.type as Material['type'] | undefined;
      if (!type || !Object.hasOwn(RULES, type)) throw new WxError(40004);
      const { media, fields } = await readMultipart(req);
      const format = check(media, RULES[type]);
      const desc = type === 'video' ? videoDescription(fields.description) : {};
      const m: Material = {
        mediaId: randomId(32),
        appid: app.appid,
        type,
        size: media?.size ?? 0,
        format,
        url: type === 'image' || type === 'thumb' ? mmbizUrl(format) : undefined,
        title: desc.title,
        introduction: desc.introduction,
        createdAt: t,
      };
      s.materials.set(m.mediaId, m);
      // The doc returns url for images only.
      return type === 'image' ? { media_id: m.mediaId, url: m.url } : { media_id: m.mediaId };
    },
  },
  {
    path: '/cgi-bin/media/uploadimg',
    method: 'POST',
    auth: true,
    body: 'multipart',
    handler: async ({ req }) => {
      const { media } = await readMultipart(req);
      const format = check(media, UPLOADIMG);
      return { url: mmbizUrl(format) };
    },
  },
];
