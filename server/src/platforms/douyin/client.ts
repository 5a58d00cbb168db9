// A client of Douyin's open platform for one authorised account (open_id): video upload (whole or
// in parts), cover image, create_video, video_list/video_data, the share-id of the H5 share flow,
// and the data/external analytics. Paths and fields: API-REFERENCE.md §3 ([DG] douyin-go, [DYD]).
import { type CallMeter, type Grant, type GrantAccess, PlatformError } from '../adapter';
import { keepAliveRequester, type Requester } from '../keepalive';
import { PLATFORM, TOKEN_EXPIRED } from './errors';
import { type DyRequest, type Obj, send, str } from './http';

export const V1 = '/api/douyin/v1/video';
/** [DYD] create/upload: part upload recommended above 50 MB, parts of 20 MB (min 5 MB). */
export const PART_THRESHOLD = 50 * 1024 * 1024;
export const PART_SIZE = 20 * 1024 * 1024;
export const DIRECT_MAX = 128 * 1024 * 1024;

export interface DouyinClientOptions {
  baseUrl: string;
  timeoutMs: number;
  meter: CallMeter;
  grant: GrantAccess;
  request?: Requester;
}

export interface VideoItem {
  itemId: string;
  title: string;
  createTime: number;
  shareUrl: string;
  isReviewed: boolean;
  /** 1 published, 2 not suitable for public, 4 in review, 5 public (API-REFERENCE.md §3). */
  videoStatus: number;
  shareId: string | null;
  reason: string;
}

function item(o: Obj): VideoItem {
  return {
    itemId: str(o.item_id),
    title: str(o.title),
    createTime: Number(o.create_time ?? 0),
    shareUrl: str(o.share_url),
    isReviewed: o.is_reviewed === true,
    videoStatus: Number(o.video_status ?? 0),
    shareId: str(o.share_id) || null,
    reason: str(o.status_reason ?? o.reason),
  };
}

export class DouyinClient {
  private readonly t;
  constructor(private readonly o: DouyinClientOptions) {
    this.t = { baseUrl: o.baseUrl, timeoutMs: o.timeoutMs, request: o.request ?? keepAliveRequester };
  }

  /** A user-token call: token in the `access-token` header, `open_id` in the query; one refresh on expiry. */
  async call(api: string, req: Omit<DyRequest, 'path'>): Promise<Obj> {
    if (!this.o.grant) throw new PlatformError({ kind: 'auth', platform: PLATFORM, message: '抖音账号未授权 / the Douyin account is not authorised' });
    let grant = await this.o.grant.current();
    for (let attempt = 0; ; attempt++) {
      this.o.meter.take(api);
      try {
        const { data } = await send(this.t, this.withToken(api, req, grant));
        return data;
      } catch (e) {
        if (attempt > 0 || !(e instanceof PlatformError) || !TOKEN_EXPIRED.has(Number(e.code))) throw e;
        grant = await this.o.grant.refreshed(grant);
      }
    }
  }

  private withToken(path: string, req: Omit<DyRequest, 'path'>, g: Grant): DyRequest {
    return { ...req, path, headers: { ...req.headers, 'access-token': g.accessToken }, query: { open_id: g.openId, ...req.query } };
  }

  async currentGrant(): Promise<Grant> {
    return this.o.grant.current();
  }

  async uploadVideo(data: Buffer, filename: string, contentType: string): Promise<string> {
    if (data.length > PART_THRESHOLD) return this.uploadVideoInParts(data, filename, contentType);
    const d = await this.call(`${V1}/upload_video/`, {
      body: { multipart: () => fileForm('video', data, filename, contentType) },
      idempotent: true,
    });
    return videoIdOf(d);
  }

  async uploadVideoInParts(data: Buffer, filename: string, contentType: string): Promise<string> {
    const init = await this.call(`${V1}/init_video_part_upload/`, { body: { json: {} }, idempotent: true });
    const uploadId = str(init.upload_id);
    const parts = Math.max(1, Math.ceil(data.length / PART_SIZE));
    for (let i = 0; i < parts; i++) {
      // Parts of 20 MB, the last holding the remainder ("单个分片建议20MB，最小5MB"; whether the
      // last part is exempt from the minimum is UNVERIFIED: the emulator assumes it is).
      const end = Math.min(data.length, (i + 1) * PART_SIZE);
      const chunk = data.subarray(i * PART_SIZE, end);
      await this.call(`${V1}/upload_video_part/`, {
        query: { upload_id: uploadId, part_number: String(i + 1) },
        body: { multipart: () => fileForm('video', chunk, filename, contentType) },
        idempotent: true,
      });
    }
    const done = await this.call(`${V1}/complete_video_part_upload/`, { query: { upload_id: uploadId }, body: { json: {} }, idempotent: true });
    return videoIdOf(done);
  }

  async uploadImage(data: Buffer, filename: string, contentType: string): Promise<string> {
    const d = await this.call(`${V1}/upload_image/`, { body: { multipart: () => fileForm('image', data, filename, contentType) }, idempotent: true });
    const img = (d.image ?? {}) as Obj;
    return str(img.image_id);
  }

