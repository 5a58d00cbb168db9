// The sync on a schedule: a pg-boss cron tick every 15 minutes queues one job per account whose
// last attempt is older than its platform's interval (snapshot platforms hourly, per-day data
// every 6 hours); a member's "sync now" queues the same job. One job per account at a time
// (singletonKey, and the run's lease in account_sync).
import type PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { platformModules } from '../../platforms/registry';
import { readsMetrics, syncAccount } from './sync';

export const SYNC_QUEUE = 'analytics-sync';
export const SYNC_TICK_QUEUE = 'analytics-sync-tick';
const CRON = '*/15 * * * *';
const HOUR = 3_600_000;

/** Platforms with a data API, and how often each account of them is synced. */
export function syncPlatforms(): { platform: string; everyMs: number }[] {
  return platformModules().flatMap((m) =>
    m.metricsLimits ? [{ platform: m.platform, everyMs: m.metricsLimits.postData === 'snapshots' ? HOUR : 6 * HOUR }] : [],
  );
}

// 'stately': at most one queued and one active job per account (singletonKey).
async function ensureQueue(boss: PgBoss, name: string) {
  if (!(await boss.getQueue(name)))
    await boss.createQueue(name, { name, policy: name === SYNC_QUEUE ? 'stately' : 'standard', retryLimit: 0, expireInSeconds: 900 });
}

export async function queueSync(boss: PgBoss, workspaceId: string, accountId: string) {
  await ensureQueue(boss, SYNC_QUEUE);
  return boss.send(SYNC_QUEUE, { workspaceId, accountId }, { singletonKey: accountId });
}

/**
 * Accounts due for a sync. Reads only the columns it needs of platform_accounts (the accounts
 * module's table) joined with account_sync, for one query per platform and tick; accounts whose
 * grant lacks the data scope are left out.
 */
export async function dueAccounts(ex: Executor, now: Date): Promise<{ workspaceId: string; accountId: string }[]> {
  const out: { workspaceId: string; accountId: string }[] = [];
  for (const { platform, everyMs } of syncPlatforms()) {
    const r = await ex.execute(sql`
      select a.workspace_id, a.id, a.scopes from platform_accounts a left join account_sync s on s.account_id = a.id
      where a.platform = ${platform} and a.archived_at is null and a.credentials_sealed is not null
        and (s.last_attempt_at is null or s.last_attempt_at < ${new Date(now.getTime() - everyMs)})`);
    // An account whose grant lacks the data scope is not run (it would fail every time); its
    // status says so and asks for a reconnect.
    for (const row of r.rows as { workspace_id: string; id: string; scopes: string[] }[])
      if (readsMetrics({ platform, scopes: row.scopes })) out.push({ workspaceId: row.workspace_id, accountId: row.id });
  }
  return out;
}

export async function startSyncWorker(deps: Deps): Promise<{ stop(): Promise<void> }> {
  const { boss, log } = deps;
  for (const name of [SYNC_QUEUE, SYNC_TICK_QUEUE]) await ensureQueue(boss, name);
  await boss.schedule(SYNC_TICK_QUEUE, CRON);
  const tick = await boss.work(SYNC_TICK_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    for (const a of await dueAccounts(deps.db, new Date())) await queueSync(boss, a.workspaceId, a.accountId);
  });
  const work = await boss.work<{ workspaceId: string; accountId: string }>(SYNC_QUEUE, { pollingIntervalSeconds: 2 }, async (jobs) => {
    for (const job of jobs) {
      try {
        const r = await syncAccount(deps, job.data.workspaceId, job.data.accountId);
        if (r.ran) log.info({ accountId: job.data.accountId, accountDays: r.accountDays, postDays: r.postDays, snapshots: r.snapshots }, 'metrics sync');
      } catch (err) {
        // Recorded on the account (account_sync) and notified there; the job is not retried.
        log.warn({ accountId: job.data.accountId, err: err instanceof Error ? err.message : String(err) }, 'metrics sync failed');
      }
    }
  });
  return {
    stop: async () => {
      await boss.offWork({ id: tick }).catch(() => {});
      await boss.offWork({ id: work }).catch(() => {});
    },
  };
}
