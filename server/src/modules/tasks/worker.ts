// The tasks watch, as goals/worker.ts does it: one pg-boss schedule every 10 minutes; the overdue
// alerts and the weekly template starts are idempotent, so a second worker or a re-run adds nothing.
import type PgBoss from 'pg-boss';
import type { Deps } from '../../context';
import { checkOverdue } from './alerts';
import { startWeekly } from './templates';

export const TASKS_WATCH_QUEUE = 'tasks-watch';
const CRON = '*/10 * * * *';

export async function runTasksWatch(deps: Deps, now = new Date()) {
  const alerts = await checkOverdue(deps, now);
  const weekly = await startWeekly(deps, now);
  return { ...alerts, started: weekly.started };
}

export async function startTasksWorker(deps: Deps): Promise<{ stop(): Promise<void> }> {
  const { boss, log } = deps;
  if (!(await boss.getQueue(TASKS_WATCH_QUEUE))) await boss.createQueue(TASKS_WATCH_QUEUE, { name: TASKS_WATCH_QUEUE, retryLimit: 0, expireInSeconds: 600 });
  await boss.schedule(TASKS_WATCH_QUEUE, CRON);
  const id = await boss.work(TASKS_WATCH_QUEUE, { pollingIntervalSeconds: 5 }, async (jobs: PgBoss.Job<unknown>[]) => {
    for (const _ of jobs) {
      const r = await runTasksWatch(deps);
      if (r.overdue || r.escalated || r.started) log.info({ ...r }, 'tasks watch');
    }
  });
  return { stop: () => boss.offWork({ id }).catch(() => {}) };
}
