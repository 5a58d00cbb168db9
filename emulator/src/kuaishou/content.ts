// 内容管理 (mp.kuaishou.com/platformDocs/openAbility/contentManagement/createAVideo.html; apifox
// project 462993): start_upload → the upload gateway → publish → review; info, list, count; user_info.
import type { MultipartFile } from '@fastify/multipart';
import { E, type KsRoute, type Query } from './pipeline';
import { type KsPhoto, type KsState, type KsUpload, nextSeq, now, opaque, photoState, videoInfo } from './state';

const PUBLISH_SCOPE = 'user_video_publish';
const MAX_LIST = 50;

function ownPhoto(s: KsState, q: Query, appId: string, openId: string): KsPhoto {
  const p = q.photo_id ? s.photos.get(q.photo_id) : undefined;
  if (!q.photo_id) throw E.bad('photo_id 不能为空');
  if (!p || p.appId !== appId || p.openId !== openId) throw E.noVideo();
  return p;
}

function decideReview(s: KsState, appId: string, caption: string): { outcome: 'approve' | 'reject'; reason: string } {
  const i = s.review.findIndex((r) => (r.appId === undefined || r.appId === appId) && (r.captionContains === undefined || caption.includes(r.captionContains)));
  if (i < 0) return { outcome: 'approve', reason: '' };
  const r = s.review[i];
  if (--r.times <= 0) s.review.splice(i, 1);
  return { outcome: r.outcome, reason: r.reason };
}

export const contentRoutes: KsRoute[] = [
  {
    method: 'GET',
    path: '/openapi/user_info',
    auth: {},
    handler: ({ s, tok }) => {
      const u = s.users.get(tok.openId);
      return { user_info: { name: u?.name ?? '', sex: u?.sex ?? 'F', fan: u?.fan ?? 0, follow: u?.follow ?? 0, head: '', bigHead: '', city: u?.city ?? '' } };
    },
  },
  {
    method: 'POST',
    path: '/openapi/photo/start_upload',
    auth: { scope: PUBLISH_SCOPE },
    handler: ({ s, req, tok }) => {
      const token = opaque('');
      s.uploads.set(token, { token, appId: tok.appId, openId: tok.openId, whole: null, fragments: new Map(), completed: false, photoId: null });
      // The gateway host: the real one is e.g. "uploader.test.gifshow.com"; ours is this emulator.
      return { upload_token: token, endpoint: `${req.headers.host ?? '127.0.0.1'}/kuaishou-upload` };
    },
  },
  {
    method: 'POST',
    path: '/openapi/photo/publish',
    auth: { scope: PUBLISH_SCOPE },
    handler: async ({ s, req, q, tok }) => {
      const up = q.upload_token ? s.uploads.get(q.upload_token) : undefined;
      if (!up || up.appId !== tok.appId || up.openId !== tok.openId) throw E.notUploaded();
      if (up.whole === null && !up.completed) throw E.notUploaded();
      // Not documented what a second publish with the same token does: we refuse it (UNVERIFIED).
      if (up.photoId) throw E.bad('upload_token 已使用 / upload_token already published');
      let caption = '';
      let coverBytes = 0;
      if (!req.isMultipart()) throw E.bad('cover 不能为空 (multipart/form-data)');
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          const buf = await (part as MultipartFile).toBuffer();
          if (part.fieldname === 'cover') coverBytes = buf.length;
        } else if (part.fieldname === 'caption') caption = String(part.value ?? '');
      }
      if (coverBytes === 0) throw E.bad('cover 不能为空');
      const t = now(s);
      const r = decideReview(s, tok.appId, caption);
      const photo: KsPhoto = { photoId: `3x${nextSeq(s).toString(36)}${opaque('').slice(0, 8).toLowerCase()}`, appId: tok.appId, openId: tok.openId, caption, coverBytes, createTime: t, readyAt: t + s.o.reviewDelayMs, ...r };
      up.photoId = photo.photoId;
      s.photos.set(photo.photoId, photo);
      s.order.push(photo.photoId);
      return { video_info: videoInfo(s, photo) };
    },
  },
  {
    method: 'GET',
    path: '/openapi/photo/info',
    auth: { scope: 'user_video_info' },
    handler: ({ s, q, tok }) => {
      const p = ownPhoto(s, q, tok.appId, tok.openId);
      if (photoState(s, p) === 'rejected') throw E.publishFailed(p.reason || '内容未通过审核');
      return { video_info: videoInfo(s, p) };
    },
  },
  {
    method: 'GET',
    path: '/openapi/photo/list',
    auth: { scope: 'user_video_info' },
    handler: ({ s, q, tok }) => {
      const count = Math.min(MAX_LIST, Math.max(1, Number(q.count ?? 20) || 20));
      const mine = s.order.filter((id) => {
        const p = s.photos.get(id) as KsPhoto;
        return p.appId === tok.appId && p.openId === tok.openId && photoState(s, p) !== 'rejected';
      }).reverse();
      const start = q.cursor ? mine.indexOf(q.cursor) + 1 : 0;
      if (q.cursor && start === 0) throw E.bad('cursor 无效');
      const page = mine.slice(start, start + count).map((id) => videoInfo(s, s.photos.get(id) as KsPhoto));
      return { video_list: page };
    },
  },
  {
    method: 'GET',
    path: '/openapi/photo/count',
    auth: { scope: 'user_video_info' },
    handler: ({ s, tok }) => {
      const n = s.order.filter((id) => {
        const p = s.photos.get(id) as KsPhoto;
        return p.appId === tok.appId && p.openId === tok.openId && photoState(s, p) === 'published';
      }).length;
      return { public_count: n, friend_count: 0, private_count: 0, all_count: n };
    },
  },
];

