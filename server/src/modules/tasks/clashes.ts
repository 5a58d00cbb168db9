// Clashes the manager decides: two posts for one account within the workspace's slot (read from
// the content module's calendar, never its tables), and members given more than their daily
// capacity. Who decides: the workspace's managers, or its owners when it has none.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type * as T from '../../../../contract/tasks';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { calendar } from '../content/workflow';
import type { Actor } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { memberships, users } from '../identity/tables';
import { settingsOf } from './settings';
import { workloadOf } from './workload';

const WINDOW_DAYS = 14;
type Slot = { accountId: string; accountName: string; postId: string; title: string; at: number };

/** Runs of posts on one account each within `minutes` of the one before. */
export function postClashes(slots: Slot[], minutes: number): z.infer<typeof T.PostClash>[] {
  const byAccount = new Map<string, Slot[]>();
  for (const s of slots) byAccount.set(s.accountId, [...(byAccount.get(s.accountId) ?? []), s]);
  const out: z.infer<typeof T.PostClash>[] = [];
  for (const list of byAccount.values()) {
    list.sort((a, b) => a.at - b.at);
    let group: Slot[] = [];
    const flush = () => {
      if (group.length > 1)
        out.push({
          accountId: group[0].accountId,
          accountName: group[0].accountName,
          posts: group.map((g) => ({ postId: g.postId, title: g.title, dueAt: new Date(g.at).toISOString() })),
        });
    };
    for (const s of list) {
      if (group.length && s.at - group[group.length - 1].at > minutes * 60_000) {
        flush();
        group = [];
      }
      group.push(s);
    }
    flush();
  }
  return out.sort((a, b) => a.posts[0].dueAt.localeCompare(b.posts[0].dueAt));
}

export async function deciders(ex: Executor, workspaceId: string) {
  const rows = await ex
    .select({ userId: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, ['owner', 'manager'])))
    .orderBy(asc(users.name));
  const managers = rows.filter((r) => r.role === 'manager');
  return (managers.length ? managers : rows).map((r) => ({ userId: r.userId, name: r.name }));
}

export async function clashes(deps: Deps, actor: Actor, now = new Date()): Promise<z.infer<typeof T.Clashes>> {
  assertCan(actor.role, 'tasks.work');
  const ws = actor.workspaceId;
  const { slotMinutes } = await settingsOf(deps.db, ws);
  const cal = await calendar(deps, actor, { from: now.toISOString(), to: new Date(now.getTime() + WINDOW_DAYS * 86_400_000).toISOString() });
  const slots: Slot[] = cal.items.flatMap((p) =>
    p.publications
      .filter((x) => x.state === 'scheduled' || x.state === 'paused')
      .map((x) => ({ accountId: x.accountId, accountName: x.accountName, postId: p.id, title: p.title, at: Date.parse(x.dueAt) })),
  );
  const load = await workloadOf(deps.db, ws, now, false);
  const members = load.members.flatMap((m) =>
    m.days
      .filter((d) => d.overloaded)
      .map((d) => ({ userId: m.userId, name: m.name, day: d.day, count: d.count, capacity: load.capacity, requestIds: d.requestIds })),
  );
  return { posts: postClashes(slots, slotMinutes), members, deciders: await deciders(deps.db, ws) };
}
