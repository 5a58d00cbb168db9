// Service levels measured: each item's first response and resolution in business minutes of its
// workspace, and the team report per member (replies, first response median, mean, fastest and
// slowest, open load, breaches), as JSON or as a CSV/xlsx file.
//
// The clock starts at the later of `at` (when the platform says it was written) and `receivedAt`
// (when it reached the inbox): the team cannot answer what it cannot see yet, so a sync that reads
// a comment hours late (or an import of last week's comments) does not count against a member.
// First response: to the first reply by the account (sla-replies.ts). Resolution: to the status
// change that made a done item done (the last one, so a reopened item counts until closed again).
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { SlaExportQuery, SlaMemberRow, SlaReportQuery, SlaTargets } from '../../../../contract/inbox-sla';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { businessMs, exceedsBusinessMs, type WorkCalendar } from '../../lib/workcalendar/index';
import { exportTable, type Table } from '../analytics/dashboard-export';
import type { Actor } from '../identity/audit';
import { memberNames } from '../identity/membership';
import { assertCan } from '../identity/roles';
import { slaOf } from './sla-settings';
import { firstReplyAt, repliesByMember } from './sla-replies';

type Priority = keyof SlaTargets;
type Row = z.infer<typeof SlaMemberRow>;
export type Measured = {
  id: string;
  assigneeId: string | null;
  /** Business minutes to the first reply, null while unanswered. */
  firstResponse: number | null;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
};

const MIN = 60_000;
const round = (x: number) => Math.round(x * 10) / 10;
const dayStart = (day: string, workspaceId: string, plus = 0): SQL =>
  sql`((${day}::date + ${plus}::int)::timestamp at time zone (select timezone from workspaces where id = ${workspaceId}))`;

/** One item's service levels: `now` decides the breaches of what is not answered or done yet. */
export function measure(
  it: { start: Date; firstReply: Date | null; doneAt: Date | null; status: string; priority: string },
  cal: WorkCalendar,
  targets: SlaTargets,
  now: Date,
) {
  const target = targets[it.priority as Priority] ?? targets.normal;
  const over = (end: Date | null, minutes: number) => exceedsBusinessMs(it.start, end ?? now, minutes * MIN, cal);
  const done = it.status === 'done';
  return {
    firstResponse: it.firstReply ? round(businessMs(it.start, it.firstReply, cal) / MIN) : null,
    // An item closed without a reply (spam, a duplicate) had nothing to answer.
    firstResponseBreached: (it.firstReply || !done) && over(it.firstReply, target.firstResponseMinutes),
    resolutionBreached: (it.doneAt || !done) && over(done ? it.doneAt : null, target.resolutionMinutes),
  };
}

/** The items (not the account's own) written in the workspace's days [from, to], measured. */
export async function measureItems(ex: Executor, workspaceId: string, q: { from: string; to: string }, now: Date): Promise<Measured[]> {
  const { cal, targets } = await slaOf(ex, workspaceId);
  const r = await ex.execute<{
    id: string;
    assignee_id: string | null;
    priority: string;
    status: string;
    start: Date;
    first_reply: Date | null;
    done_at: Date | null;
  }>(sql`
    select i.id, i.assignee_id, i.priority, i.status, greatest(i.at, i.received_at) as start, ${firstReplyAt} as first_reply,
      (select max(e.at) from inbox_events e where e.item_id = i.id and e.kind = 'status' and e.to_status = 'done') as done_at
    from inbox_items i
    where i.workspace_id = ${workspaceId} and not i.from_account and i.at >= ${dayStart(q.from, workspaceId)} and i.at < ${dayStart(q.to, workspaceId, 1)}`);
  return r.rows.map((x) => ({
    id: x.id,
    assigneeId: x.assignee_id,
    ...measure(
      {
        start: new Date(x.start),
        firstReply: x.first_reply && new Date(x.first_reply),
        doneAt: x.done_at && new Date(x.done_at),
        status: x.status,
        priority: x.priority,
      },
      cal,
      targets,
      now,
    ),
  }));
}

/** The median of ascending values. */
function median(s: number[]) {
  const m = s.length >> 1;
  return round(s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2);
}

