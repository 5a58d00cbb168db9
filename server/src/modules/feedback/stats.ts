// Feedback statistics of the actor's scope (a guest: their departments' items), on the items
// created in the range (days in the workspace's time zone): counts by type, area, status and month
// (with the types and the resolved per month), and the median hours from creation to resolution
// of the items resolved (not those closed as won't fix). As JSON or as one table per dimension in
// CSV/xlsx through analytics/dashboard-export.ts.
import { and, asc, desc, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { FeedbackStatus, FeedbackType } from '../../../../contract/feedback';
import type * as F from '../../../../contract/feedback';
import type { Deps } from '../../context';
import { exportTable, type Table } from '../analytics/dashboard-export';
import type { Actor } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { createdWithin, inScope, scopeOf } from './scope';
import { feedbackItems } from './tables';

type Stats = z.infer<typeof F.FeedbackStats>;
type Month = Stats['byMonth'][number];
const f = feedbackItems;

/** Every month from the first to the last, with the months without items as zeros. */
function fillMonths(rows: Month[]): Month[] {
  if (!rows.length) return rows;
  const byKey = new Map(rows.map((r) => [r.month, r]));
  const out: Month[] = [];
  let [y, m] = rows[0].month.split('-').map(Number);
  const last = rows[rows.length - 1].month;
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(byKey.get(key) ?? { month: key, total: 0, bug: 0, suggestion: 0, complaint: 0, praise: 0, resolved: 0 });
    if (key >= last) return out;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

export async function feedbackStats(deps: Deps, actor: Actor, q: z.infer<typeof F.FeedbackStatsQuery>): Promise<Stats> {
  assertCan(actor.role, 'feedback.work');
  const s = await scopeOf(deps.db, actor);
  const where = and(inScope(s), ...createdWithin(s.workspaceId, q)) as SQL;
  const tz = await deps.db.execute<{ timezone: string }>(sql`select timezone from workspaces where id = ${s.workspaceId}`);
  const timezone = tz.rows[0].timezone;
  const n = sql<number>`count(*)::int`;
  const month = sql<string>`to_char(${f.createdAt} at time zone ${timezone}, 'YYYY-MM')`;
  const ofType = (t: string) => sql<number>`(count(*) filter (where ${f.type} = ${t}))::int`;
  const [types, areas, statuses, months, median] = await Promise.all([
    deps.db.select({ type: f.type, count: n }).from(f).where(where).groupBy(f.type),
    deps.db.select({ area: f.area, count: n }).from(f).where(where).groupBy(f.area).orderBy(desc(n), asc(f.area)),
    deps.db.select({ status: f.status, count: n }).from(f).where(where).groupBy(f.status),
    deps.db
      .select({
        month,
        total: n,
        bug: ofType('bug'),
        suggestion: ofType('suggestion'),
        complaint: ofType('complaint'),
        praise: ofType('praise'),
        resolved: sql<number>`(count(*) filter (where ${f.status} = 'resolved'))::int`,
      })
      .from(f)
      .where(where)
      // By position: the zone is a parameter, and two parameters are two expressions to PostgreSQL.
      .groupBy(sql`1`)
      .orderBy(sql`1`),
    deps.db
      .select({
        hours: sql<
          number | null
        >`percentile_cont(0.5) within group (order by extract(epoch from ${f.resolvedAt} - ${f.createdAt}) / 3600) filter (where ${f.status} = 'resolved')`,
      })
      .from(f)
      .where(where),
  ]);
  const ofTypes = new Map(types.map((r) => [r.type, r.count]));
  const ofStatuses = new Map(statuses.map((r) => [r.status, r.count]));
  const hours = median[0]?.hours;
  return {
    from: q.from ?? null,
    to: q.to ?? null,
    timezone,
    total: types.reduce((a, r) => a + r.count, 0),
    byType: FeedbackType.options.map((type) => ({ type, count: ofTypes.get(type) ?? 0 })),
    byArea: areas,
    byStatus: FeedbackStatus.options.map((status) => ({ status, count: ofStatuses.get(status) ?? 0 })),
    byMonth: fillMonths(months),
    medianHoursToResolve: hours == null ? null : Math.round(Number(hours) * 10) / 10,
  };
}

const col = (key: string, zh: string, en: string, kind: 'text' | 'count' = 'count') => ({ key, zh, en, kind });
const COUNT = col('count', '数量', 'Count');
const TYPE_NAMES: Record<string, string> = { bug: '缺陷 Bug', suggestion: '建议 Suggestion', complaint: '投诉 Complaint', praise: '表扬 Praise' };
const STATUS_NAMES: Record<string, string> = {
  new: '新建 New',
  acknowledged: '已确认 Acknowledged',
  in_progress: '处理中 In progress',
  resolved: '已解决 Resolved',
  wont_fix: '不予处理 Won’t fix',
};

function tableOf(stats: Stats, by: z.infer<typeof F.FeedbackStatsBy>): Table {
  switch (by) {
    case 'type':
      return {
        name: 'feedback-types',
        columns: [col('label', '类型', 'Type', 'text'), COUNT],
        rows: stats.byType.map((r) => ({ label: TYPE_NAMES[r.type], count: r.count })),
      };
    case 'area':
      return { name: 'feedback-areas', columns: [col('area', '产品领域', 'Product area', 'text'), COUNT], rows: stats.byArea };
    case 'status':
      return {
        name: 'feedback-statuses',
        columns: [col('label', '状态', 'Status', 'text'), COUNT],
        rows: stats.byStatus.map((r) => ({ label: STATUS_NAMES[r.status], count: r.count })),
      };
    case 'month':
      return {
        name: 'feedback-months',
        columns: [
          col('month', '月份', 'Month', 'text'),
          col('total', '合计', 'Total'),
          col('bug', '缺陷', 'Bugs'),
          col('suggestion', '建议', 'Suggestions'),
          col('complaint', '投诉', 'Complaints'),
          col('praise', '表扬', 'Praise'),
          col('resolved', '已解决', 'Resolved'),
        ],
        rows: stats.byMonth,
      };
  }
}

export async function exportFeedbackStats(deps: Deps, actor: Actor, q: z.infer<typeof F.FeedbackExportQuery>) {
  const stats = await feedbackStats(deps, actor, q);
  return exportTable(tableOf(stats, q.by), q.format, { from: q.from ?? 'all', to: q.to ?? 'all' });
}
