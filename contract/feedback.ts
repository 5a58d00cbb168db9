// Feedback items (issue 9 F1, X1): a message turned into a bug, suggestion, complaint or praise,
// routed to a department's queue and tracked to resolution. See server/src/modules/feedback/README.md.
import { z } from 'zod';
import { Platform } from './accounts';
import { Day, Id, IsoDate, patch, text } from './common';
import { ExportFormat } from './dashboard';
import { ProductArea } from './departments';
import { FEEDBACK_STATUSES } from './feedback-flow';

export const FeedbackType = z.enum(['bug', 'suggestion', 'complaint', 'praise']);
export const FeedbackStatus = z.enum(FEEDBACK_STATUSES);
/** As the inbox's priorities. */
export const FeedbackPriority = z.enum(['low', 'normal', 'high', 'urgent']);

const Title = text()
  .trim()
  .min(1, { error: '标题不能为空 / the title must not be empty' })
  .max(120, { error: '标题最多 120 字 / the title is at most 120 characters' });
const Long = (what: string, en: string) =>
  text()
    .trim()
    .max(5000, { error: `${what}最多 5000 字 / the ${en} is at most 5000 characters` });

/** One feedback item. The source fields are copies taken at creation (guests never read the inbox). */
export const FeedbackItem = z.object({
  id: Id,
  number: z.number().int(),
  type: FeedbackType,
  area: z.string(),
  priority: FeedbackPriority,
  title: z.string(),
  description: z.string(),
  status: FeedbackStatus,
  resolution: z.string().nullable(),
  departmentId: Id.nullable(),
  departmentName: z.string().nullable(),
  sourceItemId: Id.nullable(),
  sourceText: z.string().nullable(),
  sourceAccountName: z.string().nullable(),
  sourcePlatform: Platform.nullable(),
  sourceAt: IsoDate.nullable(),
  /** The author's name and id on the platform: null for guests. */
  sourceAuthorName: z.string().nullable(),
  sourceAuthorId: z.string().nullable(),
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
  createdAt: IsoDate,
  resolvedBy: Id.nullable(),
  resolvedAt: IsoDate.nullable(),
  updatedAt: IsoDate,
});

export const FeedbackEvent = z.object({
  id: z.number().int(),
  kind: z.enum(['created', 'routed', 'status', 'priority', 'comment']),
  fromStatus: FeedbackStatus.nullable(),
  toStatus: FeedbackStatus.nullable(),
  departmentId: Id.nullable(),
  departmentName: z.string().nullable(),
  text: z.string().nullable(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  at: IsoDate,
});
export const FeedbackDetail = z.object({ item: FeedbackItem, events: z.array(FeedbackEvent) });

/** What the inbox item's thread shows of the feedback made from it. */
export const FeedbackRef = z.object({ id: Id, number: z.number().int(), status: FeedbackStatus });

export const CreateFeedbackBody = z.strictObject({
  /** The inbox item it comes from; its text, account, author and time are copied. */
  itemId: Id.optional(),
  type: FeedbackType,
  area: ProductArea,
  priority: FeedbackPriority.default('normal'),
  /** Required without an item; with one it defaults to the start of its text. */
  title: Title.optional(),
  description: Long('描述', 'description').default(''),
  /** Without it, the department whose product areas include `area` (else unrouted). */
  departmentId: Id.nullable().optional(),
});
/** The same from an inbox item's own route (the item id is in the path). */
export const CreateFromItemBody = CreateFeedbackBody.omit({ itemId: true });

export const UpdateFeedbackBody = patch({
  status: FeedbackStatus,
  /** Required (here or already on the item) to resolve or close. */
  resolution: Long('处理结果', 'resolution note').min(1, { error: '处理结果不能为空 / the resolution note must not be empty' }),
  priority: FeedbackPriority,
  /** null: unrouted. Staff only. */
  departmentId: Id.nullable(),
});

export const FeedbackCommentBody = z.strictObject({
  text: text()
    .trim()
    .min(1, { error: '评论不能为空 / the comment must not be empty' })
    .max(2000, { error: '评论最多 2000 字 / a comment is at most 2000 characters' }),
});

const ordered = (q: unknown) => {
  const { from, to } = q as { from?: string; to?: string };
  return !from || !to || from <= to;
};
/** Days in the workspace's time zone, on the items' creation. */
const range = <S extends z.ZodRawShape>(shape: S) =>
  z
    .object({ from: Day.optional(), to: Day.optional(), ...shape })
    .refine(ordered, { error: '开始日期不能晚于结束日期 / the start day must not be after the end day', path: ['from'] });

export const FeedbackQuery = z.object({
  from: Day.optional(),
  to: Day.optional(),
  type: FeedbackType.optional(),
  area: ProductArea.optional(),
  status: FeedbackStatus.optional(),
  priority: FeedbackPriority.optional(),
  /** A department's id, or `none` (unrouted). */
  department: z.union([Id, z.literal('none')]).optional(),
  /** Words in the title, description or the message's text. */
  q: text().trim().max(50, { error: '关键词最多 50 字 / the keyword is at most 50 characters' }).optional(),
});
export const FeedbackStatsQuery = range({});
export const FeedbackStatsBy = z.enum(['type', 'area', 'month', 'status']);
export const FeedbackExportQuery = range({ format: ExportFormat.default('csv'), by: FeedbackStatsBy.default('month') });

const Count = z.object({ count: z.number().int() });
export const FeedbackMonth = z.object({
  month: z.string(),
  total: z.number().int(),
  bug: z.number().int(),
  suggestion: z.number().int(),
  complaint: z.number().int(),
  praise: z.number().int(),
  resolved: z.number().int(),
});
export const FeedbackStats = z.object({
  from: Day.nullable(),
  to: Day.nullable(),
  timezone: z.string(),
  total: z.number().int(),
  byType: z.array(Count.extend({ type: FeedbackType })),
  byArea: z.array(Count.extend({ area: z.string() })),
  byStatus: z.array(Count.extend({ status: FeedbackStatus })),
  byMonth: z.array(FeedbackMonth),
  /** Hours from creation to resolution of the items resolved (not those closed as won't fix), one decimal. */
  medianHoursToResolve: z.number().nullable(),
});
