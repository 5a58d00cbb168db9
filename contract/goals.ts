import { z } from 'zod';
import { clean, Day, Id, IsoDate, patch } from './common';

/**
 * What a goal measures. interactions = likes + comments + shares; engagement_rate = interactions /
 * views over the period (by views), in percent; posts_published counts publications that went live.
 */
export const GOAL_METRICS = ['followers_gained', 'views', 'interactions', 'engagement_rate', 'posts_published'] as const;
export const GoalMetric = z.enum(GOAL_METRICS, { error: '未知的指标 / unknown metric' });
export const GoalScope = z.enum(['workspace', 'account', 'member'], {
  error: '范围应为 workspace、account 或 member / scope must be workspace, account or member',
});
export const GoalPeriod = z.enum(['week', 'month', 'quarter', 'custom'], {
  error: '周期应为 week、month、quarter 或 custom / period must be week, month, quarter or custom',
});
/** too_early: not enough days with figures to forecast; missed: the period is over below target. */
export const GoalState = z.enum(['too_early', 'on_track', 'at_risk', 'met', 'missed']);

const Target = z
  .number({ error: '目标必须是数字 / the target must be a number' })
  .positive({ error: '目标必须大于 0 / the target must be above 0' })
  .max(1e12, { error: '目标过大 / the target is too large' });

const goalFields = {
  name: clean(z.string().trim().min(1, { error: '请填写名称 / enter a name' }).max(100, { error: '名称最多 100 字 / the name is at most 100 characters' })),
  metric: GoalMetric,
  scope: GoalScope,
  /** The account (scope account) or the member (scope member); null for the workspace. */
  accountId: Id.nullable().optional(),
  memberId: Id.nullable().optional(),
  period: GoalPeriod,
  /** The first day; week/month/quarter goals end with their calendar period (a week starts on its Monday). */
  startDay: Day,
  /** Custom periods only. */
  endDay: Day.nullable().optional(),
  target: Target,
  /** Who is told when the goal turns at risk; default the creator. */
  ownerId: Id.optional(),
};

export const CreateGoalBody = z.strictObject(goalFields);
export const UpdateGoalBody = patch({ name: goalFields.name, target: Target, ownerId: Id, endDay: Day });

export const GoalForecast = z.object({
  /** The point forecast of the period's end value. */
  value: z.number(),
  /** The 80 % prediction interval. */
  low: z.number(),
  high: z.number(),
  method: z.string(),
});

export const GoalProgressPoint = z.object({ day: Day, value: z.number() });

export const Goal = z.object({
  id: Id,
  name: z.string(),
  metric: GoalMetric,
  scope: GoalScope,
  accountId: Id.nullable(),
  accountName: z.string().nullable(),
  memberId: Id.nullable(),
  memberName: z.string().nullable(),
  period: GoalPeriod,
  startDay: Day,
  endDay: Day,
  target: z.number(),
  ownerId: Id,
  ownerName: z.string().nullable(),
  /** The value so far (cumulative, or the rate so far for engagement_rate). */
  actual: z.number(),
  /** actual / target, 0–∞. */
  progress: z.number(),
  daysElapsed: z.number().int(),
  daysTotal: z.number().int(),
  /** The last day with figures (null: none yet). */
  dataUntil: Day.nullable(),
  forecast: GoalForecast.nullable(),
  state: GoalState,
  /** The cumulative series (or the rate to date) day by day, for the chart. */
  series: z.array(GoalProgressPoint),
  createdAt: IsoDate,
});

/* ---------- cadence ---------- */

export const FORMATS = ['article', 'video', 'image', 'text'] as const;
export const PostFormat = z.enum(FORMATS);
const PerWeek = z
  .number({ error: '必须是数字 / must be a number' })
  .int({ error: '必须是整数 / must be a whole number' })
  .min(0, { error: '不能为负数 / must not be negative' })
  .max(100, { error: '每周最多 100 篇 / at most 100 a week' });

