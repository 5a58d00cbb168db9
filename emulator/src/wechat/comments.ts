// 留言管理 (comments): comment/list for an article (msg_data_id + index, begin/count under 50,
// type 0 all, 1 normal, 2 featured), oldest first (the order is not documented). Each comment
// carries the account's reply ({content, create_time}) once it gave one. An article whose
// comments are closed, or an account without comment privilege, answers 88000 (Comments
// management doc). An unknown article or an index past its articles answers 40060, a count of
// 50 or more 40035 (UNVERIFIED: no documented code; the global table's nearest). The controls add
// comments and replies to a published (or datacube-seeded) article and close comments.
// comment/reply/add {msg_data_id, index, user_comment_id, content} (API-REFERENCE.md §1; [WXD]
// leaving/api_replycomment) sets the comment's reply; a second one replaces what the list shows
// (the list carries one reply per comment; a community thread says only one of several shows).
// Every accepted reply is logged for the tests (GET /__control/wechat/comments/replies). Empty
// content answers 44004, over 600 characters 45002, an unknown comment 40060 (UNVERIFIED: the
// doc lists no codes; the global table's nearest).
// comment/markelect and comment/unmarkelect (将评论标记精选 / 取消精选, the same body without
// content) set and clear the comment's featured mark (comment_type 1; type 2 lists them); doing it
// twice changes nothing. comment/delete (删除评论) removes the comment from comment/list for good.
// A deleted or unknown comment answers 40060 to all three, comments closed 88000 (UNVERIFIED as
// above: the doc names no codes). GET /__control/wechat/comments shows an article's comments as
// the platform holds them, deleted ones included; POST …/comments/state changes them as a
// manager would in WeChat's console.
import type { ControlRoute } from './control';
import { BadInput, int, str } from './control-input';
import { WxError } from './errors';
import type { WxRoute } from './pipeline';
import { type WechatState, now } from './state';

export interface WxComment {
  userCommentId: number;
  openid: string;
  content: string;
  /** Unix seconds. */
  createTime: number;
  elected: boolean;
  /** Removed by comment/delete: no longer listed, kept for inspection. */
  deleted: boolean;
  reply: { content: string; createTime: number } | null;
}

export interface CommentsState {
  /** "<appid>|<msg_data_id>|<index>" → the article's comments in the order written. */
  byArticle: Map<string, WxComment[]>;
  /** Closed: "<appid>|<msg_data_id>|<index>" for one article, "<appid>" for the whole account. */
  closed: Set<string>;
  nextId: number;
  /** Every reply/add that took effect, in order. */
  replies: { appid: string; msgDataId: string; index: number; userCommentId: number; content: string; createTime: number }[];
}

export const createComments = (): CommentsState => ({ byArticle: new Map(), closed: new Set(), nextId: 1, replies: [] });

const key = (appid: string, msgDataId: string, index: number) => `${appid}|${msgDataId}|${index}`;

/** How many articles the message `msgDataId` of the account has (0: no such message). */
function articleCount(s: WechatState, appid: string, msgDataId: string): number {
  const p = (s.publishesByApp.get(appid) ?? []).find((x) => x.msgDataId === msgDataId && x.finalStatus === 0 && x.readyAt <= now(s));
  if (p) return p.articles.length;
  return (s.datacube.seeded.get(appid) ?? []).some((a) => a.msgDataId === msgDataId) ? 1 : 0;
}

const idOf = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : typeof v === 'string' && /^\d+$/.test(v) ? v : null);

/** The comment a reply/add, markelect, unmarkelect or delete body names, or its errcode. */
function targetComment(s: WechatState, appid: string, body: Record<string, unknown>) {
  const msgDataId = idOf(body.msg_data_id);
  const index = body.index === undefined ? 0 : Number(body.index);
  const id = Number(body.user_comment_id);
  if (!msgDataId || !Number.isInteger(index) || index < 0 || index >= articleCount(s, appid, msgDataId)) throw new WxError(40060);
  if (s.comments.closed.has(appid) || s.comments.closed.has(key(appid, msgDataId, index))) throw new WxError(88000);
  const c = (s.comments.byArticle.get(key(appid, msgDataId, index)) ?? []).find((x) => x.userCommentId === id && !x.deleted);
  if (!c) throw new WxError(40060);
  return { msgDataId, index, id, c };
}

const moderation = (path: string, change: (c: WxComment) => void): WxRoute => ({
  path,
  method: 'POST',
  auth: true,
  body: 'json',
  handler: ({ s, app, body }) => {
    change(targetComment(s, app.appid, body).c);
    return { errcode: 0, errmsg: 'ok' };
  },
});

