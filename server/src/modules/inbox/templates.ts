// Canned replies (inbox_templates): managers write them, everyone who works the inbox uses them.
// A body names variables as {{author}}, {{account}}, {{post}}; an unknown name is refused when the
// template is saved, and a variable the item cannot fill (no author name, no post) is an error
// when it is rendered, never a blank in a reply that goes out.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import * as C from '../../../../contract/inbox';
import type { Deps } from '../../context';
import { AppError, conflictOnDuplicate, notFound } from '../../lib/errors';
import { isoOr } from '../../lib/time';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { findPublications } from '../publishing/lookup';
import { inboxTemplates } from './tables';

type Template = typeof inboxTemplates.$inferSelect;
type Variable = (typeof C.TEMPLATE_VARIABLES)[number];

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

const view = (t: Template): z.infer<typeof C.InboxTemplate> => ({
  id: t.id,
  name: t.name,
  body: t.body,
  createdAt: isoOr(t.createdAt),
  updatedAt: isoOr(t.updatedAt),
});

function checkVariables(body: string) {
  const unknown = [...body.matchAll(VARIABLE)].map((m) => m[1]).filter((v) => !(C.TEMPLATE_VARIABLES as readonly string[]).includes(v));
  if (unknown.length)
    throw new AppError(
      'validation_failed',
      {
        zh: `模板中有未知变量：${unknown.map((v) => `{{${v}}}`).join('、')}（可用：{{author}} {{account}} {{post}}）`,
        en: `Unknown variables in the template: ${unknown.map((v) => `{{${v}}}`).join(', ')} (available: {{author}} {{account}} {{post}})`,
      },
      [{ path: 'body', message: 'unknown variable' }],
    );
}

/** The body with the variables filled in, or an error naming those the item cannot fill. */
export function renderBody(body: string, values: Record<Variable, string | null>): string {
  const missing = [...new Set([...body.matchAll(VARIABLE)].map((m) => m[1] as Variable).filter((v) => !values[v]))];
  if (missing.length) {
    const names = missing.map((v) => `{{${v}}}`).join(', ');
    throw new AppError('validation_failed', { zh: `这条消息缺少模板变量的值：${names}`, en: `This item has no value for ${names}` }, [
      { path: 'itemId', message: `missing ${names}` },
    ]);
  }
  return body.replace(VARIABLE, (_, v: Variable) => values[v] as string);
}

async function one(deps: Deps, actor: Actor, id: string) {
  const [t] = await deps.db
    .select()
    .from(inboxTemplates)
    .where(and(eq(inboxTemplates.id, id), eq(inboxTemplates.workspaceId, actor.workspaceId)));
  if (!t) throw notFound({ zh: '回复模板', en: 'Canned reply' });
  return t;
}

const TAKEN = { zh: '已有同名的回复模板', en: 'A canned reply with this name exists' };
const unique = <T>(fn: () => Promise<T>) => conflictOnDuplicate(fn, TAKEN);

export async function listTemplates(deps: Deps, actor: Actor) {
  assertCan(actor.role, 'inbox.work');
  const rows = await deps.db.select().from(inboxTemplates).where(eq(inboxTemplates.workspaceId, actor.workspaceId)).orderBy(asc(inboxTemplates.name));
  return rows.map(view);
}

export async function createTemplate(deps: Deps, actor: Actor, body: z.infer<typeof C.InboxTemplateBody>) {
  assertCan(actor.role, 'inbox.manage');
  checkVariables(body.body);
  return deps.db.transaction(async (tx) => {
    const [t] = await unique(() =>
      tx.insert(inboxTemplates).values({ workspaceId: actor.workspaceId, name: body.name, body: body.body, createdBy: actor.userId }).returning(),
    );
    await audit(tx, actor, { action: 'inbox.template_create', entityType: 'inbox_template', entityId: t.id, after: body });
    return view(t);
  });
}

export async function updateTemplate(deps: Deps, actor: Actor, id: string, body: z.infer<typeof C.UpdateInboxTemplateBody>) {
  assertCan(actor.role, 'inbox.manage');
  if (body.body) checkVariables(body.body);
  const before = await one(deps, actor, id);
  return deps.db.transaction(async (tx) => {
    const [t] = await unique(() =>
      tx
        .update(inboxTemplates)
        .set({ ...body, updatedAt: sql`now()` })
        .where(and(eq(inboxTemplates.id, id), eq(inboxTemplates.workspaceId, actor.workspaceId)))
        .returning(),
    );
    await audit(tx, actor, {
      action: 'inbox.template_update',
      entityType: 'inbox_template',
      entityId: id,
      before: { name: before.name, body: before.body },
      after: body,
    });
    return view(t);
  });
}

export async function deleteTemplate(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'inbox.manage');
  const before = await one(deps, actor, id);
  await deps.db.transaction(async (tx) => {
    await tx.delete(inboxTemplates).where(and(eq(inboxTemplates.id, id), eq(inboxTemplates.workspaceId, actor.workspaceId)));
    await audit(tx, actor, { action: 'inbox.template_delete', entityType: 'inbox_template', entityId: id, before: { name: before.name, body: before.body } });
  });
  return { ok: true as const };
}

/** The template filled in from one item: its author's name, its account's name, its post's title. */
export async function renderTemplate(deps: Deps, actor: Actor, id: string, itemId: string) {
  assertCan(actor.role, 'inbox.work');
  const t = await one(deps, actor, id);
  const r = await deps.db.execute<{ author: string | null; account: string; publication_id: string | null }>(sql`
    select i.author_name as author, a.name as account, i.publication_id from inbox_items i join platform_accounts a on a.id = i.account_id
    where i.id = ${itemId} and i.workspace_id = ${actor.workspaceId}`);
  const row = r.rows[0];
  if (!row) throw notFound({ zh: '消息', en: 'Inbox item' });
  const [pub] = row.publication_id ? await findPublications(deps.db, actor.workspaceId, { ids: [row.publication_id], links: [] }) : [];
  return { text: renderBody(t.body, { author: row.author, account: row.account, post: pub?.postTitle ?? null }) };
}
