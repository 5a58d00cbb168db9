// Kuaishou open platform client (内容管理, open.kuaishou.com), a thin, faithful speaker of the
// documented protocol against a configurable base URL (the bundled emulator in tests and the demo).
// Sources: mp.kuaishou.com/platformDocs/openAbility/contentManagement/createAVideo.html (创建视频:
// start_upload → upload → publish) and the apifox mirror apifox.com/apidoc/project-462993
// (api-7075074 发起上传, -7075075/-7075076 直接上传, -7075077 上传分片, -7075078 完成分片上传,
// -7075080 发布视频, -7075082 视频列表, -7075083 单一视频详情, doc-355272 错误码).
// Every call carries app_id and access_token in the query string; answers are HTTP 200 with `result`.

import { type CallMeter, type Grant, type GrantAccess, PlatformError, UNMETERED } from '../adapter';
import { fetchRequester, keepAliveRequester, type Multipart } from '../keepalive';
import { errorMsgOf, makeRedactor, PLATFORM, resultError, resultOf, TOKEN_REFRESH_RESULTS } from './errors';
import { send, type Transport, type WireBody, type WireObject } from './http';

export const KUAISHOU_DEFAULT_TIMEOUT_MS = 30_000;
/**
 * createAVideo: "A. 直接上传,适合小于10M的文件 … B. 分片上传,适合大文件 … 建议分片大小 不大于10M".
 * Files up to this size go whole; bigger ones in fragments of this size.
 */
export const KUAISHOU_FRAGMENT_BYTES = 10 * 1024 * 1024;

export interface KuaishouClientOptions {
  baseUrl: string;
  appId: string;
  grant: GrantAccess;
  meter?: CallMeter;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Fragment size for the chunked upload (tests use small ones). */
  fragmentBytes?: number;
}

export interface UploadFile {
  data: Buffer;
  filename: string;
  contentType: string;
}

/** One video as /openapi/photo/info and /openapi/photo/list describe it (api-7075083). */
export interface KuaishouPhoto {
  photoId: string;
  caption: string;
  cover: string;
  playUrl: string;
  /** Milliseconds since the epoch (the doc's example: 1596629598574). */
  createTime: number;
  /** The running counts; null where the answer has none (never 0 for unknown). */
  likeCount: number | null;
  commentCount: number | null;
  viewCount: number | null;
  /** "作品状态(是否还在处理中,不能观看)". */
  pending: boolean;
}

/** A count as answered (number or digit string); absent or anything else is unknown, never 0. */
export function figureOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : null;
}

export function photoFromWire(v: WireObject): KuaishouPhoto {
  const num = (x: unknown) => (typeof x === 'number' ? x : Number(x) || 0);
  return {
    photoId: String(v.photo_id ?? ''),
    caption: typeof v.caption === 'string' ? v.caption : '',
    cover: typeof v.cover === 'string' ? v.cover : '',
    playUrl: typeof v.play_url === 'string' ? v.play_url : '',
    createTime: num(v.create_time),
    likeCount: figureOf(v.like_count),
    commentCount: figureOf(v.comment_count),
    viewCount: figureOf(v.view_count),
    pending: v.pending === true,
  };
}

const isObject = (x: unknown): x is WireObject => typeof x === 'object' && x !== null && !Array.isArray(x);

export class KuaishouClient {
  private readonly t: Transport;
  private readonly base: string;
  private readonly meter: CallMeter;
  private readonly grant: GrantAccess;
  private readonly fragmentBytes: number;
  private readonly seen: string[] = [];
  readonly appId: string;

  constructor(o: KuaishouClientOptions) {
    if (!o.baseUrl) throw new Error('KuaishouClient: baseUrl is required');
    this.base = o.baseUrl.replace(/\/+$/, '');
    this.appId = o.appId;
    this.grant = o.grant;
    this.meter = o.meter ?? UNMETERED;
    this.fragmentBytes = o.fragmentBytes ?? KUAISHOU_FRAGMENT_BYTES;
    this.t = {
      timeoutMs: o.timeoutMs ?? KUAISHOU_DEFAULT_TIMEOUT_MS,
      request: o.fetch ? fetchRequester(o.fetch) : keepAliveRequester,
      fetch: o.fetch ?? ((...a) => globalThis.fetch(...a)),
      redact: makeRedactor(() => this.seen),
    };
  }

