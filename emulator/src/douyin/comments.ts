// The enterprise comment-management API in the emulator (API-REFERENCE.md §3 "Comments", scope
// `video.comment`): the top-level comments of one of the account's items (newest first), the
// replies under one of them (oldest first), and the account's reply. Paging is an offset cursor;
// the answer's `cursor` is the next offset. Bad parameters are 28001007 with a description saying
// which. Controls (mounted under /__control/douyin) add users' comments and show the whole thread.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type DouyinState, type DyComment, DyError, jsonOf, nextId, now } from './state';

type Run = (path: string, f: (body: unknown, q: Record<string, string>, req: FastifyRequest) => unknown, method?: 'GET' | 'POST') => void;
type UserOf = (req: FastifyRequest, scope: string) => { openId: string };

const SCOPE = 'video.comment';
/** UNVERIFIED: no source gives the reply length limit; 100 characters is a guess. */
const MAX_CONTENT = 100;

const view = (s: DouyinState, c: DyComment) => ({
  comment_id: c.commentId,
  comment_user_id: c.userId,
  content: c.content,
  create_time: c.createTime,
  digg_count: c.diggCount,
  reply_comment_total: c.parentId === null ? s.comments.filter((r) => r.parentId === c.commentId).length : 0,
  top: c.top,
});

function ownItem(s: DouyinState, openId: string, itemId: unknown) {
  if (typeof itemId !== 'string' || itemId === '') throw new DyError(28001007, 'item_id 不能为空');
  if (!s.items.some((i) => i.itemId === itemId && i.openId === openId)) throw new DyError(28001007, `item_id 无效：不是该账号的视频 (${itemId})`);
  return itemId;
}

/** The offset page of `all`: cursor ≥ 0 (default 0), count 1..50 (required). */
function page<T>(all: T[], q: Record<string, string>) {
  const cursor = Number(q.cursor ?? 0);
  const count = Number(q.count);
  if (!Number.isInteger(cursor) || cursor < 0) throw new DyError(28001007, 'cursor 无效');
  if (!Number.isInteger(count) || count < 1 || count > 50) throw new DyError(28001007, 'count 必须在 1 到 50 之间');
  const list = all.slice(cursor, cursor + count);
  return { list, cursor: cursor + list.length, has_more: cursor + list.length < all.length };
}

function addComment(s: DouyinState, c: Omit<DyComment, 'commentId'>) {
  const comment = { commentId: nextId(s, 'cm'), ...c };
  s.comments.push(comment);
  return comment;
}

/** The top-level comment a new reply to `id` goes under (a reply's own parent), or undefined. */
function rootOf(s: DouyinState, itemId: string, id: string) {
  const c = s.comments.find((x) => x.commentId === id && x.itemId === itemId);
  return c ? (c.parentId ?? c.commentId) : undefined;
}

const nowSeconds = (s: DouyinState) => Math.floor(now(s) / 1000);

export function commentRoutes(s: DouyinState, run: Run, userOf: UserOf) {
  run(
    '/video/comment/list/',
    (_b, q, req) => {
      const u = userOf(req, SCOPE);
      const itemId = ownItem(s, u.openId, q.item_id);
      // Newest first; among comments of the same second, the later one first.
      const top = s.comments
        .filter((c) => c.itemId === itemId && c.parentId === null)
        .reverse()
        .sort((a, b) => b.createTime - a.createTime);
      const p = page(top, q);
      return { ...p, list: p.list.map((c) => view(s, c)) };
    },
    'GET',
  );
  run(
    '/video/comment/reply/list/',
    (_b, q, req) => {
      const u = userOf(req, SCOPE);
      const itemId = ownItem(s, u.openId, q.item_id);
      const parent = s.comments.find((c) => c.commentId === q.comment_id && c.itemId === itemId && c.parentId === null);
      if (!parent) throw new DyError(28001007, `comment_id 无效：该视频下没有这条一级评论 (${q.comment_id ?? ''})`);
      const replies = s.comments.filter((c) => c.parentId === parent.commentId).sort((a, b) => a.createTime - b.createTime);
      const p = page(replies, q);
      return { ...p, list: p.list.map((c) => view(s, c)) };
    },
    'GET',
  );
  run('/video/comment/reply/', (b, _q, req) => {
    const u = userOf(req, SCOPE);
    const j = jsonOf(b);
    const itemId = ownItem(s, u.openId, j.item_id);
    let parentId: string | null = null;
    if (j.comment_id !== undefined && j.comment_id !== '') {
      parentId = rootOf(s, itemId, String(j.comment_id)) ?? null;
      if (!parentId) throw new DyError(28001007, `comment_id 无效：该视频下没有这条评论 (${String(j.comment_id)})`);
    }
    if (typeof j.content !== 'string' || j.content.trim() === '') throw new DyError(28001007, '评论内容不能为空');
    if ([...j.content].length > MAX_CONTENT) throw new DyError(28001007, '评论内容过长');
    const c = addComment(s, { itemId, userId: u.openId, content: j.content, createTime: nowSeconds(s), diggCount: 0, top: false, parentId });
    return { comment_id: c.commentId };
  });
}

const bodyOf = (b: unknown): Record<string, unknown> => (typeof b === 'string' ? (b ? JSON.parse(b) : {}) : ((b ?? {}) as Record<string, unknown>));

/** POST `${C}/comments` {item_id, user_id?, content, reply_to?, create_time?, digg_count?, top?} → {comment_id}; GET `${C}/comments?item_id=` → every comment and reply. */
export function commentControls(app: FastifyInstance, s: DouyinState, C: string) {
  app.post(`${C}/comments`, async (req, reply) => {
    const b = bodyOf(req.body);
    const itemId = String(b.item_id ?? '');
    if (!s.items.some((i) => i.itemId === itemId)) return reply.code(400).send({ error: 'unknown item_id' });
    if (typeof b.content !== 'string') return reply.code(400).send({ error: 'content (string) required' });
    let parentId: string | null = null;
    if (b.reply_to !== undefined) {
      parentId = rootOf(s, itemId, String(b.reply_to)) ?? null;
      if (!parentId) return reply.code(400).send({ error: 'reply_to is not a comment of the item' });
    }
    const c = addComment(s, {
      itemId,
      userId: String(b.user_id ?? nextId(s, 'user')),
      content: b.content,
      createTime: typeof b.create_time === 'number' ? b.create_time : nowSeconds(s),
      diggCount: typeof b.digg_count === 'number' ? b.digg_count : 0,
      top: b.top === true,
      parentId,
    });
    return { comment_id: c.commentId };
  });
  app.get(`${C}/comments`, async (req, reply) => {
    const itemId = String((req.query as Record<string, string>).item_id ?? '');
    if (!s.items.some((i) => i.itemId === itemId)) return reply.code(400).send({ error: 'unknown item_id' });
    return s.comments
      .filter((c) => c.itemId === itemId)
      .map((c) => ({
        comment_id: c.commentId,
        parent_id: c.parentId,
        user_id: c.userId,
        content: c.content,
        create_time: c.createTime,
        digg_count: c.diggCount,
        top: c.top,
      }));
  });
}
