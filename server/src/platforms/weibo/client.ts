// Weibo open API client (api.weibo.com/2/…, [QQ] qqxadyy/weibo-openapi-4java@775a090
// WeiboApiStatuses, WeiboApiOauth2): a thin speaker of the documented protocol against a
// configurable base URL, so the same code talks to Weibo and to the bundled emulator.

import { type CallMeter, type Grant, type GrantAccess, isPlatformError, UNMETERED } from '../adapter';
import { fetchRequester, keepAliveRequester } from '../keepalive';
import { makeRedactor, TOKEN_CODES } from './errors';
import { send, type Transport, type WireRequest } from './http';

export const WEIBO_DEFAULT_TIMEOUT_MS = 15_000;
/** statuses/count.json takes at most 100 ids ([QQ] WeiboApiStatuses). */
export const COUNT_IDS_MAX = 100;

export interface WeiboClientOptions {
  baseUrl: string;
  grant: GrantAccess;
  meter?: CallMeter;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface WeiboStatus {
  idstr: string;
  mid: string | null;
  text: string;
  createdAt: Date | null;
  uid: string | null;
}

export interface WeiboCounts {
  id: string;
  comments: number;
  reposts: number;
  attitudes: number;
}

/** A comment as comments/show answers it ([QQ] model/Comment). */
export interface WeiboComment {
  idstr: string;
  text: string;
  createdAt: Date | null;
  uid: string | null;
  screenName: string | null;
  /** The comment this one answers (reply_comment), if any. */
  replyTo: string | null;
  /** The status commented on (its idstr), when the answer carries it. */
  statusId?: string | null;
}

export interface SharePic {
  data: Buffer;
  filename: string;
  contentType: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : null);

export function statusFromWire(o: Record<string, unknown>): WeiboStatus {
  const user = (o.user ?? null) as Record<string, unknown> | null;
  // created_at is in Weibo's "Tue May 31 17:46:55 +0800 2011" form, which Date parses.
  const created = typeof o.created_at === 'string' ? new Date(o.created_at) : null;
  return {
    idstr: str(o.idstr) ?? str(o.id) ?? '',
    mid: str(o.mid),
    text: typeof o.text === 'string' ? o.text : '',
    createdAt: created && !Number.isNaN(created.getTime()) ? created : null,
    uid: user ? (str(user.idstr) ?? str(user.id)) : null,
  };
}

function commentFromWire(o: Record<string, unknown>): WeiboComment {
  const user = (o.user ?? null) as Record<string, unknown> | null;
  const parent = (o.reply_comment ?? null) as Record<string, unknown> | null;
  const status = (o.status ?? null) as Record<string, unknown> | null;
  const created = typeof o.created_at === 'string' ? new Date(o.created_at) : null;
  return {
    // id is above 2^53 (a JSON number loses digits): idstr first.
    idstr: str(o.idstr) ?? str(o.id) ?? '',
    text: typeof o.text === 'string' ? o.text : '',
    createdAt: created && !Number.isNaN(created.getTime()) ? created : null,
    uid: user ? (str(user.idstr) ?? str(user.id)) : null,
    screenName: user && typeof user.screen_name === 'string' ? user.screen_name : null,
    replyTo: parent ? (str(parent.idstr) ?? str(parent.id)) : null,
    statusId: status ? (str(status.idstr) ?? str(status.id)) : null,
  };
}

export class WeiboClient {
  private readonly transport: Transport;
  private readonly meter: CallMeter;
  private readonly grant: GrantAccess;
  private readonly seen: string[] = [];

  constructor(opts: WeiboClientOptions) {
    if (!opts.baseUrl) throw new Error('WeiboClient: baseUrl is required');
    this.grant = opts.grant;
    this.meter = opts.meter ?? UNMETERED;
    this.transport = {
      baseUrl: opts.baseUrl.replace(/\/+$/, ''),
      timeoutMs: opts.timeoutMs ?? WEIBO_DEFAULT_TIMEOUT_MS,
      request: opts.fetch ? fetchRequester(opts.fetch) : keepAliveRequester,
      redact: makeRedactor(() => this.seen),
    };
  }

