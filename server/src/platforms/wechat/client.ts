// WeChat Official Accounts (公众号) client: a thin, faithful speaker of WeChat's documented
// protocol (developers.weixin.qq.com/doc/subscription|service/api/…) against a configurable base
// URL, so the same code talks to api.weixin.qq.com and to the bundled emulator.

import { type CallMeter, PlatformError, type TokenStore, UNMETERED } from '../adapter';
import { fetchRequester, keepAliveRequester } from '../keepalive';
import { articleFromWire, articleToWire, validateWechatArticles, type WechatArticle, type WechatDraftArticle } from './draft';
import { errcodeError, makeRedactor, PLATFORM, publishStatusReason, TOKEN_REFRESH_ERRCODES } from './errors';
import { errcodeOf, errmsgOf, idString, send, type Transport, type WireBody, type WireObject } from './http';
import { TokenManager } from './token';

export { WECHAT_DRAFT_LIMITS, validateWechatArticles } from './draft';
export type { WechatArticle, WechatDraftArticle } from './draft';
export { PUBLISH_STATUS_REASONS } from './errors';

export const WECHAT_DEFAULT_BASE_URL = 'https://api.weixin.qq.com';
export const WECHAT_DEFAULT_TIMEOUT_MS = 15_000;
/** freepublish/batchget returns at most 20 items per call. */
export const WECHAT_LIST_PUBLISHED_MAX_COUNT = 20;
/** comment/list takes a count under 50. */
export const WECHAT_COMMENTS_MAX_COUNT = 50;

export interface WechatClientOptions {
  baseUrl: string;
  appId: string;
  appSecret: string;
  tokenStore: TokenStore;
  /** Counts every call (daily quotas); by default nothing is counted. */
  meter?: CallMeter;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface UploadFile {
  data: Buffer;
  filename: string;
  contentType: string;
}

export type WechatPublishState = 'publishing' | 'published' | 'failed';

export interface WechatPublishStatus {
  status: WechatPublishState;
  /** WeChat's publish_status: 0 published, 1 publishing, 2–6 failures (see PUBLISH_STATUS_REASONS). */
  code: number;
  /** Chinese + English text for `code`. */
  reason: string;
  articleId?: string;
  /** Permanent article links, in article order (status 0 only). */
  articleUrls: string[];
  /** 1-based positions of the articles that failed (statuses 2 and 4). */
  failIdx: number[];
}

export interface WechatNewsItem {
  title: string;
  url: string;
  isDeleted: boolean;
  /** The article's HTML, when asked for (no_content 0, getarticle). */
  content?: string;
}

/** A reader's comment on an article, with the account's reply (comment/list). */
export interface WechatComment {
  userCommentId: string;
  openid: string | null;
  /** Unix seconds. */
  createTime: number;
  content: string;
  /** comment_type 1: featured (精选). */
  elected: boolean;
  reply: { content: string; createTime: number } | null;
}

export interface WechatPublishedItem {
  articleId: string;
  /** Unix seconds of the publish (0 when WeChat gave none). */
  updateTime: number;
  news: WechatNewsItem[];
}

/** Statuses 2, 3, 4 and 6 are review or publishing refusals; 5 is deletion by the account itself. */
export function publishStatusError(s: WechatPublishStatus): PlatformError | null {
  if (s.status !== 'failed') return null;
  return new PlatformError({
    kind: 'rejected',
    platform: PLATFORM,
    code: s.code,
    platformMessage: s.reason,
    message: `WeChat publish failed with publish_status ${s.code}: ${s.reason}`,
  });
}

export class WechatClient {
  private readonly transport: Transport;
  private readonly tokens: TokenManager;
  private readonly meter: CallMeter;
  readonly appId: string;
  // Tokens this client has held, so they can be scrubbed from any error text.
  private readonly seenTokens: string[] = [];

