import type { z } from 'zod';
import type { CreateReportBody, CreateScheduleBody, ReportFinding } from '../../../../contract/reports';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { bossDb } from '../../jobs/boss';
import { AppError, invalidState, notFound } from '../../lib/errors';
import { paged, type PageQuery } from '../../lib/paging';
import { requireAccount } from '../accounts/service';
import { type Actor, audit } from '../identity/audit';
import { storeFiles } from './build';
import { deliver } from './deliver';
import { scopeName } from './labels';
import { duePeriod, lastComplete, localDay, periodOf } from './period';
import { ensureReportQueue, REPORT_QUEUE } from './queue';
import * as repo from './repository';
import { reportSchedules, reports } from './tables';
import { workspaceOf } from './workspace';

export const REPORT = { zh: '报告', en: 'Report' };
const SCHEDULE = { zh: '定时报告', en: 'Report schedule' };

async function scopeLabel(deps: Deps, ex: Executor, workspaceId: string, accountId: string | null) {
  if (accountId) return (await requireAccount(ex, workspaceId, accountId)).name;
  return (await workspaceOf(deps, workspaceId)).name;
}

/** Queues a report's build in the caller's transaction (no report without its job, no job without its report). */
export async function queueReport(
  deps: Deps,
  tx: Executor,
  r: { workspaceId: string; accountId: string | null; period: 'week' | 'month'; start: string; end: string; scheduleId?: string; createdBy?: string },
) {
  await ensureReportQueue(deps.boss);
  const [row] = await tx
    .insert(reports)
    .values({
      workspaceId: r.workspaceId,
      accountId: r.accountId,
      period: r.period,
      periodStart: r.start,
      periodEnd: r.end,
      scheduleId: r.scheduleId,
      createdBy: r.createdBy,
    })
    .returning();
  await deps.boss.send(REPORT_QUEUE, { reportId: row.id }, { db: bossDb(tx), retryLimit: 2, retryDelay: 5, expireInSeconds: 600 });
  return row;
}

export async function createReport(deps: Deps, actor: Actor, body: z.infer<typeof CreateReportBody>) {
  const ws = await workspaceOf(deps, actor.workspaceId);
  const accountId = body.accountId ?? null;
  const label = await scopeLabel(deps, deps.db, actor.workspaceId, accountId);
  const p = body.date ? periodOf(body.period, body.date) : lastComplete(body.period, localDay(new Date(), ws.timezone));
  return deps.db.transaction(async (tx) => {
    const row = await queueReport(deps, tx, { workspaceId: actor.workspaceId, accountId, period: body.period, ...p, createdBy: actor.userId });
    await audit(tx, actor, { action: 'report.create', entityType: 'report', entityId: row.id, after: { period: body.period, ...p, accountId } });
    return repo.reportView(row, label);
  });
}

async function mine(deps: Deps, actor: Actor, id: string) {
  const r = await repo.findReport(deps.db, actor.workspaceId, id);
  if (!r) throw notFound(REPORT);
  return r;
}

export async function getReport(deps: Deps, actor: Actor, id: string) {
  const r = await mine(deps, actor, id);
  return repo.reportView(r, await labelOf(deps, r));
}

const labelOf = async (deps: Deps, r: repo.ReportRow) => (r.data ? scopeName(r.data) : scopeLabel(deps, deps.db, r.workspaceId, r.accountId).catch(() => ''));

export async function listReports(deps: Deps, actor: Actor, q: PageQuery) {
  const ws = await workspaceOf(deps, actor.workspaceId);
  return paged(
    q,
    (limit, offset) => repo.listReports(deps.db, actor.workspaceId, limit, offset),
    repo.countReports(deps.db, actor.workspaceId),
    (rows) => rows.map((r) => repo.summaryView(r, ws.name)),
  );
}

const notReady = () => invalidState({ zh: '报告尚未生成完成', en: 'The report is not built yet' });

/** A manager's own findings replace the written ones; the files are drawn again with them. */
export async function putFindings(deps: Deps, actor: Actor, id: string, findings: ReportFinding[]) {
  const r = await mine(deps, actor, id);
  if (r.status !== 'ready' || !r.data) throw notReady();
  const keys = await storeFiles(deps, r.data, findings);
  const updated = await deps.db.transaction(async (tx) => {
    const row = await repo.updateReport(tx, id, { findings, findingsEditedAt: new Date(), findingsEditedBy: actor.userId, ...keys });
    await audit(tx, actor, { action: 'report.findings', entityType: 'report', entityId: id, before: r.findings, after: findings });
    return row as repo.ReportRow;
  });
  for (const k of [r.pdfKey, r.xlsxKey]) if (k) await deps.storage.remove(k).catch(() => {});
  return repo.reportView(updated, scopeName(r.data));
}

export async function sendReport(deps: Deps, actor: Actor, id: string) {
  const r = await mine(deps, actor, id);
  if (r.status !== 'ready') throw notReady();
  return deps.db.transaction(async (tx) => {
    const row = (await deliver(deps, r, actor.userId, tx)) as repo.ReportRow;
    await audit(tx, actor, { action: 'report.send', entityType: 'report', entityId: id });
    return repo.reportView(row, scopeName(r.data!));
  });
}

export async function reportFile(deps: Deps, actor: Actor, id: string, format: 'pdf' | 'xlsx') {
  const r = await mine(deps, actor, id);
  const key = format === 'pdf' ? r.pdfKey : r.xlsxKey;
  if (!key) throw notReady();
  const safe = `${r.period === 'week' ? 'weekly' : 'monthly'}-report-${r.periodStart}-${r.periodEnd}.${format}`;
  return {
    data: await deps.storage.read(key),
    filename: safe,
    contentType: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}

/* ---------- schedules ---------- */

export async function listSchedules(deps: Deps, actor: Actor) {
  return (await repo.listSchedules(deps.db, actor.workspaceId)).map(repo.scheduleView);
}

export async function createSchedule(deps: Deps, actor: Actor, body: z.infer<typeof CreateScheduleBody>) {
  const accountId = body.accountId ?? null;
  if (accountId) await requireAccount(deps.db, actor.workspaceId, accountId);
  const ws = await workspaceOf(deps, actor.workspaceId);
  if (await repo.findSchedule(deps.db, actor.workspaceId, body.period, accountId)) {
    throw new AppError('conflict', { zh: '已有相同范围和周期的定时报告', en: 'A schedule for this scope and period already exists' });
  }
  return deps.db.transaction(async (tx) => {
    const [s] = await tx
      .insert(reportSchedules)
      .values({
        workspaceId: actor.workspaceId,
        accountId,
        period: body.period,
        autoSend: body.autoSend ?? false,
        // The first report is the next period's: the one already over is made by hand if wanted.
        lastEnd: duePeriod(body.period, new Date(), ws.timezone).end,
        createdBy: actor.userId,
      })
      .returning();
    await audit(tx, actor, { action: 'report_schedule.create', entityType: 'report_schedule', entityId: s.id, after: body });
    return repo.scheduleView(s);
  });
}

export async function deleteSchedule(deps: Deps, actor: Actor, id: string) {
  return deps.db.transaction(async (tx) => {
    const gone = await repo.deleteSchedule(tx, actor.workspaceId, id);
    if (!gone) throw notFound(SCHEDULE);
    await audit(tx, actor, { action: 'report_schedule.delete', entityType: 'report_schedule', entityId: id, before: repo.scheduleView(gone) });
    return { ok: true as const };
  });
}
