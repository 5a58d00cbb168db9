// Departments: managers make them and put members (guests from the department, staff) in them.
// Other modules ask `departmentsOf` which departments a member is in (feedback queues, issue 10's
// requests) and `departmentFor`/`departmentNames` to route and show; they never read the tables.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as D from '../../../../contract/departments';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, conflictOnDuplicate, notFound } from '../../lib/errors';
import { isoOr } from '../../lib/time';
import { type Actor, audit } from './audit';
import { assertMember } from './membership';
import { type Role, assertCan, can } from './roles';
import { departmentMembers, departments, memberships, users } from './tables';

type Department = z.infer<typeof D.Department>;
const DEPARTMENT = { zh: '部门', en: 'Department' };

/** The ids of the workspace's departments the user is in. */
export async function departmentsOf(db: Executor, workspaceId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: departments.id })
    .from(departmentMembers)
    .innerJoin(departments, eq(departments.id, departmentMembers.departmentId))
    .where(and(eq(departments.workspaceId, workspaceId), eq(departmentMembers.userId, userId)));
  return rows.map((r) => r.id);
}

/** The department's id if it is the workspace's (400 otherwise: it names a field of the caller's body). */
export async function assertDepartment(db: Executor, workspaceId: string, id: string) {
  const [d] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.id, id), eq(departments.workspaceId, workspaceId)));
  if (!d) throw new AppError('validation_failed', { zh: '部门不存在', en: 'No such department' }, [{ path: 'departmentId', message: 'unknown department' }]);
  return d.id;
}

/** The department whose feedback areas include `area` (case and surrounding spaces ignored), if any. */
export async function departmentForArea(db: Executor, workspaceId: string, area: string): Promise<string | null> {
  const [d] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(
      and(eq(departments.workspaceId, workspaceId), sql`exists (select 1 from unnest(${departments.feedbackAreas}) a where lower(a) = lower(${area.trim()}))`),
    );
  return d?.id ?? null;
}

/** Names of the workspace's departments among `ids`. */
export async function departmentNames(db: Executor, workspaceId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const want = [...new Set(ids.filter((x): x is string => !!x))];
  if (!want.length) return new Map();
  const rows = await db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.workspaceId, workspaceId), inArray(departments.id, want)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Every department's product areas: suggestions beside those already used. */
export async function departmentAreas(db: Executor, workspaceId: string): Promise<string[]> {
  const r = await db.execute<{ area: string }>(sql`select distinct unnest(feedback_areas) as area from departments where workspace_id = ${workspaceId}`);
  return r.rows.map((x) => x.area);
}

async function views(db: Executor, workspaceId: string, only?: string[]): Promise<Department[]> {
  if (only && !only.length) return [];
  const rows = await db
    .select()
    .from(departments)
    .where(and(eq(departments.workspaceId, workspaceId), only ? inArray(departments.id, only) : undefined))
    .orderBy(asc(departments.name));
  if (!rows.length) return [];
  const people = await db
    .select({ departmentId: departmentMembers.departmentId, userId: users.id, name: users.name, role: memberships.role })
    .from(departmentMembers)
    .innerJoin(users, eq(users.id, departmentMembers.userId))
    .innerJoin(memberships, and(eq(memberships.userId, departmentMembers.userId), eq(memberships.workspaceId, workspaceId)))
    .where(
      inArray(
        departmentMembers.departmentId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(users.name), asc(users.id));
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    description: d.description,
    feedbackAreas: d.feedbackAreas,
    members: people.filter((p) => p.departmentId === d.id).map((p) => ({ userId: p.userId, name: p.name, role: p.role as Role })),
    createdAt: isoOr(d.createdAt),
  }));
}

async function one(db: Executor, actor: Actor, id: string): Promise<Department> {
  const [d] = await views(db, actor.workspaceId, [id]);
  if (!d) throw notFound(DEPARTMENT);
  return d;
}

/** Staff see every department; a member without the inbox (a guest) only their own. */
export async function listDepartments(deps: Deps, actor: Actor) {
  return views(deps.db, actor.workspaceId, can(actor.role, 'inbox.work') ? undefined : await departmentsOf(deps.db, actor.workspaceId, actor.userId));
}

const TAKEN = { zh: '已有同名的部门', en: 'A department with this name exists' };

