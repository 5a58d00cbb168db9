// Replies to a status's comments (API-REFERENCE.md §2 "Reply"; [QQ] WeiboApiComments
// apiReplyComment): POST /2/comments/reply.json {cid, id, comment (about 140 characters), rip},
// answered with the new Comment, whose idstr is what comments/show (the sync) names it, so the
// next sync stores it once. Weibo keeps every reply as a comment of its own (no limit per comment).
// An unknown outcome is judged by reading comments/show of the status back, newest first, down to
// the reply's send time: a comment by the account's own uid whose reply_comment is `cid` and whose
// text ends with ours (Weibo may put "回复@name:" before it) = sent; none = nothing arrived (the
// call is synchronous: an accepted reply is listed at once).
import type { CommentReplier, ReplyCheck, ReplyLimits } from '../inbox';
import type { WeiboClient } from './client';
import { localInvalid } from './errors';
import { STATUS_MAX, weiboLength } from './text';

export const WEIBO_REPLY_LIMITS: ReplyLimits = { maxLength: STATUS_MAX, onePerComment: false, api: 'comments/reply', length: weiboLength };
/** comments/show pages read back at most (50 each, newest first) before giving up the search. */
const PAGES = 20;
/** The platform's clock and ours may disagree by this much. */
const SKEW_MS = 5 * 60_000;

export function weiboReplies(client: WeiboClient, uid: () => Promise<string>): CommentReplier {
  return {
    limits: WEIBO_REPLY_LIMITS,
    async reply(target, text) {
      if (!target.publishId) throw localInvalid('找不到评论所在的微博', 'the status of this comment is not known');
      if (!target.clientIp)
        throw localInvalid('缺少回复者的真实 IP（rip），微博要求提供', "the replying member's IP address (Weibo's rip) is missing; Weibo requires it");
      const c = await client.replyComment({ cid: target.externalId, id: target.publishId, comment: text, rip: target.clientIp });
      return { externalId: c.idstr, at: c.createdAt ?? new Date() };
    },
    async findReply(target, text, since): Promise<ReplyCheck> {
      if (!target.publishId) throw localInvalid('找不到评论所在的微博', 'the status of this comment is not known');
      const me = await uid();
      let maxId: string | null = null;
      for (let i = 0; i < PAGES; i++) {
        const page = await client.comments({ id: target.publishId, count: 50, maxId });
        const mine = page.comments.find((c) => c.uid === me && c.replyTo === target.externalId && c.text.trim().endsWith(text.trim()));
        if (mine) return { state: 'sent', reply: { externalId: mine.idstr, at: mine.createdAt ?? since } };
        const oldest = page.comments.at(-1);
        if (page.comments.length < 50 || !oldest || (oldest.createdAt && oldest.createdAt.getTime() < since.getTime() - SKEW_MS)) break;
        maxId = (BigInt(oldest.idstr) - 1n).toString();
      }
      return { state: 'absent' };
    },
  };
}
