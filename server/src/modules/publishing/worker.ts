import type PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Deps } from '../../context';
import { QUEUES } from '../../jobs/boss';
import { reapDeadWorkers, WorkerLeases } from '../../jobs/leases';
import { apiMeter } from '../accounts/meter';
import { type DispatchItem, runPublishBatch } from './batch';
import { runHandoffCheck } from './handoff';
import { runPollBatch } from './poll';
import { dispatchTick, PER_JOB, singlePublishJob } from './dispatcher';
import { runPrepareBatch } from './prepare';

export interface Worker {
  stop(): Promise<void>;
}

const Item = z.object({ publicationId: z.uuid(), seq: z.number().int() });
const PublishJob = z.object({ items: z.array(Item).min(1) });
const PollJob = z.object({ publicationIds: z.array(z.uuid()).min(1) });
const HandoffJob = z.object({ publicationId: z.uuid() });
const PrepareJob = z.union([z.object({ publicationIds: z.array(z.uuid()).min(1) }), z.object({ publicationId: z.uuid() })]);
/** Prepare jobs (each a batch) run side by side ahead of the due time. */
const PREPARE_LOOPS = 2;
/** pg-boss loops per queue; each fetches several publish jobs at a time. */
const PUBLISH_LOOPS = 4;

/**
 * The publishing worker: a scheduler loop that claims due publications, and pg-boss handlers
 * for the publish, prepare, poll and hand-off queues. Many workers may run against one database.
 */
export async function startWorker(deps: Deps): Promise<Worker> {
  const { boss, log } = deps;
  const workerIds: string[] = [];
  // Each publish job carries up to PER_JOB publications, submitted side by side; enough jobs
  // run at once that a whole due minute can be armed and waiting for its second.
  const jobsPerFetch = Math.max(1, Math.ceil(deps.config.MEIYUN_PUBLISH_CONCURRENCY / (PUBLISH_LOOPS * PER_JOB)));

  const leases = new WorkerLeases(deps.db.$client.options.connectionString as string);
  await leases.start();
  const guarded = (name: string, fn: (job: PgBoss.Job<unknown>) => Promise<void>) => async (jobs: PgBoss.Job<unknown>[]) => {
    await leases.hold(
      name,
      jobs.map((j) => j.id),
    );
    await Promise.all(
      jobs.map(async (job) => {
        try {
          await fn(job);
        } catch (err) {
          log.error({ err, job: job.id, queue: name }, 'job failed');
          await boss.fail(name, job.id, { error: String(err) }).catch(() => {});
        } finally {
          await leases.release([job.id]);
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
    else for (const it of retry) await singlePublishJob(deps, it).catch((err) => log.warn({ err, item: it }, 'reconcile job already queued'));
  });
  const poll = guarded(QUEUES.poll, async (job) => runPollBatch(deps, PollJob.parse(job.data).publicationIds));
  const handoff = guarded(QUEUES.handoff, async (job) => {
    await runHandoffCheck(deps, HandoffJob.parse(job.data).publicationId);
  });
  const prepare = guarded(QUEUES.prepare, async (job) => {
    const data = PrepareJob.parse(job.data);
    await runPrepareBatch(deps, 'publicationIds' in data ? data.publicationIds : [data.publicationId]);
  });

  // pg-boss waits its polling interval after every fetch, even a full one: a loop that found a
  // full batch asks for the next one at once, so a backlog drains at the speed of the work.
  const eager = async (queue: string, batchSize: number, handler: (jobs: PgBoss.Job<unknown>[]) => Promise<void>) => {
    let id = '';
    id = await boss.work(queue, { batchSize, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      await handler(jobs);
      if (jobs.length >= batchSize) boss.notifyWorker(id);
    });
    workerIds.push(id);
    return id;
  };
  const publishLoops: string[] = [];
  for (let i = 0; i < PUBLISH_LOOPS; i++) {
    publishLoops.push(await eager(QUEUES.publish, jobsPerFetch, publish));
    await eager(QUEUES.poll, 1, poll);
  }
  for (let i = 0; i < PREPARE_LOOPS; i++) await eager(QUEUES.prepare, 1, prepare);
  await eager(QUEUES.handoff, 1, handoff);

  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = reapDeadWorkers(deps.db, boss)
      .catch((err) => log.error({ err }, 'reaping dead workers failed'))
      .then(() => dispatchTick(deps))
      .then(({ claimed }) => {
        // Jobs this tick queued start now rather than at the loops' next poll.
        if (claimed) for (const id of publishLoops) boss.notifyWorker(id);
      })
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
      await leases.stop();
      await apiMeter(deps.db).stop();
    },
  };
}
