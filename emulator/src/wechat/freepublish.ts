// Publishing: freepublish/submit, get, batchget, getarticle, delete.
// submit only accepts the job; the result shows up through freepublish/get after
// publishDelayMs (status 1 until then). Outcomes other than success are forced through
// /__control/wechat/publish-outcome. Personal-entity and unverified accounts have no
// publishing rights (rule in force since July 2025) and get 48001 on every freepublish API.
import { newsItem } from './articles';
import { scheduleAt } from './due';
import { WxError } from './errors';
import { publishJobFinishXml } from './events';
import type { WxRoute } from './pipeline';
import { pushEvent } from './push';
import {
  type App,
  type Draft,
  type Publish,
  type WechatState,
  nextSeq,
  now,
  randomId,
} from './state';

const FAILED = new Set([2, 3, 4]);
/**
 * The doc fills fail_idx for 2 and 4 only, but a real status-3 answer quoted on the
 * developer forum carried fail_idx [1]; 6 (banned) names the banned articles the same way.
 */
const WITH_FAIL_IDX = new Set([2, 3, 4, 6]);

/** publish_status at instant t: 1 while publishing, 5 once every article was deleted. */
export function statusOf(p: Publish, t: number): number {
  if (t < p.readyAt) return 1;
  if (p.finalStatus === 0 && p.deletedIdx.size >= p.articles.length) return 5;
  return p.finalStatus;
}

/**
 * Whether a draft is in the draft box: not while a submit of it is publishing, never again
 * after that publish succeeded, and again after it failed.
 */
export function draftVisible(s: WechatState, d: Draft, t: number): boolean {
  if (d.publishId === undefined) return true;
  const p = s.publishes.get(d.publishId);
  if (!p) return true;
  if (t < p.readyAt) return false;
  if (FAILED.has(p.finalStatus)) return true;
  // Published: the draft is gone from the draft box for good.
  s.drafts.delete(d.mediaId);
  s.draftsByApp.get(d.appid)?.delete(d.mediaId);
  return false;
}

/** Personal-entity and unverified accounts have neither publishing nor mass-send rights. */
export function requireRights(app: App): void {
  if (app.entity === 'personal' || !app.verified) throw new WxError(48001);
}

/**
 * submit's answer. Live: the captured answer {"errcode":0,"errmsg":"ok","publish_id":2650177668},
 * a bare number and no msg_data_id. Doc: both ids as strings.
 */
function submitAnswer(app: App, p: Publish) {
  if (app.answers.submit === 'live') return { errcode: 0, errmsg: 'ok', publish_id: Number(p.publishId) };
  return { errcode: 0, errmsg: 'ok', publish_id: p.publishId, msg_data_id: p.msgDataId };
}

/** One item of freepublish/batchget: live answers carry update_time inside content, the doc beside it. */
function batchItem(app: App, p: Publish, withContent: boolean) {
  const updateTime = Math.floor(p.readyAt / 1000);
  const news = articleItems(p, withContent);
  if (app.answers.batchget === 'doc') return { article_id: p.articleId, content: { news_item: news }, update_time: updateTime };
  return { article_id: p.articleId, content: { news_item: news, create_time: Math.floor(p.submittedAt / 1000), update_time: updateTime } };
}

/** At the publish's final instant WeChat pushes PUBLISHJOBFINISH to the account's server. */
function schedulePublishPush(s: WechatState, p: Publish): void {
  scheduleAt(s, `publish:${p.publishId}`, p.readyAt, () => {
    const app = s.apps.get(p.appid);
    if (app) pushEvent(s, app, 'PUBLISHJOBFINISH', p.publishId, publishJobFinishXml(app, p, Math.floor(p.readyAt / 1000)));
  });
}

function hex(n: number): string {
  let out = '';
  while (out.length < n) out += Math.floor(Math.random() * 0x100000000).toString(16);
  return out.slice(0, n);
}

/** The forced outcome for this submit, if a rule matches; consumes one use of it. */
function takeOutcome(s: WechatState, appid: string, titles: string[]) {
  for (let i = 0; i < s.outcomes.length; i++) {
    const rule = s.outcomes[i];
    if (rule.appid !== undefined && rule.appid !== appid) continue;
    const needle = rule.titleContains;
    if (needle !== undefined && !titles.some((title) => title.includes(needle))) continue;
    rule.times -= 1;
    if (rule.times <= 0) s.outcomes.splice(i, 1);
    const failIdx: number[] = [];
    if (WITH_FAIL_IDX.has(rule.status)) {
      titles.forEach((title, idx) => {
        if (needle === undefined || title.includes(needle)) failIdx.push(idx + 1);
      });
    }
    return { status: rule.status, failIdx };
  }
  return { status: 0, failIdx: [] as number[] };
}

function findArticle(s: WechatState, app: App, articleId: unknown, t: number): Publish {
  const p = typeof articleId === 'string' ? s.articlesById.get(articleId) : undefined;
  if (!p || p.appid !== app.appid || t < p.readyAt || FAILED.has(p.finalStatus)) {
    throw new WxError(53600);
  }
  return p;
}

function articleItems(p: Publish, withContent: boolean) {
  return p.articles.map((a, i) =>
    newsItem(a, { url: p.articleUrls[i], withContent, isDeleted: p.deletedIdx.has(i + 1) }),
  );
}

