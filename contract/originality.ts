import { z } from 'zod';
import { clean, Id, IsoDate, text } from './common';
import { PostDetail, PostStatus } from './content';

/** Lowest threshold a workspace may set: below it the LSH lookup misses too many matches (see ORIGINALITY.md). */
export const ORIGINALITY_MIN_THRESHOLD = 0.3;
export const ORIGINALITY_DEFAULT_THRESHOLD = 0.6;

export const OriginalitySettingsBody = z.strictObject({
  threshold: z
    .number({ error: '阈值必须是 0.3 到 1 之间的数 / threshold must be a number from 0.3 to 1' })
    .min(ORIGINALITY_MIN_THRESHOLD, { error: '阈值不能低于 0.3 / threshold must be at least 0.3' })
    .max(1, { error: '阈值不能高于 1 / threshold must be at most 1' }),
});

export const OriginalitySettings = z.object({
  threshold: z.number(),
  defaultThreshold: z.number(),
  minThreshold: z.number(),
  updatedAt: IsoDate.nullable(),
});

/** Unsaved editor text; `postId` (the post being edited) is left out of the matches. */
export const OriginalityCheckBody = z.strictObject({
  title: text().max(200, { error: '标题太长 / title is too long' }).optional(),
  bodyHtml: clean(z.string({ error: '缺少正文 bodyHtml / bodyHtml is required' })).max(1_000_000, { error: '正文太长 / body is too long' }),
  postId: Id.optional(),
});

/** A passage in both texts: UTF-16 offsets, end exclusive, into the draft's `text` and the match's `text`. */
export const OriginalityPassage = z.object({
  draftStart: z.number().int(),
  draftEnd: z.number().int(),
  matchStart: z.number().int(),
  matchEnd: z.number().int(),
});

export const OriginalityMatch = z.object({
  postId: Id,
  title: z.string(),
  status: PostStatus,
  /** When it was last published on any account; null if never. */
  publishedAt: IsoDate.nullable(),
  updatedAt: IsoDate,
  /** Jaccard similarity of the two texts' 5-token shingles, 0–1. */
  similarity: z.number(),
  /** Share of the draft's characters inside the common passages, 0–1. */
  coverage: z.number(),
  /** The old post's compared text (title line, then the body's text). */
  text: z.string(),
  passages: z.array(OriginalityPassage),
});

export const OriginalityResult = z.object({
  maxSimilarity: z.number(),
  threshold: z.number(),
  /** maxSimilarity ≥ threshold: warn before publishing, and before claiming 原创 on WeChat. */
  warn: z.boolean(),
  /** The text is too short to judge (under 20 characters or words); no matches. */
  tooShort: z.boolean(),
  /** Older posts of the workspace not indexed yet (the archive catches up on the next checks). */
  pendingIndex: z.number().int(),
  /** The draft's compared text, which the passages' draft offsets refer to. */
  text: z.string(),
  matches: z.array(OriginalityMatch),
});

/** Carried by the submit and schedule answers when the post is a near-duplicate (never blocks). */
export const OriginalityWarning = z.object({
  maxSimilarity: z.number(),
  threshold: z.number(),
  matches: z.array(z.object({ postId: Id, title: z.string(), similarity: z.number() })),
});

/** The answer of submit and schedule: the post, and the near-duplicate warning (null when none, or when unscheduling). */
export const PostWithWarning = PostDetail.extend({ originalityWarning: OriginalityWarning.nullable() });
