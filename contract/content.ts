import { z } from 'zod';
import { clean, Id, IsoDate, patch, text } from './common';
import { CONTENT_FORMATS } from './formats';

export const TopicStatus = z.enum(['idea', 'planned', 'used', 'dropped']);
const TopicFields = {
  title: text().trim().min(1, { error: '标题不能为空 / title must not be empty' }).max(200),
  notes: text().max(5000).optional(),
  tags: z.array(text().trim().min(1).max(30)).max(20).optional(),
  status: TopicStatus.optional(),
  /** A member of the workspace (the creator when left out). */
  ownerId: Id.nullable().optional(),
};
export const TopicBody = z.strictObject(TopicFields);
export const UpdateTopicBody = patch(TopicFields);
export const TopicQuery = z.object({ status: TopicStatus.optional(), q: text().max(100).optional() });
export const Topic = z.object({
  id: Id,
  title: z.string(),
  notes: z.string(),
  tags: z.array(z.string()),
  status: TopicStatus,
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  createdAt: IsoDate,
});

export const PostStatus = z.enum(['draft', 'in_review', 'approved', 'changes_requested']);

export { CONTENT_FORMATS };
export const ContentFormat = z.enum(CONTENT_FORMATS, { error: '未知的内容形式 / unknown content format' });

const PostFields = {
  title: text().trim().min(1, { error: '标题不能为空 / title must not be empty' }).max(64),
  author: text().max(16, { error: '作者最多 16 字 / author is at most 16 characters' }).optional(),
  digest: text().max(128, { error: '摘要最多 128 字 / digest is at most 128 characters' }).optional(),
  bodyHtml: text().max(1_000_000, { error: '正文太长 / body is too long' }).optional(),
  coverMediaId: Id.nullable().optional(),
  contentSourceUrl: clean(z.url().max(1000)).nullable().optional(),
  topicId: Id.nullable().optional(),
  ownerId: Id.optional(),
  accountIds: z.array(Id).max(50).optional(),
  /** The strategy's content pillar (its id) the post serves; null: none. */
  pillarId: Id.nullable().optional(),
  format: ContentFormat.nullable().optional(),
};
export const CreatePostBody = z.strictObject(PostFields);
export const UpdatePostBody = patch({ ...PostFields, expectedVersion: z.number().int().min(1) });

/** A field left out keeps its value; null goes back to the main post (inherit). */
const VariantFields = {
  title: text().trim().min(1).max(100).nullable(),
  digest: text().max(128).nullable(),
  bodyHtml: text().max(1_000_000).nullable(),
  /** Plain text: a Weibo status, a video's caption or description, a note's body. */
  text: text().max(20_000).nullable(),
  /** Ordered; empty means none (a variant's images are its own, never the post's). */
  imageMediaIds: z.array(Id).max(50),
  videoMediaId: Id.nullable(),
  coverMediaId: Id.nullable(),
  /** Without '#'; the adapter writes them the platform's way. */
  topics: z.array(text().trim().min(1).max(50)).max(30),
  tags: z.array(text().trim().min(1).max(50)).max(30),
  /** Platform settings: Bilibili `tid` (分区) and `copyright`, Zhihu `mode` and `questionUrl` … */
  options: z.record(z.string().max(40), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])),
};
export const VariantBody = patch(VariantFields);
export const Variant = z.object({
  accountId: Id,
  platform: z.string(),
  title: z.string().nullable(),
  digest: z.string().nullable(),
  bodyHtml: z.string().nullable(),
  text: z.string().nullable(),
  imageMediaIds: z.array(Id),
  videoMediaId: Id.nullable(),
  coverMediaId: Id.nullable(),
  topics: z.array(z.string()),
  tags: z.array(z.string()),
  options: z.record(z.string(), z.unknown()),
  /** Weibo: the workspace app's safe domain (platform_apps.settings.safeDomain), for the link rule; null when unset. */
  safeDomain: z.string().nullable(),
});