export async function slaReport(deps: Deps, actor: Actor, q: z.infer<typeof SlaReportQuery>, now = new Date()) {
  assertCan(actor.role, 'inbox.work');
  const ws = actor.workspaceId;
  const [items, replies, open, tz] = await Promise.all([
    measureItems(deps.db, ws, q, now),
    deps.db.execute<{ assignee_id: string | null; n: number }>(repliesByMember(ws, dayStart(q.from, ws), dayStart(q.to, ws, 1))),
    deps.db.execute<{ assignee_id: string | null; n: number }>(
      sql`select assignee_id, count(*)::int as n from inbox_items where workspace_id = ${ws} and not from_account and status <> 'done' group by assignee_id`,
    ),
    deps.db.execute<{ timezone: string }>(sql`select timezone from workspaces where id = ${ws}`),
  ]);
  const rows = new Map<string | null, Row>();
  const rowOf = (userId: string | null) => {
    let row = rows.get(userId);
    if (!row) {
      row = {
        userId,
        name: null,
        replies: 0,
        items: 0,
        responded: 0,
        medianFirstResponse: null,
        meanFirstResponse: null,
        fastestFirstResponse: null,
        slowestFirstResponse: null,
        openLoad: 0,
        firstResponseBreaches: 0,
        resolutionBreaches: 0,
      };
      rows.set(userId, row);
    }
    return row;
  };
  for (const r of replies.rows) rowOf(r.assignee_id).replies = r.n;
  for (const r of open.rows) rowOf(r.assignee_id).openLoad = r.n;
  const times = new Map<string | null, number[]>();
  for (const it of items) {
    const row = rowOf(it.assigneeId);
    row.items++;
    if (it.firstResponseBreached) row.firstResponseBreaches++;
    if (it.resolutionBreached) row.resolutionBreaches++;
    if (it.firstResponse === null) continue;
    const xs = times.get(it.assigneeId);
    if (xs) xs.push(it.firstResponse);
    else times.set(it.assigneeId, [it.firstResponse]);
  }
  for (const [userId, xs] of times) {
    const row = rowOf(userId);
    xs.sort((a, b) => a - b);
    row.responded = xs.length;
    row.medianFirstResponse = median(xs);
    row.meanFirstResponse = round(xs.reduce((a, b) => a + b, 0) / xs.length);
    row.fastestFirstResponse = xs[0];
    row.slowestFirstResponse = xs[xs.length - 1];
  }
  const names = await memberNames(deps.db, ws, [...rows.keys()]);
  for (const row of rows.values()) row.name = row.userId ? (names.get(row.userId) ?? null) : null;
  // Unassigned last; members by name.
  const members = [...rows.values()].sort((a, b) => (a.userId === null ? 1 : b.userId === null ? -1 : (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN')));
  return { from: q.from, to: q.to, timezone: tz.rows[0].timezone, members };
}

const col = (key: keyof Row, zh: string, en: string, kind: 'text' | 'count' = 'count') => ({ key, zh, en, kind });
const COLUMNS = [
  col('name', '成员', 'Member', 'text'),
  col('replies', '回复数', 'Replies'),
  col('items', '消息数', 'Items'),
  col('responded', '已响应', 'Responded'),
  col('medianFirstResponse', '首次响应中位数（工作分钟）', 'Median first response (business min)'),
  col('meanFirstResponse', '首次响应平均（工作分钟）', 'Mean first response (business min)'),
  col('fastestFirstResponse', '最快（工作分钟）', 'Fastest (business min)'),
  col('slowestFirstResponse', '最慢（工作分钟）', 'Slowest (business min)'),
  col('openLoad', '待处理', 'Open load'),
  col('firstResponseBreaches', '响应超时', 'First-response breaches'),
  col('resolutionBreaches', '解决超时', 'Resolution breaches'),
];

export async function exportSlaReport(deps: Deps, actor: Actor, q: z.infer<typeof SlaExportQuery>, now = new Date()) {
  const report = await slaReport(deps, actor, q, now);
  const table: Table = {
    name: 'inbox-sla',
    columns: COLUMNS,
    rows: report.members.map((m) => ({ ...m, name: m.name ?? (m.userId ? m.userId : '未分配 Unassigned') })),
  };
  return exportTable(table, q.format, q);
}
