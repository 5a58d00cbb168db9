// The team module (issue 10, T2): scorecards computed from real output, performance reviews and
// incentives. See server/src/modules/team/README.md.
import { z } from 'zod';
import { Day, Id, IsoDate, paged, patch, text, withPage } from './common';

export const ScorePeriod = z.enum(['month', 'quarter', 'custom']);

/** A period: the calendar month or quarter containing `start`, or start..end (custom). */
export const ScorecardQuery = z.object({
  period: ScorePeriod.default('month'),
  start: Day,
  end: Day.optional(),
});
export const ScorecardExportQuery = ScorecardQuery;

/** A count and the ids of the items behind it (publications, posts, replies, inbox items, tasks). */
export const Figure = z.object({ value: z.number().nullable(), ids: z.array(z.string()) });

export const EngagementByAccount = z.object({
  accountId: Id,
  accountName: z.string(),
  /** The member's posts on the account with known figures, and their mean interactions. */
  posts: z.number().int(),
  mine: z.number(),
  /** Every post on the account in the period with known figures: their mean. */
  accountMean: z.number(),
  /** mine / accountMean (null when the account's mean is 0). */
  ratio: z.number().nullable(),
  ids: z.array(Id),
});

export const Scorecard = z.object({
  userId: Id,
  name: z.string(),
  from: Day,
  to: Day,
  /** Publications of the member's posts that went live in the period (ids: publications). */
  postsShipped: Figure,
  /** Share of them live by their planned time + the grace (ids: the late ones). */
  onTimeRate: Figure,
  /** Mean review decisions per approved post (ids: posts). */
  approvalRounds: Figure,
  /** Their posts' mean interactions against each account's mean, weighted by their posts (ids: publications). */
  engagementVsAccount: Figure,
  engagementByAccount: z.array(EngagementByAccount),
  /** Inbox replies sent (ids: replies). */
  repliesSent: Figure,
  /** Median minutes from an item's arrival to its first reply, where the member sent it (ids: inbox items). */
  medianFirstResponseMinutes: Figure,
  /** Tasks done, and on time (null until a tasks source is wired). */
  tasksDone: Figure,
  tasksOnTime: Figure,
});

