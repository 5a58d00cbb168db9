// Playbooks (checklist templates) and holding statements (pre-approved texts) of a workspace.
import { and, asc, desc, eq, ilike, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as C from '../../../../contract/incidents';
import type { Deps } from '../../context';
import { notFound } from '../../lib/errors';
import { paged } from '../../lib/paging';
import { contains } from '../../lib/sql';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { memberName } from '../identity/membership';
import { DEFAULT_PLAYBOOKS } from './defaults';
import * as repo from './repository';
import { holdingStatements, playbooks } from './tables';

const PLAYBOOK = { zh: '预案', en: 'Playbook' };
const STATEMENT = { zh: '回应口径', en: 'Holding statement' };

export async function listPlaybooks(deps: Deps, actor: Actor) {
  await repo.ensureDefaultPlaybooks(deps.db, actor.workspaceId);
  const rows = await deps.db
    .select()
    .from(playbooks)
    .where(and(eq(playbooks.workspaceId, actor.workspaceId), isNull(playbooks.archivedAt)))
    .orderBy(asc(playbooks.createdAt), asc(playbooks.name));
  // Built-ins first, in the order they are listed; then the workspace's own, oldest first.
  const rank = (key: string | null) => (key === null ? DEFAULT_PLAYBOOKS.length : DEFAULT_PLAYBOOKS.findIndex((d) => d.key === key));
  return rows.map(repo.playbookView).sort((a, b) => rank(a.key) - rank(b.key));
}

export async function createPlaybook(deps: Deps, actor: Actor, body: z.infer<typeof C.PlaybookBody>) {
  assertCan(actor.role, 'incidents.manage');
  return deps.db.transaction(async (tx) => {
    const items = body.items.map((i) => ({ text: i.text, textEn: i.textEn ?? null }));
    const [row] = await tx
      .insert(playbooks)
      .values({ ...body, nameEn: body.nameEn ?? null, items, workspaceId: actor.workspaceId, createdBy: actor.userId })
      .returning();
    await audit(tx, actor, { action: 'playbook.create', entityType: 'playbook', entityId: row.id, after: repo.playbookView(row) });
    return repo.playbookView(row);
  });
}

export async function updatePlaybook(deps: Deps, actor: Actor, id: string, body: z.infer<typeof C.PlaybookBody>) {
  assertCan(actor.role, 'incidents.manage');
  return deps.db.transaction(async (tx) => {
    const before = await repo.findPlaybook(tx, actor.workspaceId, id);
    if (!before) throw notFound(PLAYBOOK);
    // Incidents already opened keep the checklist they were given; only new ones see the change.
    const items = body.items.map((i) => ({ text: i.text, textEn: i.textEn ?? null }));
    const [row] = await tx
      .update(playbooks)
      .set({ ...body, nameEn: body.nameEn ?? null, items, updatedAt: sql`now()` })
      .where(eq(playbooks.id, id))
      .returning();
    await audit(tx, actor, {
      action: 'playbook.update',
      entityType: 'playbook',
      entityId: id,
      before: repo.playbookView(before),
      after: repo.playbookView(row),
    });
    return repo.playbookView(row);
  });
}

export async function archivePlaybook(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'incidents.manage');
  await deps.db.transaction(async (tx) => {
    const before = await repo.findPlaybook(tx, actor.workspaceId, id);
    if (!before) throw notFound(PLAYBOOK);
    await tx.update(playbooks).set({ archivedAt: sql`now()` }).where(eq(playbooks.id, id));
    await audit(tx, actor, { action: 'playbook.archive', entityType: 'playbook', entityId: id, before: { name: before.name } });
  });
}

export async function listStatements(deps: Deps, actor: Actor, q: z.infer<typeof C.StatementQuery> & { page: number; pageSize: number }) {
  const where = and(
    eq(holdingStatements.workspaceId, actor.workspaceId),
    isNull(holdingStatements.archivedAt),
    q.status === 'approved' ? isNotNull(holdingStatements.approvedAt) : q.status === 'draft' ? isNull(holdingStatements.approvedAt) : undefined,
    q.q ? or(ilike(holdingStatements.title, contains(q.q)), ilike(holdingStatements.body, contains(q.q))) : undefined,
  );
  return paged(
    q,
    (limit, offset) =>
      deps.db
        .select({ s: holdingStatements, approver: memberName(holdingStatements.workspaceId, holdingStatements.approvedBy) })
        .from(holdingStatements)
        .where(where)
        .orderBy(desc(holdingStatements.updatedAt))
        .limit(limit)
        .offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(holdingStatements).where(where),
    (rows) => rows.map((r) => repo.statementView(r.s, r.approver)),
  );
}

/** Drafting is content work (editors and up); approving is the manager's. */
export async function createStatement(deps: Deps, actor: Actor, body: z.infer<typeof C.StatementBody>) {
  assertCan(actor.role, 'content.write');
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(holdingStatements)
      .values({ ...body, workspaceId: actor.workspaceId, createdBy: actor.userId })
      .returning();
    await audit(tx, actor, { action: 'statement.create', entityType: 'statement', entityId: row.id, after: repo.statementView(row, null) });
    return repo.statementView(row, null);
  });
}

export async function updateStatement(deps: Deps, actor: Actor, id: string, body: z.infer<typeof C.StatementBody>) {
  assertCan(actor.role, 'content.write');
  return deps.db.transaction(async (tx) => {
    const before = await repo.findStatement(tx, actor.workspaceId, id);
    if (!before) throw notFound(STATEMENT);
    const textChanged = before.title !== body.title || before.body !== body.body;
    // What was approved is exactly the text; a changed text needs approving again.
    const [row] = await tx
      .update(holdingStatements)
      .set({ ...body, ...(textChanged ? { approvedAt: null, approvedBy: null } : {}), updatedAt: sql`now()` })
      .where(eq(holdingStatements.id, id))
      .returning();
    const view = repo.statementView(row, await repo.userName(tx, row.workspaceId, row.approvedBy));
    await audit(tx, actor, { action: 'statement.update', entityType: 'statement', entityId: id, before: repo.statementView(before, null), after: view });
    return view;
  });
}

export async function approveStatement(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'incidents.manage');
  return deps.db.transaction(async (tx) => {
    const before = await repo.findStatement(tx, actor.workspaceId, id);
    if (!before) throw notFound(STATEMENT);
    // Approving again changes nothing: the first approval stands.
    if (before.approvedAt) return repo.statementView(before, await repo.userName(tx, before.workspaceId, before.approvedBy));
    const [row] = await tx
      .update(holdingStatements)
      .set({ approvedAt: sql`now()`, approvedBy: actor.userId, updatedAt: sql`now()` })
      .where(eq(holdingStatements.id, id))
      .returning();
    await audit(tx, actor, { action: 'statement.approve', entityType: 'statement', entityId: id, after: { title: row.title, body: row.body } });
    return repo.statementView(row, await repo.userName(tx, row.workspaceId, actor.userId));
  });
}

export async function archiveStatement(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'incidents.manage');
  await deps.db.transaction(async (tx) => {
    const before = await repo.findStatement(tx, actor.workspaceId, id);
    if (!before) throw notFound(STATEMENT);
    await tx.update(holdingStatements).set({ archivedAt: sql`now()` }).where(eq(holdingStatements.id, id));
    await audit(tx, actor, { action: 'statement.archive', entityType: 'statement', entityId: id, before: { title: before.title } });
  });
}
