// Draft box: draft/add, get, update, delete, batchget, count.
// A draft leaves the draft box when it is submitted for publishing; it comes back if that
// publish fails (status 2, 3 or 4) and is gone for good once it succeeds (see freepublish.ts).
import type { JsonBody, WxRoute } from './pipeline';
import { WxError } from './errors';
import { LIMITS, newsItem, normalizeArticle } from './articles';
import { draftVisible } from './freepublish';
import { type Draft, type WechatState, randomId } from './state';

function parseArticles(s: WechatState, appid: string, body: JsonBody) {
  const list = body.articles;
  if (list === undefined || list === null) throw new WxError(44003);
  if (!Array.isArray(list)) throw new WxError(47001);
  if (list.length === 0) throw new WxError(44003);
  if (list.length > LIMITS.articlesPerDraft) throw new WxError(45008);
  return list.map((raw) => normalizeArticle(s, appid, raw, list.length === 1));
}

/** The caller's visible draft named by body.media_id, or 40007. */
function findDraft(s: WechatState, appid: string, mediaId: unknown, t: number): Draft {
  const d = typeof mediaId === 'string' ? s.drafts.get(mediaId) : undefined;
  if (!d || d.appid !== appid || !draftVisible(s, d, t)) throw new WxError(40007);
  return d;
}

/** Temporary preview link of a draft (real ones carry a tempkey). */
function previewUrl(s: WechatState, d: Draft, idx: number): string {
  const biz = s.apps.get(d.appid)?.biz ?? '';
  return `http://mp.weixin.qq.com/s?__biz=${biz}&tempkey=${d.mediaId.slice(0, 40)}&idx=${idx}&chksm=${d.mediaId.slice(-8)}#rd`;
}

function items(s: WechatState, d: Draft, withContent: boolean) {
  return d.articles.map((a, i) => newsItem(a, { url: previewUrl(s, d, i + 1), withContent }));
}

function visibleDrafts(s: WechatState, appid: string, t: number): Draft[] {
  const out: Draft[] = [];
  for (const d of s.draftsByApp.get(appid)?.values() ?? []) {
    if (draftVisible(s, d, t)) out.push(d);
  }
  return out.sort((a, b) => b.updatedAt - a.updatedAt);
}

function intArg(v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new WxError(40035);
  return n;
}

export const draftRoutes: WxRoute[] = [
  {
    path: '/cgi-bin/draft/add',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body, t }) => {
      const articles = parseArticles(s, app.appid, body);
      const d: Draft = {
        mediaId: randomId(48),
        appid: app.appid,
        articles,
        createdAt: t,
        updatedAt: t,
      };
      s.drafts.set(d.mediaId, d);
      let mine = s.draftsByApp.get(app.appid);
      if (!mine) {
        mine = new Map();
        s.draftsByApp.set(app.appid, mine);
      }
      mine.set(d.mediaId, d);
      return { media_id: d.mediaId };
    },
  },
  {
    path: '/cgi-bin/draft/get',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body, t }) => {
      const d = findDraft(s, app.appid, body.media_id, t);
      return {
        news_item: items(s, d, true),
        create_time: Math.floor(d.createdAt / 1000),
        update_time: Math.floor(d.updatedAt / 1000),
      };
    },
  },
  {
    path: '/cgi-bin/draft/delete',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body, t }) => {
      const d = findDraft(s, app.appid, body.media_id, t);
      s.drafts.delete(d.mediaId);
      s.draftsByApp.get(app.appid)?.delete(d.mediaId);
      return { errcode: 0, errmsg: 'ok' };
    },
  },
  {
    path: '/cgi-bin/draft/update',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body, t }) => {
      const d = findDraft(s, app.appid, body.media_id, t);
      const index = intArg(body.index, Number.NaN);
      if (!(index >= 0 && index < d.articles.length)) throw new WxError(40060);
      // draft/update takes ONE article object; an array here is a format error.
      const raw = body.articles;
      if (raw === undefined || raw === null) throw new WxError(44003);
      if (Array.isArray(raw)) throw new WxError(47001);
      d.articles[index] = normalizeArticle(s, app.appid, raw, d.articles.length === 1);
      d.updatedAt = t;
      return { errcode: 0, errmsg: 'ok' };
    },
  },
  {
    path: '/cgi-bin/draft/batchget',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body, t }) => {
      const offset = intArg(body.offset, 0);
      const count = intArg(body.count, Number.NaN);
      if (offset < 0 || !(count >= 1 && count <= 20)) throw new WxError(40035);
      const withContent = intArg(body.no_content, 0) !== 1;
      const all = visibleDrafts(s, app.appid, t);
      const page = all.slice(offset, offset + count);
      return {
        total_count: all.length,
        item_count: page.length,
        item: page.map((d) => ({
          media_id: d.mediaId,
          content: {
            news_item: items(s, d, withContent),
            create_time: Math.floor(d.createdAt / 1000),
            update_time: Math.floor(d.updatedAt / 1000),
          },
          update_time: Math.floor(d.updatedAt / 1000),
        })),
      };
    },
  },
  {
    path: '/cgi-bin/draft/count',
    method: 'GET',
    auth: true,
    body: 'none',
    handler: ({ s, app, t }) => ({ total_count: visibleDrafts(s, app.appid, t).length }),
  },
];
