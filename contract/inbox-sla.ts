// Service levels of the inbox (issue 9): business hours, holidays and targets per workspace, and
// the team report. See server/src/modules/inbox/README.md (Service levels).
import { z } from 'zod';
import { Day, Id, IsoDate } from './common';
import { ExportFormat } from './dashboard';

const minutes = (s: string) => (s === '24:00' ? 1440 : Number(s.slice(0, 2)) * 60 + Number(s.slice(3)));
const Time = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: '时间格式应为 HH:MM（00:00–24:00）/ a time is HH:MM (00:00–24:00)' });

export const SlaHours = z.strictObject({ start: Time, end: Time }).refine((h) => minutes(h.end) > minutes(h.start), {
  error:
    '结束时间须晚于开始时间，跨午夜请拆成两段（如 22:00–24:00 和 00:00–02:00）/ the end must be after the start; split a range over midnight in two (22:00–24:00 and 00:00–02:00)',
  path: ['end'],
});

const Day7 = z
  .array(SlaHours)
  .max(4, { error: '每天最多 4 个时段 / at most 4 ranges a day' })
  .refine((d) => d.every((h, i) => i === 0 || minutes(h.start) >= minutes(d[i - 1].end)), {
    error: '同一天的时段须按时间先后排列且不重叠 / a day’s ranges must be in order and must not overlap',
  });

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const SlaWeek = z
  .strictObject({ mon: Day7, tue: Day7, wed: Day7, thu: Day7, fri: Day7, sat: Day7, sun: Day7 })
  .refine((w) => WEEKDAYS.some((d) => w[d].length > 0), { error: '一周至少要有一个工作时段 / the week needs at least one range of business hours' });
export type SlaWeek = z.infer<typeof SlaWeek>;

const Minutes = z
  .number({ error: '须为分钟数 / must be a number of minutes' })
  .int({ error: '须为整数分钟 / must be whole minutes' })
  .min(1, { error: '至少 1 分钟 / at least 1 minute' })
  .max(60 * 24 * 60, { error: '最多 86400 分钟 / at most 86400 minutes' });
export const SlaTarget = z
  .strictObject({ firstResponseMinutes: Minutes, resolutionMinutes: Minutes })
  .refine((t) => t.resolutionMinutes >= t.firstResponseMinutes, {
    error: '解决时限不能短于首次响应时限 / the resolution target must not be shorter than the first-response target',
    path: ['resolutionMinutes'],
  });
export const SlaTargets = z.strictObject({ low: SlaTarget, normal: SlaTarget, high: SlaTarget, urgent: SlaTarget });
export type SlaTargets = z.infer<typeof SlaTargets>;

/** Business hours in the workspace's time zone; targets in business minutes. */
export const SlaSettingsBody = z.strictObject({
  week: SlaWeek,
  /** China's official holidays closed and its make-up working days (调休) worked, with Monday's hours. */
  chinaHolidays: z.boolean({ error: '须为是或否 / must be true or false' }),
  closedDays: z.array(Day).max(366, { error: '最多 366 个休息日 / at most 366 closed days' }),
  targets: SlaTargets,
});
export const SlaSettings = SlaSettingsBody.extend({
  timezone: z.string(),
  /** The years whose official holiday calendar is known (other years count as ordinary weeks). */
  holidayYears: z.array(z.number().int()),
  updatedAt: IsoDate.nullable(),
});

const days = (q: unknown) => {
  const { from, to } = q as { from: string; to: string };
  return (Date.parse(to) - Date.parse(from)) / 86_400_000;
};
const spanned = <S extends z.ZodRawShape>(shape: S) =>
  z
    .object({ from: Day, to: Day, ...shape })
    .refine((q) => days(q) >= 0, { error: '开始日期不能晚于结束日期 / the start day must not be after the end day', path: ['from'] })
    .refine((q) => days(q) < 92, { error: '报表最多 92 天 / a report spans at most 92 days', path: ['to'] });
export const SlaReportQuery = spanned({});
export const SlaExportQuery = spanned({ format: ExportFormat.default('csv') });

const n = z.number().nullable();
/** One member's row (userId null: the items nobody is assigned to). Times in business minutes. */
export const SlaMemberRow = z.object({
  userId: Id.nullable(),
  name: z.string().nullable(),
  replies: z.number().int(),
  items: z.number().int(),
  responded: z.number().int(),
  medianFirstResponse: n,
  meanFirstResponse: n,
  fastestFirstResponse: n,
  slowestFirstResponse: n,
  openLoad: z.number().int(),
  firstResponseBreaches: z.number().int(),
  resolutionBreaches: z.number().int(),
});
export const SlaReport = z.object({ from: Day, to: Day, timezone: z.string(), members: z.array(SlaMemberRow) });
