// What members see of the sync: each account's status, and "sync now" (managers, or an operator
// of the account whatever their role). The run itself is a job (sync-job.ts).
import type { AccountSyncStatus } from '../../../../contract/sync';
import { can } from '../../../../contract/permissions';
import type { Deps } from '../../context';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { daysBetween } from '../../platforms/metrics';
import { platformModule } from '../../platforms/registry';
import { type AccountRow, findAccount, operatorsOf } from '../accounts/repository';
import { platformAccounts } from '../accounts/tables';
import type { Actor } from '../identity/audit';
import { NO_DATA_API, NO_DATA_GRANT, readsMetrics } from './sync';
import { queueSync } from './sync-job';
import { type SyncState, statesOf } from './sync-state';
import { and, eq, isNull } from 'drizzle-orm';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function statusOf(a: Pick<AccountRow, 'id' | 'platform' | 'scopes'>, s: SyncState | undefined, now: Date, queued = false): AccountSyncStatus {
  const limits = platformModule(a.platform)?.metricsLimits;
  const backfill =
    s?.backfillFrom && s.backfillTo
      ? {
          from: s.backfillFrom,
          to: s.backfillTo,
          through: s.backfillThrough,
          done: s.backfillDone,
          progress: s.backfillDone
            ? 1
            : s.backfillThrough
              ? Math.min(1, (daysBetween(s.backfillFrom, s.backfillThrough) + 1) / (daysBetween(s.backfillFrom, s.backfillTo) + 1))
              : 0,
        }
      : null;
  return {
    accountId: a.id,
    supported: !!limits,
    grantLacksData: !!limits && !readsMetrics(a),
    lastSyncedAt: iso(s?.lastSyncedAt ?? null),
    lastAttemptAt: iso(s?.lastAttemptAt ?? null),
    lastError: s?.lastError ?? null,
    consecutiveFailures: s?.consecutiveFailures ?? 0,
    backfill,
    finalThrough: s?.finalThrough ?? null,
    missing: { account: limits?.missing.account ?? [], post: limits?.missing.post ?? [] },
    running: queued || (!!s?.leaseUntil && s.leaseUntil > now),
  };
}

export async function listSyncStatus(deps: Deps, actor: Actor): Promise<AccountSyncStatus[]> {
  const accounts = await deps.db
    .select({ id: platformAccounts.id, platform: platformAccounts.platform, scopes: platformAccounts.scopes })
    .from(platformAccounts)
    .where(and(eq(platformAccounts.workspaceId, actor.workspaceId), isNull(platformAccounts.archivedAt)));
  const states = new Map((await statesOf(deps.db, actor.workspaceId)).map((s) => [s.accountId, s]));
  const now = new Date();
  return accounts.map((a) => statusOf(a, states.get(a.id), now));
}

export async function syncNow(deps: Deps, actor: Actor, accountId: string): Promise<AccountSyncStatus> {
  const row = await findAccount(deps.db, actor.workspaceId, accountId);
  if (!row) throw notFound({ zh: '账号', en: 'Account' });
  const operators = (await operatorsOf(deps.db, [row.id])).get(row.id) ?? [];
  if (!can(actor.role, 'accounts.manage') && !operators.includes(actor.userId)) {
    throw forbidden({ zh: '只有管理员或该账号的运营人员可以同步数据', en: "Only managers or the account's operators can sync its figures" });
  }
  if (!platformModule(row.platform)?.metricsLimits) throw new AppError('invalid_state', NO_DATA_API);
  if (!readsMetrics(row)) throw new AppError('invalid_state', NO_DATA_GRANT);
  if (!row.credentialsSealed) throw new AppError('invalid_state', { zh: '该账号尚未连接，无法同步', en: 'This account is not connected yet; it cannot sync' });
  await queueSync(deps.boss, actor.workspaceId, row.id);
  const [s] = (await statesOf(deps.db, actor.workspaceId)).filter((x) => x.accountId === row.id);
  return statusOf(row, s, new Date(), true);
}