  /** Not idempotent: a lost answer may mean a published video (reconcile by video_list). */
  async createVideo(
    p: { videoId: string; text: string; coverTsp?: number; customCoverImageUrl?: string },
    beforeSend?: () => Promise<boolean>,
  ): Promise<string> {
    const json: Obj = { video_id: p.videoId, text: p.text };
    if (p.coverTsp !== undefined) json.cover_tsp = p.coverTsp;
    if (p.customCoverImageUrl) json.custom_cover_image_url = p.customCoverImageUrl;
    const d = await this.call(`${V1}/create_video/`, { body: { json }, idempotent: false, ...(beforeSend ? { beforeSend } : {}) });
    return str(d.item_id);
  }

  async videoData(itemIds: string[]): Promise<VideoItem[]> {
    const d = await this.call(`${V1}/video_data/`, { body: { json: { item_ids: itemIds } }, idempotent: true });
    return ((d.list ?? []) as Obj[]).map(item);
  }

  async videoList(cursor: number, count: number): Promise<{ list: VideoItem[]; cursor: number; hasMore: boolean }> {
    const d = await this.call(`${V1}/video_list/`, { method: 'GET', query: { cursor: String(cursor), count: String(count) }, idempotent: true });
    return { list: ((d.list ?? []) as Obj[]).map(item), cursor: Number(d.cursor ?? 0), hasMore: d.has_more === true };
  }

  /** Per-post totals of the last 30 days ([DG] item_data.go). */
  async itemBase(itemId: string): Promise<{ totalPlay: number; totalLike: number; totalComment: number; totalShare: number; avgPlayDuration: number }> {
    const d = await this.call('/data/external/item/base/', { method: 'GET', query: { item_id: itemId }, idempotent: true });
    const r = (d.result ?? {}) as Obj;
    return {
      totalPlay: Number(r.total_play ?? 0),
      totalLike: Number(r.total_like ?? 0),
      totalComment: Number(r.total_comment ?? 0),
      totalShare: Number(r.total_share ?? 0),
      avgPlayDuration: Number(r.avg_play_duration ?? 0),
    };
  }

  /**
   * GET data/external/user/<metric>/?date_type=7|15|30: the account's figures on each of the last
   * 7, 15 or 30 days ([DG] user_data.go: result_list[{date, new_fans, total_fans}] for fans,
   * {date, new_issue, new_play, total_issue} for item, {date, new_like|new_comment|new_share}).
   */
  async userDays<M extends UserMetric>(metric: M, dateType: 7 | 15 | 30): Promise<ExternalDay<(typeof USER_FIELDS)[M][number]>[]> {
    const d = await this.call(`/data/external/user/${metric}/`, { method: 'GET', query: { date_type: String(dateType) }, idempotent: true });
    return daysOf(d, USER_FIELDS[metric]);
  }

  /** GET data/external/item/<metric>/?item_id&date_type=7|15: one item's figure per day ([DG] item_data.go: result_list[{date, play|like|comment|share}]). */
  async itemDays<M extends ItemMetric>(metric: M, itemId: string, dateType: 7 | 15): Promise<ExternalDay<M>[]> {
    const d = await this.call(`/data/external/item/${metric}/`, { method: 'GET', query: { item_id: itemId, date_type: String(dateType) }, idempotent: true });
    return daysOf(d, [metric] as const);
  }
}

/** The figures each data/external/user/* answer carries per day ([DG] user_data.go). */
export const USER_FIELDS = {
  fans: ['new_fans', 'total_fans'],
  item: ['new_issue', 'new_play', 'total_issue'],
  like: ['new_like'],
  comment: ['new_comment'],
  share: ['new_share'],
} as const;
export type UserMetric = keyof typeof USER_FIELDS;
export const ITEM_METRICS = ['play', 'like', 'comment', 'share'] as const;
export type ItemMetric = (typeof ITEM_METRICS)[number];
/** A day of a data/external answer: the day (YYYY-MM-DD) and its figures, null where the answer has none. */
export type ExternalDay<F extends string> = { day: string } & Record<F, number | null>;

/** A count as answered (number or digit string); anything else (absent, "", "-") is unknown, never 0. */
export function figureOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : null;
}

/** "2023-10-08" or "20231008" as YYYY-MM-DD; other forms are not a day. */
function dayOf(v: unknown): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(str(v).trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function daysOf<F extends string>(d: Obj, fields: readonly F[]): ExternalDay<F>[] {
  const out: ExternalDay<F>[] = [];
  for (const x of Array.isArray(d.result_list) ? d.result_list : []) {
    const r = (typeof x === 'object' && x !== null ? x : {}) as Obj;
    const day = dayOf(r.date);
    if (!day) continue;
    const row = { day } as ExternalDay<F>;
    for (const f of fields) (row as Record<string, number | null>)[f] = figureOf(r[f]);
    out.push(row);
  }
  return out;
}

function videoIdOf(d: Obj): string {
  const v = (d.video ?? {}) as Obj;
  const id = str(v.video_id);
  if (!id) throw new PlatformError({ kind: 'transient', platform: PLATFORM, message: '抖音上传未返回 video_id / Douyin upload answered no video_id' });
  return id;
}

function fileForm(field: string, data: Buffer, filename: string, contentType: string): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(data)], { type: contentType }), filename);
  return form;
}
