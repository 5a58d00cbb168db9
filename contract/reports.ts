import { z } from 'zod';
import { Day, Id, IsoDate, text } from './common';

/** 周报 (Monday–Sunday) or 月报 (a calendar month), in the workspace's time zone. */
export const ReportPeriod = z.enum(['week', 'month']);
export type ReportPeriod = z.infer<typeof ReportPeriod>;
export const ReportStatus = z.enum(['queued', 'building', 'ready', 'failed']);

/** The KPI rows of a report, in the order a Chinese team's 周报 lists them. */
export const KPI_KEYS = [
  'followersNet',
  'followersTotal',
  'views',
  'viewsPerPost',
  'shares',
  'zaikan',
  'interactions',
  'engagementRate',
  'posts',
  'conversions',
] as const;
export const KpiKey = z.enum(KPI_KEYS);
export type KpiKey = z.infer<typeof KpiKey>;

const Num = z.number().nullable();

/** One KPI: this period, the previous one (环比) and the same period a year before (同比); change = (current − base) / |base|. */
export const ReportKpi = z.object({
  key: KpiKey,
  current: Num,
  previous: Num,
  lastYear: Num,
  mom: Num,
  yoy: Num,
});

export const ReportGrowthDay = z.object({ day: Day, gained: Num, lost: Num, net: Num, followers: Num });

export const ReportPostRow = z.object({
  publicationId: Id,
  title: z.string(),
  accountName: z.string(),
  platform: z.string(),
  /** The shape of the post on its platform: article, status, video, note … */
  format: z.string(),
  topic: z.string().nullable(),
  publishedAt: IsoDate,
  views: Num,
  likes: Num,
  comments: Num,
  shares: Num,
  favorites: Num,
  zaikan: Num,
  interactions: Num,
  /** Interactions ÷ views (by views). */
  engagementRate: Num,
  /** Per post not yet joined to the links module (the KPI summary has them): null. */
  conversions: Num,
});

export const ReportAccountRow = z.object({
  accountId: Id,
  name: z.string(),
  platform: z.string(),
  views: Num,
  previousViews: Num,
  followersNet: Num,
  previousFollowersNet: Num,
});

export const ReportGroupRow = z.object({ name: z.string(), posts: z.number().int(), views: Num, interactions: Num, avgViews: Num });

export const ReportGoalAtRisk = z.object({ name: z.string(), progress: z.number(), target: z.number(), forecast: Num });
export const ReportQuietAccount = z.object({ accountId: Id, name: z.string(), planned: z.number().int(), published: z.number().int() });
export type ReportGoalAtRisk = z.infer<typeof ReportGoalAtRisk>;
export type ReportQuietAccount = z.infer<typeof ReportQuietAccount>;

export const ReportData = z.object({
  period: ReportPeriod,
  timezone: z.string(),
  start: Day,
  end: Day,
  previous: z.object({ start: Day, end: Day }),
  lastYear: z.object({ start: Day, end: Day }),
  scope: z.object({ workspaceName: z.string(), accountId: Id.nullable(), accountName: z.string().nullable(), accounts: z.number().int() }),
  kpis: z.array(ReportKpi),
  growth: z.array(ReportGrowthDay),
  /** The posts published in the period, most viewed first (at most 500 listed of postsTotal). */
  posts: z.array(ReportPostRow),
  postsTotal: z.number().int(),
  topPosts: z.array(ReportPostRow),
  accounts: z.array(ReportAccountRow),
  topics: z.array(ReportGroupRow),
  formats: z.array(ReportGroupRow),
  goalsAtRisk: z.array(ReportGoalAtRisk),
  quietAccounts: z.array(ReportQuietAccount),
});
export type ReportData = z.infer<typeof ReportData>;

const FindingText = text().trim().min(1, { error: '不能为空 / must not be empty' }).max(500, { error: '最多 500 字 / at most 500 characters' });
/** One finding, in Chinese and English. */
export const ReportFinding = z.strictObject({ zh: FindingText, en: FindingText });
export type ReportFinding = z.infer<typeof ReportFinding>;

export const PutFindingsBody = z.strictObject({
  findings: z.array(ReportFinding).max(20, { error: '最多 20 条 / at most 20 findings' }),
});

export const CreateReportBody = z.strictObject({
  period: ReportPeriod,
  /** Any day in the period; default: the last complete period. */
  date: Day.optional(),
  /** One account's report; default: the whole workspace. */
  accountId: Id.nullable().optional(),
});

export const ReportSummary = z.object({
  id: Id,
  period: ReportPeriod,
  start: Day,
  end: Day,
  accountId: Id.nullable(),
  title: z.object({ zh: z.string(), en: z.string() }),
  status: ReportStatus,
  /** 0–100 while it is built. */
  progress: z.number().int(),
  error: z.string().nullable(),
  scheduled: z.boolean(),
  createdAt: IsoDate,
  builtAt: IsoDate.nullable(),
  sentAt: IsoDate.nullable(),
});

export const Report = ReportSummary.extend({
  data: ReportData.nullable(),
  findings: z.array(ReportFinding),
  findingsEditedAt: IsoDate.nullable(),
  files: z.object({ pdf: z.boolean(), xlsx: z.boolean() }),
});

export const ReportFileFormat = z.enum(['pdf', 'xlsx']);
export const ReportFileParams = z.object({ id: Id, format: ReportFileFormat });

export const ReportSchedule = z.object({
  id: Id,
  period: ReportPeriod,
  accountId: Id.nullable(),
  /** Send it to the members and the group robots as soon as it is built (else: wait for a manager). */
  autoSend: z.boolean(),
  lastEnd: Day.nullable(),
  createdAt: IsoDate,
});

export const CreateScheduleBody = z.strictObject({
  period: ReportPeriod,
  accountId: Id.nullable().optional(),
  autoSend: z.boolean().optional(),
});
