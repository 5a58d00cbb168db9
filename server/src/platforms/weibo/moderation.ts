// Hiding a comment on Weibo: POST /2/comments/destroy.json {cid} (API-REFERENCE.md §2; [QQ]
// WeiboApiComments; open.weibo.com/wiki/2/comments/destroy) deletes it for good. The account may
// delete its own comments and those on its own statuses (the sync reads only those). 20201, the
// comment does not exist, means an earlier delete already took it: done. Weibo's open API has no
// featured (精选) comments.
import { isPlatformError } from '../adapter';
import type { CommentModerator, ModerationLimits } from '../inbox';
import type { WeiboClient } from './client';
import { localInvalid } from './errors';

const NO_FEATURE = { zh: '微博开放接口没有精选评论功能', en: "Weibo's open API has no featured comments" };
const GONE = 20201;

export const WEIBO_MODERATION_LIMITS: ModerationLimits = {
  allows: () => ({ feature: { allowed: false, reason: NO_FEATURE }, hide: { allowed: true, reason: null } }),
};

export function weiboModeration(client: WeiboClient): CommentModerator {
  return {
    limits: WEIBO_MODERATION_LIMITS,
    async feature() {
      throw localInvalid(NO_FEATURE.zh, NO_FEATURE.en);
    },
    async hide(target) {
      try {
        await client.destroyComment(target.externalId);
      } catch (e) {
        if (!isPlatformError(e) || Number(e.code) !== GONE) throw e;
      }
    },
  };
}