  constructor(opts: WechatClientOptions) {
    if (!opts.baseUrl) throw new Error('WechatClient: baseUrl is required');
    if (!opts.appId || !opts.appSecret) throw new Error('WechatClient: appId and appSecret are required');
    const secret = opts.appSecret;
    this.appId = opts.appId;
    this.meter = opts.meter ?? UNMETERED;
    this.transport = {
      baseUrl: opts.baseUrl.replace(/\/+$/, ''),
      timeoutMs: opts.timeoutMs ?? WECHAT_DEFAULT_TIMEOUT_MS,
      request: opts.fetch ? fetchRequester(opts.fetch) : keepAliveRequester,
      redact: makeRedactor(() => [secret, ...this.seenTokens]),
    };
    this.tokens = new TokenManager(this.transport, opts.appId, secret, opts.tokenStore, (token) => this.remember(token), this.meter);
  }

  /** The cached access token, or a new one. `force` asks WeChat to invalidate the current token (20/day). */
  async getToken(opts?: { force?: boolean }): Promise<string> {
    if (opts?.force) return (await this.tokens.fetch(true)).token;
    return this.tokens.current();
  }

  /** Proves the AppID/AppSecret (and IP whitelist) by fetching a token from WeChat. */
  async testConnection(): Promise<{ ok: true; expiresAt: Date }> {
    const { expiresAt } = await this.tokens.fetch(false);
    return { ok: true, expiresAt };
  }

  /** Permanent image material (e.g. a cover for thumbMediaId): POST /cgi-bin/material/add_material?type=image. */
  async uploadImage(file: UploadFile): Promise<{ mediaId: string; url?: string }> {
    const path = '/cgi-bin/material/add_material';
    const body = await this.call(path, { form: () => mediaForm(file) }, { idempotent: true, query: { type: 'image' } });
    const mediaId = requireString(body, 'media_id', path);
    const url = typeof body.url === 'string' ? body.url : undefined;
    return url === undefined ? { mediaId } : { mediaId, url };
  }

  /** An image for use inside article HTML: POST /cgi-bin/media/uploadimg. */
  async uploadArticleImage(file: UploadFile): Promise<{ url: string }> {
    const path = '/cgi-bin/media/uploadimg';
    const body = await this.call(path, { form: () => mediaForm(file) }, { idempotent: true });
    return { url: requireString(body, 'url', path) };
  }

  async addDraft(articles: WechatArticle[]): Promise<{ mediaId: string }> {
    const problems = validateWechatArticles(articles);
    if (problems.length > 0) {
      throw new PlatformError({
        kind: 'invalid',
        platform: PLATFORM,
        code: null,
        message: `WeChat draft rejected before sending: ${problems.join('; ')}`,
      });
    }
    const path = '/cgi-bin/draft/add';
    const body = await this.call(path, { json: { articles: articles.map(articleToWire) } }, { idempotent: true });
    return { mediaId: requireString(body, 'media_id', path) };
  }

  async getDraft(mediaId: string): Promise<{ articles: WechatDraftArticle[] }> {
    const body = await this.call('/cgi-bin/draft/get', { json: { media_id: mediaId } }, { idempotent: true });
    const items = Array.isArray(body.news_item) ? body.news_item : [];
    return { articles: items.filter(isObject).map(articleFromWire) };
  }

  async deleteDraft(mediaId: string): Promise<void> {
    await this.call('/cgi-bin/draft/delete', { json: { media_id: mediaId } }, { idempotent: true });
  }

  /**
   * Submits a draft for publishing (发布: it gets a link but is not pushed to followers). errcode 0
   * only means the job was accepted; poll getPublishStatus or wait for the PUBLISHJOBFINISH push.
   * The live answer is `{"errcode":0,"errmsg":"ok","publish_id":2650177668}`: a bare number and no
   * msg_data_id (the newer doc shows both, as strings). A lost connection after sending is
   * `unknown_outcome`, never retried here.
   */
  async submitPublish(mediaId: string, opts: { beforeSend?: () => Promise<boolean> } = {}): Promise<{ publishId: string; msgDataId: string | null }> {
    const path = '/cgi-bin/freepublish/submit';
    const body = await this.call(path, { json: { media_id: mediaId } }, { idempotent: false, beforeSend: opts.beforeSend });
    const publishId = idString(body.publish_id);
    if (publishId === undefined) {
      // Accepted (errcode 0) but we cannot tell which job: only reconciliation can say.
      throw new PlatformError({
        kind: 'unknown_outcome',
        platform: PLATFORM,
        code: 0,
        message: `WeChat ${path} accepted the request but returned no publish_id; reconcile before retrying`,
      });
    }
    return { publishId, msgDataId: idString(body.msg_data_id) ?? null };
  }

