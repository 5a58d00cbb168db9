// The token lifecycle of OAuth accounts, run by a periodic pg-boss job: access tokens refreshed
// before they expire where the platform allows it, refresh tokens renewed where it allows that
// (Douyin: at most 5 times), and the account's operators warned, once per expiry, before an
// access token that cannot be refreshed, a refresh token that cannot be renewed, or the
// account's verification (认证) expires. A refused refresh marks the account and tells them.

import type PgBoss from 'pg-boss';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { type Grant, isPlatformError, type OAuthProvider } from '../../platforms/adapter';
import { platformModule } from '../../platforms/registry';
import { notify } from '../notify/service';
import { appFor, baseUrlsOf, mergeGrant, openGrant, saveGrant } from './grants';
import { EXPIRY_WARNING_DAYS } from './health';
import * as repo from './repository';
import { platformAccounts } from './tables';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** An access token is refreshed this long before it expires, or at half its life when that is shorter. */
const REFRESH_MARGIN_MS = 24 * HOUR;
export const LIFECYCLE_QUEUE = 'account-lifecycle';
/** Every 10 minutes (pg-boss cron: one job per tick however many workers run). */
const CRON = '*/10 * * * *';

export interface LifecycleReport {
  refreshed: number;
  renewed: number;
  warned: number;
  failed: number;
}

type Tx = Parameters<Parameters<Deps['db']['transaction']>[0]>[0];
type Warning = 'access' | 'refresh' | 'verification';

const refreshDue = (g: Grant, now: number) => {
  const left = new Date(g.expiresAt).getTime() - now;
  const life = new Date(g.expiresAt).getTime() - new Date(g.obtainedAt).getTime();
  return left < Math.min(REFRESH_MARGIN_MS, life / 2);
};

const day = (iso: string) => iso.slice(0, 10);

/**
 * One run over every workspace. `now` is the clock it judges expiries by, `workspaceId` limits
 * it to one workspace (tests move the clock ahead for their own accounts only).
 */
export async function runLifecycle(deps: Deps, opts: { now?: Date; workspaceId?: string } = {}): Promise<LifecycleReport> {
  const now = opts.now ?? new Date();
  const report: LifecycleReport = { refreshed: 0, renewed: 0, warned: 0, failed: 0 };
  const warnMs = deps.config.MEIYUN_TOKEN_WARNING_DAYS * DAY;
  const oauthPlatforms = ['weibo', 'douyin', 'bilibili', 'kuaishou'].filter((p) => platformModule(p)?.oauth);
  const horizon = new Date(now.getTime() + Math.max(warnMs, REFRESH_MARGIN_MS));
  const due = await deps.db
    .select({ id: platformAccounts.id })
    .from(platformAccounts)
    .where(
      and(
        isNull(platformAccounts.archivedAt),
        isNotNull(platformAccounts.credentialsSealed),
        isNull(platformAccounts.refreshFailedAt),
        opts.workspaceId ? eq(platformAccounts.workspaceId, opts.workspaceId) : undefined,
        sql`${platformAccounts.platform} in ${oauthPlatforms}`,
        // Rows whose expiries were never recorded are opened once to record them.
        sql`(${platformAccounts.grantExpiresAt} is null or ${platformAccounts.grantExpiresAt} < ${horizon} or ${platformAccounts.refreshExpiresAt} < ${horizon})`,
      ),
    );
  for (const { id } of due) {
    try {
      await deps.db.transaction((tx) => lifecycleOf(deps, tx, id, now, report));
    } catch (err) {
      deps.log.error({ err, accountId: id }, 'account lifecycle failed');
    }
  }
  report.warned += await warnVerification(deps, now, opts.workspaceId);
  return report;
}

