import { and, type AnyColumn, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import type { Role } from '../../../../contract/permissions';
import { AppError, type Bilingual } from '../../lib/errors';
import { memberships, users } from './tables';

// Users are global; their names are not. A name is shown only through the workspace's
// memberships, so an id of another workspace's user (or of someone who left) never resolves.

/** SQL for a user's name as a member of the workspace, null if not a member: for select lists. */
export const memberName = (workspaceId: AnyColumn | string, userId: AnyColumn | string) =>
  sql<string | null>`(select u.name from ${memberships} m join ${users} u on u.id = m.user_id where m.workspace_id = ${workspaceId} and m.user_id = ${userId})`;

/** Names of the given users that are members of the workspace. */
export async function memberNames(tx: Executor, workspaceId: string, userIds: (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((x): x is string => !!x))];
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function memberNameOf(tx: Executor, workspaceId: string, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  return (await memberNames(tx, workspaceId, [userId])).get(userId) ?? null;
}

/** 400 unless the user is a member of the workspace (`what` names the field, e.g. the owner). */
export async function assertMember(tx: Executor, workspaceId: string, userId: string, what: Bilingual) {
  const [m] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!m) throw new AppError('validation_failed', { zh: `${what.zh}必须是本工作区成员`, en: `${what.en} must be a member of this workspace` });
  return m.role;
}

/**
 * The members a text names with `@name` (as the web's mention picker writes them): for each `@`,
 * the longest member name that follows it, so 「@小王子」 is 小王子 even with a 小王 in the team.
 * Names are matched as members' names in this workspace only.
 */
export async function mentionedMembers(tx: Executor, workspaceId: string, text: string): Promise<{ id: string; role: Role }[]> {
  if (!text.includes('@')) return [];
  const rows = await tx
    .select({ id: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId));
  const byLength = rows.filter((r) => r.name).sort((a, b) => b.name.length - a.name.length);
  const found = new Map<string, Role>();
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    const hit = byLength.find((r) => text.startsWith(r.name, at + 1));
    if (hit) found.set(hit.id, hit.role as Role);
  }
  return [...found].map(([id, role]) => ({ id, role }));
}

/** The workspace's members but guests (the team that scorecards and reviews cover), by name. */
export async function teamMembers(tx: Executor, workspaceId: string): Promise<{ id: string; name: string; role: Role }[]> {
  const rows = await tx
    .select({ id: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), sql`${memberships.role} <> 'guest'`))
    .orderBy(users.name, users.id);
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}