  private remember(g: Grant): string {
    if (!this.seen.includes(g.accessToken)) this.seen.push(g.accessToken);
    return g.accessToken;
  }

  /**
   * An open.kuaishou.com call with the account's token; a token refused as expired or invalid
   * (100200108, 100200102) is refreshed once through the grant (shared by every process) and the
   * call repeated; refused again, it is 'auth'.
   */
  private async call(path: string, body: WireBody, o: { query?: Record<string, string>; idempotent: boolean; beforeSend?: () => Promise<boolean> }): Promise<WireObject> {
    let g = await this.grant.current();
    for (let attempt = 0; ; attempt++) {
      this.meter.take(path);
      const query = { app_id: this.appId, access_token: this.remember(g), ...o.query };
      const res = await send(this.t, { url: `${this.base}${path}`, api: path, query, body, idempotent: o.idempotent, beforeSend: o.beforeSend });
      const result = resultOf(res);
      if (result === 1) return res;
      if (TOKEN_REFRESH_RESULTS.has(result) && attempt === 0) {
        g = await this.grant.refreshed(g);
        continue;
      }
      const err = resultError(path, res, this.t.redact);
      if (TOKEN_REFRESH_RESULTS.has(result)) {
        throw new PlatformError({ kind: 'auth', platform: PLATFORM, code: result, platformMessage: err.platformMessage, message: `${err.message}; still refused after a refresh: authorise the account again (刷新后仍被拒绝，请重新授权)` });
      }
      throw err;
    }
  }

  /** GET /openapi/user_info (GetUserInfo): name, sex, fan (followers), follow, head, bigHead, city. */
  async userInfo(): Promise<{ name: string; fan: number | null; follow: number | null; head: string }> {
    const body = await this.call('/openapi/user_info', { get: true }, { idempotent: true });
    const u = isObject(body.user_info) ? body.user_info : {};
    return { name: String(u.name ?? ''), fan: figureOf(u.fan), follow: figureOf(u.follow), head: String(u.head ?? '') };
  }

  /** POST /openapi/photo/start_upload (scope user_video_publish) → upload_token and the gateway host. */
  async startUpload(): Promise<{ uploadToken: string; endpoint: string }> {
    const path = '/openapi/photo/start_upload';
    const body = await this.call(path, { none: true }, { idempotent: true });
    if (typeof body.upload_token !== 'string' || !body.upload_token || typeof body.endpoint !== 'string' || !body.endpoint) {
      throw new PlatformError({ kind: 'transient', platform: PLATFORM, message: `快手 ${path} answered without upload_token/endpoint` });
    }
    this.seen.push(body.upload_token);
    return { uploadToken: body.upload_token, endpoint: body.endpoint };
  }

  /**
   * The video to the gateway: whole (A.1, `POST http://{endpoint}/api/upload`, raw bytes) up to the
   * fragment size, else in fragments (B.1 `/api/upload/fragment?fragment_id=` from 0, then B.3
   * `/api/upload/complete?fragment_count=`). The doc: "为提高上传效率 上传接口 均为http://{host}/...".
   */
  async uploadVideo(endpoint: string, uploadToken: string, video: UploadFile): Promise<{ fragments: number }> {
    const root = /^https?:\/\//.test(endpoint) ? endpoint.replace(/\/+$/, '') : `http://${endpoint.replace(/\/+$/, '')}`;
    const gateway = async (path: string, query: Record<string, string>, body: WireBody) => {
      this.meter.take(path);
      const res = await send(this.t, { url: `${root}${path}`, api: path, query: { upload_token: uploadToken, ...query }, body, idempotent: true });
      if (resultOf(res) !== 1) throw resultError(path, res, this.t.redact);
      return res;
    };
    const type = video.contentType || 'video/mp4';
    if (video.data.length <= this.fragmentBytes) {
      await gateway('/api/upload', {}, { binary: video.data, contentType: type });
      return { fragments: 0 };
    }
    let n = 0;
    for (let off = 0; off < video.data.length; off += this.fragmentBytes, n++) {
      const part = video.data.subarray(off, Math.min(off + this.fragmentBytes, video.data.length));
      // B.1 answers checksum and size; what `size` counts is not said, so only `result` is read.
      await gateway('/api/upload/fragment', { fragment_id: String(n) }, { binary: part, contentType: type });
    }
    await gateway('/api/upload/complete', { fragment_count: String(n) }, { none: true });
    return { fragments: n };
  }

