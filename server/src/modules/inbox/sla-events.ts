// The item events service levels are counted from: status changes (recorded by the service's
// update and bulk, in their transaction, before the row changes) and the one breach warning per
// item.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import type { Actor } from '../identity/audit';

/** Records `status` for the given items of the workspace whose status is about to change to it. */
export async function recordStatus(tx: Executor, actor: Pick<Actor, 'workspaceId'> & { userId: string | null }, ids: string[], status: string | undefined) {
  if (!status || !ids.length) return;
  await tx.execute(sql`
    insert into inbox_events (workspace_id, item_id, kind, from_status, to_status, actor_id)
    select workspace_id, id, 'status', status, ${status}, ${actor.userId} from inbox_items
    where workspace_id = ${actor.workspaceId} and id = any(${sql.param([...new Set(ids)])}::uuid[]) and status <> ${status}`);
}

/** Claims the item's breach (or reply-window) warning: true the first time only (a second tick finds it taken). */
export async function claimWarning(
  tx: Executor,
  workspaceId: string,
  itemId: string,
  kind: 'sla_warning' | 'window_warning' = 'sla_warning',
): Promise<boolean> {
  const r = await tx.execute(sql`
    insert into inbox_events (workspace_id, item_id, kind) values (${workspaceId}, ${itemId}, ${kind})
    on conflict (item_id, kind) where kind in ('sla_warning', 'window_warning') do nothing`);
  return (r.rowCount ?? 0) > 0;
}
