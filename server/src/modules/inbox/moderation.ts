// Featuring (精选) and hiding comments on the platform, from the inbox. Both go to the platform at
// once (platforms/inbox.ts CommentModerator; both are safe to repeat) and the inbox changes only
// when the platform said yes: a refusal leaves the stored state as it was and answers the
// platform's reason. Hiding is the platform's delete (no undo): the item stays in the inbox,
// marked hidden with who and when, its text kept for the record, and is never featured again.
// What each platform allows, and why not where it does not, is the platform's `moderationLimits`.
// The comment sync keeps `featured` in step with what the platform reports (keepFeatured).
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, type Bilingual, notFound } from '../../lib/errors';
import { isPlatformError } from '../../platforms/adapter';
import type { CommentItem, CommentModerator, ModerationRule, ReplyTarget } from '../../platforms/inbox';
import { grantCapabilities, platformModule } from '../../platforms/registry';
import { contextWithApp } from '../accounts/platform';
import { type AccountRow, findAccount } from '../accounts/repository';
import { type Actor, audit } from '../identity/audit';
import { assertCan, can } from '../identity/roles';
import { platformIdsOf } from '../publishing/lookup';
import { get } from './service';
import { recordStatus } from './sla-events';
import { saveCursor } from './sync-state';

type Row = Record<string, unknown>;
type Rules = { feature: ModerationRule; hide: ModerationRule };

const ONLY_COMMENTS = { zh: '只有评论可以精选或隐藏', en: 'Only comments can be featured or hidden' };
const NO_API = { zh: '这个渠道没有平台接口，请在平台上处理', en: 'This channel has no platform API; handle it on the platform' };
const NO_GRANT = { zh: '账号的授权不含评论权限，请重新授权', en: "The account's grant does not cover comments; authorise it again" };
const HIDDEN = { zh: '这条评论已隐藏（已在平台删除）', en: 'This comment is hidden (deleted on the platform)' };
const NOT_REVIEWER = { zh: '只有所有者、管理员和审核人可以隐藏评论', en: 'Only owners, managers and reviewers can hide comments' };

const both = (reason: Bilingual): Rules => ({ feature: { allowed: false, reason }, hide: { allowed: false, reason } });

async function load(ex: Executor, actor: Actor, id: string) {
  const r = await ex.execute<Row>(sql`
    select id, kind, external_id, from_account, publication_id, account_id, featured, hidden_at from inbox_items
    where id = ${id} and workspace_id = ${actor.workspaceId}`);
  const item = r.rows[0];
  if (!item) throw notFound({ zh: '消息', en: 'Inbox item' });
  const account = await findAccount(ex, actor.workspaceId, item.account_id as string);
  if (!account) throw notFound({ zh: '账号', en: 'Account' });
  return { item, account };
}

/** What the platform and the account's grant allow on the item, before the member's role. */
function platformRules(account: AccountRow, item: Row): Rules {
  if (item.kind !== 'comment') return both(ONLY_COMMENTS);
  if (item.hidden_at) return both(HIDDEN);
  const mod = platformModule(account.platform);
  if (!mod?.moderationLimits) return both(NO_API);
  const rules = mod.moderationLimits.allows({ fromAccount: item.from_account as boolean });
  if (!mod.moderation) return rules;
  const granted = grantCapabilities(mod, account.scopes).has.includes('comments');
  const gate = (r: ModerationRule) => (r.allowed && !granted ? { allowed: false, reason: NO_GRANT } : r);
  return { feature: gate(rules.feature), hide: gate(rules.hide) };
}

const text = (r: ModerationRule) => ({ allowed: r.allowed, reason: r.reason ? `${r.reason.zh} / ${r.reason.en}` : null });

export async function moderationOf(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'inbox.work');
  const { item, account } = await load(deps.db, actor, id);
  const r = platformRules(account, item);
  const hide = r.hide.allowed && !can(actor.role, 'inbox.hide') ? { allowed: false, reason: NOT_REVIEWER } : r.hide;
  return { feature: text(r.feature), hide: text(hide) };
}

function unsupported(what: Bilingual, r: ModerationRule): AppError {
  const why = r.reason ?? NO_API;
  return new AppError('invalid_state', { zh: `平台不支持${what.zh}：${why.zh}`, en: `Not supported: ${what.en}: ${why.en}` });
}

