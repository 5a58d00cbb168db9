// /2/comments/show.json: a status's comments, newest first ([QQ] WeiboApiComments, model/Comment,
// WeiboResponsePager): id (the status), since_id (only ids above it), max_id (ids up to it),
// count (default 50, at most 200), page. Each Comment carries created_at, id, idstr, mid, text,
// source, user, status and, for a reply, reply_comment (the comment it answers). A status that
// does not exist answers 20101. The control adds comments (and replies, by replyTo) to a status.
// /2/comments/reply.json {cid, id, comment, rip} ([QQ] apiReplyComment): a reply by the token's
// user to comment cid on status id, stored as a comment of its own and answered with it. Missing
// parameters 10016, an unknown comment 20201 (UNVERIFIED: "target weibo comment does not exist"),
// over 140 characters 20012 (UNVERIFIED for comments), refused texts as statuses/share refuses them.
// /2/comments/destroy.json {cid} ([QQ] WeiboApiComments; open.weibo.com/wiki/2/comments/destroy):
// deletes a comment the token's user wrote or one on the user's own status, answered with the
// deleted Comment; it leaves comments/show. Missing cid 10016, an unknown or already deleted
// comment 20201, another user's comment on another user's status 20203 (UNVERIFIED: the old
// error table's "Illegal comment", the nearest it has).
// /2/comments/to_me.json: the account's comment inbox (toMe).
// GET /__control/weibo/comments lists every comment (the tests count replies there), and
// /comments/destroyed the deleted ones.
import type { FastifyInstance } from 'fastify';
import { bad, bodyOf, str } from './control';
import { type Comment, type WeiboState, nowMs, weiboDate } from './state';
import { countLength, route, wireStatus } from './statuses';
import { WeiboError } from './wire';

function wireUser(s: WeiboState, uid: string) {
  return { id: Number(uid), idstr: uid, screen_name: s.users.get(uid)?.name ?? uid };
}

function wireComment(s: WeiboState, c: Comment, withStatus: boolean): Record<string, unknown> {
  const st = s.statuses.find((x) => x.id === c.statusId);
  const parent = c.replyTo === null ? undefined : s.comments.find((x) => x.id === c.replyTo);
  return {
    created_at: weiboDate(c.createdAt),
    id: Number(c.id),
    idstr: c.id.toString(),
    mid: c.id.toString(),
    text: c.text,
    source: '<a href="https://weibo.com" rel="nofollow">微博 weibo.com</a>',
    user: wireUser(s, c.uid),
    ...(withStatus && st ? { status: wireStatus(s, st) } : {}),
    ...(parent ? { reply_comment: wireComment(s, parent, false) } : {}),
  };
}

const idParam = (v: string | undefined, name: string) => {
  if (v === undefined || v === '' || v === '0') return null;
  if (!/^\d+$/.test(v)) throw new WeiboError(10008, `param error, see doc for more info. (${name})`);
  return BigInt(v);
};

export function commentRoutes(app: FastifyInstance, s: WeiboState) {
  route(app, s, 'GET', '/2/comments/show.json', (_t, p) => {
    const id = idParam(p.fields.id, 'id');
    if (id === null) throw new WeiboError(10016, 'miss required parameter (id), see doc for more info.');
    if (!s.statuses.some((x) => x.id === id)) throw new WeiboError(20101, 'Target weibo does not exist!');
    return pagerOf(
      s,
      p.fields,
      s.comments.filter((c) => c.statusId === id),
    );
  });
}

/**
 * The pager comments/show and comments/to_me share ([QQ] WeiboResponsePager): since_id, max_id,
 * count (default 50, at most 200), page; newest first; next_cursor the id below the page's last.
 */
function pagerOf(s: WeiboState, f: Record<string, string | undefined>, comments: WeiboState['comments']) {
  const since = idParam(f.since_id, 'since_id');
  const max = idParam(f.max_id, 'max_id');
  const count = Math.min(200, Math.max(1, Number(f.count ?? 50) || 50));
  const page = Math.max(1, Number(f.page ?? 1) || 1);
  const all = comments.filter((c) => (since === null || c.id > since) && (max === null || c.id <= max)).sort((a, b) => (a.id < b.id ? 1 : -1));
  const shown = all.slice((page - 1) * count, page * count);
  const last = shown.at(-1);
  return {
    comments: shown.map((c) => wireComment(s, c, true)),
    previous_cursor: 0,
    next_cursor: last && all.length > page * count ? Number(last.id - 1n) : 0,
    total_number: all.length,
  };
}

/**
 * /2/comments/to_me.json: the comments the token's user received, newest first ([QQ]
 * WeiboApiComments, same pager as comments/show): on its statuses, or answering its comments, by
 * anyone but itself; since_id, max_id, count (default 50, at most 200), page, filter_by_author
 * (0 all, 2 strangers: here nobody is followed, so 1 answers none).
 */
