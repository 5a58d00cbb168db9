import type PgBoss from 'pg-boss';
import type { Deps } from '../../context';
import { QUEUES } from '../../jobs/boss';
import { runWebhookJob } from './delivery';
import { SWEEP_LIMIT, sweepFanout } from './fanout';

/** How often the publication outbox is swept when it was empty last time. */
export const SWEEP_INTERVAL_MS = 2000;

export interface NotifyWorker {
  stop(): Promise<void>;
}

/**
 * The notify worker: the pg-boss handler of notify-webhook jobs, and the sweep loop that fans
 * the publication trigger's rows out to managers and group robots. Any number of workers may
 * run against one database (jobs are claimed once; the sweep uses SKIP LOCKED).
 */
export async function startNotifyWorker(deps: Deps, opts: { sweepIntervalMs?: number } = {}): Promise<NotifyWorker> {
  const { boss, log } = deps;
  const handler = async (jobs: PgBoss.JobWithMetadata<unknown>[]) => {
    await Promise.all(
      jobs.map(async (job) => {
        try {
          if ((await runWebhookJob(deps, job)) === 'retry') await boss.fail(QUEUES.notifyWebhook, job.id, { reason: 'transient' });
        } catch (err) {
          log.error({ err, job: job.id, queue: QUEUES.notifyWebhook }, 'job failed');
          await boss.fail(QUEUES.notifyWebhook, job.id, { error: String(err) }).catch(() => {});
        }
      }),
    );
  };
  const workId = await boss.work(QUEUES.notifyWebhook, { batchSize: 5, pollingIntervalSeconds: 1, includeMetadata: true }, handler);

  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const interval = opts.sweepIntervalMs ?? SWEEP_INTERVAL_MS;
  const tick = () => {
    running = sweepFanout(deps)
      .then((n) => (n >= SWEEP_LIMIT ? 0 : interval))
      .catch((err) => {
        log.error({ err }, 'notify sweep failed');
        return interval;
      })
      .then((next) => {
        // A full batch means more is waiting: sweep again at once.
        if (!stopped) timer = setTimeout(tick, next);
      });
  };
  tick();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await boss.offWork({ id: workId }).catch(() => {});
    },
  };
}
