// Douyin's enterprise comment management (API-REFERENCE.md §3 "Comments", [DYD]
// enterprise-open-ability/comment-management-enterprise; scope `video.comment`, closed to new
// applicants): the top-level comments of a video, the replies under one of them, and a reply by
// the account. Offset cursors with has_more. `item_id` goes in the query, url-encoded.
import type { DouyinClient } from './client';
import { type Obj, str } from './http';

export const COMMENT_PATHS = { list: '/video/comment/list/', replies: '/video/comment/reply/list/', reply: '/video/comment/reply/' } as const;

export interface DyComment {
  commentId: string;
  userId: string;
  content: string;
  /** unix seconds, as answered */
  createTime: number;
  replyTotal: number;
  top: boolean;
}

export interface DyCommentPage {
  list: DyComment[];
  cursor: number;
  hasMore: boolean;
}

function comment(o: Obj): DyComment {
  return {
    commentId: str(o.comment_id),
    userId: str(o.comment_user_id),
    content: str(o.content),
    createTime: Number(o.create_time ?? 0),
    replyTotal: Number(o.reply_comment_total ?? 0),
    top: o.top === true,
  };
}

const pageOf = (d: Obj): DyCommentPage => ({
  list: (Array.isArray(d.list) ? (d.list as Obj[]) : []).map(comment).filter((c) => c.commentId),
  cursor: Number(d.cursor ?? 0),
  hasMore: d.has_more === true,
});

export async function listComments(c: DouyinClient, q: { itemId: string; cursor: number; count: number }): Promise<DyCommentPage> {
  const d = await c.call(COMMENT_PATHS.list, {
    method: 'GET',
    query: { item_id: q.itemId, cursor: String(q.cursor), count: String(q.count) },
    idempotent: true,
  });
  return pageOf(d);
}

export async function listReplies(c: DouyinClient, q: { itemId: string; commentId: string; cursor: number; count: number }): Promise<DyCommentPage> {
  const d = await c.call(COMMENT_PATHS.replies, {
    method: 'GET',
    query: { item_id: q.itemId, comment_id: q.commentId, cursor: String(q.cursor), count: String(q.count) },
    idempotent: true,
  });
  return pageOf(d);
}

/** Not idempotent: a lost answer may mean a posted reply (reconcile by reading the replies back). */
export async function replyTo(c: DouyinClient, b: { itemId: string; commentId: string; content: string }): Promise<string> {
  const d = await c.call(COMMENT_PATHS.reply, { body: { json: { item_id: b.itemId, comment_id: b.commentId, content: b.content } }, idempotent: false });
  return str(d.comment_id);
}
