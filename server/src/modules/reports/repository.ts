import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { iso, isoOr } from '../../lib/time';
import { memberships } from '../identity/tables';
import { titleOf } from './labels';
import { reportSchedules, reports } from './tables';

export type ReportRow = typeof reports.$inferSelect;
export type ScheduleRow = typeof reportSchedules.$inferSelect;

export function summaryView(r: ReportRow, scopeName: string) {
  return {
    id: r.id,
    period: r.period as 'week' | 'month',
    start: r.periodStart,
    end: r.periodEnd,
    accountId: r.accountId,
    title: titleOf(r.period as 'week' | 'month', r.periodStart, r.periodEnd, r.data ? (r.data.scope.accountName ?? r.data.scope.workspaceName) : scopeName),
    status: r.status as 'queued' | 'building' | 'ready' | 'failed',
    progress: r.progress,
    error: r.error,
    scheduled: r.scheduleId != null,
    createdAt: isoOr(r.createdAt),
    builtAt: iso(r.builtAt),
    sentAt: iso(r.sentAt),
  };
}

export function reportView(r: ReportRow, scopeName: string) {
  return {
    ...summaryView(r, scopeName),
    data: r.data ?? null,
    findings: r.findings,
    findingsEditedAt: iso(r.findingsEditedAt),
    files: { pdf: r.pdfKey != null, xlsx: r.xlsxKey != null },
  };
}

export const scheduleView = (s: ScheduleRow) => ({
  id: s.id,
  period: s.period as 'week' | 'month',
  accountId: s.accountId,
  autoSend: s.autoSend,
  lastEnd: s.lastEnd,
  createdAt: isoOr(s.createdAt),
});

export async function findReport(ex: Executor, workspaceId: string, id: string) {
  const [r] = await ex
    .select()
    .from(reports)
    .where(and(eq(reports.workspaceId, workspaceId), eq(reports.id, id)));
  return r ?? null;
}

export async function reportById(ex: Executor, id: string) {
  const [r] = await ex.select().from(reports).where(eq(reports.id, id));
  return r ?? null;
}

export function listReports(ex: Executor, workspaceId: string, limit: number, offset: number) {
  return ex.select().from(reports).where(eq(reports.workspaceId, workspaceId)).orderBy(desc(reports.createdAt), desc(reports.id)).limit(limit).offset(offset);
}

export async function countReports(ex: Executor, workspaceId: string) {
  return ex.select({ n: sql<number>`count(*)::int` }).from(reports).where(eq(reports.workspaceId, workspaceId));
}

export async function updateReport(ex: Executor, id: string, set: Partial<typeof reports.$inferInsert>) {
  const [r] = await ex.update(reports).set(set).where(eq(reports.id, id)).returning();
  return r ?? null;
}

export function listSchedules(ex: Executor, workspaceId: string) {
  return ex.select().from(reportSchedules).where(eq(reportSchedules.workspaceId, workspaceId)).orderBy(reportSchedules.createdAt);
}

export async function findSchedule(ex: Executor, workspaceId: string, period: string, accountId: string | null) {
  const [s] = await ex
    .select()
    .from(reportSchedules)
    .where(
      and(
        eq(reportSchedules.workspaceId, workspaceId),
        eq(reportSchedules.period, period),
        accountId ? eq(reportSchedules.accountId, accountId) : isNull(reportSchedules.accountId),
      ),
    );
  return s ?? null;
}

/** Every schedule with its workspace's time zone and name (the periodic job runs over all workspaces). */
export async function allSchedules(ex: Executor) {
  const r = await ex.execute(sql`
    select s.id, s.workspace_id, s.account_id, s.period, s.auto_send, s.last_end::text last_end, w.timezone, w.name workspace_name
    from report_schedules s join workspaces w on w.id = s.workspace_id`);
  return r.rows as {
    id: string;
    workspace_id: string;
    account_id: string | null;
    period: 'week' | 'month';
    auto_send: boolean;
    last_end: string | null;
    timezone: string;
    workspace_name: string;
  }[];
}

/** Claims a schedule's period: true once per (schedule, period end), however many workers run. */
export async function claimSchedulePeriod(ex: Executor, id: string, end: string) {
  const r = await ex
    .update(reportSchedules)
    .set({ lastEnd: end })
    .where(and(eq(reportSchedules.id, id), sql`(${reportSchedules.lastEnd} is null or ${reportSchedules.lastEnd} < ${end}::date)`))
    .returning({ id: reportSchedules.id });
  return r.length > 0;
}

/** Every member of the workspace (a sent report is for the whole team). Reads identity's memberships (user ids only). */
export async function memberIds(ex: Executor, workspaceId: string) {
  const rows = await ex.select({ id: memberships.userId }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
  return rows.map((r) => r.id);
}

export async function deleteSchedule(ex: Executor, workspaceId: string, id: string) {
  const [s] = await ex
    .delete(reportSchedules)
    .where(and(eq(reportSchedules.workspaceId, workspaceId), eq(reportSchedules.id, id)))
    .returning();
  return s ?? null;
}
