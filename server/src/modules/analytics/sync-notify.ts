// A metrics sync that keeps failing tells the account's operators once (accounts/failing-notice.ts).
import type { Deps } from '../../context';
import type { AccountRow } from '../accounts/repository';
import { noticeFailing } from '../accounts/failing-notice';
import { markNotified, type SyncState } from './sync-state';

export function notifyFailing(deps: Deps, row: AccountRow, s: SyncState, now: Date) {
  return noticeFailing(
    deps,
    row,
    s,
    {
      kind: 'analytics.sync_failing',
      title: { zh: `「${row.name}」数据同步连续失败`, en: `Metrics sync of "${row.name}" keeps failing` },
      body: {
        zh: `已连续 ${s.consecutiveFailures} 次同步失败。最近的错误：${s.lastError ?? ''}`,
        en: `${s.consecutiveFailures} sync runs in a row failed. Last error: ${s.lastError ?? ''}`,
      },
      link: `/accounts?sync=${row.id}`,
    },
    (tx) => markNotified(tx, row.id, now),
  );
}
