// Request types: the forms other departments fill in. The four defaults are made the first time a
// workspace reads its types (never again: a workspace that archived them keeps them archived).
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as Q from '../../../../contract/requests';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, conflictOnDuplicate, notFound } from '../../lib/errors';
import { type Actor, audit } from '../identity/audit';
import { assertMember, memberNames } from '../identity/membership';
import { assertCan, can } from '../identity/roles';
import { DEFAULT_TYPES } from './fields';
import { requestTypes } from './tables';

export type TypeRow = typeof requestTypes.$inferSelect;
type TypeView = z.infer<typeof Q.RequestType>;
const TYPE = { zh: '需求类型', en: 'Request type' };
const TAKEN = { zh: '已有同名的需求类型', en: 'A request type with this name exists' };
const OWNER = { zh: '负责人', en: 'The owner' };

export async function typeViews(ex: Executor, workspaceId: string, rows: TypeRow[]): Promise<TypeView[]> {
  const names = await memberNames(
    ex,
    workspaceId,
    rows.map((r) => r.ownerId),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    fields: r.fields as TypeView['fields'],
    ownerId: r.ownerId,
    ownerName: r.ownerId ? (names.get(r.ownerId) ?? null) : null,
    dueDays: r.dueDays,
    archived: r.archivedAt !== null,
  }));
}

async function seedDefaults(ex: Executor, workspaceId: string) {
  await ex.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`request-types:${workspaceId}`}))`);
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(requestTypes).where(eq(requestTypes.workspaceId, workspaceId));
    if (n === 0) await tx.insert(requestTypes).values(DEFAULT_TYPES.map((t, i) => ({ ...t, workspaceId, position: i + 1 })));
  });
}

/** The workspace's types, the defaults made on first use; archived ones only for those who manage them. */
export async function listTypes(deps: Deps, actor: Actor, q: z.infer<typeof Q.RequestTypeQuery> = {}) {
  assertCan(actor.role, 'requests.submit');
  await seedDefaults(deps.db, actor.workspaceId);
  const archived = q.archived === 'true' && can(actor.role, 'requests.manage');
  const rows = await deps.db
    .select()
    .from(requestTypes)
    .where(and(eq(requestTypes.workspaceId, actor.workspaceId), archived ? undefined : isNull(requestTypes.archivedAt)))
    .orderBy(asc(requestTypes.position), asc(requestTypes.name));
  return typeViews(deps.db, actor.workspaceId, rows);
}

/** The type if it is the workspace's (`active`: and not archived; 400 on the form's `typeId` otherwise). */
export async function typeFor(ex: Executor, workspaceId: string, id: string, active = false): Promise<TypeRow> {
  const [row] = await ex
    .select()
    .from(requestTypes)
    .where(and(eq(requestTypes.id, id), eq(requestTypes.workspaceId, workspaceId), active ? isNull(requestTypes.archivedAt) : undefined));
  if (!row)
    throw new AppError('validation_failed', { zh: '需求类型不存在或已停用', en: 'No such request type, or it is archived' }, [
      { path: 'typeId', message: 'unknown request type' },
    ]);
  return row;
}

export async function createType(deps: Deps, actor: Actor, body: z.infer<typeof Q.RequestTypeBody>) {
  assertCan(actor.role, 'requests.manage');
  if (body.ownerId) await assertMember(deps.db, actor.workspaceId, body.ownerId, OWNER);
  await seedDefaults(deps.db, actor.workspaceId);
  return deps.db.transaction(async (tx) => {
    const position = sql<number>`(select coalesce(max(position), 0) + 1 from request_types where workspace_id = ${actor.workspaceId})`;
    const [row] = await conflictOnDuplicate(
      () =>
        tx
          .insert(requestTypes)
          .values({ ...body, workspaceId: actor.workspaceId, position })
          .returning(),
      TAKEN,
    );
    await audit(tx, actor, { action: 'request_type.create', entityType: 'request_type', entityId: row.id, after: body });
    return (await typeViews(tx, actor.workspaceId, [row]))[0];
  });
}

export async function updateType(deps: Deps, actor: Actor, id: string, body: z.infer<typeof Q.UpdateRequestTypeBody>) {
  assertCan(actor.role, 'requests.manage');
  if (body.ownerId) await assertMember(deps.db, actor.workspaceId, body.ownerId, OWNER);
  return deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(requestTypes)
      .where(and(eq(requestTypes.id, id), eq(requestTypes.workspaceId, actor.workspaceId)))
      .for('update');
    if (!before) throw notFound(TYPE);
    const { archived, ...rest } = body;
    const [row] = await conflictOnDuplicate(
      () =>
        tx
          .update(requestTypes)
          .set({ ...rest, updatedAt: sql`now()`, ...(archived === undefined ? {} : { archivedAt: archived ? sql`coalesce(archived_at, now())` : null }) })
          .where(eq(requestTypes.id, id))
          .returning(),
      TAKEN,
    );
    await audit(tx, actor, {
      action: 'request_type.update',
      entityType: 'request_type',
      entityId: id,
      before: { name: before.name, fields: before.fields, ownerId: before.ownerId, dueDays: before.dueDays, archived: before.archivedAt !== null },
      after: body,
    });
    return (await typeViews(tx, actor.workspaceId, [row]))[0];
  });
}
