import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateAccountBody, CredentialsBody, UpdateAccountBody } from '../../../../contract/accounts';
import { ACCOUNT_TYPES_OF } from '../../../../contract/platforms';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, notFound } from '../../lib/errors';
import { isPlatformError } from '../../platforms/adapter';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { cancelForArchivedAccount } from '../publishing/service';
import { memberships } from '../identity/tables';
import * as repo from './repository';
import { platformAccounts } from './tables';
import { contextWithApp, moduleFor } from './platform';

export const ACCOUNT = { zh: '账号', en: 'Account' };

async function assertMembers(tx: Executor, workspaceId: string, userIds: string[] | undefined) {
  if (!userIds?.length) return;
  const found = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, userIds)));
  if (found.length !== new Set(userIds).size) {
    throw new AppError('validation_failed', { zh: '运营人员必须是本工作区成员', en: 'Operators must be members of this workspace' });
  }
}

/** The workspace's (not archived) account, or 404. */
export async function requireAccount(ex: Executor, workspaceId: string, id: string) {
  const row = await repo.findAccount(ex, workspaceId, id);
  if (!row) throw notFound(ACCOUNT);
  return row;
}

export async function list(deps: Deps, actor: Actor, q: { platform?: string; q?: string; page: number; pageSize: number }) {
  const { rows, total } = await repo.listAccounts(deps.db, actor.workspaceId, q);
  const ops = await repo.operatorsOf(deps.db, rows.map((r) => r.id));
  return { items: rows.map((r) => repo.accountView(r, ops.get(r.id) ?? [])), total, page: q.page, pageSize: q.pageSize };
}

export async function get(deps: Deps, actor: Actor, id: string) {
  const row = await repo.findAccount(deps.db, actor.workspaceId, id);
  if (!row) throw notFound(ACCOUNT);
  return repo.accountView(row, (await repo.operatorsOf(deps.db, [id])).get(id) ?? []);
}

/** A platform's own account types only (a Bilibili member is formal or not; WeChat 订阅号/服务号). */
function assertAccountType(platform: string, type: string | null | undefined) {
  if (type == null) return;
  const allowed: readonly string[] = ACCOUNT_TYPES_OF[platform as keyof typeof ACCOUNT_TYPES_OF] ?? [];
  if (!allowed.includes(type)) {
    throw new AppError(
      'validation_failed',
      allowed.length
        ? { zh: `该平台的账号类型只能是 ${allowed.join('、')}`, en: `The account type on this platform must be one of ${allowed.join(', ')}` }
        : { zh: '该平台没有账号类型，请留空', en: 'This platform has no account types; leave it empty' },
      [{ path: 'accountType', message: 'not a type of this platform' }],
    );
  }
}

export async function create(deps: Deps, actor: Actor, body: z.infer<typeof CreateAccountBody>) {
  assertCan(actor.role, 'accounts.manage');
  assertAccountType(body.platform, body.accountType);
  const { operatorIds, ...fields } = body;
  return deps.db.transaction(async (tx) => {
    await assertMembers(tx, actor.workspaceId, operatorIds);
    const [row] = await tx
      .insert(platformAccounts)
      .values({ ...fields, workspaceId: actor.workspaceId })
      .returning();
    await repo.setOperators(tx, row.id, operatorIds ?? []);
    const view = repo.accountView(row, operatorIds ?? []);
    await audit(tx, actor, { action: 'account.create', entityType: 'account', entityId: row.id, after: view });
    return view;
  });
}

export async function update(deps: Deps, actor: Actor, id: string, body: z.infer<typeof UpdateAccountBody>) {
  assertCan(actor.role, 'accounts.manage');
  const { operatorIds, ...fields } = body;
  return deps.db.transaction(async (tx) => {
    const before = await repo.findAccount(tx, actor.workspaceId, id);
    if (!before) throw notFound(ACCOUNT);
    assertAccountType(before.platform, fields.accountType);
    await assertMembers(tx, actor.workspaceId, operatorIds);
    const oldOps = (await repo.operatorsOf(tx, [id])).get(id) ?? [];
    const [row] = Object.keys(fields).length
      ? await tx.update(platformAccounts).set({ ...fields, updatedAt: sql`now()` }).where(eq(platformAccounts.id, id)).returning()
      : [before];
    if (operatorIds) await repo.setOperators(tx, id, operatorIds);
    const view = repo.accountView(row, operatorIds ?? oldOps);
    await audit(tx, actor, { action: 'account.update', entityType: 'account', entityId: id, before: repo.accountView(before, oldOps), after: view });
    return view;
  });
}

/**
 * Archives the account. What was still to go out on it is canceled (its owners are told); what is
 * already on its way (a submit started) is left to finish and be recorded.
 */
export async function archive(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'accounts.manage');
  await deps.db.transaction(async (tx) => {
    const before = await repo.findAccount(tx, actor.workspaceId, id);
    if (!before) throw notFound(ACCOUNT);
    await tx.update(platformAccounts).set({ archivedAt: sql`now()` }).where(eq(platformAccounts.id, id));
    const canceled = await cancelForArchivedAccount(deps, tx, { id, name: before.name, workspaceId: actor.workspaceId });
    await audit(tx, actor, { action: 'account.archive', entityType: 'account', entityId: id, before: { name: before.name }, after: { canceledPublications: canceled } });
  });
}

/** Replaces the credentials; the secret is sealed and never leaves the server again. */
export async function setCredentials(deps: Deps, actor: Actor, id: string, body: z.infer<typeof CredentialsBody>) {
  assertCan(actor.role, 'accounts.manage');
  return deps.db.transaction(async (tx) => {
    const before = await repo.findAccount(tx, actor.workspaceId, id);
    if (!before) throw notFound(ACCOUNT);
    const [row] = await tx
      .update(platformAccounts)
      .set({
        appId: body.appId,
        credentialsSealed: deps.secrets.seal(JSON.stringify(body)),
        credentialsUpdatedAt: sql`now()`,
        lastCheckOk: null,
        lastCheckError: null,
        updatedAt: sql`now()`,
      })
      .where(eq(platformAccounts.id, id))
      .returning();
    await audit(tx, actor, { action: 'account.credentials', entityType: 'account', entityId: id, before: { appId: before.appId }, after: { appId: body.appId } });
    return repo.accountView(row, (await repo.operatorsOf(tx, [id])).get(id) ?? []);
  });
}

export async function testConnection(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'accounts.manage');
  const row = await repo.findAccount(deps.db, actor.workspaceId, id);
  if (!row) throw notFound(ACCOUNT);
  let result: { ok: boolean; message: string; expiresAt?: string };
  try {
    const r = await moduleFor(row).testConnection(await contextWithApp(deps, row));
    result = { ok: true, message: '连接正常，已获取 access_token / Connected: access token obtained', expiresAt: r.expiresAt.toISOString() };
  } catch (e) {
    if (!isPlatformError(e) && !(e instanceof AppError)) throw e;
    const msg = e instanceof AppError ? e.bilingual : `连接失败（${e.code ?? e.kind}）/ Connection failed: ${e.platformMessage || e.message}`;
    result = { ok: false, message: msg };
  }
  await deps.db.transaction(async (tx) => {
    await tx
      .update(platformAccounts)
      .set({ lastCheckAt: sql`now()`, lastCheckOk: result.ok, lastCheckError: result.ok ? null : result.message })
      .where(eq(platformAccounts.id, id));
    await audit(tx, actor, { action: 'account.test_connection', entityType: 'account', entityId: id, after: { ok: result.ok } });
  });
  return result;
}