  /**
   * POST /openapi/photo/publish?upload_token= with a multipart body: `cover` (the cover image file)
   * and `caption`. Not repeatable: a lost answer is 'unknown_outcome'. The answer's shape beyond
   * `result` is not shown on the pages we read (UNVERIFIED): the photo id is read from
   * `video_info.photo_id` (the shape photo/info answers) or a top-level `photo_id`.
   */
  async publish(uploadToken: string, caption: string, cover: UploadFile, opts: { beforeSend?: () => Promise<boolean> } = {}): Promise<{ photoId: string; photo: KuaishouPhoto | null }> {
    const path = '/openapi/photo/publish';
    const form = (): Multipart => ({
      multipart: [
        ['cover', { data: cover.data, filename: cover.filename, contentType: cover.contentType }],
        ['caption', caption],
      ],
    });
    const body = await this.call(path, { form }, { query: { upload_token: uploadToken }, idempotent: false, beforeSend: opts.beforeSend });
    const info = isObject(body.video_info) ? body.video_info : null;
    const raw = info?.photo_id ?? body.photo_id;
    if (raw === undefined || raw === null || raw === '') {
      throw new PlatformError({ kind: 'unknown_outcome', platform: PLATFORM, code: 1, message: `快手 ${path} answered result 1 without a photo_id; reconcile before retrying` });
    }
    return { photoId: String(raw), photo: info ? photoFromWire(info) : null };
  }

  /**
   * GET /openapi/photo/info?photo_id= (api-7075083). The doc lists 120001 视频不存在, 120002 视频未上传,
   * 120003 视频发布失败 for this API; it says nothing of review, so a refusal there is returned, not thrown.
   */
  async photoInfo(photoId: string): Promise<{ ok: true; photo: KuaishouPhoto } | { ok: false; code: number; message: string }> {
    const path = '/openapi/photo/info';
    try {
      const body = await this.call(path, { get: true }, { query: { photo_id: photoId }, idempotent: true });
      return { ok: true, photo: photoFromWire(isObject(body.video_info) ? body.video_info : {}) };
    } catch (e) {
      if (e instanceof PlatformError && (e.code === 120001 || e.code === 120002 || e.code === 120003)) {
        return { ok: false, code: e.code, message: e.platformMessage };
      }
      throw e;
    }
  }

  /** GET /openapi/photo/list?cursor=&count= (api-7075082): the user's videos, newest first, and the next cursor. */
  async photoList(cursor: string | null, count: number): Promise<{ photos: KuaishouPhoto[]; cursor: string | null }> {
    const query: Record<string, string> = { count: String(count) };
    if (cursor) query.cursor = cursor;
    const body = await this.call('/openapi/photo/list', { get: true }, { query, idempotent: true });
    const list = (Array.isArray(body.video_list) ? body.video_list : []).filter(isObject).map(photoFromWire);
    // The cursor of the next page: the answer's own when it gives one, else the last photo id (UNVERIFIED).
    const next = typeof body.cursor === 'string' && body.cursor ? body.cursor : (list.at(-1)?.photoId ?? null);
    return { photos: list, cursor: list.length < count ? null : next };
  }

  /** GET /openapi/photo/count (查询视频数量接口). Field names UNVERIFIED: public/friend/private/all. */
  async photoCount(): Promise<{ all: number; public: number; friend: number; private: number }> {
    const body = await this.call('/openapi/photo/count', { get: true }, { idempotent: true });
    const n = (k: string) => Number(body[k]) || 0;
    return { all: n('all_count'), public: n('public_count'), friend: n('friend_count'), private: n('private_count') };
  }
}

export { errorMsgOf };
