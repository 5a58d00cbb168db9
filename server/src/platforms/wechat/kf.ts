// Replies to users' messages: the customer-service message (客服消息, "发送客服消息",
// developers.weixin.qq.com Message_Management/Service_Center_messages): POST
// /cgi-bin/message/custom/send {touser: openid, msgtype: 'text', text: {content}}, answered by
// errcode alone. Allowed within 48 hours of the user's last message to the account: after it
// 45015 ("response out of time limit or subscription is canceled"); 45047 too many messages sent
// in the window; 40003 invalid openid; 48001 the account lacks the API. The call has no
// idempotency key and nothing reads a sent message back, so there is no findReply: a send whose
// outcome is unknown waits for a person (modules/inbox/reply-send.ts), it is never repeated.
import { randomUUID } from 'node:crypto';
import { PlatformError } from '../adapter';
import type { MessageReplier, ReplyLimits } from '../inbox';
import type { WechatClient } from './client';
import { PLATFORM } from './errors';

export const WECHAT_KF_LIMITS: ReplyLimits = {
  // The doc names no length for text; 2048 bytes is what SDKs check (UNVERIFIED): counted in characters here.
  maxLength: 600,
  onePerComment: false,
  api: '/cgi-bin/message/custom/send',
  length: (text) => [...text].length,
  windowMs: 48 * 3_600_000,
};

export function wechatMessageReplies(client: WechatClient): MessageReplier {
  return {
    limits: WECHAT_KF_LIMITS,
    async reply(target, text) {
      if (!target.authorId) {
        throw new PlatformError({ kind: 'invalid', platform: PLATFORM, code: 'local', message: '消息没有发送者 openid / the message has no sender openid' });
      }
      await client.call(WECHAT_KF_LIMITS.api, { json: { touser: target.authorId, msgtype: 'text', text: { content: text } } }, { idempotent: false });
      // WeChat gives the message no id: ours names the inbox item stored for it.
      return { externalId: `kf:${randomUUID()}`, at: new Date() };
    },
  };
}
