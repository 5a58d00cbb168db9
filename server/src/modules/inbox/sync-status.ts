// What members see of the comment sync: each account's status, and "sync now" (managers, or an
// operator of the account whatever their role). The run itself is a job (sync-job.ts).
import type { InboxSyncStatus } from '../../../../contract/inbox';
import { can } from '../../../../contract/permissions';
import type { Deps } from '../../context';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { activeAccounts, findAccount, operatorsOf } from '../accounts/repository';
import type { Actor } from '../identity/audit';
import { NO_COMMENT_API, readsComments } from './sync';
import { queueInboxSync } from './sync-job';
import { type InboxSyncState, statesOf } from './sync-state';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function statusOf(a: { id: string; platform: string; scopes: string[] }, s: InboxSyncState | undefined, now: Date, queued = false): InboxSyncStatus {
  return {
    accountId: a.id,
    supported: readsComments(a),
    lastSyncedAt: iso(s?.lastSyncedAt ?? null),
    lastAttemptAt: iso(s?.lastAttemptAt ?? null),
    lastError: s?.lastError ?? null,
    consecutiveFailures: s?.consecutiveFailures ?? 0,
    running: queued || (!!s?.leaseUntil && s.leaseUntil > now),
  };
}

export async function listInboxSync(deps: Deps, actor: Actor): Promise<InboxSyncStatus[]> {
  const accounts = await activeAccounts(deps.db, actor.workspaceId);
  const states = new Map((await statesOf(deps.db, actor.workspaceId)).map((s) => [s.accountId, s]));
  const now = new Date();
  return accounts.map((a) => statusOf(a, states.get(a.id), now));
}

export async function syncInboxNow(deps: Deps, actor: Actor, accountId: string): Promise<InboxSyncStatus> {
  const row = await findAccount(deps.db, actor.workspaceId, accountId);
  if (!row) throw notFound({ zh: '账号', en: 'Account' });
  const operators = (await operatorsOf(deps.db, [row.id])).get(row.id) ?? [];
  if (!can(actor.role, 'accounts.manage') && !operators.includes(actor.userId)) {
    throw forbidden({ zh: '只有管理员或该账号的运营人员可以同步评论', en: "Only managers or the account's operators can sync its comments" });
  }
  if (!readsComments(row)) throw new AppError('invalid_state', NO_COMMENT_API);
  if (!row.credentialsSealed) throw new AppError('invalid_state', { zh: '该账号尚未连接，无法同步', en: 'This account is not connected yet; it cannot sync' });
  await queueInboxSync(deps.boss, actor.workspaceId, row.id);
  const s = (await statesOf(deps.db, actor.workspaceId)).find((x) => x.accountId === row.id);
  return statusOf(row, s, new Date(), true);
}
