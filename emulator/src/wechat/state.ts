// All state of one emulator instance. Nothing here is module-global: every
// startEmulator() call builds its own WechatState, so many instances can share a process.
import { randomBytes } from 'node:crypto';
import { type CommentsState, createComments } from './comments';
import { createDatacube, type DatacubeState } from './datacube';
import { createKf, type KfState } from './kf';

export interface EmulatorOptions {
  publishDelayMs: number;
  tokenTtlSeconds: number;
  supersededGraceSeconds: number;
  /** stable_token normal mode hands out a new token this long before expiry (doc: 5 min). */
  stableRefreshWindowSeconds: number;
  /** stable_token force_refresh: calls closer together than this do not refresh (doc: 30 s). */
  forceRefreshMinIntervalSeconds: number;
  /** stable_token force_refresh: effective refreshes per day (doc: 20). */
  forceRefreshDailyLimit: number;
  /** clear_quota: resets per calendar month (doc: 10). */
  clearQuotaMonthlyLimit: number;
  /** Pushes to the developer's server: wait this long for an answer (doc: 5 s). */
  pushTimeoutMs: number;
  /** Tries per push in all (doc: three). */
  pushAttempts: number;
  /** Pause between a failed try and the next one. */
  pushRetryDelayMs: number;
}

export interface App {
  appid: string;
  secret: string;
  type: 'subscription' | 'service';
  entity: 'company' | 'personal';
  verified: boolean;
  name: string;
  ipWhitelist: string[];
  /** Which of WeChat's answer shapes this account gets where docs and live answers disagree. */
  answers: AnswerShapes;
  /** 'off': WeChat never pushes events to this account's server (fallback tests). */
  pushes: 'on' | 'off';
  followers: number;
  tags: Tag[];
  /** 原始ID (gh_…): ToUserName of every push. */
  ghid: string;
  /** openid of the account's 群发助手 (mphelper): FromUserName of job-finish events. */
  helperOpenid: string;
  /** 服务器配置, stored once the URL answered the echostr handshake. */
  server?: ServerConfig;
  /** Stable base for this account's __biz in article URLs. */
  biz: string;
}

export interface Tag {
  id: number;
  name: string;
  count: number;
}

export interface ServerConfig {
  url: string;
  token: string;
  encodingAESKey?: string;
  mode: 'plain' | 'compat' | 'safe';
}

/**
 * Live answers (the default) versus the documented shapes:
 * submit 'live' = {errcode, errmsg, publish_id: <number>}, 'doc' = publish_id and msg_data_id as strings;
 * batchget 'live' = update_time inside content, 'doc' = beside it;
 * getId = how freepublish/get echoes publish_id.
 */
export interface AnswerShapes {
  submit: 'live' | 'doc';
  batchget: 'live' | 'doc';
  getId: 'number' | 'string';
}

export const DEFAULT_ANSWERS: AnswerShapes = { submit: 'live', batchget: 'live', getId: 'number' };

export interface Token {
  token: string;
  appid: string;
  kind: 'basic' | 'stable';
  issuedAt: number;
  expiresAt: number;
  /** /token: when a newer token was issued (still valid for the grace period). */
  supersededAt?: number;
  /** stable_token force_refresh: invalid from this instant. */
  revokedAt?: number;
}

export interface StableSlot {
  current?: Token;
  lastForceAt?: number;
  forceDay: number;
  forceCount: number;
}

export interface Material {
  mediaId: string;
  appid: string;
  type: 'image' | 'thumb' | 'voice' | 'video';
  url?: string;
  size: number;
  format: string;
  title?: string;
  introduction?: string;
  createdAt: number;
}

export interface Article {
  article_type: 'news' | 'newspic';
  title: string;
  author: string;
  digest: string;
  content: string;
  content_source_url: string;
  thumb_media_id: string;
  thumb_url: string;
  show_cover_pic: number;
  need_open_comment: number;
  only_fans_can_comment: number;
  pic_crop_235_1: string;
  pic_crop_1_1: string;
  image_info?: { image_list: { image_media_id: string }[] };
}

export interface Draft {
  mediaId: string;
  appid: string;
  articles: Article[];
  createdAt: number;
  updatedAt: number;
  /** Set while a submit of this draft is in flight or after it succeeded. */
  publishId?: string;
}

export interface Publish {
  publishId: string;
  msgDataId: string;
  appid: string;
  mediaId: string;
  articles: Article[];
  submittedAt: number;
  readyAt: number;
  /** Status once readyAt has passed: 0, 2, 3, 4, 5 or 6. */
  finalStatus: number;
  failIdx: number[];
  articleId: string;
  articleUrls: string[];
  /** freepublish/delete marks single articles (1-based idx) deleted. */
  deletedIdx: Set<number>;
}

export type MassStatus = 'SEND_SUCCESS' | 'SEND_FAIL' | 'DELETE';

/** One accepted mass send (message/mass/sendall or message/mass/send). */
export interface MassJob {
  msgId: number;
  msgDataId: number;
  appid: string;
  mediaId: string;
  titles: string[];
  /** The caller's clientmsgid, or null when WeChat derived one from target and content. */
  clientmsgid: string | null;
  /** The clientmsgid WeChat deduplicates on: the caller's, or the derived digest. */
  dedupKey: string;
  to: 'all' | { tag_id: number } | { openids: number };
  totalCount: number;
  submittedAt: number;
  readyAt: number;
  /** Status once readyAt has passed. */
  finalStatus: Exclude<MassStatus, 'DELETE'>;
  /** err(n) of the MASSSENDJOBFINISH push when the send was refused on review. */
  errReason?: number;
  articleUrls: string[];
  /** 1-based article indexes removed by message/mass/delete. */
  deletedIdx: Set<number>;
  /** A forced DELETE outcome: deleted right after sending. */
  deletedAfterSend: boolean;
}

