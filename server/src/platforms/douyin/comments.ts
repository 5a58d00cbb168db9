// The inbox's view of a Douyin account with the comment scope: each video's top-level comments
// and, under each one that has replies, its replies (the account's own among them). The list is
// paged by an offset, which new comments shift, so every read starts from the first page and the
// inbox stores each comment once (no cursor is kept). Replies are read only for comments whose
// reply_comment_total is above zero.
import type { CommentItem, CommentLimits, CommentReader, CommentReplier, ReplyCheck, ReplyLimits } from '../inbox';
import type { DouyinClient } from './client';
import { COMMENT_PATHS, type DyComment, listComments, listReplies, replyTo } from './comment-client';
import { PLATFORM } from './errors';
import { PlatformError } from '../adapter';

export const DOUYIN_COMMENT_LIMITS: CommentLimits = {
  everyMs: 15 * 60_000,
  // count ≤ 50 (API-REFERENCE.md §3).
  pageSize: 50,
  windowDays: 30,
  fullReadEveryMs: null,
  apis: [COMMENT_PATHS.list, COMMENT_PATHS.replies],
};

/** The longest reply is not stated in the reference (UNVERIFIED); Douyin's app takes 100 characters. */
export const DOUYIN_REPLY_LIMITS: ReplyLimits = { maxLength: 100, onePerComment: false, api: COMMENT_PATHS.reply, length: (t) => [...t].length };
/** The platform's clock and ours may disagree by this much. */
const SKEW_MS = 5 * 60_000;
/** Reply pages read back at most when looking for a reply whose outcome is unknown. */
const PAGES = 20;

const item = (c: DyComment, me: string, publicationId: string, parent: string | null): CommentItem => ({
  kind: 'comment',
  externalId: c.commentId,
  parentExternalId: parent,
  authorId: c.userId || null,
  authorName: null,
  fromAccount: c.userId !== '' && c.userId === me,
  text: c.content,
  at: c.createTime > 0 ? new Date(c.createTime * 1000) : new Date(),
  publicationId,
});

/** `openId`: the account's open_id (the grant's openId). */
export function douyinComments(client: DouyinClient, openId: () => Promise<string>): CommentReader {
  const l = DOUYIN_COMMENT_LIMITS;
  return {
    limits: l,
    async *postComments(refs) {
      const me = await openId();
      for (const ref of refs) {
        if (!ref.publishId) continue;
        for (let cursor = 0; ; ) {
          const page = await listComments(client, { itemId: ref.publishId, cursor, count: l.pageSize });
          const items = page.list.map((c) => item(c, me, ref.publicationId, null));
          for (const c of page.list.filter((x) => x.replyTotal > 0)) {
            for (let rc = 0; ; ) {
              const replies = await listReplies(client, { itemId: ref.publishId, commentId: c.commentId, cursor: rc, count: l.pageSize });
              items.push(...replies.list.map((r) => item(r, me, ref.publicationId, c.commentId)));
              if (!replies.hasMore || replies.cursor <= rc) break;
              rc = replies.cursor;
            }
          }
          yield { publicationId: ref.publicationId, items, cursor: null };
          if (!page.hasMore || page.cursor <= cursor) break;
          cursor = page.cursor;
        }
      }
    },
  };
}

const noItem = () =>
  new PlatformError({
    kind: 'invalid',
    platform: PLATFORM,
    code: 'local',
    message: '找不到评论所在的抖音视频 / the Douyin video of this comment is not known',
  });

export function douyinReplies(client: DouyinClient, openId: () => Promise<string>): CommentReplier {
  return {
    limits: DOUYIN_REPLY_LIMITS,
    async reply(target, text) {
      if (!target.publishId) throw noItem();
      const id = await replyTo(client, { itemId: target.publishId, commentId: target.externalId, content: text });
      return { externalId: id, at: new Date() };
    },
    // An unknown outcome: the comment's replies read back for one by the account with our text
    // written since the send (less the clock skew); none means nothing arrived.
    async findReply(target, text, since): Promise<ReplyCheck> {
      if (!target.publishId) throw noItem();
      const me = await openId();
      const want = text.trim();
      let cursor = 0;
      for (let i = 0; i < PAGES; i++) {
        const page = await listReplies(client, { itemId: target.publishId, commentId: target.externalId, cursor, count: 50 });
        const mine = page.list.find((r) => r.userId === me && r.content.trim() === want && r.createTime * 1000 >= since.getTime() - SKEW_MS);
        if (mine) return { state: 'sent', reply: { externalId: mine.commentId, at: new Date(mine.createTime * 1000) } };
        if (!page.hasMore || page.cursor <= cursor) break;
        cursor = page.cursor;
      }
      return { state: 'absent' };
    },
  };
}