export const CadencePlanBody = z.strictObject({
  perWeek: z.strictObject({ article: PerWeek.optional(), video: PerWeek.optional(), image: PerWeek.optional(), text: PerWeek.optional() }),
  /** Flag the account as quiet after this many days without a publication. */
  quietDays: z
    .number()
    .int({ error: '必须是整数 / must be a whole number' })
    .min(1, { error: '至少 1 天 / at least 1 day' })
    .max(90, { error: '最多 90 天 / at most 90 days' }),
});

export const FormatCounts = z.object({ article: z.number().int(), video: z.number().int(), image: z.number().int(), text: z.number().int() });

export const CadenceFlag = z.enum(['quiet', 'behind']);

export const CadenceRow = z.object({
  accountId: Id,
  accountName: z.string(),
  platform: z.string(),
  planned: FormatCounts.nullable(),
  quietDays: z.number().int(),
  /** Published this week (Monday to today, the workspace's time zone) and last week, by format. */
  thisWeek: FormatCounts,
  lastWeek: FormatCounts,
  lastPublishedAt: IsoDate.nullable(),
  /** quiet: nothing for quietDays days; behind: last week fell short of the plan in some format. */
  flags: z.array(CadenceFlag),
  weekStart: Day,
});

/* ---------- indices ---------- */

export const WciWeights = z.strictObject({
  reads: z.number().min(0).max(10),
  zaikan: z.number().min(0).max(10),
  likes: z.number().min(0).max(10),
  shares: z.number().min(0).max(10),
  daily: z.number().min(0).max(10),
  perArticle: z.number().min(0).max(10),
  headline: z.number().min(0).max(10),
  peak: z.number().min(0).max(10),
});
export const BciWeights = z.strictObject({
  activity: z.number().min(0).max(10),
  spread: z.number().min(0).max(10),
  reposts: z.number().min(0).max(10),
  comments: z.number().min(0).max(10),
  likes: z.number().min(0).max(10),
});

export const AnalyticsSettings = z.object({
  wci: WciWeights,
  bci: BciWeights,
  /** Anomaly threshold: mean + k·σ. */
  anomalyK: z.number(),
  defaults: z.object({ wci: WciWeights, bci: BciWeights, anomalyK: z.number() }),
});
export const UpdateAnalyticsSettingsBody = patch({
  wci: WciWeights,
  bci: BciWeights,
  anomalyK: z
    .number({ error: 'k 必须是数字 / k must be a number' })
    .min(1, { error: 'k 至少为 1 / k is at least 1' })
    .max(10, { error: 'k 最多为 10 / k is at most 10' }),
});

export const IndexQuery = z.object({
  days: z.enum(['7', '30', '365'], { error: '周期应为 7、30 或 365 天 / the period is 7, 30 or 365 days' }).default('7'),
  /** The last day of the period; default yesterday in the workspace's time zone. */
  end: Day.optional(),
});

export const IndexRow = z.object({
  rank: z.number().int(),
  accountId: Id,
  accountName: z.string(),
  platform: z.string(),
  index: z.enum(['wci', 'bci']),
  value: z.number(),
  posts: z.number().int(),
  /** The inputs behind the value (reads, 在看, likes, shares, comments … and the sub-scores). */
  parts: z.record(z.string(), z.number()),
});

export const IndexRanking = z.object({ start: Day, end: Day, days: z.number().int(), wci: z.array(IndexRow), bci: z.array(IndexRow) });

/* ---------- anomalies ---------- */

export const Anomaly = z.object({
  accountId: Id,
  accountName: z.string(),
  metric: z.string(),
  direction: z.enum(['spike', 'drop']),
  day: Day,
  value: z.number(),
  mean: z.number(),
  sigma: z.number(),
  k: z.number(),
  checks: z.number().int(),
  notifiedAt: IsoDate.nullable(),
});
