// The report jobs: the build queue's handler, and a periodic check that generates each scheduled
// report once its time has come (weekly: Monday 09:00, monthly: the 1st 09:00, workspace time).
import type PgBoss from 'pg-boss';
import type { Deps } from '../../context';
import { buildReport } from './build';
import type { ReportProviders } from './data';
import { duePeriod } from './period';
import { ensureReportQueue, REPORT_QUEUE, REPORT_SCHEDULE_QUEUE } from './queue';
import * as repo from './repository';
import { queueReport } from './service';

const CRON = '*/10 * * * *';

/** One pass over every schedule: each due period is claimed once and its report queued. */
export async function runSchedules(deps: Deps, now = new Date()) {
  let queued = 0;
  for (const s of await repo.allSchedules(deps.db)) {
    const due = duePeriod(s.period, now, s.timezone);
    if (s.last_end && s.last_end >= due.end) continue;
    await deps.db.transaction(async (tx) => {
      if (!(await repo.claimSchedulePeriod(tx, s.id, due.end))) return;
      await queueReport(deps, tx, { workspaceId: s.workspace_id, accountId: s.account_id, period: s.period, ...due, scheduleId: s.id });
      queued += 1;
    });
  }
  return queued;
}

export async function startReportWorker(deps: Deps, providers?: ReportProviders): Promise<{ stop(): Promise<void> }> {
  const { boss, log } = deps;
  await ensureReportQueue(boss);
  if (!(await boss.getQueue(REPORT_SCHEDULE_QUEUE)))
    await boss.createQueue(REPORT_SCHEDULE_QUEUE, { name: REPORT_SCHEDULE_QUEUE, retryLimit: 0, expireInSeconds: 600 });
  await boss.schedule(REPORT_SCHEDULE_QUEUE, CRON);
  const build = await boss.work(REPORT_QUEUE, { pollingIntervalSeconds: 1 }, async (jobs: PgBoss.Job<{ reportId: string }>[]) => {
    for (const job of jobs) await buildReport(deps, job.data.reportId, providers);
  });
  const tick = await boss.work(REPORT_SCHEDULE_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    const n = await runSchedules(deps);
    if (n) log.info({ queued: n }, 'scheduled reports');
  });
  return {
    stop: async () => {
      await boss.offWork({ id: build }).catch(() => {});
      await boss.offWork({ id: tick }).catch(() => {});
    },
  };
}