export const commentRoutes: WxRoute[] = [
  {
    path: '/cgi-bin/comment/list',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body }) => {
      const msgDataId = idOf(body.msg_data_id);
      const index = body.index === undefined ? 0 : Number(body.index);
      const { begin, count, type } = body;
      if (!msgDataId || !Number.isInteger(index) || index < 0) throw new WxError(40060);
      if (
        !Number.isInteger(begin) ||
        (begin as number) < 0 ||
        !Number.isInteger(count) ||
        (count as number) < 1 ||
        (count as number) >= 50 ||
        ![0, 1, 2].includes(type as number)
      ) {
        throw new WxError(40035);
      }
      if (index >= articleCount(s, app.appid, msgDataId)) throw new WxError(40060);
      if (s.comments.closed.has(app.appid) || s.comments.closed.has(key(app.appid, msgDataId, index))) throw new WxError(88000);
      const all = (s.comments.byArticle.get(key(app.appid, msgDataId, index)) ?? []).filter((c) => !c.deleted && (type === 0 || (type === 2) === c.elected));
      const comment = all.slice(begin as number, (begin as number) + (count as number)).map((c) => ({
        user_comment_id: c.userCommentId,
        openid: c.openid,
        create_time: c.createTime,
        content: c.content,
        comment_type: c.elected ? 1 : 0,
        ...(c.reply ? { reply: { content: c.reply.content, create_time: c.reply.createTime } } : {}),
      }));
      return { errcode: 0, errmsg: 'ok', total: all.length, comment };
    },
  },
  {
    path: '/cgi-bin/comment/reply/add',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body }) => {
      const { msgDataId, index, id, c } = targetComment(s, app.appid, body);
      const content = typeof body.content === 'string' ? body.content : '';
      if (!content.trim()) throw new WxError(44004);
      if ([...content].length > 600) throw new WxError(45002);
      const createTime = Math.floor(now(s) / 1000);
      c.reply = { content, createTime };
      s.comments.replies.push({ appid: app.appid, msgDataId, index, userCommentId: id, content, createTime });
      return { errcode: 0, errmsg: 'ok' };
    },
  },
  moderation('/cgi-bin/comment/markelect', (c) => {
    c.elected = true;
  }),
  moderation('/cgi-bin/comment/unmarkelect', (c) => {
    c.elected = false;
  }),
  moderation('/cgi-bin/comment/delete', (c) => {
    c.deleted = true;
    c.elected = false;
  }),
];

function article(s: WechatState, b: Record<string, unknown>) {
  const appid = str(b, 'appid', true) as string;
  const msgDataId = str(b, 'msgDataId', true) as string;
  const index = int(b, 'index', 0, 0);
  if (index >= articleCount(s, appid, msgDataId)) throw new BadInput(`no published article ${msgDataId} #${index} of ${appid}`);
  return { appid, msgDataId, index, k: key(appid, msgDataId, index) };
}

const seconds = (b: Record<string, unknown>, s: WechatState) => {
  const at = str(b, 'at', false);
  const ms = at === undefined ? now(s) : Date.parse(at);
  if (Number.isNaN(ms)) throw new BadInput('at must be an ISO time');
  return Math.floor(ms / 1000);
};

export function registerCommentControl(route: ControlRoute, s: WechatState): void {
  route('POST', '/__control/wechat/comments', (b) => {
    const a = article(s, b);
    const c: WxComment = {
      userCommentId: s.comments.nextId++,
      openid: str(b, 'openid', false) ?? `o${a.appid.slice(-6)}${s.comments.nextId}`,
      content: str(b, 'content', true) as string,
      createTime: seconds(b, s),
      elected: b.elected === true,
      deleted: false,
      reply: null,
    };
    const list = s.comments.byArticle.get(a.k) ?? [];
    list.push(c);
    s.comments.byArticle.set(a.k, list);
    return { userCommentId: c.userCommentId };
  });
  route('POST', '/__control/wechat/comments/reply', (b) => {
    const a = article(s, b);
    const id = int(b, 'userCommentId', 1);
    const c = (s.comments.byArticle.get(a.k) ?? []).find((x) => x.userCommentId === id);
    if (!c) throw new BadInput(`no comment ${id} on ${a.msgDataId} #${a.index}`);
    c.reply = { content: str(b, 'content', true) as string, createTime: seconds(b, s) };
    return { ok: true };
  });
  route('GET', '/__control/wechat/comments', (_b, q) => {
    const a = article(s, { ...q, index: q.index === undefined ? undefined : Number(q.index) });
    return (s.comments.byArticle.get(a.k) ?? []).map((c) => ({ userCommentId: c.userCommentId, content: c.content, elected: c.elected, deleted: c.deleted }));
  });
  // What a manager does in WeChat's own console: feature, unfeature or delete a comment.
  route('POST', '/__control/wechat/comments/state', (b) => {
    const a = article(s, b);
    const id = int(b, 'userCommentId', 1);
    const c = (s.comments.byArticle.get(a.k) ?? []).find((x) => x.userCommentId === id);
    if (!c) throw new BadInput(`no comment ${id} on ${a.msgDataId} #${a.index}`);
    if (typeof b.elected === 'boolean') c.elected = b.elected;
    if (b.deleted === true) c.deleted = true;
    return { ok: true };
  });
  route('GET', '/__control/wechat/comments/replies', (_b, q) => s.comments.replies.filter((r) => !q.appid || r.appid === q.appid));
  route('POST', '/__control/wechat/comments/close', (b) => {
    const appid = str(b, 'appid', true) as string;
    const k = b.msgDataId === undefined ? appid : article(s, b).k;
    if (b.closed === false) s.comments.closed.delete(k);
    else s.comments.closed.add(k);
    return { ok: true };
  });
}