  async getPublishStatus(publishId: string): Promise<WechatPublishStatus> {
    const path = '/cgi-bin/freepublish/get';
    const body = await this.call(path, { json: { publish_id: String(publishId) } }, { idempotent: true });
    const code = Number(body.publish_status);
    if (body.publish_status === undefined || body.publish_status === null || !Number.isInteger(code)) {
      throw new PlatformError({
        kind: 'transient',
        platform: PLATFORM,
        code: null,
        message: `WeChat ${path} answered without a publish_status`,
      });
    }
    const status: WechatPublishState = code === 0 ? 'published' : code === 1 ? 'publishing' : 'failed';
    const detail = isObject(body.article_detail) ? body.article_detail : {};
    const items = (Array.isArray(detail.item) ? detail.item : []).filter(isObject);
    const articleUrls = items
      .map((it) => ({ idx: Number(it.idx), url: it.article_url }))
      .sort((a, b) => (Number.isFinite(a.idx) && Number.isFinite(b.idx) ? a.idx - b.idx : 0))
      .flatMap((it) => (typeof it.url === 'string' ? [it.url] : []));
    const failIdx = (Array.isArray(body.fail_idx) ? body.fail_idx : []).map(Number).filter((n) => Number.isInteger(n));
    const result: WechatPublishStatus = { status, code, reason: publishStatusReason(code), articleUrls, failIdx };
    const articleId = idString(body.article_id);
    if (articleId !== undefined) result.articleId = articleId;
    return result;
  }

  /** Successfully published messages, newest first (POST /cgi-bin/freepublish/batchget). */
  async listPublished(offset: number, count: number, noContent = true): Promise<{ total: number; items: WechatPublishedItem[] }> {
    const path = '/cgi-bin/freepublish/batchget';
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(count) || count < 1 || count > WECHAT_LIST_PUBLISHED_MAX_COUNT) {
      throw new PlatformError({
        kind: 'invalid',
        platform: PLATFORM,
        code: null,
        message: `WeChat ${path}: offset must be an integer ≥ 0 and count an integer from 1 to ${WECHAT_LIST_PUBLISHED_MAX_COUNT} (got offset ${offset}, count ${count})`,
      });
    }
    const body = await this.call(path, { json: { offset, count, no_content: noContent ? 1 : 0 } }, { idempotent: true });
    const items = (Array.isArray(body.item) ? body.item : []).filter(isObject).map((it): WechatPublishedItem => {
      const content = isObject(it.content) ? it.content : {};
      const news = (Array.isArray(content.news_item) ? content.news_item : []).filter(isObject).map(newsFromWire);
      // Live answers carry update_time inside content; the doc shows it beside content.
      const updateTime = Number(content.update_time ?? it.update_time) || 0;
      return { articleId: idString(it.article_id) ?? '', updateTime, news };
    });
    return { total: Number(body.total_count) || 0, items };
  }

  /** A published article by its article_id (POST /cgi-bin/freepublish/getarticle), with content. */
  async getArticle(articleId: string): Promise<WechatNewsItem[]> {
    const body = await this.call('/cgi-bin/freepublish/getarticle', { json: { article_id: articleId } }, { idempotent: true });
    return (Array.isArray(body.news_item) ? body.news_item : []).filter(isObject).map(newsFromWire);
  }