function intArg(v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new WxError(40035);
  return n;
}

export const freepublishRoutes: WxRoute[] = [
  {
    path: '/cgi-bin/freepublish/submit',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body, t }) => {
      requireRights(app);
      const mediaId = body.media_id;
      const d = typeof mediaId === 'string' ? s.drafts.get(mediaId) : undefined;
      if (!d || d.appid !== app.appid || !draftVisible(s, d, t)) throw new WxError(40007);
      const outcome = takeOutcome(
        s,
        app.appid,
        d.articles.map((a) => a.title),
      );
      const seq = nextSeq(s);
      // Real ids lie above 2^31 (2247483655 on the forum, 2650177668 in a captured answer).
      const msgDataId = String(2_247_500_000 + seq);
      const p: Publish = {
        publishId: String(2_247_483_648 + seq),
        msgDataId,
        appid: app.appid,
        mediaId: d.mediaId,
        articles: d.articles.map((a) => ({ ...a })),
        submittedAt: t,
        readyAt: t + s.opts.publishDelayMs,
        finalStatus: outcome.status,
        failIdx: outcome.failIdx,
        articleId: randomId(32),
        articleUrls: d.articles.map(
          (_a, i) =>
            `http://mp.weixin.qq.com/s?__biz=${app.biz}&mid=${msgDataId}&idx=${i + 1}&sn=${hex(32)}&chksm=${hex(16)}#rd`,
        ),
        deletedIdx: new Set(),
      };
      s.publishes.set(p.publishId, p);
      s.publishOrder.push(p);
      let mine = s.publishesByApp.get(app.appid);
      if (!mine) {
        mine = [];
        s.publishesByApp.set(app.appid, mine);
      }
      mine.push(p);
      if (!FAILED.has(p.finalStatus)) s.articlesById.set(p.articleId, p);
      d.publishId = p.publishId;
      schedulePublishPush(s, p);
      return submitAnswer(app, p);
    },
  },
  {
    path: '/cgi-bin/freepublish/get',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body, t }) => {
      requireRights(app);
      const raw = body.publish_id;
      const id = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim() : '';
      if (id === '') throw new WxError(40035);
      const p = s.publishes.get(id);
      if (!p || p.appid !== app.appid) throw new WxError(40035);
      const status = statusOf(p, t);
      // The forum-quoted real answer echoes publish_id as a number.
      const out: Record<string, unknown> = {
        publish_id: app.answers.getId === 'number' ? Number(p.publishId) : p.publishId,
        publish_status: status,
      };
      if (status === 0) {
        out.article_id = p.articleId;
        out.article_detail = {
          count: p.articles.length,
          item: p.articleUrls.map((url, i) => ({ idx: i + 1, article_url: url })),
        };
      } else if (status === 5 || status === 6) out.article_id = p.articleId;
      out.fail_idx = WITH_FAIL_IDX.has(status) ? p.failIdx : [];
      return out;
    },
  },
  {
    path: '/cgi-bin/freepublish/batchget',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body, t }) => {
      requireRights(app);
      const offset = intArg(body.offset, 0);
      const count = intArg(body.count, Number.NaN);
      if (offset < 0 || !(count >= 1 && count <= 20)) throw new WxError(40035);
      const withContent = intArg(body.no_content, 0) !== 1;
      const ok: Publish[] = [];
      const mine = s.publishesByApp.get(app.appid) ?? [];
      for (let i = mine.length - 1; i >= 0; i--) {
        if (statusOf(mine[i], t) === 0) ok.push(mine[i]);
      }
      ok.sort((a, b) => b.readyAt - a.readyAt);
      const page = ok.slice(offset, offset + count);
      return {
        total_count: ok.length,
        item_count: page.length,
        item: page.map((p) => batchItem(app, p, withContent)),
      };
    },
  },
  {
    path: '/cgi-bin/freepublish/getarticle',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body, t }) => {
      requireRights(app);
      const p = findArticle(s, app, body.article_id, t);
      return { news_item: articleItems(p, true) };
    },
  },
  {
    path: '/cgi-bin/freepublish/delete',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body, t }) => {
      requireRights(app);
      const p = findArticle(s, app, body.article_id, t);
      const index = intArg(body.index, 0);
      if (index < 0 || index > p.articles.length) throw new WxError(40060);
      if (index !== 0) p.deletedIdx.add(index);
      else for (let i = 1; i <= p.articles.length; i++) p.deletedIdx.add(i);
      return { errcode: 0, errmsg: 'ok' };
    },
  },
];

/** Rows of /__control/wechat/published. */
export function publishedRows(s: WechatState, appid?: string) {
  const t = now(s);
  return s.publishOrder
    .filter((p) => appid === undefined || p.appid === appid)
    .map((p) => ({
      appid: p.appid,
      publish_id: p.publishId,
      msg_data_id: p.msgDataId,
      media_id: p.mediaId,
      title: p.articles[0]?.title ?? '',
      titles: p.articles.map((a) => a.title),
      submitted_at: new Date(p.submittedAt).toISOString(),
      status: statusOf(p, t),
      fail_idx: p.failIdx,
      article_id: FAILED.has(p.finalStatus) ? null : p.articleId,
    }));
}
