// The inbox sync's view of a Weibo account (API-REFERENCE.md §2, "List comments" and the
// Comment object): comments/show per status (the publication's id as statuses/share answered
// it), newest first. A read asks for the comments above the post's cursor (since_id) and pages
// down with max_id until a short page; the cursor moves to the newest id only on the last page,
// so a read stopped midway is repeated from the old cursor (the inbox stores nothing twice).
// A reply (reply_comment) names its parent; the account's own comments are its replies.
// comments/to_me (the account's comment inbox) is read beside it, with its own cursor: comments on
// posts not published through us too; a comment read both ways has the same id (stored once).
import type { CommentItem, CommentLimits, CommentReader } from '../inbox';
import type { WeiboClient, WeiboComment } from './client';

export const WEIBO_COMMENT_LIMITS: CommentLimits = {
  everyMs: 15 * 60_000,
  // comments/show: count defaults to 50 ([QQ] WeiboApiComments).
  pageSize: 50,
  windowDays: 30,
  // A reply is a comment of its own with a newer id: since_id sees it.
  fullReadEveryMs: null,
  apis: ['comments/show', 'comments/to_me'],
};

const newer = (a: string | null, b: string) => (a === null || BigInt(b) > BigInt(a) ? b : a);

function item(c: WeiboComment, uid: string, publicationId: string | null): CommentItem {
  return {
    kind: 'comment',
    externalId: c.idstr,
    parentExternalId: c.replyTo,
    authorId: c.uid,
    authorName: c.screenName,
    fromAccount: c.uid !== null && c.uid === uid,
    text: c.text,
    at: c.createdAt ?? new Date(),
    publicationId,
  };
}

type Page = { comments: WeiboComment[] };

/**
 * Pages newest first from `since` on (max_id down to a short page); the cursor moves to the newest
 * id only with the last page.
 */
async function* paged(read: (maxId: string | null) => Promise<Page>, since: string | null, pageSize: number) {
  let newest = since;
  let maxId: string | null = null;
  for (;;) {
    const page = await read(maxId);
    for (const c of page.comments) newest = newer(newest, c.idstr);
    const last = page.comments.length < pageSize;
    yield { comments: page.comments, cursor: last ? newest : since };
    if (last) break;
    const oldest = page.comments.reduce((m, c) => (BigInt(c.idstr) < m ? BigInt(c.idstr) : m), BigInt(page.comments[0].idstr));
    maxId = (oldest - 1n).toString();
  }
}

/** `uid`: the account's Weibo uid (the grant's openId). */
export function weiboComments(client: WeiboClient, uid: () => Promise<string>): CommentReader {
  const l = WEIBO_COMMENT_LIMITS;
  return {
    limits: l,
    async *postComments(refs, cursors) {
      const me = await uid();
      for (const ref of refs) {
        const id = ref.publishId;
        if (!id) continue;
        const since = cursors[ref.publicationId] ?? null;
        for await (const page of paged((maxId) => client.comments({ id, count: l.pageSize, sinceId: since, maxId }), since, l.pageSize)) {
          yield { publicationId: ref.publicationId, items: page.comments.map((c) => item(c, me, ref.publicationId)), cursor: page.cursor };
        }
      }
    },
    // comments/to_me: every comment the account received, on any of its statuses; the inbox links
    // each to the publication whose publishId is its status.
    async *inbox(since) {
      const me = await uid();
      for await (const page of paged((maxId) => client.commentsToMe({ count: l.pageSize, sinceId: since, maxId }), since, l.pageSize)) {
        yield { items: page.comments.map((c) => ({ ...item(c, me, null), publishId: c.statusId ?? null })), cursor: page.cursor };
      }
    },
  };
}
