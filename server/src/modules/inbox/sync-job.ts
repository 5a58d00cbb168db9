// The comment sync on a schedule: a pg-boss cron tick every 5 minutes queues one job per account
// whose last attempt is older than its platform's interval (commentLimits.everyMs) and whose grant
// allows comments; a member's "sync now" queues the same job. One job per account at a time
// (singletonKey, and the run's lease in inbox_sync).
import { sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { platformModules } from '../../platforms/registry';
import { readsComments, syncInbox } from './sync';

export const INBOX_SYNC_QUEUE = 'inbox-sync';
export const INBOX_SYNC_TICK_QUEUE = 'inbox-sync-tick';
const CRON = '*/5 * * * *';

/** Platforms with a comment reader, and how often each account of them is read. */
export function commentPlatforms(): { platform: string; everyMs: number }[] {
  return platformModules().flatMap((m) => (m.commentLimits ? [{ platform: m.platform, everyMs: m.commentLimits.everyMs }] : []));
}

// 'stately': at most one queued and one active job per account (singletonKey).
async function ensureQueue(boss: PgBoss, name: string) {
  if (!(await boss.getQueue(name)))
    await boss.createQueue(name, { name, policy: name === INBOX_SYNC_QUEUE ? 'stately' : 'standard', retryLimit: 0, expireInSeconds: 900 });
}

export async function queueInboxSync(boss: PgBoss, workspaceId: string, accountId: string) {
  await ensureQueue(boss, INBOX_SYNC_QUEUE);
  return boss.send(INBOX_SYNC_QUEUE, { workspaceId, accountId }, { singletonKey: accountId });
}

/**
 * Accounts due for a comment sync. Reads only the columns it needs of platform_accounts (the
 * accounts module's table) joined with inbox_sync, one query per platform and tick; accounts
 * whose grant lacks comments are left out.
 */
export async function dueInboxAccounts(ex: Executor, now: Date): Promise<{ workspaceId: string; accountId: string }[]> {
  const out: { workspaceId: string; accountId: string }[] = [];
  for (const { platform, everyMs } of commentPlatforms()) {
    const r = await ex.execute(sql`
      select a.workspace_id, a.id, a.scopes from platform_accounts a left join inbox_sync s on s.account_id = a.id
      where a.platform = ${platform} and a.archived_at is null and a.credentials_sealed is not null
        and (s.last_attempt_at is null or s.last_attempt_at < ${new Date(now.getTime() - everyMs)})`);
    for (const row of r.rows as { workspace_id: string; id: string; scopes: string[] }[]) {
      if (readsComments({ platform, scopes: row.scopes })) out.push({ workspaceId: row.workspace_id, accountId: row.id });
    }
  }
  return out;
}

export async function startInboxSyncWorker(deps: Deps): Promise<{ stop(): Promise<void> }> {
  const { boss, log } = deps;
  for (const name of [INBOX_SYNC_QUEUE, INBOX_SYNC_TICK_QUEUE]) await ensureQueue(boss, name);
  await boss.schedule(INBOX_SYNC_TICK_QUEUE, CRON);
  const tick = await boss.work(INBOX_SYNC_TICK_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    for (const a of await dueInboxAccounts(deps.db, new Date())) await queueInboxSync(boss, a.workspaceId, a.accountId);
  });
  const work = await boss.work<{ workspaceId: string; accountId: string }>(INBOX_SYNC_QUEUE, { pollingIntervalSeconds: 2 }, async (jobs) => {
    for (const job of jobs) {
      try {
        const r = await syncInbox(deps, job.data.workspaceId, job.data.accountId);
        if (r.ran) log.info({ accountId: job.data.accountId, posts: r.posts, pages: r.pages, stored: r.stored }, 'inbox sync');
      } catch (err) {
        // Recorded on the account (inbox_sync) and notified there; the job is not retried.
        log.warn({ accountId: job.data.accountId, err: err instanceof Error ? err.message : String(err) }, 'inbox sync failed');
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