const refused = (e: unknown) => {
  if (!isPlatformError(e)) return e;
  const code = e.kind === 'rate_limited' ? 'rate_limited' : 'platform_error';
  return new AppError(code, {
    zh: `平台拒绝了操作（${e.code ?? e.kind}）：${e.platformMessage || e.message}`,
    en: `The platform refused (${e.code ?? e.kind}): ${e.message}`,
  });
};

/** Runs the platform call for the item; a refusal throws with the platform's reason and nothing stored changes. */
async function onPlatform(deps: Deps, account: AccountRow, item: Row, act: (m: CommentModerator, t: ReplyTarget) => Promise<void>) {
  const mod = platformModule(account.platform);
  if (!mod?.moderation) throw unsupported({ zh: '该操作', en: 'this action' }, { allowed: false, reason: NO_API });
  const ids = item.publication_id ? await platformIdsOf(deps.db, account.workspaceId, item.publication_id as string) : null;
  const target: ReplyTarget = { externalId: item.external_id as string, publishId: ids?.publishId ?? null, msgDataId: ids?.msgDataId ?? null, clientIp: null };
  try {
    await act(mod.moderation(await contextWithApp(deps, account)), target);
  } catch (e) {
    throw refused(e);
  }
}

export async function feature(deps: Deps, actor: Actor, id: string, featured: boolean) {
  assertCan(actor.role, 'inbox.work');
  const { item, account } = await load(deps.db, actor, id);
  const rule = platformRules(account, item).feature;
  if (!rule.allowed) throw unsupported({ zh: '精选', en: 'featuring comments' }, rule);
  await onPlatform(deps, account, item, (m, t) => m.feature(t, featured));
  await deps.db.transaction(async (tx) => {
    await tx.execute(sql`update inbox_items set featured = ${featured}, updated_at = now() where id = ${id} and workspace_id = ${actor.workspaceId}`);
    await audit(tx, actor, { action: 'inbox.feature', entityType: 'inbox_item', entityId: id, before: { featured: item.featured }, after: { featured } });
  });
  return (await get(deps, actor, id)).item;
}

/**
 * Deletes the comment on the platform and marks the item hidden and done. A hidden item answers as it is
 * (the platform has nothing left to delete). The post's sync cursor is dropped: a platform whose
 * cursor is an offset into the list would skip a comment after the delete, so the
 * next run reads the post from the start (storing nothing twice).
 */
export async function hide(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'inbox.hide');
  const { item, account } = await load(deps.db, actor, id);
  if (item.hidden_at) return (await get(deps, actor, id)).item;
  const rule = platformRules(account, item).hide;
  if (!rule.allowed) throw unsupported({ zh: '隐藏评论', en: 'hiding comments' }, rule);
  await onPlatform(deps, account, item, (m, t) => m.hide(t));
  await deps.db.transaction(async (tx) => {
    // Gone from the platform, it can take no reply: it is done (the status change is an event the
    // service levels count, as any other; a hidden item never breaches a first-response target).
    await recordStatus(tx, actor, [id], 'done');
    const r = await tx.execute(sql`
      update inbox_items set hidden_at = now(), hidden_by = ${actor.userId}, featured = false, status = 'done', updated_at = now()
      where id = ${id} and workspace_id = ${actor.workspaceId} and hidden_at is null`);
    if (item.publication_id) await saveCursor(tx, account.id, item.publication_id as string, null);
    if (r.rowCount)
      await audit(tx, actor, { action: 'inbox.hide', entityType: 'inbox_item', entityId: id, before: { featured: item.featured }, after: { hidden: true } });
  });
  return (await get(deps, actor, id)).item;
}

/**
 * The sync's part: a page's comments whose platform says whether they are featured
 * (CommentItem.featured) set `featured` to match, so a comment featured or unfeatured in the platform's own
 * console shows so here. Hidden items are left alone.
 */
export async function keepFeatured(ex: Executor, accountId: string, items: CommentItem[]) {
  const known = items.filter((i) => i.featured !== undefined);
  if (!known.length) return;
  await ex.execute(sql`
    update inbox_items i set featured = v.featured, updated_at = now()
    from unnest(${sql.param(known.map((k) => k.externalId))}::text[], ${sql.param(known.map((k) => k.featured))}::boolean[]) as v(external_id, featured)
    where i.account_id = ${accountId} and i.kind = 'comment' and i.external_id = v.external_id and i.hidden_at is null and i.featured <> v.featured`);
}
