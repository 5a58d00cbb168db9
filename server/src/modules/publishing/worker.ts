import type PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Deps } from '../../context';
import { QUEUES } from '../../jobs/boss';
import { dispatchTick } from './dispatcher';
import { runPoll, runPrepare, runPublish } from './engine';

export interface Worker {
  stop(): Promise<void>;
}

const PublishJob = z.object({ publicationId: z.uuid(), seq: z.number().int() });
const PubJob = z.object({ publicationId: z.uuid() });
const BATCH = 10;

/**
 * The publishing worker: a scheduler loop that claims due publications, and pg-boss handlers
 * for the publish, prepare and poll queues. Many workers may run against one database.
 */
export async function startWorker(deps: Deps): Promise<Worker> {
  const { boss, log } = deps;
  const workerIds: string[] = [];
  const loops = Math.max(1, Math.ceil(deps.config.MEIYUN_PUBLISH_CONCURRENCY / BATCH));

  const each = <T>(schema: z.ZodType<T>, name: string, fn: (data: T) => Promise<'done' | 'retry' | void>) => async (jobs: PgBoss.Job<unknown>[]) => {
    await Promise.all(
      jobs.map(async (job) => {
        try {
          const data = schema.parse(job.data);
          if ((await fn(data)) === 'retry') await boss.fail(name, job.id, { reason: 'retry' });
        } catch (err) {
          log.error({ err, job: job.id, queue: name }, 'job failed');
          await boss.fail(name, job.id, { error: String(err) }).catch(() => {});
        }
      }),
    );
  };

  for (let i = 0; i < loops; i++) {
    workerIds.push(
      await boss.work(QUEUES.publish, { batchSize: BATCH, pollingIntervalSeconds: 0.5 }, each(PublishJob, QUEUES.publish, (d) => runPublish(deps, d.publicationId, d.seq))),
      await boss.work(QUEUES.poll, { batchSize: BATCH, pollingIntervalSeconds: 0.5 }, each(PubJob, QUEUES.poll, (d) => runPoll(deps, d.publicationId))),
    );
  }
  workerIds.push(await boss.work(QUEUES.prepare, { batchSize: BATCH, pollingIntervalSeconds: 1 }, each(PubJob, QUEUES.prepare, (d) => runPrepare(deps, d.publicationId))));

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
