// A comment sync that keeps failing tells the account's operators (or, when it has none, the
// workspace's owners and managers) once; the next successful run clears it.
import type { Deps } from '../../context';
import { type AccountRow, operatorsOf } from '../accounts/repository';
import { notify } from '../notify/service';
import { type InboxSyncState, markNotified } from './sync-state';

/** Failed runs in a row before the operators are told. */
export const FAILURES_BEFORE_NOTICE = 3;

export async function notifyFailing(deps: Deps, row: AccountRow, s: InboxSyncState, now: Date) {
  if (s.consecutiveFailures < FAILURES_BEFORE_NOTICE || s.failureNotifiedAt) return;
  const operators = (await operatorsOf(deps.db, [row.id])).get(row.id) ?? [];
  await deps.db.transaction(async (tx) => {
    await notify(
      deps,
      {
        workspaceId: row.workspaceId,
        kind: 'inbox.sync_failing',
        severity: 'warning',
        title: { zh: `「${row.name}」评论同步连续失败`, en: `Comment sync of "${row.name}" keeps failing` },
        body: {
          zh: `已连续 ${s.consecutiveFailures} 次未能读取评论。最近的错误：${s.lastError ?? ''}`,
          en: `${s.consecutiveFailures} comment sync runs in a row failed. Last error: ${s.lastError ?? ''}`,
        },
        link: `/inbox?sync=${row.id}`,
        userIds: operators.length ? operators : undefined,
      },
      tx,
    );
    await markNotified(tx, row.id, now);
  });
}