  /** The current grant (warm: a token is at hand; Weibo has no token call to make). */
  async current(): Promise<Grant> {
    return this.grant.current();
  }

  /**
   * A call with the account's token. A token refused as expired or invalid is handed to
   * grant.refreshed once: Weibo server apps cannot refresh, so that answers 'auth' unless the
   * account was authorised again meanwhile (then the new token is tried once).
   */
  private async call(api: string, req: Omit<WireRequest, 'params'> & { params: Record<string, string> }): Promise<unknown> {
    let g = await this.grant.current();
    for (let attempt = 0; ; attempt++) {
      this.seen.push(g.accessToken);
      this.meter.take(api);
      try {
        return await send(this.transport, { ...req, params: { ...req.params, access_token: g.accessToken } });
      } catch (e) {
        if (attempt > 0 || !isPlatformError(e) || !TOKEN_CODES.has(Number(e.code))) throw e;
        g = await this.grant.refreshed(g);
      }
    }
  }

  /** POST statuses/share.json: form, or multipart with one `pic`. Synchronous: the Status object. */
  async share(q: { status: string; rip: string; pic?: SharePic | null }, opts: { beforeSend?: () => Promise<boolean> } = {}): Promise<WeiboStatus> {
    const r = (await this.call('statuses/share', {
      path: '/2/statuses/share.json',
      method: 'POST',
      params: { status: q.status, rip: q.rip },
      file: q.pic ? { field: 'pic', ...q.pic } : undefined,
      idempotent: false,
      beforeSend: opts.beforeSend,
    })) as Record<string, unknown>;
    return statusFromWire(r);
  }

  /** GET statuses/user_timeline.json: the authorised user's own latest posts, newest first. */
  async userTimeline(q: { count?: number; page?: number; sinceId?: string } = {}): Promise<WeiboStatus[]> {
    const params: Record<string, string> = { count: String(q.count ?? 20), page: String(q.page ?? 1) };
    if (q.sinceId) params.since_id = q.sinceId;
    const r = (await this.call('statuses/user_timeline', { path: '/2/statuses/user_timeline.json', method: 'GET', params, idempotent: true })) as Record<
      string,
      unknown
    >;
    const list = Array.isArray(r.statuses) ? r.statuses : [];
    return list.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null).map(statusFromWire);
  }

  /** GET statuses/count.json?ids=: comments, reposts and attitudes per status (≤100 ids a call; more are split). */
  async counts(ids: string[]): Promise<WeiboCounts[]> {
    const out: WeiboCounts[] = [];
    for (let i = 0; i < ids.length; i += COUNT_IDS_MAX) {
      const r = await this.call('statuses/count', {
        path: '/2/statuses/count.json',
        method: 'GET',
        params: { ids: ids.slice(i, i + COUNT_IDS_MAX).join(',') },
        idempotent: true,
      });
      for (const x of Array.isArray(r) ? r : []) {
        const o = x as Record<string, unknown>;
        const id = str(o.idstr) ?? str(o.id);
        if (id) out.push({ id, comments: Number(o.comments ?? 0), reposts: Number(o.reposts ?? 0), attitudes: Number(o.attitudes ?? 0) });
      }
    }
    return out;
  }

  /**
   * GET comments/to_me.json: the comments the account received (on its statuses, answering its
   * comments), newest first, paged like comments/show ([QQ] WeiboApiComments). Each carries its status.
   */
  async commentsToMe(q: { count: number; sinceId?: string | null; maxId?: string | null }): Promise<{ total: number; comments: WeiboComment[] }> {
    const params: Record<string, string> = { count: String(q.count) };
    if (q.sinceId) params.since_id = q.sinceId;
    if (q.maxId) params.max_id = q.maxId;
    const r = (await this.call('comments/to_me', { path: '/2/comments/to_me.json', method: 'GET', params, idempotent: true })) as Record<string, unknown>;
    const list = (Array.isArray(r.comments) ? r.comments : []).filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
    return { total: Number(r.total_number ?? 0) || 0, comments: list.map(commentFromWire).filter((c) => c.idstr !== '') };
  }