export interface MassAllowance {
  day: number;
  dayCount: number;
  dayToAll: number;
  month: number;
  monthCount: number;
}

export interface MassOutcomeRule {
  id: string;
  appid?: string;
  status: MassStatus;
  times: number;
  reason?: number;
}

export interface PushAttempt {
  at: string;
  status: number | null;
  ms: number;
  error?: string;
}

/** One event WeChat pushed (or meant to push) to an account's server. */
export interface PushRecord {
  id: string;
  appid: string;
  /** `message`: a user's message (kf.ts). */
  event: 'PUBLISHJOBFINISH' | 'MASSSENDJOBFINISH' | 'message';
  /** publish_id or msg_id of the job the event reports. */
  ref: string;
  url: string;
  mode: ServerConfig['mode'];
  body: string;
  state: 'pending' | 'delivered' | 'failed' | 'dropped' | 'abandoned';
  attempts: PushAttempt[];
  createdAt: string;
}

export interface PushDropRule {
  appid?: string;
  times: number;
}

/** A job-finish event waiting for its instant (publishDelayMs after submit, on this instance's clock). */
export interface DueEvent {
  dueAt: number;
  timer: ReturnType<typeof setTimeout>;
  run: () => void;
}

export interface FaultRule {
  id: string;
  path: string;
  appid?: string;
  mode: 'errcode' | 'latency' | 'timeout' | 'drop_after_accept' | 'http_status';
  errcode?: number;
  errmsg?: string;
  /** http_status: the gateway's HTTP status (5xx), answered before the call is processed. */
  status?: number;
  latencyMs?: number;
  times?: number;
  probability?: number;
}

export interface OutcomeRule {
  id: string;
  appid?: string;
  status: number;
  times: number;
  titleContains?: string;
}

export interface CallRecord {
  at: string;
  appid: string;
  path: string;
  method: string;
  errcode: number | null;
  fault?: string;
  ms: number;
}

export interface QuotaSlot {
  day: number;
  used: Map<string, number>;
}

export interface WechatState {
  opts: EmulatorOptions;
  clockOffsetMs: number;
  apps: Map<string, App>;
  tokens: Map<string, Token>;
  latestBasic: Map<string, Token>;
  stable: Map<string, StableSlot>;
  materials: Map<string, Material>;
  drafts: Map<string, Draft>;
  /** The same drafts per account, so draft/count and batchget never scan other accounts. */
  draftsByApp: Map<string, Map<string, Draft>>;
  publishes: Map<string, Publish>;
  /** Accepted submits in order (what /__control/wechat/published lists). */
  publishOrder: Publish[];
  publishesByApp: Map<string, Publish[]>;
  articlesById: Map<string, Publish>;
  quotas: Map<string, QuotaSlot>;
  quotaLimits: Map<string, Map<string, number>>;
  clearQuota: Map<string, { month: number; count: number }>;
  faults: FaultRule[];
  outcomes: OutcomeRule[];
  callCounts: Map<string, Map<string, number>>;
  recentCalls: CallRecord[];
  seq: number;
  /** Requests parked by a "timeout" fault or a latency sleep; released on close. */
  parked: Set<() => void>;
  closed: boolean;
  /** Every WeChat cgi path this emulator serves (openapi/quota/get checks against it). */
  knownPaths: Set<string>;
  massJobs: Map<number, MassJob>;
  massOrder: MassJob[];
  /** Per account: dedupKey → the job that used it (kept 24 h). */
  massKeys: Map<string, Map<string, MassJob>>;
  massAllowance: Map<string, MassAllowance>;
  massOutcomes: MassOutcomeRule[];
  pushes: PushRecord[];
  pushDrops: PushDropRule[];
  due: Map<string, DueEvent>;
  datacube: DatacubeState;
  comments: CommentsState;
  kf: KfState;
}

export const RECENT_CALLS_KEPT = 500;

export function createState(opts: EmulatorOptions): WechatState {
  return {
    opts,
    clockOffsetMs: 0,
    apps: new Map(),
    tokens: new Map(),
    latestBasic: new Map(),
    stable: new Map(),
    materials: new Map(),
    drafts: new Map(),
    draftsByApp: new Map(),
    publishes: new Map(),
    publishOrder: [],
    publishesByApp: new Map(),
    articlesById: new Map(),
    quotas: new Map(),
    quotaLimits: new Map(),
    clearQuota: new Map(),
    faults: [],
    outcomes: [],
    callCounts: new Map(),
    recentCalls: [],
    seq: 0,
    parked: new Set(),
    closed: false,
    knownPaths: new Set(),
    massJobs: new Map(),
    massOrder: [],
    massKeys: new Map(),
    massAllowance: new Map(),
    massOutcomes: [],
    pushes: [],
    pushDrops: [],
    due: new Map(),
    datacube: createDatacube(Date.now()),
    comments: createComments(),
    kf: createKf(),
  };
}

/** Clears every account and all data, keeping options and parked requests. */
export function resetState(s: WechatState): void {
  for (const d of s.due.values()) clearTimeout(d.timer);
  const fresh = createState(s.opts);
  for (const key of Object.keys(fresh) as (keyof WechatState)[]) {
    if (key === 'parked' || key === 'closed' || key === 'opts' || key === 'knownPaths') continue;
    (s as unknown as Record<string, unknown>)[key] = fresh[key];
  }
}

export function now(s: WechatState): number {
  return Date.now() + s.clockOffsetMs;
}

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** WeChat's daily quotas roll over at midnight Beijing time. */
export function beijingDay(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS);
}

export function beijingMonth(ms: number): number {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export function nextSeq(s: WechatState): number {
  s.seq += 1;
  return s.seq;
}
