// The Douyin emulator's state, written from API-REFERENCE.md §3 (no code shared with server/src).
export interface DyApp {
  clientKey: string;
  secret: string;
  name: string;
}
export interface DyToken {
  token: string;
  clientKey: string;
  openId: string;
  scopes: string[];
  expiresAt: number;
}
export interface DyRefresh {
  token: string;
  clientKey: string;
  openId: string;
  scopes: string[];
  expiresAt: number;
  renewalsLeft: number;
}
export interface DyItem {
  itemId: string;
  openId: string;
  videoId: string;
  title: string;
  createTime: number;
  /** When the review finishes (emulator clock, ms), and its outcome. */
  reviewAt: number;
  outcome: { status: 1 | 2 | 5; reason: string };
  shareId: string | null;
}
/** A comment on an item; `parentId` is the top-level comment a reply sits under (null for a top-level one). */
export interface DyComment {
  commentId: string;
  itemId: string;
  userId: string;
  content: string;
  createTime: number;
  diggCount: number;
  top: boolean;
  parentId: string | null;
}
export interface DyFault {
  path: string;
  mode: 'errcode' | 'latency' | 'timeout' | 'drop_after_accept';
  errorCode?: number;
  description?: string;
  latencyMs?: number;
  times?: number;
  probability?: number;
}

export interface DyOptions {
  reviewDelayMs: number;
  tokenTtlSeconds: number;
  refreshTtlSeconds: number;
}

export function createDouyinState(o: Partial<DyOptions> = {}) {
  return {
    opts: { reviewDelayMs: o.reviewDelayMs ?? 1000, tokenTtlSeconds: o.tokenTtlSeconds ?? 1_296_000, refreshTtlSeconds: o.refreshTtlSeconds ?? 2_592_000 },
    offsetMs: 0,
    seq: 0,
    apps: new Map<string, DyApp>(),
    codes: new Map<string, { clientKey: string; openId: string; scopes: string[]; redirectUri: string }>(),
    tokens: new Map<string, DyToken>(),
    refresh: new Map<string, DyRefresh>(),
    clientTokens: new Map<string, { clientKey: string; expiresAt: number }>(),
    videos: new Map<string, { openId: string; size: number }>(),
    parts: new Map<string, { openId: string; parts: Map<number, number>; expiresAt: number }>(),
    images: new Set<string>(),
    items: [] as DyItem[],
    /** Comments and replies of every item, in the order they were made. */
    comments: [] as DyComment[],
    /** data/external figures by open_id (user) or item_id (item), then day, as the wire names them. */
    userDays: new Map<string, Map<string, Record<string, number>>>(),
    itemDays: new Map<string, Map<string, Record<string, number>>>(),
    shares: new Map<string, { clientKey: string; used: boolean; hashtag: string }>(),
    /** Forced review outcomes, taken in order by the next create_video calls. */
    forced: [] as { status: 1 | 2 | 5; reason: string }[],
    faults: [] as DyFault[],
    calls: [] as { path: string; errorCode: number; at: number; dateType: string | null }[],
  };
}
export type DouyinState = ReturnType<typeof createDouyinState>;

export const now = (s: DouyinState) => Date.now() + s.offsetMs;
export const nextId = (s: DouyinState, prefix: string) => `${prefix}${(++s.seq).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export function takeFault(s: DouyinState, path: string): DyFault | undefined {
  for (let i = 0; i < s.faults.length; i++) {
    const f = s.faults[i];
    if (f.path !== '*' && f.path !== path) continue;
    if (f.probability !== undefined) {
      if (Math.random() < f.probability) return f;
      continue;
    }
    const left = (f.times ?? 1) - 1;
    if (left <= 0) s.faults.splice(i, 1);
    else f.times = left;
    return f;
  }
  return undefined;
}

/** The documented envelope: data carries error_code/description, extra repeats them with logid and now. */
export function envelope(s: DouyinState, data: Record<string, unknown>, errorCode = 0, description = '') {
  return {
    data: { ...data, error_code: errorCode, description },
    extra: { logid: nextId(s, 'log'), now: now(s), error_code: errorCode, description, sub_error_code: 0, sub_description: '' },
  };
}

export const jsonOf = (body: unknown): Record<string, unknown> => {
  if (typeof body !== 'string' || body === '') return (body ?? {}) as Record<string, unknown>;
  try {
    return JSON.parse(body);
  } catch {
    throw new DyError(28001007, '参数不合法 / bad JSON');
  }
};

export class DyError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(description);
  }
}
