// Onboarding: the workspace's template (people.manage) and each new member's checklist, copied
// from the template when they join by invitation (identity's onMemberJoined) or when a manager
// starts one. Items are ticked by the member themselves or by people.manage.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as P from '../../../../contract/people';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { notFound } from '../../lib/errors';
import { iso, isoOr } from '../../lib/time';
import { type Actor, audit } from '../identity/audit';
import { onMemberJoined } from '../identity/joined';
import { assertMember, memberNames } from '../identity/membership';
import { assertCan, can } from '../identity/roles';
import { linkHiredMember } from './hiring-link';
import { onboardingChecklists, onboardingItems, onboardingTemplateItems } from './tables';

const CHECKLIST = { zh: '入职清单', en: 'Onboarding checklist' };
type ChecklistRow = typeof onboardingChecklists.$inferSelect;

export async function getTemplate(deps: Deps, actor: Actor) {
  assertCan(actor.role, 'people.manage');
  const rows = await templateOf(deps.db, actor.workspaceId);
  return { items: rows.map((r) => r.title) };
}

const templateOf = (ex: Executor, workspaceId: string) =>
  ex.select().from(onboardingTemplateItems).where(eq(onboardingTemplateItems.workspaceId, workspaceId)).orderBy(asc(onboardingTemplateItems.position));

/** Replaces the template; checklists already made keep their items. */
export async function setTemplate(deps: Deps, actor: Actor, body: z.infer<typeof P.OnboardingTemplateBody>) {
  assertCan(actor.role, 'people.manage');
  return deps.db.transaction(async (tx) => {
    const before = await templateOf(tx, actor.workspaceId);
    await tx.delete(onboardingTemplateItems).where(eq(onboardingTemplateItems.workspaceId, actor.workspaceId));
    if (body.items.length)
      await tx.insert(onboardingTemplateItems).values(body.items.map((title, position) => ({ workspaceId: actor.workspaceId, position, title })));
    await audit(tx, actor, {
      action: 'onboarding.template',
      entityType: 'workspace',
      entityId: actor.workspaceId,
      before: { items: before.map((r) => r.title) },
      after: { items: body.items },
    });
    return { items: body.items };
  });
}

/** Makes the member's checklist from the template unless they have one; returns its id. */
export async function startChecklist(tx: Executor, workspaceId: string, userId: string) {
  const [made] = await tx.insert(onboardingChecklists).values({ workspaceId, userId }).onConflictDoNothing().returning();
  if (!made) {
    const [old] = await tx
      .select()
      .from(onboardingChecklists)
      .where(and(eq(onboardingChecklists.workspaceId, workspaceId), eq(onboardingChecklists.userId, userId)));
    return old.id;
  }
  const template = await templateOf(tx, workspaceId);
  if (template.length)
    await tx.insert(onboardingItems).values(template.map((t) => ({ workspaceId, checklistId: made.id, position: t.position, title: t.title })));
  return made.id;
}

// Everyone who joins by invitation starts onboarding; a hired candidate's record learns who they became.
onMemberJoined(async (tx, j) => {
  await startChecklist(tx, j.workspaceId, j.userId);
  await linkHiredMember(tx, j);
});

async function views(ex: Executor, workspaceId: string, lists: ChecklistRow[]) {
  if (!lists.length) return [];
  const items = await ex
    .select()
    .from(onboardingItems)
    .where(
      inArray(
        onboardingItems.checklistId,
        lists.map((l) => l.id),
      ),
    )
    .orderBy(asc(onboardingItems.position));
  const names = await memberNames(ex, workspaceId, [...lists.map((l) => l.userId), ...items.map((i) => i.doneBy)]);
  return lists.map((l) => {
    const mine = items.filter((i) => i.checklistId === l.id);
    return {
      id: l.id,
      userId: l.userId,
      name: names.get(l.userId) ?? null,
      done: mine.filter((i) => i.doneAt).length,
      total: mine.length,
      items: mine.map((i) => ({ id: i.id, title: i.title, doneAt: iso(i.doneAt), doneByName: i.doneBy ? (names.get(i.doneBy) ?? null) : null })),
      createdAt: isoOr(l.createdAt),
    };
  });
}

/** Every checklist of the workspace, newest first (people.manage): the progress of the new members. */
export async function listChecklists(deps: Deps, actor: Actor) {
  assertCan(actor.role, 'people.manage');
  const lists = await deps.db
    .select()
    .from(onboardingChecklists)
    .where(eq(onboardingChecklists.workspaceId, actor.workspaceId))
    .orderBy(sql`${onboardingChecklists.createdAt} desc`);
  return views(deps.db, actor.workspaceId, lists);
}

export async function myChecklist(deps: Deps, actor: Actor) {
  const lists = await deps.db
    .select()
    .from(onboardingChecklists)
    .where(and(eq(onboardingChecklists.workspaceId, actor.workspaceId), eq(onboardingChecklists.userId, actor.userId)));
  const [v] = await views(deps.db, actor.workspaceId, lists);
  return v ?? null;
}

export async function createChecklist(deps: Deps, actor: Actor, body: z.infer<typeof P.StartOnboardingBody>) {
  assertCan(actor.role, 'people.manage');
  await assertMember(deps.db, actor.workspaceId, body.userId, { zh: '成员', en: 'The member' });
  return deps.db.transaction(async (tx) => {
    const id = await startChecklist(tx, actor.workspaceId, body.userId);
    await audit(tx, actor, { action: 'onboarding.start', entityType: 'onboarding_checklist', entityId: id, after: { userId: body.userId } });
    const [row] = await tx.select().from(onboardingChecklists).where(eq(onboardingChecklists.id, id));
    const [v] = await views(tx, actor.workspaceId, [row]);
    return v;
  });
}

export async function tickItem(deps: Deps, actor: Actor, itemId: string, body: z.infer<typeof P.OnboardingTickBody>) {
  assertCan(actor.role, 'people.self');
  return deps.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ item: onboardingItems, list: onboardingChecklists })
      .from(onboardingItems)
      .innerJoin(onboardingChecklists, eq(onboardingChecklists.id, onboardingItems.checklistId))
      .where(and(eq(onboardingItems.id, itemId), eq(onboardingItems.workspaceId, actor.workspaceId)))
      .for('update');
    const manager = can(actor.role, 'people.manage');
    if (!found || (!manager && found.list.userId !== actor.userId)) throw notFound(CHECKLIST);
    if (body.done !== !!found.item.doneAt) {
      await tx
        .update(onboardingItems)
        .set(body.done ? { doneAt: sql`now()`, doneBy: actor.userId } : { doneAt: null, doneBy: null })
        .where(eq(onboardingItems.id, itemId));
      await audit(tx, actor, { action: 'onboarding.tick', entityType: 'onboarding_checklist', entityId: found.list.id, after: { itemId, done: body.done } });
    }
    return (await views(tx, actor.workspaceId, [found.list]))[0];
  });
}
