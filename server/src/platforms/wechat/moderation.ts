// Featuring and deleting an article's comments (API-REFERENCE.md §1, "Also available"; [WXD]
// Comments_management; SDKs quoting the doc: 将评论标记精选 / 将评论取消精选 / 删除评论):
// POST /cgi-bin/comment/markelect, /unmarkelect and /delete, each {msg_data_id, index,
// user_comment_id}, answered by errcode alone. A featured comment shows under the article for
// every reader (comment_type 1 in comment/list; a guide to the console says at most 100 per article,
// UNVERIFIED for the API); delete is WeChat's only way to hide one and cannot be undone. Marking
// twice is harmless, so all three may be repeated. What a delete of a comment already deleted
// answers is not documented: a refusal of the delete is read back in comment/list, and a comment
// no longer listed is taken as deleted (done). 88000: comments closed, or no comment privilege.
// The account's own reply rides on its comment and is not a comment of its own: it is neither
// featured nor deleted here (reply/delete is a separate API, not offered).
import { isPlatformError } from '../adapter';
import type { CommentModerator, ModerationLimits, ReplyTarget } from '../inbox';
import { msgDataIdOnWire, type WechatClient, WECHAT_COMMENTS_MAX_COUNT } from './client';
import { parseTarget } from './replies';

const OWN_REPLY = { zh: '公众号自己的回复不能精选或删除', en: "The account's own reply cannot be featured or deleted here" };

export const WECHAT_MODERATION_LIMITS: ModerationLimits = {
  allows: (c) =>
    c.fromAccount
      ? { feature: { allowed: false, reason: OWN_REPLY }, hide: { allowed: false, reason: OWN_REPLY } }
      : { feature: { allowed: true, reason: null }, hide: { allowed: true, reason: null } },
};

async function listed(client: WechatClient, c: ReturnType<typeof parseTarget>): Promise<boolean> {
  const count = WECHAT_COMMENTS_MAX_COUNT - 1;
  for (let begin = 0; ; begin += count) {
    const page = await client.listComments({ msgDataId: c.msgDataId, index: c.index, begin, count });
    if (page.comments.some((x) => x.userCommentId === c.userCommentId)) return true;
    if (page.comments.length < count || begin + count >= page.total) return false;
  }
}

export function wechatModeration(client: WechatClient): CommentModerator {
  const call = (path: string, t: ReplyTarget) => {
    const c = parseTarget(t);
    return client.call(
      path,
      { json: { msg_data_id: msgDataIdOnWire(c.msgDataId), index: c.index, user_comment_id: Number(c.userCommentId) } },
      { idempotent: true },
    );
  };
  return {
    limits: WECHAT_MODERATION_LIMITS,
    async feature(target, featured) {
      await call(featured ? '/cgi-bin/comment/markelect' : '/cgi-bin/comment/unmarkelect', target);
    },
    async hide(target) {
      try {
        await call('/cgi-bin/comment/delete', target);
      } catch (e) {
        if (!isPlatformError(e) || e.kind !== 'invalid') throw e;
        if (await listed(client, parseTarget(target))) throw e;
      }
    },
  };
}
