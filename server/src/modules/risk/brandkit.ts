// Brand kits (B1), one per account, and the live screen the editor calls while the writer types.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { BrandKitBody, ScreenBody } from '../../../../contract/risk';
import type { Deps } from '../../context';
import { AppError, notFound } from '../../lib/errors';
import { paged } from '../../lib/paging';
import { iso } from '../../lib/time';
import { platformAccounts } from '../accounts/tables';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { screenTexts } from './engine';
import * as repo from './repository';
import { brandKits } from './tables';

const ACCOUNT = { zh: '账号', en: 'Account' };

const kitView = (r: { id: string; name: string; kit: repo.BrandKitRow | null }) => ({
  accountId: r.id,
  accountName: r.name,
  toneNotes: r.kit?.toneNotes ?? '',
  requiredPhrases: r.kit?.requiredPhrases ?? [],
  bannedWords: r.kit?.bannedWords ?? [],
  updatedAt: iso(r.kit?.updatedAt),
});

export async function listKits(deps: Deps, actor: Actor, q: { q?: string; page: number; pageSize: number }) {
  return paged(
    q,
    (limit, offset) => repo.listKits(deps.db, actor.workspaceId, q.q, limit, offset),
    repo.countKits(deps.db, actor.workspaceId, q.q),
    (rows) => rows.map(kitView),
  );
}

export async function getKit(deps: Deps, actor: Actor, accountId: string) {
  const [row] = await repo.accountsWithKits(deps.db, actor.workspaceId, [accountId]);
  if (!row) throw notFound(ACCOUNT);
  return kitView(row);
}

const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

export async function putKit(deps: Deps, actor: Actor, accountId: string, body: z.infer<typeof BrandKitBody>) {
  assertCan(actor.role, 'risk.manage');
  const next = { toneNotes: body.toneNotes, requiredPhrases: uniq(body.requiredPhrases), bannedWords: uniq(body.bannedWords) };
  return deps.db.transaction(async (tx) => {
    const [row] = await repo.accountsWithKits(tx, actor.workspaceId, [accountId]);
    if (!row) throw notFound(ACCOUNT);
    const [kit] = await tx
      .insert(brandKits)
      .values({ accountId, workspaceId: actor.workspaceId, ...next, updatedBy: actor.userId })
      .onConflictDoUpdate({ target: brandKits.accountId, set: { ...next, updatedBy: actor.userId, updatedAt: new Date() } })
      .returning();
    await audit(tx, actor, {
      action: 'risk.brandkit.update',
      entityType: 'account',
      entityId: accountId,
      before: row.kit ? { toneNotes: row.kit.toneNotes, requiredPhrases: row.kit.requiredPhrases, bannedWords: row.kit.bannedWords } : null,
      after: next,
    });
    return kitView({ id: row.id, name: row.name, kit });
  });
}

/** The editor's live screen: reads only, nothing is written. Account ids must be live accounts of the workspace. */
export async function screen(deps: Deps, actor: Actor, body: z.infer<typeof ScreenBody>) {
  assertCan(actor.role, 'content.write');
  const ids = [...new Set([...(body.accountIds ?? []), ...(body.variants ?? []).map((v) => v.accountId)])];
  if (ids.length) {
    const found = await deps.db
      .select({ id: platformAccounts.id })
      .from(platformAccounts)
      .where(and(inArray(platformAccounts.id, ids), eq(platformAccounts.workspaceId, actor.workspaceId), isNull(platformAccounts.archivedAt)));
    if (found.length !== ids.length) throw new AppError('validation_failed', { zh: '目标账号不存在', en: 'A target account does not exist' });
  }
  return screenTexts(
    deps.db,
    actor.workspaceId,
    { title: body.title ?? '', digest: body.digest ?? '', bodyHtml: body.bodyHtml ?? '' },
    ids,
    body.variants ?? [],
  );
}
