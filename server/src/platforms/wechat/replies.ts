// Replies to an article's comments (API-REFERENCE.md §1 "Reply to comment"; [WXD]
// leaving/api_replycomment; [WJ] WxMpCommentService): POST /cgi-bin/comment/reply/add
// {msg_data_id, index, user_comment_id, content}, answered by errcode alone (no id for the reply).
// The reply rides on its comment: comment/list shows it as `reply{content, create_time}`, one per
// comment ([WJ] WxMpCommentListVo), which the sync stores as "<comment id>_reply"; that is the
// reply's id here too, so the next sync finds it and stores nothing.
// What a second reply/add to the same comment does is not documented; a WeChat community thread
// (developers.weixin.qq.com community, "回复多个评论是reply返回应该是一个数组，微信官方接口只返回其中的一条")
// says several replies can be written and the list shows only one of them. So the inbox sends at
// most one reply per comment (onePerComment), and a reply whose outcome is unknown is judged by the
// list: the comment's reply with our text = sent; no reply = nothing arrived (the call is
// synchronous: an accepted reply is in the list at once), so it may be sent; another text = a
// person must look (sending again could add a second, hidden reply).
import { PlatformError } from '../adapter';
import type { CommentReplier, ReplyCheck, ReplyLimits, ReplyTarget } from '../inbox';
import { msgDataIdOnWire, type WechatClient, WECHAT_COMMENTS_MAX_COUNT } from './client';
import { PLATFORM } from './errors';

export const WECHAT_REPLY_LIMITS: ReplyLimits = {
  // The doc gives no limit for content (UNVERIFIED): 600, the length of a reader's comment in the app.
  maxLength: 600,
  onePerComment: true,
  api: '/cgi-bin/comment/reply/add',
  length: (text) => [...text].length,
};

/** "<msg_data_id>_<index>_<user_comment_id>", as the sync names a comment (comments.ts); also for moderation.ts. */
export function parseTarget(t: ReplyTarget) {
  const m = /^(.+)_(\d+)_(\d+)$/.exec(t.externalId);
  if (!m) {
    throw new PlatformError({
      kind: 'invalid',
      platform: PLATFORM,
      code: 'local',
      message: `不是可回复的公众号留言 / not a WeChat comment that can be answered: ${t.externalId}`,
    });
  }
  return { msgDataId: m[1], index: Number(m[2]), userCommentId: m[3] };
}

/** POST /cgi-bin/comment/reply/add: errcode 0 is the whole answer. Not repeated blindly (idempotent false). */
export async function replyComment(client: WechatClient, q: { msgDataId: string; index: number; userCommentId: string; content: string }): Promise<void> {
  await client.call(
    WECHAT_REPLY_LIMITS.api,
    { json: { msg_data_id: msgDataIdOnWire(q.msgDataId), index: q.index, user_comment_id: Number(q.userCommentId), content: q.content } },
    { idempotent: false },
  );
}

export function wechatReplies(client: WechatClient): CommentReplier {
  return {
    limits: WECHAT_REPLY_LIMITS,
    async reply(target, text) {
      const c = parseTarget(target);
      await replyComment(client, { ...c, content: text });
      return { externalId: `${target.externalId}_reply`, at: new Date() };
    },
    async findReply(target, text): Promise<ReplyCheck> {
      const c = parseTarget(target);
      const count = WECHAT_COMMENTS_MAX_COUNT - 1;
      for (let begin = 0; ; begin += count) {
        const page = await client.listComments({ msgDataId: c.msgDataId, index: c.index, begin, count });
        const found = page.comments.find((x) => x.userCommentId === c.userCommentId);
        if (found) {
          if (!found.reply) return { state: 'absent' };
          if (found.reply.content.trim() !== text.trim()) return { state: 'other', text: found.reply.content };
          return { state: 'sent', reply: { externalId: `${target.externalId}_reply`, at: new Date(found.reply.createTime * 1000) } };
        }
        if (page.comments.length < count || begin + count >= page.total) break;
      }
      throw new PlatformError({
        kind: 'invalid',
        platform: PLATFORM,
        code: 'gone',
        message: `留言已不在文章的留言列表中（可能已被删除）/ the comment is no longer in the article's list (deleted?): ${target.externalId}`,
      });
    },
  };
}
