// The one way an item's status, priority, assignee and tags change: a member's update or bulk
// change (service.ts) and a rule's actions (rules-actions.ts) alike. The status change is recorded
// for the service levels first (sla-events.ts), then the rows change; the callers audit.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as C from '../../../../contract/inbox';
import type { Executor } from '../../db/pool';
import { recordStatus } from './sla-events';

/** `tags` replaces the item's tags; `addTags` adds to them. */
export type ItemChanges = z.infer<typeof C.UpdateInboxBody> & { addTags?: string[] };

function setClause(c: ItemChanges) {
  const s = [sql`updated_at = now()`];
  if (c.status) s.push(sql`status = ${c.status}`);
  if (c.priority) s.push(sql`priority = ${c.priority}`);
  if (c.assigneeId !== undefined) s.push(sql`assignee_id = ${c.assigneeId}`);
  if (c.tags) s.push(sql`tags = ${sql.param([...new Set(c.tags)])}::text[]`);
  else if (c.addTags?.length) s.push(sql`tags = array(select distinct t from unnest(tags || ${sql.param([...new Set(c.addTags)])}::text[]) t order by t)`);
  return sql.join(s, sql`, `);
}

/** Applies the changes to the workspace's items among `ids`; answers how many rows changed. */
export async function changeItems(tx: Executor, actor: { workspaceId: string; userId: string | null }, ids: string[], c: ItemChanges) {
  await recordStatus(tx, actor, ids, c.status);
  const r = await tx.execute(
    sql`update inbox_items set ${setClause(c)} where workspace_id = ${actor.workspaceId} and id = any(${sql.param([...new Set(ids)])}::uuid[])`,
  );
  return r.rowCount ?? 0;
}
