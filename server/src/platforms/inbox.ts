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

export interface CommentReader {
  limits: CommentLimits;
  /** The posts' comments from each post's cursor on (absent: from the start), a page at a time. */
  postComments(refs: PostRef[], cursors: Record<string, string>): AsyncIterable<CommentPage>;
}
