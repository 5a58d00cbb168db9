// What the inbox sync reads from a platform: the comments on the account's recent posts (and, where
// the platform has one, the account's comment inbox), page by page with a resumable cursor. Each
// platform says its limits: how often to read, the page size, and how far back posts are read.
import type { PostRef } from './metrics';

/** One comment as the platform gave it, ready for the inbox's ingestItems. */
export interface CommentItem {
  kind: 'comment';
  /** The platform's id, unique within the account (WeChat: scoped by article). */
  externalId: string;
  /** The comment it answers (a reply), as the platform names it. */
  parentExternalId: string | null;
  authorId: string | null;
  authorName: string | null;
  /** Written by the account itself (its reply). */
  fromAccount: boolean;
  text: string;
  at: Date;
  publicationId: string | null;
  /** Featured on the platform (WeChat's comment_type 1); absent where the platform does not say. */
  featured?: boolean;
  /** The post's id on the platform, for items read from the account's inbox (linked to a publication by it). */
  publishId?: string | null;
}

/**
 * One page of a post's comments. `cursor` is where the next run starts reading this post; the
 * sync stores it only after the page's items are stored, so a crash re-reads, never skips.
 */
export interface CommentPage {
  publicationId: string;
  items: CommentItem[];
  cursor: string | null;
}

export interface CommentLimits {
  /** How often an account is read. */
  everyMs: number;
  /** Comments asked for per call (WeChat comment/list: under 50). */
  pageSize: number;
  /** Posts published within this many days are read. */
  windowDays: number;
  /**
   * Platforms whose cursor cannot see a change to a comment already read (WeChat: the account's
   * reply to an old comment) are read from the start this often; null: the cursor sees everything.
   */
  fullReadEveryMs: number | null;
  /** The APIs (as the call meter counts them) one read spends. */
  apis: string[];
}

/** One page of the account's comment inbox; `cursor` as for a post's page. */
export interface InboxPage {
  items: CommentItem[];
  cursor: string | null;
}

export interface CommentReader {
  limits: CommentLimits;
  /** The posts' comments from each post's cursor on (absent: from the start), a page at a time. */
  postComments(refs: PostRef[], cursors: Record<string, string>): AsyncIterable<CommentPage>;
  /**
   * The account's comment inbox (Weibo comments/to_me: comments on every post, also those not
   * published through us) from the cursor on, or absent. The same comment read here and per post
   * has the same externalId (stored once).
   */
  inbox?(cursor: string | null): AsyncIterable<InboxPage>;
}

/** The comment a reply answers, as the inbox stored it, and what the platform needs around it. */
export interface ReplyTarget {
  /** The comment's id as the sync stored it (CommentItem.externalId). */
  externalId: string;
  /** The post's ids as publishing stored them (Weibo: the status id is publishId). */
  publishId: string | null;
  msgDataId: string | null;
  /** The member's IP address, for platforms that ask for the end user's real IP (Weibo's rip). */
  clientIp: string | null;
  /** The author's platform id (WeChat: the openid a customer-service message goes to). */
  authorId?: string | null;
}

/** A reply the platform holds: its id as the comment sync will name it (so the sync stores it once). */
export interface SentReply {
  externalId: string;
  at: Date;
}

/**
 * What reading the comments back says about a reply whose outcome is unknown: there with our text
 * (sent), not there (nothing reached the platform: safe to send), or the comment carries another
 * reply (a platform with one reply per comment, where sending would replace it).
 */
export type ReplyCheck = { state: 'sent'; reply: SentReply } | { state: 'absent' } | { state: 'other'; text: string };

export interface ReplyLimits {
  /** The longest reply the platform takes, in characters as the platform counts them. */
  maxLength: number;
  /** The platform keeps one reply per comment (WeChat's comment carries one `reply`). */
  onePerComment: boolean;
  /** The reply call as the call meter counts it. */
  api: string;
  /** A reply's length as the platform counts it. */
  length(text: string): number;
  /** Replies are allowed only this long after the author's last message (WeChat's 48 h), or absent. */
  windowMs?: number;
}

export interface CommentReplier {
  limits: ReplyLimits;
  /** Sends the reply once; errors are PlatformErrors (unknown_outcome: reconcile with findReply). */
  reply(target: ReplyTarget, text: string): Promise<SentReply>;
  /** Reads the comments back for a reply with this text written at `since` or later. */
  findReply(target: ReplyTarget, text: string, since: Date): Promise<ReplyCheck>;
}

/** What a platform lets the account do to a comment, and why not where not (shown beside the buttons). */
export interface ModerationRule {
  allowed: boolean;
  reason: { zh: string; en: string } | null;
}

export interface ModerationLimits {
  /** For one comment of the account's posts (`fromAccount`: the account's own reply). */
  allows(comment: { fromAccount: boolean }): { feature: ModerationRule; hide: ModerationRule };
}

/** The same refusal for both actions, for platforms without a comment-management API. */
export function noModeration(reason: { zh: string; en: string }): ModerationLimits {
  const no = { allowed: false, reason };
  return { allows: () => ({ feature: no, hide: no }) };
}

/**
 * Featuring (精选) and hiding a comment on the platform, both safe to repeat: marking a featured
 * comment again changes nothing, and hiding a comment already gone from the platform counts as done.
 * Hiding is the platform's delete: it cannot be undone. Errors are PlatformErrors.
 */
export interface CommentModerator {
  limits: ModerationLimits;
  feature(target: ReplyTarget, featured: boolean): Promise<void>;
  hide(target: ReplyTarget): Promise<void>;
}

/**
 * Replies to users' messages where nothing can be read back (WeChat's customer-service messages):
 * a reply whose outcome is unknown waits for a person to decide; it is never sent again by itself.
 */
export type MessageReplier = Omit<CommentReplier, 'findReply'>;

/** A user's message pushed to the account's callback URL, ready for the inbox (modules/inbox/pushed.ts). */
export interface PushedMessage {
  kind: 'message';
  /** The platform's message id, or one made of the sender and the time when it gives none. */
  externalId: string;
  /** The sender's id on the platform (WeChat: the openid); one thread per sender. */
  authorId: string;
  /** The text, or a readable placeholder for a picture, voice, video, location or link. */
  text: string;
  at: Date;
  /** The fields as the platform pushed them. */
  raw: Record<string, string>;
}
