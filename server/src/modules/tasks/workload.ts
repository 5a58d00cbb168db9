// The next 14 days per member: open tasks and open requests they own (not yet made into a task)
// due each day (the workspace's days), and the days over
// the workspace's daily capacity. Overloaded days are also clashes the manager decides (clashes.ts).
import { and, asc, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type * as T from '../../../../contract/tasks';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { localDay } from '../../lib/time';
import type { Actor } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { memberships, users, workspaces } from '../identity/tables';
import { openRequestsDue } from '../requests/service';
import { taskViews } from './repository';
import { openTasksDue } from './service';
import { settingsOf } from './settings';

const DAYS = 14;

/** YYYY-MM-DD plus n days. */
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** `withTasks`: the task views too (the page's cards); the clash check needs only the counts. */
export async function workloadOf(ex: Executor, workspaceId: string, now = new Date(), withTasks = true): Promise<z.infer<typeof T.Workload>> {
  const [{ timezone }] = await ex.select({ timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const { dailyCapacity } = await settingsOf(ex, workspaceId);
  const today = localDay(now, timezone);
  const days = Array.from({ length: DAYS }, (_, i) => addDays(today, i));
  const members = await ex
    .select({ userId: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), ne(memberships.role, 'guest')))
    .orderBy(asc(users.name));
  // A day wide enough on both ends for any zone; each task is then placed on its local day.
  const from = new Date(Date.parse(`${days[0]}T00:00:00Z`) - 86_400_000);
  const to = new Date(Date.parse(`${addDays(days[DAYS - 1], 1)}T00:00:00Z`) + 86_400_000);
  const rows = await openTasksDue(
    ex,
    workspaceId,
    members.map((m) => m.userId),
    from,
    to,
  );
  const byKey = new Map<string, string[]>();
  const shown = new Set(days);
  const dated = rows.map((row) => ({ row, day: localDay(row.dueAt as Date, timezone) })).filter((d) => shown.has(d.day));
  dated.sort((a, b) => (a.row.dueAt as Date).getTime() - (b.row.dueAt as Date).getTime());
  for (const { row, day } of dated) {
    const key = `${row.assigneeId}|${day}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row.id]);
  }
  const counted = dated.map((d) => d.row);
  const asked = new Map<string, string[]>();
  for (const r of await openRequestsDue(
    ex,
    workspaceId,
    members.map((m) => m.userId),
    from,
    to,
  )) {
    const key = `${r.ownerId}|${localDay(r.dueAt, timezone)}`;
    asked.set(key, [...(asked.get(key) ?? []), r.id]);
  }
  return {
    days,
    capacity: dailyCapacity,
    members: members.map((m) => {
      const perDay = days.map((day) => {
        const ids = byKey.get(`${m.userId}|${day}`) ?? [];
        const requestIds = asked.get(`${m.userId}|${day}`) ?? [];
        const count = ids.length + requestIds.length;
        return { day, count, overloaded: count > dailyCapacity, taskIds: ids, requestIds };
      });
      return { userId: m.userId, name: m.name, role: m.role as never, days: perDay, overloadedDays: perDay.filter((d) => d.overloaded).length };
    }),
    tasks: withTasks ? await taskViews(ex, workspaceId, counted) : [],
  };
}

export async function workload(deps: Deps, actor: Actor) {
  assertCan(actor.role, 'tasks.work');
  return workloadOf(deps.db, actor.workspaceId);
}
