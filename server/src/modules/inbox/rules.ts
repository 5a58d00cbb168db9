// Inbox rules, as managers write them (inbox.rules): listed in order with their hits in the last
// 30 days, created last in the order, changed, switched on and off, reordered, deleted (their hits
// keep the rule's name), and tried: the dry run reads the last 30 days with the same compiled
// condition the live path uses (rules-compile.ts). Saved rules are checked: at least one condition
// and one action, the members and the template of this workspace, accounts of this workspace.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as C from '../../../../contract/inbox-rules';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, notFound } from '../../lib/errors';
import { isoOr } from '../../lib/time';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { assertWorker } from './rules-actions';
import { checkConditions, compile, ruleContext } from './rules-compile';
import { inboxRules } from './rules-tables';
import { pageOfItems } from './service';

type Rule = typeof inboxRules.$inferSelect;
type View = z.infer<typeof C.InboxRule>;
const DAY = 86_400_000;
/** The dry run's span, and the span of a rule's hit count. */
const DRY_RUN_DAYS = 30;
const DRY_RUN_ITEMS = 50;

const view = (r: Rule, hits: { n: number; last: Date | null } | undefined): View => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled,
  position: r.position,
  conditions: r.conditions,
  actions: r.actions,
  stopAfter: r.stopAfter,
  createdBy: r.createdBy,
  hits: hits?.n ?? 0,
  lastHitAt: hits?.last ? isoOr(hits.last) : null,
  createdAt: isoOr(r.createdAt),
  updatedAt: isoOr(r.updatedAt),
});

async function views(ex: Executor, workspaceId: string, rows: Rule[]) {
  if (!rows.length) return [];
  const h = await ex.execute<{ rule_id: string; n: number; last: Date }>(sql`
    select rule_id, count(*)::int as n, max(at) as last from inbox_rule_hits
    where workspace_id = ${workspaceId} and rule_id = any(${sql.param(rows.map((r) => r.id))}::uuid[]) and at > now() - make_interval(days => ${DRY_RUN_DAYS})
    group by rule_id`);
  const by = new Map(h.rows.map((x) => [x.rule_id, { n: x.n, last: new Date(x.last) }]));
  return rows.map((r) => view(r, by.get(r.id)));
}

const ordered = (ex: Executor, workspaceId: string) =>
  ex.select().from(inboxRules).where(eq(inboxRules.workspaceId, workspaceId)).orderBy(asc(inboxRules.position), asc(inboxRules.createdAt));

async function one(ex: Executor, actor: Actor, id: string) {
  const [r] = await ex
    .select()
    .from(inboxRules)
    .where(and(eq(inboxRules.id, id), eq(inboxRules.workspaceId, actor.workspaceId)));
  if (!r) throw notFound({ zh: '规则', en: 'Rule' });
  return r;
}

/** The conditions and actions of a rule about to be saved, checked against the workspace. */
async function checkRule(ex: Executor, actor: Actor, conditions: C.RuleConditions, actions: C.RuleActions) {
  checkConditions(conditions);
  if (!Object.values(actions).some((v) => v !== undefined && v !== false))
    throw new AppError('validation_failed', { zh: '规则至少需要一个动作', en: 'A rule needs at least one action' }, [{ path: 'actions', message: 'empty' }]);
  if (actions.assigneeId) await assertWorker(ex, actor.workspaceId, actions.assigneeId);
  for (const id of new Set(actions.notifyUserIds ?? [])) await assertWorker(ex, actor.workspaceId, id, { zh: '通知的成员', en: 'A member to notify' });
  if (actions.replyTemplateId) {
    const t = await ex.execute(sql`select 1 from inbox_templates where id = ${actions.replyTemplateId} and workspace_id = ${actor.workspaceId}`);
    if (!t.rows.length)
      throw new AppError('validation_failed', { zh: '回复模板不存在', en: 'The canned reply does not exist' }, [
        { path: 'actions.replyTemplateId', message: 'unknown' },
      ]);
  }
  if (conditions.accountIds) {
    const ids = [...new Set(conditions.accountIds)];
    const a = await ex.execute(sql`select 1 from platform_accounts where workspace_id = ${actor.workspaceId} and id = any(${sql.param(ids)}::uuid[])`);
    if (a.rows.length !== ids.length)
      throw new AppError('validation_failed', { zh: '账号不属于本工作区', en: 'An account does not belong to this workspace' }, [
        { path: 'conditions.accountIds', message: 'unknown' },
      ]);
  }
}