export const PublicationState = z.enum([
  'scheduled',
  'dispatching',
  'submitted',
  'published',
  'failed',
  'needs_attention',
  /** No publishing API (or a hand-off): a member finishes it in the platform's app and gives its link. */
  'awaiting_manual',
  'paused',
  'missed',
  'expired',
  'canceled',
]);

/**
 * How a publication goes out. `publish`: the platform's plain publishing (WeChat 发布: a link, no
 * push to followers, no allowance spent). `mass_send`: WeChat 群发 to all followers, or to one
 * user tag (`tagId`), counted against the account's allowance (订阅号 1 a day, 服务号 4 a month).
 */
export const Delivery = z.strictObject({
  mode: z.enum(['publish', 'mass_send']),
  tagId: z.number().int().positive().nullable().optional(),
});

export const Publication = z.object({
  id: Id,
  postId: Id,
  postTitle: z.string(),
  accountId: Id,
  accountName: z.string(),
  dueAt: IsoDate,
  delivery: z.object({ mode: z.enum(['publish', 'mass_send']), tagId: z.number().int().nullable() }),
  state: PublicationState,
  stateReason: z.string().nullable(),
  attemptCount: z.number().int(),
  lastErrorCode: z.string().nullable(),
  articleUrl: z.string().nullable(),
  submittedAt: IsoDate.nullable(),
  publishedAt: IsoDate.nullable(),
  /** A manual or hand-off post past its time plus the grace, and the managers were told. */
  overdue: z.boolean(),
  updatedAt: IsoDate,
});

export const Post = z.object({
  id: Id,
  title: z.string(),
  author: z.string(),
  digest: z.string(),
  bodyHtml: z.string(),
  coverMediaId: Id.nullable(),
  contentSourceUrl: z.string().nullable(),
  topicId: Id.nullable(),
  pillarId: Id.nullable(),
  format: ContentFormat.nullable(),
  status: PostStatus,
  scheduledAt: IsoDate.nullable(),
  version: z.number().int(),
  ownerId: Id,
  ownerName: z.string(),
  createdBy: Id,
  accountIds: z.array(Id),
  approvalsNeeded: z.number().int(),
  approvalsGiven: z.number().int(),
  updatedAt: IsoDate,
});

export const MediaKind = z.enum(['image', 'video']);
export const Media = z.object({
  id: Id,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  kind: MediaKind,
  /** Read from the file (ffprobe); null when unknown (no ffprobe on the server). */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  /** A video's poster frame, an image of the library. */
  posterMediaId: Id.nullable(),
  posterUrl: z.string().nullable(),
  url: z.string(),
  createdAt: IsoDate,
});
export const PostDetail = Post.extend({
  variants: z.array(Variant),
  /** The library files the post and its variants use, with their facts (for the rules' checks). */
  media: z.array(Media),
  approvals: z.array(
    z.object({
      reviewerId: Id,
      reviewerName: z.string(),
      decision: z.enum(['approved', 'rejected']),
      comment: z.string(),
      postVersion: z.number().int(),
      at: IsoDate,
    }),
  ),
  publications: z.array(Publication),
});

