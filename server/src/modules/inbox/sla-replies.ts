// Where the service levels read the account's replies from. Today: items the account wrote
// (`fromAccount`, read back by the sync or imported) in the thread. When replies sent from
// Meiyun land (inbox_replies), they are read here too, and nowhere else needs to change.
import { type SQL, sql } from 'drizzle-orm';

/**
 * SQL for the time of the first reply to the item aliased `i`: the first item by the account in
 * the same thread written at or after it (a reply answers every earlier item of its thread).
 */
export const firstReplyAt: SQL = sql`(select min(r.at) from inbox_items r
  where r.root_id = coalesce(i.root_id, i.id) and r.workspace_id = i.workspace_id and r.from_account and r.at >= i.at)`;

/**
 * The account's replies written in [from, to), each counted for the member assigned to the item
 * it answers (its parent, or the thread's first item when its parent is not known).
 */
export const repliesByMember = (workspaceId: string, from: SQL, to: SQL) => sql`
  select p.assignee_id, count(*)::int as n from inbox_items r
  join inbox_items p on p.id = coalesce(r.parent_id, r.root_id) and p.id <> r.id
  where r.workspace_id = ${workspaceId} and r.from_account and r.at >= ${from} and r.at < ${to}
  group by p.assignee_id`;
