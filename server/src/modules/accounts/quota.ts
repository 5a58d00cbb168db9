// An account's daily API quotas as a person sees them: the platform's documented limits, the
// account's own overrides (a bigger account gets more), what we used today, and WeChat's count.
// Clearing the quota (10 times a month) is a person's decision, never the engine's.

import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { AppError } from '../../lib/errors';
import { isPlatformError } from '../../platforms/adapter';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { apiMeter, quotaDay } from './meter';
import { contextWithApp, moduleFor } from './platform';
import { requireAccount } from './service';
import { platformAccounts } from './tables';

const load = (deps: Deps, actor: Actor, id: string) => requireAccount(deps.db, actor.workspaceId, id);

const platformFailed = (e: unknown) => {
  if (!isPlatformError(e)) throw e;
  return new AppError('platform_error', { zh: `平台返回错误（${e.code ?? e.kind}）：${e.platformMessage || e.message}`, en: `The platform answered with an error (${e.code ?? e.kind}): ${e.message}` });
};

export async function quotaUsage(deps: Deps, actor: Actor, id: string) {
  const row = await load(deps, actor, id);
  const mod = moduleFor(row);
  await apiMeter(deps.db).flush();
  const day = quotaDay(mod.quotaTimeZone);
  const used = await deps.db.execute(sql`select api, calls from platform_api_usage where account_id = ${id} and day = ${day}`);
  const count = new Map((used.rows as { api: string; calls: number }[]).map((r) => [r.api, r.calls]));
  return {
    day,
    timeZone: mod.quotaTimeZone,
    items: mod.quotas.map((q) => ({
      api: q.api,
      defaultLimit: q.dailyLimit,
      limit: row.apiLimits[q.api] ?? q.dailyLimit,
      overridden: row.apiLimits[q.api] !== undefined,
      usedToday: count.get(q.api) ?? 0,
    })),
  };
}

/** Sets (number) or clears (null) the account's own limit for each API named. */
export async function setLimits(deps: Deps, actor: Actor, id: string, limits: Record<string, number | null>) {
  assertCan(actor.role, 'accounts.manage');
  const row = await load(deps, actor, id);
  const known = new Set(moduleFor(row).quotas.map((q) => q.api));
  const unknown = Object.keys(limits).filter((k) => !known.has(k));
  if (unknown.length) throw new AppError('validation_failed', { zh: `未知接口：${unknown.join('、')}`, en: `Unknown API: ${unknown.join(', ')}` });
  const next = { ...row.apiLimits };
  for (const [api, n] of Object.entries(limits)) {
    if (n === null) delete next[api];
    else next[api] = n;
  }
  await deps.db.transaction(async (tx) => {
    await tx.update(platformAccounts).set({ apiLimits: next, updatedAt: sql`now()` }).where(eq(platformAccounts.id, id));
    await audit(tx, actor, { action: 'account.api_limits', entityType: 'account', entityId: id, before: row.apiLimits, after: next });
  });
  return quotaUsage(deps, actor, id);
}

/** WeChat's own count for one API today. */
export async function platformQuota(deps: Deps, actor: Actor, id: string, api: string) {
  assertCan(actor.role, 'accounts.manage');
  const row = await load(deps, actor, id);
  const mod = moduleFor(row);
  if (!mod.platformQuota) throw new AppError('invalid_state', { zh: '该平台不提供配额查询', en: 'This platform offers no quota query' });
  return mod.platformQuota(await contextWithApp(deps, row), api).catch((e) => {
    throw platformFailed(e);
  });
}

/** Resets every API count of the account on the platform (WeChat: 10 times a month). */
export async function clearQuota(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'accounts.manage');
  const row = await load(deps, actor, id);
  const mod = moduleFor(row);
  if (!mod.clearQuota) throw new AppError('invalid_state', { zh: '该平台不能清零配额', en: 'This platform offers no quota reset' });
  await mod.clearQuota(await contextWithApp(deps, row)).catch((e) => {
    throw platformFailed(e);
  });
  await deps.db.transaction(async (tx) => {
    // Our own count of today starts again too.
    await tx.execute(sql`update platform_api_usage set calls = 0 where account_id = ${id} and day = ${quotaDay(mod.quotaTimeZone)}`);
    await audit(tx, actor, { action: 'account.clear_quota', entityType: 'account', entityId: id });
  });
  return { ok: true as const };
}

/** The audiences a mass send may target (WeChat user tags). */
export async function audienceTags(deps: Deps, actor: Actor, id: string) {
  const row = await load(deps, actor, id);
  const mod = moduleFor(row);
  if (!mod.audienceTags) return { items: [] };
  return { items: await mod.audienceTags(await contextWithApp(deps, row)).catch((e) => Promise.reject(platformFailed(e))) };
}
