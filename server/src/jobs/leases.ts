// Which worker runs which job, so that when a worker dies (SIGKILL, a crash, the machine gone) its
// jobs go back to the queue within seconds instead of after the queue's expiry (90 s by default).
// Each worker writes a heartbeat every second on a connection of its own (a pool saturated by a
// due minute must not make a live worker look dead); any worker hands back the jobs of a worker
// not seen for DEAD_AFTER_S. A job handed back while its worker was only slow runs twice: the
// publishing engine's fences make the second run harmless (it reconciles or does nothing).

import { randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import type PgBoss from 'pg-boss';

const BEAT_MS = 1000;
export const DEAD_AFTER_S = 6;

export class WorkerLeases {
  readonly workerId = randomUUID();
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** One query at a time on the connection. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly url: string) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'meiyun-heartbeat' });
    client.on('error', () => {});
    await client.connect();
    this.client = client;
    await client.query('insert into worker_heartbeats (worker_id, host, pid) values ($1, $2, $3)', [this.workerId, os.hostname(), String(process.pid)]);
    const beat = () => {
      this.timer = setTimeout(async () => {
        await this.run('update worker_heartbeats set seen_at = now() where worker_id = $1', [this.workerId]);
        if (this.client) beat();
      }, BEAT_MS);
      this.timer.unref();
    };
    beat();
  }

  /** Records that this worker holds these jobs (one statement for a fetched batch). */
  async hold(queue: string, jobIds: string[]): Promise<void> {
    if (!jobIds.length) return;
    await this.run('insert into job_leases (job_id, queue, worker_id) select unnest($1::uuid[]), $2, $3 on conflict (job_id) do update set worker_id = excluded.worker_id, started_at = now()', [
      jobIds,
      queue,
      this.workerId,
    ]);
  }

  async release(jobIds: string[]): Promise<void> {
    if (!jobIds.length) return;
    await this.run('delete from job_leases where job_id = any($1::uuid[]) and worker_id = $2', [jobIds, this.workerId]);
  }

  /** Lease bookkeeping never fails a job: at worst a dead worker's job waits for the queue's expiry. */
  private run(text: string, values: unknown[]): Promise<void> {
    const next = this.chain.then(() => this.client?.query(text, values)).then(
      () => {},
      () => {},
    );
    this.chain = next;
    return next;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (this.timer) clearTimeout(this.timer);
    if (!client) return;
    await this.chain;
    await client.query('delete from job_leases where worker_id = $1', [this.workerId]).catch(() => {});
    await client.query('delete from worker_heartbeats where worker_id = $1', [this.workerId]).catch(() => {});
    await client.end().catch(() => {});
  }
}

/**
 * Hands the jobs of dead workers back to the queue (pg-boss retries them after its short retry
 * delay) and forgets the dead. Returns how many jobs were handed back.
 */
export async function reapDeadWorkers(db: { $client: pg.Pool }, boss: PgBoss): Promise<number> {
  const r = await db.$client.query(
    `select l.job_id, l.queue from job_leases l
       left join worker_heartbeats h on h.worker_id = l.worker_id
     where h.worker_id is null or h.seen_at < now() - make_interval(secs => $1)`,
    [DEAD_AFTER_S],
  );
  const dead = r.rows as { job_id: string; queue: string }[];
  for (const { job_id, queue } of dead) {
    const job = await db.$client.query(`select state from pgboss.job where name = $1 and id = $2`, [queue, job_id]);
    if ((job.rows[0] as { state?: string } | undefined)?.state === 'active') {
      await boss.fail(queue, job_id, { reason: 'worker died' }).catch(() => {});
    }
  }
  if (dead.length) await db.$client.query('delete from job_leases where job_id = any($1::uuid[])', [dead.map((d) => d.job_id)]);
  await db.$client.query('delete from worker_heartbeats where seen_at < now() - interval \'1 hour\'');
  return dead.length;
}
