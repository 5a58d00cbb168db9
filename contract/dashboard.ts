import { z } from 'zod';
import { Platform } from './accounts';
import { Day, Id, IsoDate, text } from './common';

// Dashboards: figures over a date range, against the previous period and the same period last
// year. A null figure is not known (no data), never zero. Interactions and engagement rate are
// defined once (analytics/dashboard-range.ts) and every answer carries the definition it used.

export const MAX_RANGE_DAYS = 731;

export const Granularity = z.enum(['day', 'week']);
export const ContentDimension = z.enum(['topic', 'pillar', 'format', 'author', 'weekday', 'hour', 'platform']);
export const PostSort = z.enum(['views', 'interactions', 'engagement']);
export const SortOrder = z.enum(['desc', 'asc']);
export const ExportFormat = z.enum(['csv', 'xlsx']);
export const ChartName = z.enum(['overview', 'platforms', 'accounts', 'audience', 'content', 'posts', 'post']);

const span = (q: unknown) => {
  const { from, to } = q as { from: string; to: string };
  return (Date.parse(to) - Date.parse(from)) / 86_400_000;
};

const ranged = <S extends z.ZodRawShape>(shape: S) =>
  z
    .object({ from: Day, to: Day, ...shape })
    .refine((q) => span(q) >= 0, { error: '开始日期不能晚于结束日期 / the start day must not be after the end day', path: ['from'] })
    .refine((q) => span(q) < MAX_RANGE_DAYS, {
      error: `日期范围最多 ${MAX_RANGE_DAYS} 天 / the range may span at most ${MAX_RANGE_DAYS} days`,
      path: ['to'],
    });

const scope = { accountId: Id.optional(), platform: Platform.optional() };