  /**
   * One page of an article's comments (POST /cgi-bin/comment/list, [WXD] leaving/api_listcomment;
   * [WJ] WxMpCommentListVo): `index` is the article's place in its message (1 for the first),
   * `count` under 50, type 0 = all. Each comment carries the account's reply, if it gave one.
   */
  async listComments(q: { msgDataId: string; index: number; begin: number; count: number }): Promise<{ total: number; comments: WechatComment[] }> {
    const path = '/cgi-bin/comment/list';
    if (!Number.isInteger(q.begin) || q.begin < 0 || !Number.isInteger(q.count) || q.count < 1 || q.count >= WECHAT_COMMENTS_MAX_COUNT) {
      throw new PlatformError({
        kind: 'invalid',
        platform: PLATFORM,
        code: null,
        message: `WeChat ${path}: begin must be ≥ 0 and count from 1 to ${WECHAT_COMMENTS_MAX_COUNT - 1}`,
      });
    }
    const body = await this.call(
      path,
      { json: { msg_data_id: msgDataIdOnWire(q.msgDataId), index: q.index, begin: q.begin, count: q.count, type: 0 } },
      { idempotent: true },
    );
    const comments = (Array.isArray(body.comment) ? body.comment : []).filter(isObject).flatMap((c): WechatComment[] => {
      const id = idString(c.user_comment_id);
      if (id === undefined) return [];
      const reply = isObject(c.reply) && typeof c.reply.content === 'string' && c.reply.content !== '' ? c.reply : null;
      return [
        {
          userCommentId: id,
          openid: typeof c.openid === 'string' ? c.openid : null,
          createTime: Number(c.create_time) || 0,
          content: typeof c.content === 'string' ? c.content : '',
          elected: Number(c.comment_type) === 1,
          reply: reply ? { content: reply.content as string, createTime: Number(reply.create_time) || 0 } : null,
        },
      ];
    });
    return { total: Number(body.total) || 0, comments };
  }

  /**
   * One API call with the token in the query string (also for the other files of this folder:
   * mass.ts, quota.ts). A refused token (40001/40014/42001) is
   * replaced once and the call repeated once; WeChat refused it before acting, so even a
   * publish is safe to repeat.
   */
  async call(
    path: string,
    body: WireBody,
    opts: { idempotent: boolean; query?: Record<string, string>; beforeSend?: () => Promise<boolean> },
  ): Promise<WireObject> {
    const attempt = (token: string) => {
      this.meter.take(path);
      return send(this.transport, { path, query: { ...opts.query, access_token: token }, body, idempotent: opts.idempotent, beforeSend: opts.beforeSend });
    };

    const token = await this.tokens.current();
    let res = await attempt(token);
    let code = errcodeOf(res);
    if (TOKEN_REFRESH_ERRCODES.has(code)) {
      res = await attempt(await this.tokens.replaceRejected(token));
      code = errcodeOf(res);
      if (TOKEN_REFRESH_ERRCODES.has(code)) {
        const err = errcodeError(path, code, errmsgOf(res), this.transport.redact);
        throw new PlatformError({
          kind: 'auth',
          platform: PLATFORM,
          code,
          platformMessage: err.platformMessage,
          message: `${err.message} (the access token was refused again after one refresh)`,
        });
      }
    }
    if (code !== 0) {
      const err = errcodeError(path, code, errmsgOf(res), this.transport.redact);
      Object.defineProperty(err, 'answer', { value: res, enumerable: false });
      throw err;
    }
    return res;
  }

  private remember(token: string): void {
    if (this.seenTokens.includes(token)) return;
    this.seenTokens.push(token);
    if (this.seenTokens.length > 16) this.seenTokens.shift();
  }
}

function mediaForm(file: UploadFile): FormData {
  const form = new FormData();
  form.append('media', new Blob([new Uint8Array(file.data)], { type: file.contentType }), file.filename);
  return form;
}

function newsFromWire(n: Record<string, unknown>): WechatNewsItem {
  const item: WechatNewsItem = {
    title: typeof n.title === 'string' ? n.title : '',
    url: typeof n.url === 'string' ? n.url : '',
    isDeleted: n.is_deleted === true || n.is_deleted === 1 || n.is_deleted === 'true',
  };
  if (typeof n.content === 'string' && n.content !== '') item.content = n.content;
  return item;
}

/** msg_data_id is a number in the doc's example (2247483xxx, within 2^53); kept a string otherwise. */
export function msgDataIdOnWire(id: string): number | string {
  return /^\d+$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : id;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requireString(body: WireObject, field: string, path: string): string {
  const value = idString(body[field]);
  if (value === undefined) {
    throw new PlatformError({
      kind: 'transient',
      platform: PLATFORM,
      code: null,
      message: `WeChat ${path} answered without ${field}`,
    });
  }
  return value;
}
