import PgBoss from 'pg-boss';
import type { Executor } from '../db/pool';

export const QUEUES = {
  /** Payload { publicationId, seq }: publish one (post, account) at its time. */
  publish: 'publish',
  /** Payload { publicationId, seq }: upload cover and create the platform draft ahead of time. */
  prepare: 'prepare',
  /** Payload { publicationId }: poll the platform until an asynchronous publish is final. */
  poll: 'publish-poll',
  /** Payload { publicationId }: look for a hand-off post the member finished in the platform's app. */
  handoff: 'publish-handoff',
  /** Payload { channelId, workspaceId, event }: deliver one notification to one group-robot webhook. */
  notifyWebhook: 'notify-webhook',
} as const;

export function createBoss(url: string, opts: { maintenanceSeconds?: number } = {}): PgBoss {
  const boss = new PgBoss({
    connectionString: url,
    max: 10,
    schema: 'pgboss',
    application_name: 'meiyun-jobs',
    maintenanceIntervalSeconds: opts.maintenanceSeconds ?? 30,
  });
  boss.on('error', () => {
    // pg-boss reports transient maintenance errors here; the caller's logger is attached in start.
  });
  return boss;
}

/** Creates our queues (idempotent). pg-boss 10 wants a queue before the first send. */
export async function ensureQueues(boss: PgBoss) {
  for (const name of Object.values(QUEUES)) {
    const q = await boss.getQueue(name);
    if (!q) await boss.createQueue(name, { name, retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 120 });
  }
}

/** An executor pg-boss can run its SQL through, so a job is inserted in the caller's transaction. */
export function bossDb(tx: Executor) {
  return {
    async executeSql(text: string, values: unknown[]) {
      // drizzle's node-postgres session holds the pool, or inside a transaction the checked-out client.
      const client = (tx as unknown as { session: { client: { query: (t: string, v: unknown[]) => Promise<{ rows: unknown[] }> } } }).session.client;
      return client.query(text, values);
    },
  };
}
