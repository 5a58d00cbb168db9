// The Kuaishou emulator's memory: apps, users, OAuth codes and tokens, uploads, videos (photos),
// review rules, faults and the call log. Written from the open.kuaishou.com documents (see README),
// sharing nothing with server/src.
import { randomBytes } from 'node:crypto';

export interface KsOptions {
  /** How long a published video stays `pending` (in review) before it can be watched or is refused. */
  reviewDelayMs: number;
  /** access_token lifetime (kwaiLogin example: 172800 s). */
  tokenTtlSeconds: number;
  /** refresh_token lifetime (kwaiLogin example: 15552000 s = 180 days). */
  refreshTtlSeconds: number;
}

export interface KsApp { appId: string; secret: string; name: string }
export interface KsUser { openId: string; name: string; fan: number; follow: number; sex: string; city: string }
export interface KsCode { appId: string; openId: string; scopes: string[]; expiresAt: number; used: boolean }
export interface KsToken { appId: string; openId: string; scopes: string[]; expiresAt: number }
export interface KsRefresh extends KsToken { revoked: boolean }

export interface KsUpload {
  token: string;
  appId: string;
  openId: string;
  /** Bytes of a whole upload (A.1/A.2), or null. */
  whole: number | null;
  fragments: Map<number, number>;
  completed: boolean;
  /** photo_id once published with this token. */
  photoId: string | null;
}

export interface KsPhoto {
  photoId: string;
  appId: string;
  openId: string;
  caption: string;
  coverBytes: number;
  createTime: number;
  /** When review ends. */
  readyAt: number;
  outcome: 'approve' | 'reject';
  reason: string;
  /** The counts photo/info and photo/list answer (0 until the control sets them). */
  counts?: { like_count?: number; comment_count?: number; view_count?: number };
}

export interface KsReviewRule { id: string; appId?: string; captionContains?: string; outcome: 'approve' | 'reject'; reason: string; times: number }

export const FAULT_MODES = ['errcode', 'latency', 'timeout', 'drop_after_accept'] as const;
export interface KsFault { id: string; path: string; appId?: string; mode: (typeof FAULT_MODES)[number]; errcode?: number; errorMsg?: string; latencyMs?: number; times?: number; probability?: number }

export interface KsCall { at: number; path: string; appId: string; result: number | null; fault?: string }

export interface KsState {
  o: KsOptions;
  apps: Map<string, KsApp>;
  users: Map<string, KsUser>;
  /** Users registered per app (who may authorise it); the first is the default on the authorize page. */
  appUsers: Map<string, string[]>;
  codes: Map<string, KsCode>;
  tokens: Map<string, KsToken>;
  refresh: Map<string, KsRefresh>;
  uploads: Map<string, KsUpload>;
  photos: Map<string, KsPhoto>;
  /** Photo ids in publish order. */
  order: string[];
  review: KsReviewRule[];
  faults: KsFault[];
  calls: KsCall[];
  clockOffsetMs: number;
  seq: number;
  parked: Set<() => void>;
  closed: boolean;
}

export function createKsState(o: KsOptions): KsState {
  return { o, apps: new Map(), users: new Map(), appUsers: new Map(), codes: new Map(), tokens: new Map(), refresh: new Map(), uploads: new Map(), photos: new Map(), order: [], review: [], faults: [], calls: [], clockOffsetMs: 0, seq: 0, parked: new Set(), closed: false };
}

export function resetKs(s: KsState): void {
  const fresh = createKsState(s.o);
  Object.assign(s, { ...fresh, parked: s.parked, closed: s.closed });
}

export const now = (s: KsState) => Date.now() + s.clockOffsetMs;
export const nextSeq = (s: KsState) => ++s.seq;
export const opaque = (prefix: string) => `${prefix}${randomBytes(12).toString('base64url')}`;

/** A video's review state at this moment. */
export function photoState(s: KsState, p: KsPhoto): 'pending' | 'published' | 'rejected' {
  if (now(s) < p.readyAt) return 'pending';
  return p.outcome === 'reject' ? 'rejected' : 'published';
}

export const playUrl = (p: KsPhoto) => `https://www.kuaishou.com/short-video/${p.photoId}`;

/** The video_info object of photo/info and photo/list (apifox api-7075083). */
export function videoInfo(s: KsState, p: KsPhoto) {
  const pending = photoState(s, p) === 'pending';
  return {
    photo_id: p.photoId,
    caption: p.caption,
    cover: `https://p1.a.yximgs.com/upic/${p.photoId}.jpg`,
    play_url: pending ? '' : playUrl(p),
    create_time: p.createTime,
    like_count: p.counts?.like_count ?? 0,
    comment_count: p.counts?.comment_count ?? 0,
    view_count: p.counts?.view_count ?? 0,
    pending,
  };
}

/** Holds until `ms` passed or the emulator closes. */
export function sleep(s: KsState, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      s.parked.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    s.parked.add(done);
  });
}