function uploadOf(s: KsState, q: Query): KsUpload {
  const up = q.upload_token ? s.uploads.get(q.upload_token) : undefined;
  if (!up) throw E.bad('upload_token 无效');
  if (up.photoId) throw E.bad('upload_token 已使用');
  return up;
}

const bytesOf = (body: unknown) => (Buffer.isBuffer(body) ? body.length : typeof body === 'string' ? Buffer.byteLength(body) : 0);
const appOfUpload = (s: KsState, q: Query) => (q.upload_token ? (s.uploads.get(q.upload_token)?.appId ?? '') : '');

/** The gateway at http://{endpoint}/api/upload… (A.1, A.2, B.1, B.3). */
export const uploadRoutes: KsRoute[] = [
  {
    method: 'POST',
    path: '/api/upload',
    appOf: appOfUpload,
    handler: ({ s, q, req }) => {
      const up = uploadOf(s, q);
      const n = bytesOf(req.body);
      if (n === 0) throw E.bad('文件为空');
      up.whole = n;
      return {};
    },
  },
  {
    method: 'POST',
    path: '/api/upload/multipart',
    appOf: appOfUpload,
    handler: async ({ s, q, req }) => {
      const up = uploadOf(s, q);
      const file = req.isMultipart() ? await req.file() : undefined;
      const n = file ? (await file.toBuffer()).length : 0;
      if (n === 0) throw E.bad('file 不能为空');
      up.whole = n;
      return {};
    },
  },
  {
    method: 'POST',
    path: '/api/upload/fragment',
    appOf: appOfUpload,
    handler: ({ s, q, req }) => {
      const up = uploadOf(s, q);
      const id = Number(q.fragment_id);
      if (!Number.isInteger(id) || id < 0) throw E.bad('fragment_id 从 0 开始');
      const n = bytesOf(req.body);
      if (n === 0) throw E.bad('分片为空');
      up.fragments.set(id, n);
      return { checksum: Buffer.from(`${up.token}:${id}:${n}`).toString('hex').slice(0, 32), size: n };
    },
  },
  {
    method: 'POST',
    path: '/api/upload/complete',
    appOf: appOfUpload,
    handler: ({ s, q }) => {
      const up = uploadOf(s, q);
      const count = Number(q.fragment_count);
      if (!Number.isInteger(count) || count < 1) throw E.bad('fragment_count 无效');
      for (let i = 0; i < count; i++) if (!up.fragments.has(i)) throw E.bad(`分片 ${i} 未上传`);
      up.completed = true;
      return {};
    },
  },
];