async function lifecycleOf(deps: Deps, tx: Tx, id: string, now: Date, report: LifecycleReport) {
  // Another run (or a worker refreshing a refused token) holds it: it is being looked after.
  const [row] = await tx.select().from(platformAccounts).where(eq(platformAccounts.id, id)).for('update', { skipLocked: true });
  const mod = row && platformModule(row.platform);
  const provider = mod?.oauth?.({ baseUrls: baseUrlsOf(deps.config), timeoutMs: deps.config.MEIYUN_PLATFORM_TIMEOUT_MS });
  let grant = row && openGrant(deps, row.credentialsSealed);
  if (!row || !provider || !grant) return;
  const app = await appFor(deps, row.workspaceId, row.platform);
  const t = now.getTime();
  const warnMs = deps.config.MEIYUN_TOKEN_WARNING_DAYS * DAY;
  let changed = row.grantExpiresAt == null;
  const refreshUsable = (g: Grant) => !!g.refreshToken && (!g.refreshExpiresAt || new Date(g.refreshExpiresAt).getTime() > t);
  const canRenew = (g: Grant) => !!provider.renew && refreshUsable(g) && (g.renewalsLeft ?? 0) > 0;
  try {
    if (app && provider.refresh && refreshUsable(grant) && refreshDue(grant, t)) {
      grant = mergeGrant(grant, await provider.refresh(app, grant));
      report.refreshed += 1;
      changed = true;
    }
    if (app && canRenew(grant) && grant.refreshExpiresAt && new Date(grant.refreshExpiresAt).getTime() - t < warnMs) {
      grant = mergeGrant(grant, await (provider.renew as NonNullable<OAuthProvider['renew']>)(app, grant));
      report.renewed += 1;
      changed = true;
    }
  } catch (e) {
    if (!isPlatformError(e)) throw e;
    if (changed) await saveGrant(tx, deps, id, grant);
    await refreshFailed(deps, tx, row, e.kind === 'auth', `${e.code ?? e.kind}: ${e.platformMessage || e.message}`);
    report.failed += 1;
    return;
  }
  if (changed) await saveGrant(tx, deps, id, grant);

  const warnings: { what: Warning; at: string }[] = [];
  const expiring = (at: string | null): at is string => !!at && new Date(at).getTime() - t < warnMs;
  if (!(provider.refresh && refreshUsable(grant)) && expiring(grant.expiresAt)) warnings.push({ what: 'access', at: grant.expiresAt });
  if (grant.refreshToken && !canRenew(grant) && expiring(grant.refreshExpiresAt)) warnings.push({ what: 'refresh', at: grant.refreshExpiresAt });
  const [fresh] = await tx.select({ w: platformAccounts.expiryWarnings }).from(platformAccounts).where(eq(platformAccounts.id, id));
  const done = fresh?.w ?? {};
  for (const w of warnings.filter((x) => done[x.what] !== x.at)) {
    await notify(deps, { ...(await warningOf(tx, row, w.what, w.at)), workspaceId: row.workspaceId }, tx);
    await tx
      .update(platformAccounts)
      .set({ expiryWarnings: sql`${platformAccounts.expiryWarnings} || ${JSON.stringify({ [w.what]: w.at })}::jsonb` })
      .where(eq(platformAccounts.id, id));
    report.warned += 1;
  }
}

async function operatorIds(tx: Tx, accountId: string) {
  const ids = (await repo.operatorsOf(tx, [accountId])).get(accountId) ?? [];
  // No operators: the owners and managers (notify's default).
  return ids.length ? ids : undefined;
}

async function warningOf(tx: Tx, row: repo.AccountRow, what: Warning, at: string) {
  const when = day(at);
  const text = {
    access: {
      zh: `访问令牌将于 ${when} 过期，且该平台不能自动刷新：请在此之前点击“重新授权”`,
      en: `The access token expires on ${when} and this platform cannot refresh it: use Reconnect before then`,
    },
    refresh: {
      zh: `刷新令牌将于 ${when} 过期，且已不能再续期：请在此之前点击“重新授权”`,
      en: `The refresh token expires on ${when} and can no longer be renewed: use Reconnect before then`,
    },
    verification: {
      zh: `平台认证将于 ${when} 到期：请及时在平台上完成年审，到期后发布可能受限`,
      en: `The platform verification expires on ${when}: renew it on the platform in time, or publishing may be limited`,
    },
  }[what];
  return {
    kind: `account.${what}_expiring`,
    severity: 'warning' as const,
    title: { zh: `账号即将失效：${row.name}`, en: `Account expiring: ${row.name}` },
    body: text,
    link: '/accounts',
    userIds: await operatorIds(tx, row.id),
  };
}