  /**
   * GET comments/show.json: a status's comments, newest first; since_id (ids above it) and max_id
   * (ids up to it) page through them ([QQ] WeiboApiComments, WeiboResponsePager).
   */
  async comments(q: { id: string; count: number; sinceId?: string | null; maxId?: string | null }): Promise<{ total: number; comments: WeiboComment[] }> {
    const params: Record<string, string> = { id: q.id, count: String(q.count) };
    if (q.sinceId) params.since_id = q.sinceId;
    if (q.maxId) params.max_id = q.maxId;
    const r = (await this.call('comments/show', { path: '/2/comments/show.json', method: 'GET', params, idempotent: true })) as Record<string, unknown>;
    const list = (Array.isArray(r.comments) ? r.comments : []).filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
    return { total: Number(r.total_number ?? 0) || 0, comments: list.map(commentFromWire).filter((c) => c.idstr !== '') };
  }

  /**
   * POST comments/reply.json {cid, id, comment, rip} ([QQ] WeiboApiComments.apiReplyComment): a
   * reply to comment `cid` on status `id`, answered with the new Comment. Not repeated blindly.
   */
  async replyComment(q: { cid: string; id: string; comment: string; rip: string }): Promise<WeiboComment> {
    const r = (await this.call('comments/reply', {
      path: '/2/comments/reply.json',
      method: 'POST',
      params: { cid: q.cid, id: q.id, comment: q.comment, rip: q.rip },
      idempotent: false,
    })) as Record<string, unknown>;
    return commentFromWire(r);
  }

  /**
   * POST comments/destroy.json {cid} ([QQ] WeiboApiComments; open.weibo.com/wiki/2/comments/destroy):
   * deletes a comment the user wrote or one on the user's own status, answered with the deleted
   * Comment. Safe to repeat: a second call finds nothing to delete (20201).
   */
  async destroyComment(cid: string): Promise<void> {
    await this.call('comments/destroy', { path: '/2/comments/destroy.json', method: 'POST', params: { cid }, idempotent: true });
  }

  /** GET users/show.json?uid=: the user's current counts ([QQ] model/User); Weibo keeps no per-day history. */
  async userCounts(uid: string): Promise<{ followers: number | null; friends: number | null; statuses: number | null }> {
    const r = (await this.call('users/show', { path: '/2/users/show.json', method: 'GET', params: { uid }, idempotent: true })) as Record<string, unknown>;
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    return { followers: n(r.followers_count), friends: n(r.friends_count), statuses: n(r.statuses_count) };
  }

  /** POST oauth2/get_token_info: the token's uid and seconds left (expire_in). */
  async tokenInfo(): Promise<{ uid: string | null; expiresAt: Date }> {
    const r = (await this.call('oauth2/get_token_info', { path: '/oauth2/get_token_info', method: 'POST', params: {}, idempotent: true })) as Record<
      string,
      unknown
    >;
    const left = Number(r.expire_in ?? r.expires_in ?? 0);
    return { uid: str(r.uid), expiresAt: new Date(Date.now() + Math.max(0, left) * 1000) };
  }

  /** GET account/rate_limit_status.json: seconds until the hourly window resets. */
  async rateLimitStatus(): Promise<{ remainingUserHits: number | null; resetInSeconds: number | null }> {
    const r = (await this.call('account/rate_limit_status', {
      path: '/2/account/rate_limit_status.json',
      method: 'GET',
      params: {},
      idempotent: true,
    })) as Record<string, unknown>;
    const n = (v: unknown) => (typeof v === 'number' ? v : null);
    return { remainingUserHits: n(r.remaining_user_hits), resetInSeconds: n(r.reset_time_in_seconds) };
  }
}
