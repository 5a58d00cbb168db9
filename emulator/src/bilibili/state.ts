// The emulated Bilibili open platform's state: apps, members, grants, uploads, archives under
// review, fault rules and a log of calls. Written from the open platform's documents, sharing no
// code with server/src.

export interface BiliOptions {
  /** How long an archive stays 审核中 (-30) before its review outcome. */
  reviewDelayMs: number;
  tokenTtlSeconds: number;
}

export interface BiliApp {
  clientId: string;
  clientSecret: string;
  name: string;
  /** Where video_open / video_fail pushes go (应用详情 → Webhooks), or null. */
  webhookUrl: string | null;
}

export interface BiliMember {
  openid: string;
  name: string;
  /** 正式会员: not limited to five submissions a day. */
  formal: boolean;
  scopes: string[];
}

export interface BiliToken {
  clientId: string;
  openid: string;
  expiresAt: number;
  scopes: string[];
}

export interface BiliUpload {
  clientId: string;
  openid: string;
  name: string;
  parts: Map<number, number>;
  completed: boolean;
  used: boolean;
}

export interface BiliArchive {
  clientId: string;
  openid: string;
  resourceId: string;
  title: string;
  desc: string;
  tag: string;
  tid: number;
  cover: string;
  copyright: number;
  noReprint: number;
  size: number;
  ctime: number;
  ptime: number;
  state: number;
  stateDesc: string;
  rejectReason: string;
  outcome: { reject: string | null };
  reviewAt: number;
}

export interface BiliFault {
  path: string;
  mode: 'errcode' | 'latency' | 'timeout' | 'drop_after_accept';
  code?: number;
  message?: string;
  latencyMs?: number;
  times?: number;
  probability?: number;
}

export interface BiliState {
  options: BiliOptions;
  apps: Map<string, BiliApp>;
  members: Map<string, BiliMember>;
  codes: Map<string, { clientId: string; openid: string; used: boolean }>;
  tokens: Map<string, BiliToken>;
  refreshTokens: Map<string, { clientId: string; openid: string; scopes: string[]; used: boolean }>;
  uploads: Map<string, BiliUpload>;
  archives: BiliArchive[];
  /** data/user/stat figures by openid, and data/arc/stat figures by resource_id, as the control set them. */
  userStats: Map<string, { follower?: number; following?: number }>;
  arcStats: Map<string, Record<string, number>>;
  nonces: Set<string>;
  faults: BiliFault[];
  /** Forced review outcomes, taken in order by the next submissions. */
  forced: { reject: string }[];
  calls: { at: number; method: string; path: string; code: number }[];
  timers: Set<NodeJS.Timeout>;
  pushes: { url: string; body: string; status: number | null }[];
  seq: number;
}

export function createBiliState(o: Partial<BiliOptions> = {}): BiliState {
  return {
    options: { reviewDelayMs: o.reviewDelayMs ?? 1000, tokenTtlSeconds: o.tokenTtlSeconds ?? 30 * 86400 },
    apps: new Map(),
    members: new Map(),
    codes: new Map(),
    tokens: new Map(),
    refreshTokens: new Map(),
    uploads: new Map(),
    archives: [],
    userStats: new Map(),
    arcStats: new Map(),
    nonces: new Set(),
    faults: [],
    forced: [],
    calls: [],
    timers: new Set(),
    pushes: [],
    seq: 0,
  };
}

const ALPHABET = 'fZodR9XQDSUm21yCkr6zBqiveYah8bt4xsWpHnJE7jL5VG3guMTKNPAwcF';

export function newToken(s: BiliState, prefix: string): string {
  s.seq += 1;
  return `${prefix}${Date.now().toString(16)}${s.seq.toString(16).padStart(8, '0')}${Math.random().toString(16).slice(2, 10)}`;
}

/** A BV id: "BV1" and nine characters of Bilibili's alphabet. */
export function newBvid(s: BiliState): string {
  s.seq += 1;
  let n = s.seq * 7919 + Math.floor(Math.random() * 1e6) * 1e5;
  let out = '';
  for (let i = 0; i < 9; i++) {
    out += ALPHABET[n % ALPHABET.length];
    n = Math.floor(n / ALPHABET.length) + i * 13;
  }
  return `BV1${out}`;
}

export function mintGrant(s: BiliState, clientId: string, openid: string, scopes: string[], ttlSeconds = s.options.tokenTtlSeconds) {
  const access = newToken(s, 'at');
  const refresh = newToken(s, 'rt');
  const expiresAt = Math.floor(Date.now() / 1000) + ttlSeconds;
  s.tokens.set(access, { clientId, openid, expiresAt, scopes });
  s.refreshTokens.set(refresh, { clientId, openid, scopes, used: false });
  return { access_token: access, refresh_token: refresh, expires_in: expiresAt, scopes };
}

/** Settles archives whose review time has come. */
export function settle(s: BiliState, a: BiliArchive, now = Date.now()): boolean {
  if (a.state !== -30 || now < a.reviewAt) return false;
  if (a.outcome.reject !== null) {
    a.state = -2;
    a.stateDesc = '已退回';
    a.rejectReason = a.outcome.reject;
  } else {
    a.state = 0;
    a.stateDesc = '开放浏览';
    a.ptime = Math.floor(now / 1000);
  }
  return true;
}

export function settleAll(s: BiliState): void {
  for (const a of s.archives) settle(s, a);
}

/** The Shanghai calendar day of a time, for the five-a-day limit. */
export function shanghaiDay(ms: number): number {
  return Math.floor((ms + 8 * 3600_000) / 86_400_000);
}
