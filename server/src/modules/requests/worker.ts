// The requests watch, as tasks/worker.ts does it: one pg-boss schedule every 10 minutes; the overdue
// alerts are claimed row by row (alerts.ts), so a second worker or a re-run adds nothing.
import type PgBoss from 'pg-boss';
import type { Deps } from '../../context';
import { checkOverdueRequests } from './alerts';

export const REQUESTS_WATCH_QUEUE = 'requests-watch';
const CRON = '*/10 * * * *';

export async function startRequestsWorker(deps: Deps): Promise<{ stop(): Promise<void> }> {
  const { boss, log } = deps;
  if (!(await boss.getQueue(REQUESTS_WATCH_QUEUE)))
    await boss.createQueue(REQUESTS_WATCH_QUEUE, { name: REQUESTS_WATCH_QUEUE, retryLimit: 0, expireInSeconds: 600 });
  await boss.schedule(REQUESTS_WATCH_QUEUE, CRON);
  const id = await boss.work(REQUESTS_WATCH_QUEUE, { pollingIntervalSeconds: 5 }, async (jobs: PgBoss.Job<unknown>[]) => {
    for (const _ of jobs) {
      const r = await checkOverdueRequests(deps);
      if (r.overdue || r.escalated) log.info({ ...r }, 'requests watch');
    }
  });
  return { stop: () => boss.offWork({ id }).catch(() => {}) };
}