const snapshot = (r: Rule) => ({ name: r.name, enabled: r.enabled, conditions: r.conditions, actions: r.actions, stopAfter: r.stopAfter });

export async function listRules(deps: Deps, actor: Actor) {
  assertCan(actor.role, 'inbox.rules');
  return views(deps.db, actor.workspaceId, await ordered(deps.db, actor.workspaceId));
}

export async function createRule(deps: Deps, actor: Actor, body: z.infer<typeof C.InboxRuleBody>) {
  assertCan(actor.role, 'inbox.rules');
  await checkRule(deps.db, actor, body.conditions, body.actions);
  return deps.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(inboxRules)
      .values({
        ...body,
        workspaceId: actor.workspaceId,
        createdBy: actor.userId,
        position: sql`(select coalesce(max(position), 0) + 1 from inbox_rules where workspace_id = ${actor.workspaceId})`,
      })
      .returning();
    await audit(tx, actor, { action: 'inbox.rule_create', entityType: 'inbox_rule', entityId: r.id, after: snapshot(r) });
    return view(r, undefined);
  });
}

export async function updateRule(deps: Deps, actor: Actor, id: string, body: z.infer<typeof C.UpdateInboxRuleBody>) {
  assertCan(actor.role, 'inbox.rules');
  const before = await one(deps.db, actor, id);
  await checkRule(deps.db, actor, body.conditions ?? before.conditions, body.actions ?? before.actions);
  return deps.db.transaction(async (tx) => {
    const [r] = await tx
      .update(inboxRules)
      .set({ ...body, updatedAt: sql`now()` })
      .where(and(eq(inboxRules.id, id), eq(inboxRules.workspaceId, actor.workspaceId)))
      .returning();
    await audit(tx, actor, { action: 'inbox.rule_update', entityType: 'inbox_rule', entityId: id, before: snapshot(before), after: body });
    return (await views(tx, actor.workspaceId, [r]))[0];
  });
}

export async function deleteRule(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'inbox.rules');
  const before = await one(deps.db, actor, id);
  await deps.db.transaction(async (tx) => {
    await tx.delete(inboxRules).where(and(eq(inboxRules.id, id), eq(inboxRules.workspaceId, actor.workspaceId)));
    await audit(tx, actor, { action: 'inbox.rule_delete', entityType: 'inbox_rule', entityId: id, before: snapshot(before) });
  });
  return { ok: true as const };
}

/** The new order: every rule of the workspace, once. */
export async function reorderRules(deps: Deps, actor: Actor, body: z.infer<typeof C.ReorderRulesBody>) {
  assertCan(actor.role, 'inbox.rules');
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`inbox-rules:${actor.workspaceId}`}))`);
    const rows = await ordered(tx, actor.workspaceId);
    const ids = new Set(body.ids);
    if (ids.size !== body.ids.length || ids.size !== rows.length || rows.some((r) => !ids.has(r.id)))
      throw new AppError('validation_failed', { zh: '请按新顺序列出全部规则，每条一次', en: 'List every rule once, in the new order' }, [
        { path: 'ids', message: 'not every rule once' },
      ]);
    await tx.execute(sql`
      update inbox_rules r set position = u.n, updated_at = now()
      from unnest(${sql.param(body.ids)}::uuid[]) with ordinality as u(id, n)
      where r.id = u.id and r.workspace_id = ${actor.workspaceId}`);
    await audit(tx, actor, { action: 'inbox.rule_reorder', entityType: 'workspace', entityId: actor.workspaceId, after: { ids: body.ids } });
    return views(tx, actor.workspaceId, await ordered(tx, actor.workspaceId));
  });
}

/** What the conditions match among the items from the public of the last 30 days: the count and the newest 50. */
export async function dryRun(deps: Deps, actor: Actor, body: z.infer<typeof C.DryRunBody>) {
  assertCan(actor.role, 'inbox.rules');
  checkConditions(body.conditions);
  const to = new Date();
  const from = new Date(to.getTime() - DRY_RUN_DAYS * DAY);
  const ctx = await ruleContext(deps.db, actor.workspaceId, from, to);
  const where = sql`i.workspace_id = ${actor.workspaceId} and i.at >= ${from.toISOString()} and i.at <= ${to.toISOString()} and ${compile(body.conditions, ctx)}`;
  const n = await deps.db.execute<{ n: number }>(sql`select count(*)::int as n from inbox_items i where ${where}`);
  return { matched: n.rows[0].n, items: await pageOfItems(deps.db, where, DRY_RUN_ITEMS), from: from.toISOString() };
}
