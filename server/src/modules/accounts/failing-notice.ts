// A scheduled job of an account that keeps failing (the metrics sync, the comment sync) tells the
// account's operators (or, when it has none, the workspace's owners and managers) once, after
// FAILURES_BEFORE_NOTICE failed runs in a row; the job's next success clears its mark.
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import type { Bilingual } from '../../lib/errors';
import { notify } from '../notify/service';
import { type AccountRow, operatorsOf } from './repository';

/** Failed runs in a row before the operators are told. */
export const FAILURES_BEFORE_NOTICE = 3;

export interface FailingRun {
  consecutiveFailures: number;
  failureNotifiedAt: Date | null;
}

export async function noticeFailing(
  deps: Deps,
  row: AccountRow,
  s: FailingRun,
  n: { kind: string; title: Bilingual; body: Bilingual; link: string },
  markNotified: (tx: Executor) => Promise<void>,
) {
  if (s.consecutiveFailures < FAILURES_BEFORE_NOTICE || s.failureNotifiedAt) return;
  const operators = (await operatorsOf(deps.db, [row.id])).get(row.id) ?? [];
  await deps.db.transaction(async (tx) => {
    await notify(deps, { workspaceId: row.workspaceId, severity: 'warning', ...n, userIds: operators.length ? operators : undefined }, tx);
    await markNotified(tx);
  });
}