export const OverviewQuery = ranged({ ...scope, granularity: Granularity.default('day') });
export const AudienceQuery = OverviewQuery;
export const ContentQuery = ranged({ ...scope, by: ContentDimension.default('topic') });
export const PostsQuery = ranged({
  ...scope,
  sort: PostSort.default('views'),
  order: SortOrder.default('desc'),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
export const PostPageQuery = z.object({ from: Day.optional(), to: Day.optional() });
export const ExportQuery = ranged({
  ...scope,
  chart: ChartName,
  format: ExportFormat.default('csv'),
  granularity: Granularity.default('day'),
  by: ContentDimension.default('topic'),
  sort: PostSort.default('views'),
  order: SortOrder.default('desc'),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  postId: Id.optional(),
});

const n = z.number().nullable();
export const Definition = z.object({ zh: z.string(), en: z.string() });

export const Totals = z.object({
  /** Followers at the end of the range (sum of each account's last known day). */
  followers: n,
  followersGained: n,
  followersLost: n,
  /** Gained − lost. */
  netFollowers: n,
  views: n,
  likes: n,
  comments: n,
  shares: n,
  favorites: n,
  interactions: n,
  /** interactions ÷ views (0–1), null without views. */
  engagementRate: n,
  /** Clicks on the short links of the scope (previews and crawlers left out). */
  clicks: z.number().int(),
  /** Conversions reported for those links (the workspace's whole total also counts unlinked ones). */
  conversions: z.number().int(),
  /** conversions ÷ clicks, null without clicks. */
  conversionRate: n,
});

/** The link figures of a post, account or campaign (links module, linkStats). */
const LinkFigures = { clicks: z.number().int(), conversions: z.number().int(), conversionRate: n };
export const CampaignRow = z.object({ campaign: z.string(), ...LinkFigures });

export const Period = z.object({ from: Day, to: Day });
export const SeriesPoint = z.object({
  period: Day,
  followers: n,
  followersGained: n,
  followersLost: n,
  views: n,
  interactions: n,
  engagementRate: n,
});

export const Breakdown = Totals.extend({ key: z.string(), label: z.string(), platform: Platform.nullable(), accounts: z.number().int() });

export const Overview = z.object({
  range: Period,
  previous: Period,
  lastYear: Period,
  totals: Totals,
  previousTotals: Totals,
  lastYearTotals: Totals,
  engagementDefinition: Definition,
  interactionsDefinition: Definition,
  series: z.array(SeriesPoint),
  byPlatform: z.array(Breakdown),
  byAccount: z.array(Breakdown),
  byCampaign: z.array(CampaignRow),
  conversionDefinition: Definition,
});

export const AudiencePoint = z.object({ period: Day, followers: n, gained: n, lost: n, net: n });
export const AudienceAccount = z.object({
  accountId: Id,
  name: z.string(),
  platform: Platform,
  start: n,
  end: n,
  gained: n,
  lost: n,
  net: n,
  /** net ÷ followers at the start (0–1). */
  growthRate: n,
});
export const Audience = z.object({ range: Period, series: z.array(AudiencePoint), byAccount: z.array(AudienceAccount) });

export const ContentRow = z.object({
  key: z.string(),
  label: z.string(),
  /** Publications (a post on one account) with figures in the range. */
  publications: z.number().int(),
  views: n,
  interactions: n,
  viewsPerPublication: n,
  engagementRate: n,
  /** Through the short links of the group's variants (links module); null: none of them has a link. */
  clicks: n,
  conversions: n,
  conversionRate: n,
});
export const ContentAnalysis = z.object({
  range: Period,
  by: ContentDimension,
  /** How this dimension is read from the content (e.g. pillar = the topic's first tag). */
  basis: Definition,
  engagementDefinition: Definition,
  rows: z.array(ContentRow),
});

export const PostRow = z.object({
  publicationId: Id,
  postId: Id,
  title: z.string(),
  accountId: Id,
  accountName: z.string(),
  platform: Platform,
  publishedAt: IsoDate.nullable(),
  views: n,
  likes: n,
  comments: n,
  shares: n,
  zaikan: n,
  interactions: n,
  engagementRate: n,
  /** Of the short links made for this post on this account, in the range. */
  ...LinkFigures,
});
export const PostRanking = z.object({ range: Period, sort: PostSort, order: SortOrder, engagementDefinition: Definition, rows: z.array(PostRow) });

export const PostDayPoint = z.object({ day: Day, views: n, likes: n, comments: n, shares: n, favorites: n, zaikan: n, interactions: n });
export const PostPublication = PostRow.extend({
  /** The account's followers on the day it went out, when known. */
  followersAtPublish: n,
  /** interactions ÷ followers on the day of posting (0–1). */
  engagementByFollowers: n,
});
export const PostPage = z.object({
  post: z.object({ id: Id, title: z.string(), author: z.string(), topic: z.string().nullable() }),
  range: Period.nullable(),
  engagementDefinition: Definition,
  publications: z.array(PostPublication),
  series: z.array(PostDayPoint),
});

export const BestTimeSource = z.enum(['history', 'blend', 'default']);
export const BestTime = z.object({
  accountId: Id,
  platform: Platform,
  timezone: z.string(),
  /** Published posts of the last 16 weeks the scores were learnt from. */
  posts: z.number().int(),
  /** Share of the score taken from the account's own history (0–1); the rest is the platform default. */
  historyWeight: z.number(),
  source: BestTimeSource,
  /** 168 scores 0–100, index = weekday × 24 + hour, weekday 0 = Monday, in the workspace's time zone. */
  scores: z.array(z.number()),
  definition: Definition,
});
export const BestTimeSuggestQuery = z.object({
  accountIds: text()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(Id).min(1, { error: '至少选择一个账号 / choose at least one account' }).max(50)),
  count: z.coerce.number().int().min(1).max(10).default(3),
  after: IsoDate.optional(),
});
export const BestTimeSlot = z.object({ at: IsoDate, weekday: z.number().int(), hour: z.number().int(), score: z.number() });
export const BestTimeSuggestion = z.object({ timezone: z.string(), slots: z.array(BestTimeSlot) });
