// What a rule does to the items it matched, inside the rule's savepoint (rules-live.ts): the
// item changes through the same path as a member's change (changes.ts: status events, then the
// rows; audited `inbox.rule`), notifications with a link to each item, a risk alert through the
// monitor's alert path, and a canned reply filled in per item and stored `proposed`: nothing is
// sent until a person approves it (rules-replies.ts). A reply the item cannot take (not a comment,
// a platform without a reply API, a variable the item cannot fill, too long) is left out for that
// item; a missing member or template breaks the rule (its savepoint rolls back, the items stay).
import { sql } from 'drizzle-orm';
import type { RuleActions } from '../../../../contract/inbox-rules';
import { can, type Role } from '../../../../contract/permissions';
import type { Deps } from '../../context';
import type { Executor, Tx } from '../../db/pool';
import { AppError } from '../../lib/errors';
import { platformModule } from '../../platforms/registry';
import { audit } from '../identity/audit';
import { assertMember } from '../identity/membership';
import { raiseRuleAlert } from '../incidents/monitor';
import { notify } from '../notify/service';
import { findPublications } from '../publishing/lookup';
import { changeItems } from './changes';
import { inboxRuleHits } from './rules-tables';
import { renderBody } from './templates';

export type ActionName = 'assign' | 'tags' | 'priority' | 'notify' | 'alert' | 'reply';
export interface RuleRow {
  id: string;
  workspaceId: string;
  name: string;
  actions: RuleActions;
}

/** Refuses an assignee who is not a member or cannot work the inbox. */
export async function assertWorker(ex: Executor, workspaceId: string, userId: string, what = { zh: '负责人', en: 'The assignee' }) {
  const role = await assertMember(ex, workspaceId, userId, what);
  if (!can(role as Role, 'inbox.work'))
    throw new AppError('validation_failed', { zh: `${what.zh}的角色不能处理收件箱`, en: `${what.en} has a role that cannot work the inbox` });
}

/** At most this many notifications per rule and batch name their item; the rest are told in one. */
const NOTIFY_EACH = 10;

async function tell(deps: Deps, tx: Tx, rule: RuleRow, userIds: string[], items: { id: string; text: string }[]) {
  const r = await tx.execute<{ id: string; role: string }>(sql`
    select user_id as id, role from memberships where workspace_id = ${rule.workspaceId} and user_id = any(${sql.param(userIds)}::uuid[])`);
  const to = r.rows.filter((m) => can(m.role as Role, 'inbox.work')).map((m) => m.id);
  if (!to.length) return false;
  const quote = (t: string) => (t.length > 60 ? `${t.slice(0, 60)}…` : t);
  const each = items.slice(0, NOTIFY_EACH);
  const rest = items.slice(NOTIFY_EACH);
  for (const it of each)
    await notify(
      deps,
      {
        workspaceId: rule.workspaceId,
        kind: 'inbox.rule',
        title: { zh: `规则「${rule.name}」命中一条消息`, en: `Rule "${rule.name}" matched an item` },
        body: { zh: `「${quote(it.text)}」`, en: `"${quote(it.text)}"` },
        link: `/inbox?item=${it.id}`,
        userIds: to,
        webhooks: false,
      },
      tx,
    );
  if (rest.length)
    await notify(
      deps,
      {
        workspaceId: rule.workspaceId,
        kind: 'inbox.rule',
        title: { zh: `规则「${rule.name}」另命中 ${rest.length} 条消息`, en: `Rule "${rule.name}" matched ${rest.length} more items` },
        body: { zh: `「${quote(rest[0].text)}」等`, en: `"${quote(rest[0].text)}" and others` },
        link: `/inbox?item=${rest[0].id}`,
        userIds: to,
        webhooks: false,
      },
      tx,
    );
  return true;
}

/** Proposed replies for the items that can take one; answers the ids of those items. */
async function propose(tx: Tx, rule: RuleRow, templateId: string, ids: string[]) {
  const t = await tx.execute<{ body: string }>(sql`select body from inbox_templates where id = ${templateId} and workspace_id = ${rule.workspaceId}`);
  if (!t.rows[0]) throw new AppError('not_found', { zh: '规则的回复模板已不存在', en: "The rule's canned reply no longer exists" });
  const r = await tx.execute<{ id: string; kind: string; author: string | null; account: string; platform: string; publication_id: string | null }>(sql`
    select i.id, i.kind, i.author_name as author, a.name as account, a.platform, i.publication_id
    from inbox_items i join platform_accounts a on a.id = i.account_id where i.id = any(${sql.param(ids)}::uuid[]) and i.workspace_id = ${rule.workspaceId}`);
  const pubIds = r.rows.flatMap((x) => (x.publication_id ? [x.publication_id] : []));
  const pubs = pubIds.length ? await findPublications(tx, rule.workspaceId, { ids: pubIds, links: [] }) : [];
  const out: { itemId: string; text: string }[] = [];
  for (const it of r.rows) {
    const limits = platformModule(it.platform)?.replyLimits;
    if (it.kind !== 'comment' || !platformModule(it.platform)?.replies || !limits) continue;
    const post = pubs.find((p) => p.id === it.publication_id)?.postTitle ?? null;
    let text: string;
    try {
      text = renderBody(t.rows[0].body, { author: it.author, account: it.account, post });
    } catch {
      continue;
    }
    if (limits.length(text) <= limits.maxLength) out.push({ itemId: it.id, text });
  }
  if (out.length)
    await tx.execute(sql`
      insert into inbox_replies (workspace_id, item_id, text, state)
      select ${rule.workspaceId}::uuid, u.item_id, u.text, 'proposed'
      from unnest(${sql.param(out.map((o) => o.itemId))}::uuid[], ${sql.param(out.map((o) => o.text))}::text[]) as u(item_id, text)`);
  return new Set(out.map((o) => o.itemId));
}

/** Applies the rule's actions to the items (all of the workspace, all matched) and records the hits. */
export async function applyActions(deps: Deps, tx: Tx, rule: RuleRow, items: { id: string; text: string }[]) {
  const a = rule.actions;
  const ids = items.map((i) => i.id);
  const done: ActionName[] = [];
  if (a.assigneeId) await assertWorker(tx, rule.workspaceId, a.assigneeId);
  if (a.assigneeId || a.addTags?.length || a.priority) {
    await changeItems(tx, { workspaceId: rule.workspaceId, userId: null }, ids, { assigneeId: a.assigneeId, addTags: a.addTags, priority: a.priority });
    if (a.assigneeId) done.push('assign');
    if (a.addTags?.length) done.push('tags');
    if (a.priority) done.push('priority');
  }
  if (a.notifyUserIds?.length && (await tell(deps, tx, rule, a.notifyUserIds, items))) done.push('notify');
  if (a.alert) {
    await raiseRuleAlert(deps, tx, rule.workspaceId, rule, ids);
    done.push('alert');
  }
  const replied = a.replyTemplateId ? await propose(tx, rule, a.replyTemplateId, ids) : new Set<string>();
  const hits = items.map((it) => ({
    workspaceId: rule.workspaceId,
    ruleId: rule.id,
    ruleName: rule.name,
    itemId: it.id,
    actions: replied.has(it.id) ? [...done, 'reply'] : done,
  }));
  await tx.insert(inboxRuleHits).values(hits);
  await audit(
    tx,
    { workspaceId: rule.workspaceId, userId: null },
    {
      action: 'inbox.rule',
      entityType: 'inbox_rule',
      entityId: rule.id,
      after: { items: ids.length, actions: done, replies: replied.size, ids: ids.slice(0, 100) },
    },
  );
}