function toMe(app: FastifyInstance, s: WeiboState) {
  route(app, s, 'GET', '/2/comments/to_me.json', (t, p) => {
    const byAuthor = Number(p.fields.filter_by_author ?? 0);
    const mine = new Set(s.statuses.filter((x) => x.uid === t.uid).map((x) => x.id));
    const myComments = new Set(s.comments.filter((c) => c.uid === t.uid).map((c) => c.id));
    const toMe = s.comments.filter((c) => byAuthor !== 1 && c.uid !== t.uid && (mine.has(c.statusId) || (c.replyTo !== null && myComments.has(c.replyTo))));
    return pagerOf(s, p.fields, toMe);
  });
}

export function replyRoutes(app: FastifyInstance, s: WeiboState) {
  toMe(app, s);
  route(app, s, 'POST', '/2/comments/reply.json', (t, p) => {
    for (const k of ['cid', 'id', 'comment', 'rip']) if (!p.fields[k]) throw new WeiboError(10016, `miss required parameter (${k}), see doc for more info.`);
    const id = idParam(p.fields.id, 'id');
    const cid = idParam(p.fields.cid, 'cid');
    const st = s.statuses.find((x) => x.id === id);
    if (!st) throw new WeiboError(20101, 'Target weibo does not exist!');
    if (!s.comments.some((c) => c.id === cid && c.statusId === st.id)) throw new WeiboError(20201, 'Target weibo comment does not exist!');
    const text = p.fields.comment;
    if (countLength(text) > 140) throw new WeiboError(20012, 'Text too long, please input text less than 140 characters!');
    const rej = s.rejects.find((r) => text.includes(r.contains));
    if (rej) throw new WeiboError(rej.errorCode, rej.error);
    s.nextId += BigInt(1 + Math.floor(Math.random() * 1000));
    const c: Comment = { id: s.nextId, statusId: st.id, uid: t.uid, text, createdAt: nowMs(s), replyTo: cid };
    s.comments.push(c);
    st.comments += 1;
    return wireComment(s, c, true);
  });
}

export function destroyRoutes(app: FastifyInstance, s: WeiboState) {
  route(app, s, 'POST', '/2/comments/destroy.json', (t, p) => {
    if (!p.fields.cid) throw new WeiboError(10016, 'miss required parameter (cid), see doc for more info.');
    const cid = idParam(p.fields.cid, 'cid');
    const at = s.comments.findIndex((c) => c.id === cid);
    if (at < 0) throw new WeiboError(20201, 'Target weibo comment does not exist!');
    const c = s.comments[at];
    const st = s.statuses.find((x) => x.id === c.statusId);
    if (c.uid !== t.uid && st?.uid !== t.uid) throw new WeiboError(20203, 'Illegal comment!');
    const answer = wireComment(s, c, true);
    s.comments.splice(at, 1);
    s.destroyed.push(c);
    if (st) st.comments = Math.max(0, st.comments - 1);
    return answer;
  });
}

const controlView = (c: Comment) => ({
  idstr: c.id.toString(),
  statusId: c.statusId.toString(),
  uid: c.uid,
  text: c.text,
  replyTo: c.replyTo?.toString() ?? null,
});

export function commentControl(app: FastifyInstance, s: WeiboState) {
  app.get('/comments', async () => s.comments.map(controlView));
  app.get('/comments/destroyed', async () => s.destroyed.map(controlView));
  app.post('/comments', async (req) => {
    const b = bodyOf(req.body);
    const st = s.statuses.find((x) => x.id.toString() === str(b, 'idstr'));
    if (!st) throw bad('no such status');
    const uid = str(b, 'uid') as string;
    if (!s.users.has(uid)) s.users.set(uid, { uid, name: str(b, 'name', false) ?? `用户${uid.slice(-4)}`, followers: 0, friends: 0 });
    const replyTo = str(b, 'replyTo', false);
    if (replyTo !== undefined && !s.comments.some((c) => c.id.toString() === replyTo && c.statusId === st.id))
      throw bad('replyTo is not a comment on this status');
    const at = str(b, 'at', false);
    const createdAt = at === undefined ? nowMs(s) : Date.parse(at);
    if (Number.isNaN(createdAt)) throw bad('at must be an ISO time');
    s.nextId += BigInt(1 + Math.floor(Math.random() * 1000));
    const c: Comment = {
      id: s.nextId,
      statusId: st.id,
      uid,
      text: str(b, 'text') as string,
      createdAt,
      replyTo: replyTo === undefined ? null : BigInt(replyTo),
    };
    s.comments.push(c);
    st.comments += 1;
    return { idstr: c.id.toString() };
  });
}
