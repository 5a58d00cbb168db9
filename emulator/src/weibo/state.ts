// The Weibo emulator's state: apps (appkey, secret, bound safe domain), users, codes, tokens and
// statuses. Written from the Weibo documents (API-REFERENCE.md §2), sharing nothing with server/src.

export interface WeiboOptions {
  /** expires_in of issued tokens (Weibo's lifetime depends on the app's level; UNVERIFIED). */
  tokenTtlSeconds: number;
  /** The same text by the same user within this window is refused with 20019. */
  duplicateWindowSeconds: number;
  /** statuses/share calls a user may make per window before 20016; null: no limit. */
  shareLimit: { limit: number; windowSeconds: number } | null;
}

export interface App {
  appkey: string;
  secret: string;
  name: string;
  /** The bound safe domain (安全域名); null: "appkey not bind domain". */
  safeDomain: string | null;
  /** The registered 授权回调页; null: any. */
  redirectUri: string | null;
}

export interface WeiboUser {
  uid: string;
  name: string;
  /** followers_count as users/show answers it (set through /__control/weibo/users). */
  followers: number;
  friends: number;
}

export interface Token {
  token: string;
  appkey: string;
  uid: string;
  createdAt: number;
  expiresAt: number;
  revoked: boolean;
}

export interface Status {
  id: bigint;
  mid: string;
  uid: string;
  appkey: string;
  text: string;
  createdAt: number;
  hasPic: boolean;
  comments: number;
  reposts: number;
  attitudes: number;
}

/** A comment on a status (comments/show); `replyTo` is the comment it answers. */
export interface Comment {
  id: bigint;
  statusId: bigint;
  uid: string;
  text: string;
  createdAt: number;
  replyTo: bigint | null;
}

export interface Fault {
  id: string;
  path: string;
  appkey?: string;
  mode: 'errcode' | 'latency' | 'timeout' | 'drop_after_accept' | 'http_status';
  errorCode?: number;
  /** http_status: the gateway's HTTP status (5xx), answered before the call is processed. */
  status?: number;
  error?: string;
  latencyMs?: number;
  times?: number;
  probability?: number;
  /** Calls let through before the rule applies (a failure on a later page of a read). */
  skip?: number;
}

export interface Reject {
  contains: string;
  errorCode: number;
  error: string;
}

export interface Call {
  at: string;
  path: string;
  appkey: string | null;
  uid: string | null;
  errorCode: number | null;
}

export interface WeiboState {
  opts: WeiboOptions;
  apps: Map<string, App>;
  users: Map<string, WeiboUser>;
  codes: Map<string, { appkey: string; uid: string; redirectUri: string; expiresAt: number }>;
  tokens: Map<string, Token>;
  statuses: Status[];
  comments: Comment[];
  /** Comments removed by comments/destroy (no longer listed), for inspection. */
  destroyed: Comment[];
  faults: Fault[];
  rejects: Reject[];
  calls: Call[];
  /** Recent share times per uid (for the 20016 limit). */
  shareTimes: Map<string, number[]>;
  clockOffsetMs: number;
  seq: number;
  nextId: bigint;
}

export function createWeiboState(o: Partial<WeiboOptions> = {}): WeiboState {
  return {
    opts: { tokenTtlSeconds: o.tokenTtlSeconds ?? 86_400, duplicateWindowSeconds: o.duplicateWindowSeconds ?? 600, shareLimit: o.shareLimit ?? null },
    apps: new Map(),
    users: new Map(),
    codes: new Map(),
    tokens: new Map(),
    statuses: [],
    comments: [],
    destroyed: [],
    faults: [],
    rejects: [],
    calls: [],
    shareTimes: new Map(),
    clockOffsetMs: 0,
    seq: 0,
    // Ids in the size of real ones (16 digits, above 2^53: clients must use idstr).
    nextId: 4_990_000_000_000_000n,
  };
}

export const nowMs = (s: WeiboState) => Date.now() + s.clockOffsetMs;

export function randomToken(s: WeiboState, prefix: string): string {
  s.seq += 1;
  return `${prefix}${s.seq.toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

/** Weibo's created_at form: "Tue May 31 17:46:55 +0800 2011" (Beijing time). */
export function weiboDate(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0800 ${d.getUTCFullYear()}`;
}

/** First fault rule for this call: `probability` rules stay, others apply `times` (default 1) and go. */
export function takeFault(s: WeiboState, path: string, appkey: string | null): Fault | undefined {
  for (let i = 0; i < s.faults.length; i++) {
    const f = s.faults[i];
    // "*" is every API call; an answer after the post was stored ("…#after") is only what a rule names.
    if (f.path !== path && (f.path !== '*' || path.endsWith('#after'))) continue;
    if (f.appkey !== undefined && f.appkey !== appkey) continue;
    if (f.skip) {
      f.skip -= 1;
      continue;
    }
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
