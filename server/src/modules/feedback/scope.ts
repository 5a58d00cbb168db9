// Whose feedback a member sees, decided here and nowhere else: members who work the inbox see the
// whole workspace; anyone else (a guest) only the items routed to a department they are in.
import { type SQL, and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import type { Actor } from '../identity/audit';
import { departmentsOf } from '../identity/departments';
import { can } from '../identity/roles';
import { feedbackItems } from './tables';

export type Scope = { workspaceId: string; staff: boolean; departments: string[] };

export async function scopeOf(ex: Executor, actor: Actor): Promise<Scope> {
  const staff = can(actor.role, 'inbox.work');
  return { workspaceId: actor.workspaceId, staff, departments: staff ? [] : await departmentsOf(ex, actor.workspaceId, actor.userId) };
}

/** The rows of the scope: the workspace's, and for a guest their departments' only. */
export function inScope(s: Scope): SQL {
  const ws = eq(feedbackItems.workspaceId, s.workspaceId);
  if (s.staff) return ws;
  return and(ws, s.departments.length ? inArray(feedbackItems.departmentId, s.departments) : sql`false`) as SQL;
}

/** Days (YYYY-MM-DD) in the workspace's time zone, on the items' creation. */
export function createdWithin(workspaceId: string, q: { from?: string; to?: string }): SQL[] {
  const tz = sql`(select timezone from workspaces where id = ${workspaceId})`;
  return [
    ...(q.from ? [sql`${feedbackItems.createdAt} >= (${q.from}::date::timestamp at time zone ${tz})`] : []),
    ...(q.to ? [sql`${feedbackItems.createdAt} < ((${q.to}::date + 1)::timestamp at time zone ${tz})`] : []),
  ];
}
