// The inbox sync's view of an Official Account (API-REFERENCE.md §1, "List comments" and "How the
// IDs link up"): comment/list per article, by the msg_data_id stored at publish and the article's
// index in its message (a publication is one article: index 0, the doc counts from 0). Pages of begin/count (count under
// 50, type 0 = all). A comment's id (user_comment_id) is unique only within its article, so the
// inbox's id is "<msg_data_id>_<index>_<user_comment_id>"; the account's reply rides on the
// comment and becomes a child item written by the account. There is no "since": the cursor is
// the begin of the next unread page (the order of the list is not documented; the emulator gives
// oldest first), and a reply given later to a comment already read is only seen by a full read,
// hence fullReadEveryMs. 88000: comments are closed on the article or the account has no comment
// privilege; publications without a msg_data_id (old submit answers lack it) cannot be read.
import { PlatformError } from '../adapter';
import type { CommentItem, CommentLimits, CommentReader } from '../inbox';
import { type WechatClient, type WechatComment, WECHAT_COMMENTS_MAX_COUNT } from './client';
import { PLATFORM } from './errors';

export const WECHAT_COMMENT_LIMITS: CommentLimits = {
  everyMs: 15 * 60_000,
  pageSize: WECHAT_COMMENTS_MAX_COUNT - 1,
  windowDays: 30,
  fullReadEveryMs: 6 * 3_600_000,
  apis: ['/cgi-bin/comment/list'],
};

/** The article of a publication: the first (and only) one of its message. */
/** The first (only) article of the message: comment/list and reply/add count articles from 0 (SDKs quoting the doc: "多图文时，用来指定第几篇图文，从0开始"). */
const ARTICLE_INDEX = 0;

export function commentItems(msgDataId: string, index: number, publicationId: string, c: WechatComment): CommentItem[] {
  const id = `${msgDataId}_${index}_${c.userCommentId}`;
  const items: CommentItem[] = [
    {
      kind: 'comment',
      externalId: id,
      parentExternalId: null,
      authorId: c.openid,
      authorName: null,
      fromAccount: false,
      text: c.content,
      at: new Date(c.createTime * 1000),
      publicationId,
      featured: c.elected,
    },
  ];
  if (c.reply) {
    items.push({
      kind: 'comment',
      externalId: `${id}_reply`,
      parentExternalId: id,
      authorId: null,
      authorName: null,
      fromAccount: true,
      text: c.reply.content,
      at: new Date(c.reply.createTime * 1000),
      publicationId,
    });
  }
  return items;
}

function closedComments(err: unknown, msgDataId: string): unknown {
  if (!(err instanceof PlatformError) || Number(err.code) !== 88000) return err;
  return new PlatformError({
    kind: 'permission',
    platform: PLATFORM,
    code: 88000,
    platformMessage: err.platformMessage,
    message: `WeChat comment/list of article ${msgDataId}_${ARTICLE_INDEX} returned 88000: comments are closed on this article, or the account has no comment privilege (该文章已关闭留言，或公众号没有留言权限): ${err.platformMessage}`,
  });
}

export function wechatComments(client: WechatClient): CommentReader {
  const l = WECHAT_COMMENT_LIMITS;
  return {
    limits: l,
    async *postComments(refs, cursors) {
      for (const ref of refs) {
        if (!ref.msgDataId) continue;
        let begin = Number(cursors[ref.publicationId] ?? 0) || 0;
        for (;;) {
          const page = await client.listComments({ msgDataId: ref.msgDataId, index: ARTICLE_INDEX, begin, count: l.pageSize }).catch((err) => {
            throw closedComments(err, ref.msgDataId as string);
          });
          begin += page.comments.length;
          yield {
            publicationId: ref.publicationId,
            items: page.comments.flatMap((c) => commentItems(ref.msgDataId as string, ARTICLE_INDEX, ref.publicationId, c)),
            cursor: String(begin),
          };
          if (page.comments.length < l.pageSize || (page.total > 0 && begin >= page.total)) break;
        }
      }
    },
  };
}