export const PostQuery = z.object({
  status: PostStatus.optional(),
  accountId: Id.optional(),
  ownerId: Id.optional(),
  q: text().max(100).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

export const ReviewBody = z.strictObject({
  decision: z.enum(['approved', 'rejected']),
  comment: text().max(2000).default(''),
});
export const ScheduleBody = z.strictObject({
  scheduledAt: IsoDate,
  /** Per target account (by id): how it goes out; an account not named keeps what it had (default publish). */
  deliveries: z.record(Id, Delivery).optional(),
});
/** The member finished a manual / hand-off publication in the platform's app: its live link. */
export const CompleteManualBody = z.strictObject({
  url: clean(z.url({ protocol: /^https?$/, error: '链接须以 http:// 或 https:// 开头 / the link must start with http:// or https://' })).max(2000),
});

export const ResolvePublicationBody = z.strictObject({
  outcome: z.enum(['published', 'not_published']),
  url: clean(z.url({ protocol: /^https?$/, error: '链接须以 http:// 或 https:// 开头 / the link must start with http:// or https://' }))
    .max(2000)
    .nullable()
    .optional(),
});
export const CommentBody = z.strictObject({ body: text().trim().min(1, { error: '评论不能为空 / comment must not be empty' }).max(5000) });

export const Comment = z.object({ id: Id, authorId: Id, authorName: z.string(), body: z.string(), at: IsoDate });
export const Version = z.object({ version: z.number().int(), snapshot: z.unknown(), createdBy: Id, createdByName: z.string(), at: IsoDate });

export const MediaQuery = z.object({ kind: MediaKind.optional(), q: text().max(100).optional() });

export const CalendarQuery = z.object({
  from: IsoDate,
  to: IsoDate,
  accountId: Id.optional(),
  status: PostStatus.optional(),
  ownerId: Id.optional(),
});

export const Attempt = z.object({
  step: z.string(),
  outcome: z.string(),
  errorCode: z.string().nullable(),
  message: z.string().nullable(),
  durationMs: z.number().int(),
  at: IsoDate,
});
export const PublicationDetail = Publication.extend({ attempts: z.array(Attempt) });
export const PublicationQuery = z.object({ state: PublicationState.optional(), accountId: Id.optional(), postId: Id.optional() });

/** A platform limit the plan fills (`full`: one more breaks it) or breaks (`over`), in one day or month. */
export const PlanLimit = z.object({
  accountId: Id,
  accountName: z.string(),
  period: z.string(),
  kind: z.enum(['allowance', 'api_quota']),
  key: z.string(),
  label: z.object({ zh: z.string(), en: z.string() }),
  planned: z.number().int(),
  limit: z.number().int(),
  level: z.enum(['full', 'over']),
});
export const Calendar = z.object({ items: z.array(Post.extend({ publications: z.array(Publication) })), limits: z.array(PlanLimit) });

/** A resumable upload: `received` bytes of `size` so far; send chunks of at most `chunkSize`. */
export const Upload = z.object({ id: Id, size: z.number().int(), received: z.number().int(), chunkSize: z.number().int() });
export const NewUpload = z.strictObject({
  filename: text().min(1).max(200),
  size: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  contentType: text().max(100),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { error: 'sha256 应为 64 位十六进制 / sha256 must be 64 hex digits' })
    .optional(),
});
export const ChunkAnswer = z.object({ upload: Upload, media: Media.nullable() });

// The manual kit of a publication (contract/manual.ts has the checklists and link hosts).
export const ChecklistTick = z.object({
  key: z.string(),
  zh: z.string(),
  en: z.string(),
  optional: z.boolean(),
  done: z.boolean(),
  byName: z.string().nullable(),
  at: IsoDate.nullable(),
});

export const ManualKit = z.object({
  publicationId: Id,
  route: z.enum(['manual', 'handoff']),
  platform: z.string(),
  accountName: z.string(),
  text: z.object({ title: z.string(), body: z.string(), topics: z.array(z.string()), tags: z.array(z.string()), full: z.string() }),
  media: z.array(z.object({ id: Id, filename: z.string(), contentType: z.string(), size: z.number().int() })),
  checklist: z.array(ChecklistTick),
  /** Hosts the live link must be on; empty: any web link. */
  linkHosts: z.array(z.string()),
  handoff: z
    .object({ url: z.string(), expiresAt: IsoDate.nullable(), expired: z.boolean(), steps: z.array(z.object({ zh: z.string(), en: z.string() })) })
    .nullable(),
});

export const TickBody = z.strictObject({
  key: clean(z.string({ error: '需要清单项 / a checklist item is required' }))
    .min(1)
    .max(60),
  done: z.boolean({ error: 'done 须为 true 或 false / done must be true or false' }),
});
