// The platform behind an account: its module (platforms/registry.ts), a publish adapter with the
// account's credentials, its call meter and its token store. Credentials are opened here only.

import type { Deps } from '../../context';
import { AppError } from '../../lib/errors';
import type { OAuthApp, PlatformAdapter } from '../../platforms/adapter';
import { appFor, baseUrlsOf, grantAccess, openApp, type PlatformAppRow } from './grants';
import { type AdapterContext, type PlatformModule, platformModule } from '../../platforms/registry';
import { apiMeter } from './meter';
import type { AccountRow } from './repository';
import { DbTokenStore } from './token-store';

type PlatformDeps = Pick<Deps, 'config' | 'secrets' | 'db'>;

/** The account's platform module, or a clear error for a platform without an API. */
export function moduleFor(row: Pick<AccountRow, 'platform'>): PlatformModule {
  const mod = platformModule(row.platform);
  if (!mod) {
    throw new AppError('invalid_state', {
      zh: `该平台（${row.platform}）暂不支持接口发布，请手动发布`,
      en: `Publishing through the API is not supported for ${row.platform} yet; publish manually`,
    });
  }
  return mod;
}

export function meterFor(deps: PlatformDeps, row: AccountRow) {
  const mod = moduleFor(row);
  return apiMeter(deps.db).forAccount(row.id, mod.quotas, row.apiLimits ?? {}, mod.quotaTimeZone);
}

/**
 * What an adapter of this account needs. OAuth platforms also need the workspace's app
 * (`app`, read with `appFor` by the caller, since it is a query).
 */
export function contextFor(deps: PlatformDeps, row: AccountRow, app: OAuthApp | null = null): AdapterContext {
  const mod = moduleFor(row);
  if (!row.credentialsSealed) {
    throw new AppError(
      'invalid_state',
      mod.oauth
        ? { zh: '该账号尚未授权，请先连接账号', en: 'This account is not authorised yet; connect it first' }
        : { zh: '该账号尚未配置 AppID/AppSecret', en: 'This account has no AppID/AppSecret yet' },
    );
  }
  if (mod.oauth && !app) {
    throw new AppError('invalid_state', { zh: '工作区尚未填写该平台的开放平台应用', en: "The workspace has not entered its app on this platform's open platform" });
  }
  return {
    credentials: JSON.parse(deps.secrets.open(row.credentialsSealed)),
    app,
    grant: mod.oauth && app ? grantAccess(deps, row, mod, app) : null,
    baseUrls: baseUrlsOf(deps.config),
    tokenStore: new DbTokenStore(deps.db, deps.secrets),
    meter: meterFor(deps, row),
    timeoutMs: deps.config.MEIYUN_PLATFORM_TIMEOUT_MS,
  };
}

/** Reads what every process has counted today for these accounts, before deciding on quota. */
export async function refreshMeters(deps: PlatformDeps, rows: AccountRow[]) {
  const byZone = new Map<string, string[]>();
  for (const r of rows) {
    const mod = platformModule(r.platform);
    if (mod) byZone.set(mod.quotaTimeZone, [...(byZone.get(mod.quotaTimeZone) ?? []), r.id]);
  }
  for (const [zone, ids] of byZone) await apiMeter(deps.db).refresh(ids, zone);
}

/** What the publishing engine talks to for this account (`app`: its workspace's platform_apps row, if any). */
export function publishAdapterFor(deps: PlatformDeps, row: AccountRow, app: PlatformAppRow | null): PlatformAdapter {
  return moduleFor(row).createAdapter(contextFor(deps, row, app ? openApp(deps, app) : null));
}

/** contextFor with the workspace's app read from the database. */
export async function contextWithApp(deps: PlatformDeps, row: AccountRow): Promise<AdapterContext> {
  return contextFor(deps, row, await appFor(deps, row.workspaceId, row.platform));
}