/** A refresh or renewal the platform refused: marked on the account (health), and its people told once. */
async function refreshFailed(deps: Deps, tx: Tx, row: repo.AccountRow, final: boolean, why: string) {
  const message = `自动刷新授权失败（${why}）/ Refreshing the authorisation failed (${why})`;
  await tx
    .update(platformAccounts)
    .set({ lastCheckAt: sql`now()`, lastCheckOk: false, lastCheckError: message, ...(final ? { refreshFailedAt: sql`now()` } : {}) })
    .where(eq(platformAccounts.id, row.id));
  if (row.lastCheckOk === false && !final) return;
  await notify(
    deps,
    {
      workspaceId: row.workspaceId,
      kind: 'account.refresh_failed',
      severity: 'warning',
      title: { zh: `账号授权刷新失败：${row.name}`, en: `Could not refresh the account's authorisation: ${row.name}` },
      body: final
        ? { zh: `平台拒绝了刷新（${why}）：请点击“重新授权”`, en: `The platform refused the refresh (${why}): use Reconnect` }
        : { zh: `刷新暂时失败（${why}），稍后会再试`, en: `The refresh failed for now (${why}); it will be tried again` },
      link: '/accounts',
      userIds: await operatorIds(tx, row.id),
    },
    tx,
  );
}

/** Verification (认证) expiring within EXPIRY_WARNING_DAYS calendar days of the workspace: once per date. */
async function warnVerification(deps: Deps, now: Date, workspaceId?: string): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const r = await tx.execute(sql`
      update platform_accounts a set expiry_warnings = a.expiry_warnings || jsonb_build_object('verification', a.verification_expires_on::text)
      from workspaces w
      where w.id = a.workspace_id and a.archived_at is null and a.verification_expires_on is not null
        and a.verification_expires_on - (${now.toISOString()}::timestamptz at time zone w.timezone)::date between 0 and ${EXPIRY_WARNING_DAYS}
        and a.expiry_warnings->>'verification' is distinct from a.verification_expires_on::text
        ${workspaceId ? sql`and a.workspace_id = ${workspaceId}` : sql``}
      returning a.id`);
    for (const { id } of r.rows as { id: string }[]) {
      const [row] = await tx.select().from(platformAccounts).where(eq(platformAccounts.id, id));
      const at = String(row.verificationExpiresOn);
      await notify(deps, { ...(await warningOf(tx, row, 'verification', at)), workspaceId: row.workspaceId }, tx);
    }
    return r.rows.length;
  });
}

/** The periodic job: its queue, its schedule, and a handler in this process. */
export async function startLifecycleWorker(deps: Deps): Promise<{ stop(): Promise<void> }> {
  const { boss, log } = deps;
  if (!(await boss.getQueue(LIFECYCLE_QUEUE))) await boss.createQueue(LIFECYCLE_QUEUE, { name: LIFECYCLE_QUEUE, retryLimit: 0, expireInSeconds: 600 });
  await boss.schedule(LIFECYCLE_QUEUE, CRON);
  const id = await boss.work(LIFECYCLE_QUEUE, { pollingIntervalSeconds: 2 }, async (jobs: PgBoss.Job<unknown>[]) => {
    for (const _ of jobs) {
      const r = await runLifecycle(deps);
      if (r.refreshed || r.renewed || r.warned || r.failed) log.info({ ...r }, 'account lifecycle');
    }
  });
  return { stop: () => boss.offWork({ id }).catch(() => {}) };
}
