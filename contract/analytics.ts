import { z } from 'zod';
import { Day, Id, IsoDate } from './common';

/**
 * The counts a post has on one of its platform's days. Null means "not known" (the platform
 * does not report it, or nobody typed it), never zero: analytics says where a figure is missing.
 * views: 阅读 for articles, 播放 for videos; zaikan: WeChat's 在看.
 */
export const METRIC_FIELDS = ['views', 'likes', 'comments', 'shares', 'favorites', 'zaikan', 'followersGained'] as const;
export type MetricField = (typeof METRIC_FIELDS)[number];

export const MetricSource = z.enum(['typed', 'import', 'sync']);

const Count = z
  .number({ error: '必须是数字 / must be a number' })
  .int({ error: '必须是整数 / must be a whole number' })
  .min(0, { error: '不能为负数 / must not be negative' })
  .max(1_000_000_000_000, { error: '数值过大 / the number is too large' })
  .nullable();
/** Followers gained may be negative on a day more people unfollowed. */
const SignedCount = z
  .number({ error: '必须是数字 / must be a number' })
  .int({ error: '必须是整数 / must be a whole number' })
  .min(-1_000_000_000, { error: '数值过小 / the number is too small' })
  .max(1_000_000_000, { error: '数值过大 / the number is too large' })
  .nullable();

const counts = {
  views: Count,
  likes: Count,
  comments: Count,
  shares: Count,
  favorites: Count,
  zaikan: Count,
  followersGained: SignedCount,
};

export const MetricValues = z.object(counts);

/** Typed metrics of one day: a field left out is not known; the day's row is replaced as a whole. */
export const PutMetricsBody = z
  .strictObject({
    day: Day,
    views: Count.optional(),
    likes: Count.optional(),
    comments: Count.optional(),
    shares: Count.optional(),
    favorites: Count.optional(),
    zaikan: Count.optional(),
    followersGained: SignedCount.optional(),
  })
  .refine((b) => METRIC_FIELDS.some((f) => b[f] != null), {
    error: '至少填写一项数据 / enter at least one figure',
  });

export const PostMetrics = z.object({
  publicationId: Id,
  day: Day,
  ...counts,
  source: MetricSource,
  updatedBy: z.string().nullable(),
  updatedAt: IsoDate,
});

export const MetricsDayParams = z.object({ id: Id, day: Day });

export const MetricsImportFormat = z.enum(['csv', 'xlsx']);
export const MetricsTemplateQuery = z.object({ format: MetricsImportFormat.default('csv') });

export const MetricsImportRowError = z.object({ field: z.string(), zh: z.string(), en: z.string() });

/** What committing a row would do to the stored day: add it, replace different figures, or nothing. */
export const MetricsImportAction = z.enum(['insert', 'replace', 'unchanged']);

export const MetricsImportRow = z.object({
  /** The row's line in the file (the header is line 1). */
  line: z.number().int(),
  link: z.string().nullable(),
  publicationId: Id.nullable(),
  postTitle: z.string().nullable(),
  accountName: z.string().nullable(),
  day: Day.nullable(),
  values: MetricValues,
  errors: z.array(MetricsImportRowError),
  action: MetricsImportAction.nullable(),
});

export const MetricsImportPreview = z.object({
  filename: z.string(),
  format: MetricsImportFormat,
  rows: z.array(MetricsImportRow),
  summary: z.object({ total: z.number().int(), valid: z.number().int(), invalid: z.number().int() }),
});

export const MetricsImportResult = z.object({
  filename: z.string(),
  inserted: z.number().int(),
  replaced: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  /** The rows left out, with their reasons. */
  errors: z.array(MetricsImportRow),
});
