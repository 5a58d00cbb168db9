// The OAuth grant of an account (sealed in its credentials as `{ grant }`) and the workspace's
// app on the platform (platform_apps). A refused access token is refreshed once, under a row
// lock, so that concurrent workers refresh it once between them.

import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { AppError } from '../../lib/errors';
import { type Grant, type GrantAccess, type OAuthApp, PlatformError } from '../../platforms/adapter';
import type { BaseUrls, PlatformModule } from '../../platforms/registry';
import type { AccountRow } from './repository';
import { platformAccounts, platformApps } from './tables';

type GrantDeps = Pick<Deps, 'config' | 'secrets' | 'db'>;

export function baseUrlsOf(config: Deps['config']): BaseUrls {
  return {
    wechat: config.MEIYUN_WECHAT_API_BASE,
    weibo: config.MEIYUN_WEIBO_API_BASE,
    douyin: config.MEIYUN_DOUYIN_API_BASE,
    bilibili: config.MEIYUN_BILIBILI_API_BASE,
    bilibiliAuth: config.MEIYUN_BILIBILI_AUTH_BASE,
    bilibiliAuthorize: config.MEIYUN_BILIBILI_AUTHORIZE_BASE,
    bilibiliUpload: config.MEIYUN_BILIBILI_UPLOAD_BASE,
    kuaishou: config.MEIYUN_KUAISHOU_API_BASE,
  };
}

export type PlatformAppRow = typeof platformApps.$inferSelect;

export const openApp = (deps: Pick<Deps, 'secrets'>, a: PlatformAppRow): OAuthApp => ({ clientId: a.clientId, clientSecret: deps.secrets.open(a.secretSealed), settings: a.settings });

/** The workspace's app on this platform, opened; null when none was entered. */
export async function appFor(deps: GrantDeps, workspaceId: string, platform: string): Promise<OAuthApp | null> {
  const [a] = await deps.db.select().from(platformApps).where(and(eq(platformApps.workspaceId, workspaceId), eq(platformApps.platform, platform)));
  return a ? openApp(deps, a) : null;
}

/** Keeps what an answer leaves out: a refresh without a new refresh token keeps the stored one. */
export function mergeGrant(stored: Grant | null, fresh: Grant): Grant {
  if (!stored) return fresh;
  return {
    ...fresh,
    refreshToken: fresh.refreshToken ?? stored.refreshToken,
    refreshExpiresAt: fresh.refreshToken ? fresh.refreshExpiresAt : stored.refreshExpiresAt,
    renewalsLeft: fresh.renewalsLeft ?? stored.renewalsLeft,
    scopes: fresh.scopes.length ? fresh.scopes : stored.scopes,
  };
}

export function openGrant(deps: Pick<Deps, 'secrets'>, sealed: string | null): Grant | null {
  if (!sealed) return null;
  const c = JSON.parse(deps.secrets.open(sealed)) as { grant?: Grant };
  return c.grant ?? null;
}

/**
 * Stores a grant on the account (sealed), with its scopes and expiries in the clear for the
 * route, the UI and the lifecycle job. A moved expiry re-arms its warning; a fresh grant ends a
 * refused refresh and marks the connection working.
 */
export async function saveGrant(tx: Pick<Deps['db'], 'update'>, deps: Pick<Deps, 'secrets'>, accountId: string, grant: Grant) {
  const expires = new Date(grant.expiresAt);
  const refreshExpires = grant.refreshExpiresAt ? new Date(grant.refreshExpiresAt) : null;
  await tx
    .update(platformAccounts)
    .set({
      credentialsSealed: deps.secrets.seal(JSON.stringify({ grant })),
      credentialsUpdatedAt: sql`now()`,
      scopes: grant.scopes,
      grantExpiresAt: expires,
      refreshExpiresAt: refreshExpires,
      expiryWarnings: sql`${platformAccounts.expiryWarnings} - array_remove(array[
        case when ${platformAccounts.grantExpiresAt} is distinct from ${expires.toISOString()}::timestamptz then 'access' end,
        case when ${platformAccounts.refreshExpiresAt} is distinct from ${refreshExpires?.toISOString() ?? null}::timestamptz then 'refresh' end], null)`,
      refreshFailedAt: null,
      lastCheckAt: sql`now()`,
      lastCheckOk: true,
      lastCheckError: null,
      updatedAt: sql`now()`,
    })
    .where(eq(platformAccounts.id, accountId));
}

/** How long a grant read from the database answers further calls of the same client. */
const GRANT_REUSE_MS = 30_000;

/**
 * The account's grant for one client. The grant read is reused for a short while and shared by
 * calls made at the same moment: a burst of 2,000 submits on one account otherwise reads and
 * decrypts the same row 2,000 times, and those reads queue the burst's own fences behind them in
 * the pool (bench/README.md). A token refreshed elsewhere meanwhile is refused by the platform,
 * and `refreshed` then picks up the stored one.
 */
export function grantAccess(deps: GrantDeps, row: AccountRow, mod: PlatformModule, app: OAuthApp): GrantAccess {
  let kept: { grant: Grant; until: number } | null = null;
  let reading: Promise<Grant> | null = null;
  const keep = (grant: Grant) => {
    kept = { grant, until: Math.min(Date.now() + GRANT_REUSE_MS, new Date(grant.expiresAt).getTime() - 60_000) };
    return grant;
  };
  const read = async () => {
    const [r] = await deps.db.select({ c: platformAccounts.credentialsSealed }).from(platformAccounts).where(eq(platformAccounts.id, row.id));
    const g = openGrant(deps, r?.c ?? null);
    if (!g) throw new AppError('invalid_state', { zh: '该账号尚未授权，请先连接账号', en: 'This account is not authorised yet; connect it first' });
    return keep(g);
  };
  return {
    async current() {
      if (kept && Date.now() < kept.until) return kept.grant;
      reading ??= read().finally(() => {
        reading = null;
      });
      return reading;
    },
    async refreshed(stale) {
      kept = null;
      return keep(await refresh(stale));
    },
  };

  async function refresh(stale: Grant): Promise<Grant> {
    const provider = mod.oauth?.({ baseUrls: baseUrlsOf(deps.config), timeoutMs: deps.config.MEIYUN_PLATFORM_TIMEOUT_MS });
    return deps.db.transaction(async (tx) => {
      const [r] = await tx.select({ c: platformAccounts.credentialsSealed }).from(platformAccounts).where(eq(platformAccounts.id, row.id)).for('update');
      const stored = openGrant(deps, r?.c ?? null);
      // Another process refreshed it meanwhile: use theirs.
      if (stored && stored.accessToken !== stale.accessToken) return stored;
      if (!stored || !provider?.refresh || !stored.refreshToken) {
        throw new PlatformError({
          kind: 'auth',
          platform: mod.platform,
          message: '访问令牌已过期，且无法自动刷新，请重新授权该账号 / the access token expired and cannot be refreshed; authorise the account again',
        });
      }
      const fresh = mergeGrant(stored, await provider.refresh(app, stored));
      await saveGrant(tx, deps, row.id, fresh);
      return fresh;
    });
  }
}
