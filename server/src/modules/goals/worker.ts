// The hourly watch: goals at risk, quiet accounts, anomalies in account figures. One pg-boss
// schedule; each check is idempotent (state rows decide who was already told), so a second
// worker or a re-run tells no one twice.
import type PgBoss from 'pg-boss';
import type { Deps } from '../../context';
import { checkAnomalies } from '../analytics/anomalies';
import { checkCadence } from './cadence';
import { checkGoals } from './service';

export const WATCH_QUEUE = 'analytics-watch';
const CRON = '7 * * * *';

export async function runWatch(deps: Deps, now = new Date()) {
  const goals = await checkGoals(deps, now);
  const cadence = await checkCadence(deps, now);
  const anomalies = await checkAnomalies(deps, now);
  return { goals: goals.notified, cadence: cadence.notified, anomalies: anomalies.notified };
}

export async function startWatchWorker(deps: Deps): Promise<{ stop(): Promise<void> }> {
  const { boss, log } = deps;
  if (!(await boss.getQueue(WATCH_QUEUE))) await boss.createQueue(WATCH_QUEUE, { name: WATCH_QUEUE, retryLimit: 0, expireInSeconds: 900 });
  await boss.schedule(WATCH_QUEUE, CRON);
  const id = await boss.work(WATCH_QUEUE, { pollingIntervalSeconds: 5 }, async (jobs: PgBoss.Job<unknown>[]) => {
    for (const _ of jobs) {
      const r = await runWatch(deps);
      if (r.goals || r.cadence || r.anomalies) log.info({ ...r }, 'analytics watch');
    }
  });
  return { stop: () => boss.offWork({ id }).catch(() => {}) };
}