/** An area routes to one department: refuses areas another department of the workspace has. */
async function assertAreasFree(db: Executor, workspaceId: string, areas: string[], except: string | null) {
  if (!areas.length) return;
  const r = await db.execute<{ area: string; name: string }>(sql`
    select a as area, d.name from departments d, unnest(d.feedback_areas) a
    where d.workspace_id = ${workspaceId} and (${except}::uuid is null or d.id <> ${except}::uuid)
      and lower(a) = any(${sql.param(areas.map((x) => x.toLowerCase()))}::text[])`);
  const hit = r.rows[0];
  if (hit)
    throw new AppError('conflict', {
      zh: `产品领域「${hit.area}」已分派给部门「${hit.name}」`,
      en: `The product area "${hit.area}" is already routed to "${hit.name}"`,
    });
}

const distinctAreas = (areas: string[]) => [...new Map(areas.map((a) => [a.toLowerCase(), a])).values()];

export async function createDepartment(deps: Deps, actor: Actor, body: z.infer<typeof D.DepartmentBody>) {
  assertCan(actor.role, 'members.manage');
  const areas = distinctAreas(body.feedbackAreas);
  await assertAreasFree(deps.db, actor.workspaceId, areas, null);
  return deps.db.transaction(async (tx) => {
    const [d] = await conflictOnDuplicate(
      () => tx.insert(departments).values({ workspaceId: actor.workspaceId, name: body.name, description: body.description, feedbackAreas: areas }).returning(),
      TAKEN,
    );
    await audit(tx, actor, { action: 'department.create', entityType: 'department', entityId: d.id, after: { ...body, feedbackAreas: areas } });
    return one(tx, actor, d.id);
  });
}

export async function updateDepartment(deps: Deps, actor: Actor, id: string, body: z.infer<typeof D.UpdateDepartmentBody>) {
  assertCan(actor.role, 'members.manage');
  const before = await one(deps.db, actor, id);
  const changes = body.feedbackAreas ? { ...body, feedbackAreas: distinctAreas(body.feedbackAreas) } : body;
  await assertAreasFree(deps.db, actor.workspaceId, changes.feedbackAreas ?? [], id);
  return deps.db.transaction(async (tx) => {
    await conflictOnDuplicate(
      () =>
        tx
          .update(departments)
          .set(changes)
          .where(and(eq(departments.id, id), eq(departments.workspaceId, actor.workspaceId))),
      TAKEN,
    );
    await audit(tx, actor, {
      action: 'department.update',
      entityType: 'department',
      entityId: id,
      before: { name: before.name, description: before.description, feedbackAreas: before.feedbackAreas },
      after: changes,
    });
    return one(tx, actor, id);
  });
}

export async function deleteDepartment(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'members.manage');
  const before = await one(deps.db, actor, id);
  await deps.db.transaction(async (tx) => {
    await tx.delete(departments).where(and(eq(departments.id, id), eq(departments.workspaceId, actor.workspaceId)));
    await audit(tx, actor, {
      action: 'department.delete',
      entityType: 'department',
      entityId: id,
      before: { name: before.name, members: before.members.map((m) => m.userId) },
    });
  });
  return { ok: true as const };
}

export async function addDepartmentMember(deps: Deps, actor: Actor, id: string, userId: string) {
  assertCan(actor.role, 'members.manage');
  await one(deps.db, actor, id);
  await assertMember(deps.db, actor.workspaceId, userId, { zh: '部门成员', en: 'A department member' });
  return deps.db.transaction(async (tx) => {
    const r = await tx.insert(departmentMembers).values({ departmentId: id, userId }).onConflictDoNothing().returning();
    if (r.length) await audit(tx, actor, { action: 'department.member_add', entityType: 'department', entityId: id, after: { userId } });
    return one(tx, actor, id);
  });
}

export async function removeDepartmentMember(deps: Deps, actor: Actor, id: string, userId: string) {
  assertCan(actor.role, 'members.manage');
  await one(deps.db, actor, id);
  return deps.db.transaction(async (tx) => {
    const r = await tx
      .delete(departmentMembers)
      .where(and(eq(departmentMembers.departmentId, id), eq(departmentMembers.userId, userId)))
      .returning();
    if (!r.length) throw notFound({ zh: '部门成员', en: 'Department member' });
    await audit(tx, actor, { action: 'department.member_remove', entityType: 'department', entityId: id, before: { userId } });
    return one(tx, actor, id);
  });
}

/** Called when a member leaves the workspace: they leave its departments too (a later re-invite starts with none). */
export async function leaveDepartments(tx: Executor, workspaceId: string, userId: string) {
  await tx.execute(
    sql`delete from department_members where user_id = ${userId} and department_id in (select id from departments where workspace_id = ${workspaceId})`,
  );
}
