import type PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Deps } from '../../context';
import { QUEUES } from '../../jobs/boss';
import { type DispatchItem, runPollBatch, runPublishBatch } from './batch';
import { dispatchTick, singlePublishJob } from './dispatcher';
import { runPrepare } from './engine';

export interface Worker {
  stop(): Promise<void>;
}

const Item = z.object({ publicationId: z.uuid(), seq: z.number().int() });
const PublishJob = z.object({ items: z.array(Item).min(1) });
const PollJob = z.object({ publicationIds: z.array(z.uuid()).min(1) });
const PrepareJob = z.object({ publicationId: z.uuid() });
/** Publications per publish job (set by the dispatcher): the unit of bulk work. */
export const PUBLISH_BATCH = 50;

/**
 * The publishing worker: a scheduler loop that claims due publications, and pg-boss handlers
 * for the publish, prepare and poll queues. Many workers may run against one database.
 */
export async function startWorker(deps: Deps): Promise<Worker> {
  const { boss, log } = deps;
  const workerIds: string[] = [];
  // Each publish job carries up to PUBLISH_BATCH publications, submitted side by side.
  const loops = Math.max(1, Math.ceil(deps.config.MEIYUN_PUBLISH_CONCURRENCY / PUBLISH_BATCH));

  const guarded = (name: string, fn: (job: PgBoss.Job<unknown>) => Promise<void>) => async (jobs: PgBoss.Job<unknown>[]) => {
    await Promise.all(
      jobs.map(async (job) => {
        try {
          await fn(job);
        } catch (err) {
          log.error({ err, job: job.id, queue: name }, 'job failed');
          await boss.fail(name, job.id, { error: String(err) }).catch(() => {});
        }
      }),
    );
  };

  const publish = guarded(QUEUES.publish, async (job) => {
    const data = PublishJob.parse(job.data);
    const retry: DispatchItem[] = await runPublishBatch(deps, data.items);
    if (!retry.length) return;
    // A one-publication job reruns itself (pg-boss retry with backoff; its id is that
    // dispatch's own); a batch hands each publication still being reconciled to a job of its own.
    if (data.items.length === 1) await boss.fail(QUEUES.publish, job.id, { reason: 'reconciling' });
    else for (const it of retry) await singlePublishJob(deps, it);
  });
  const poll = guarded(QUEUES.poll, async (job) => runPollBatch(deps, PollJob.parse(job.data).publicationIds));
  const prepare = guarded(QUEUES.prepare, async (job) => runPrepare(deps, PrepareJob.parse(job.data).publicationId));

  for (let i = 0; i < loops; i++) {
    workerIds.push(
      await boss.work(QUEUES.publish, { batchSize: 1, pollingIntervalSeconds: 0.5 }, publish),
      await boss.work(QUEUES.poll, { batchSize: 1, pollingIntervalSeconds: 0.5 }, poll),
    );
  }
  workerIds.push(await boss.work(QUEUES.prepare, { batchSize: 10, pollingIntervalSeconds: 1 }, prepare));

  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = dispatchTick(deps)
      .then(() => undefined)
      .catch((err) => log.error({ err }, 'dispatch tick failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, deps.config.MEIYUN_DISPATCH_INTERVAL_MS);
      });
  };
  tick();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      for (const id of workerIds) await boss.offWork({ id }).catch(() => {});
    },
  };
}
