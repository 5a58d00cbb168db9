// A comment sync that keeps failing tells the account's operators once (accounts/failing-notice.ts).
import type { Deps } from '../../context';
import type { AccountRow } from '../accounts/repository';
import { noticeFailing } from '../accounts/failing-notice';
import { type InboxSyncState, markNotified } from './sync-state';

export function notifyFailing(deps: Deps, row: AccountRow, s: InboxSyncState, now: Date) {
  return noticeFailing(
    deps,
    row,
    s,
    {
      kind: 'inbox.sync_failing',
      title: { zh: `「${row.name}」评论同步连续失败`, en: `Comment sync of "${row.name}" keeps failing` },
      body: {
        zh: `已连续 ${s.consecutiveFailures} 次未能读取评论。最近的错误：${s.lastError ?? ''}`,
        en: `${s.consecutiveFailures} comment sync runs in a row failed. Last error: ${s.lastError ?? ''}`,
      },
      link: `/inbox?sync=${row.id}`,
    },
    (tx) => markNotified(tx, row.id, now),
  );
}