export const FIGURE_KEYS = [
  'postsShipped',
  'onTimeRate',
  'approvalRounds',
  'engagementVsAccount',
  'repliesSent',
  'medianFirstResponseMinutes',
  'tasksDone',
  'tasksOnTime',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** This period, the one before, and each figure's change (null when either side is unknown). */
export const ScorecardComparison = z.object({
  current: Scorecard,
  previous: Scorecard,
  delta: z.record(z.enum(FIGURE_KEYS), z.number().nullable()),
});

export const ScorecardList = z.object({ from: Day, to: Day, previousFrom: Day, previousTo: Day, items: z.array(ScorecardComparison) });

// Reviews

export const RatingLevel = z.object({
  key: text()
    .trim()
    .min(1, { error: '等级代码不能为空 / the level key must not be empty' })
    .max(10, { error: '等级代码最多 10 字 / a level key is at most 10 characters' }),
  label: text()
    .trim()
    .min(1, { error: '等级名称不能为空 / the level label must not be empty' })
    .max(40, { error: '等级名称最多 40 字 / a level label is at most 40 characters' }),
});
export const RatingScale = z.object({ levels: z.array(RatingLevel) });
export const RatingScaleBody = z.object({
  levels: z
    .array(RatingLevel)
    .min(2, { error: '评级至少两个等级 / a scale has at least two levels' })
    .max(10, { error: '评级最多十个等级 / a scale has at most ten levels' }),
});

export const CyclePeriod = z.enum(['month', 'quarter']);
export const CreateCycleBody = z.object({
  name: text()
    .trim()
    .min(1, { error: '周期名称不能为空 / the cycle needs a name' })
    .max(80, { error: '周期名称最多 80 字 / a cycle name is at most 80 characters' }),
  period: CyclePeriod,
  /** Any day of the month or quarter. */
  start: Day,
  /** Who is reviewed; default every member but guests. */
  memberIds: z.array(Id).max(500).optional(),
});
export const ReviewCycle = z.object({
  id: Id,
  name: z.string(),
  period: CyclePeriod,
  startDay: Day,
  endDay: Day,
  reviews: z.number().int(),
  locked: z.number().int(),
  createdAt: IsoDate,
});

export const ReviewGoal = z.object({
  id: Id,
  name: z.string(),
  metric: z.string(),
  target: z.number(),
  actual: z.number().nullable(),
  state: z.string().nullable(),
});

export const Review = z.object({
  id: Id,
  cycleId: Id,
  cycleName: z.string(),
  startDay: Day,
  endDay: Day,
  memberId: Id,
  memberName: z.string(),
  selfAssessment: z.string(),
  managerAssessment: z.string(),
  rating: z.string().nullable(),
  ratingLabel: z.string().nullable(),
  goalIds: z.array(Id),
  memberSignedAt: IsoDate.nullable(),
  managerSignedAt: IsoDate.nullable(),
  managerId: Id.nullable(),
  managerName: z.string().nullable(),
  locked: z.boolean(),
  updatedAt: IsoDate,
});

export const ReviewDetail = Review.extend({
  goals: z.array(ReviewGoal),
  /** The snapshot stored at the manager's sign-off, else the live scorecard of the cycle's period. */
  scorecard: Scorecard,
  scorecardSnapshot: z.boolean(),
});

/** open: not yet signed by both sides; locked: signed by both. */
export const ReviewStatusFilter = z.enum(['open', 'locked']);
export const ReviewQuery = withPage(z.object({ cycleId: Id.optional(), memberId: Id.optional(), status: ReviewStatusFilter.optional() }));
export const ReviewList = paged(Review);

const Assessment = (zh: string, en: string) =>
  text()
    .trim()
    .max(5000, { error: `${zh}最多 5000 字 / the ${en} is at most 5000 characters` });
export const SelfAssessmentBody = z.object({ selfAssessment: Assessment('自评', 'self-assessment') });
export const ManagerAssessmentBody = z
  .strictObject({
    managerAssessment: Assessment('上级评价', 'manager assessment'),
    rating: text().max(10).nullable(),
    goalIds: z.array(Id).max(50),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { error: '没有要修改的字段 / nothing to change' });

// Incentives

export const IncentiveKind = z.enum(['points', 'award']);
const IncentiveFields = {
  kind: IncentiveKind,
  /** Bonus points (negative corrects an earlier entry); an award may carry points too. */
  points: z.number().int().min(-100_000).max(100_000),
  title: text().trim().min(1, { error: '请填写名称 / give it a title' }).max(80, { error: '名称最多 80 字 / a title is at most 80 characters' }),
  reason: text().trim().min(1, { error: '请填写原因 / give a reason' }).max(1000, { error: '原因最多 1000 字 / a reason is at most 1000 characters' }),
  /** The result it rewards: a review of the member, or a scorecard period. */
  reviewId: Id.nullable(),
  periodFrom: Day.nullable(),
  periodTo: Day.nullable(),
};
export const CreateIncentiveBody = z.object({
  memberId: Id,
  ...IncentiveFields,
  points: IncentiveFields.points.default(0),
  reviewId: IncentiveFields.reviewId.optional(),
  periodFrom: IncentiveFields.periodFrom.optional(),
  periodTo: IncentiveFields.periodTo.optional(),
});
/** Everything but the member can change; null clears the review or the period. */
export const UpdateIncentiveBody = patch(IncentiveFields);
export const Incentive = z.object({
  id: Id,
  memberId: Id,
  memberName: z.string(),
  kind: IncentiveKind,
  points: z.number().int(),
  title: z.string(),
  reason: z.string(),
  reviewId: Id.nullable(),
  periodFrom: Day.nullable(),
  periodTo: Day.nullable(),
  createdBy: Id,
  createdByName: z.string().nullable(),
  createdAt: IsoDate,
});
/** memberId is for managers; anyone else always reads their own. */
export const IncentiveQuery = withPage(z.object({ memberId: Id.optional(), kind: IncentiveKind.optional() }));
/** One page of entries; the totals are over all of each visible member's entries (every kind). */
export const IncentiveLedger = paged(Incentive).extend({
  totals: z.array(z.object({ memberId: Id, memberName: z.string(), points: z.number().int(), awards: z.number().int() })),
});
