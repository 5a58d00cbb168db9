// The workspace's app on each OAuth platform (client id, sealed secret, settings such as Weibo's
// safe domain). A manager enters it once; every connect and refresh of that platform uses it.
// The secret is sealed at rest and never answered nor audited.

import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { PlatformApp, PutPlatformAppBody } from '../../../../contract/accounts';
import type { Deps } from '../../context';
import { badRequest, notFound } from '../../lib/errors';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { appHookUrl } from './app-hooks';
import type { PlatformAppRow } from './grants';
import { platformApps } from './tables';

const APP = { zh: '平台应用', en: 'Platform app' };

const view = (deps: Deps, a: PlatformAppRow): z.infer<typeof PlatformApp> => ({
  platform: a.platform as z.infer<typeof PlatformApp>['platform'],
  clientId: a.clientId,
  hasSecret: a.secretSealed.length > 0,
  settings: a.settings,
  hookUrl: appHookUrl(deps, a.platform, a.workspaceId),
  updatedAt: a.updatedAt.toISOString(),
});

export async function listApps(deps: Deps, actor: Actor) {
  assertCan(actor.role, 'accounts.manage');
  const rows = await deps.db.select().from(platformApps).where(eq(platformApps.workspaceId, actor.workspaceId)).orderBy(platformApps.platform);
  return rows.map((r) => view(deps, r));
}

export async function putApp(deps: Deps, actor: Actor, platform: string, body: z.infer<typeof PutPlatformAppBody>) {
  assertCan(actor.role, 'accounts.manage');
  return deps.db.transaction(async (tx) => {
    const where = and(eq(platformApps.workspaceId, actor.workspaceId), eq(platformApps.platform, platform));
    const [before] = await tx.select().from(platformApps).where(where).for('update');
    if (!before && !body.clientSecret) throw badRequest({ zh: '首次设置需要填写密钥', en: 'The secret is required the first time' });
    const values = {
      clientId: body.clientId,
      secretSealed: body.clientSecret ? deps.secrets.seal(body.clientSecret) : (before?.secretSealed ?? ''),
      settings: body.settings ?? before?.settings ?? {},
    };
    const [row] = before
      ? await tx
          .update(platformApps)
          .set({ ...values, updatedAt: sql`now()` })
          .where(where)
          .returning()
      : await tx
          .insert(platformApps)
          .values({ workspaceId: actor.workspaceId, platform, ...values })
          .returning();
    await audit(tx, actor, {
      action: 'platform_app.put',
      entityType: 'platform_app',
      before: before ? { platform, clientId: before.clientId, settings: before.settings } : null,
      after: { platform, clientId: row.clientId, settings: row.settings, secretChanged: Boolean(body.clientSecret) },
    });
    return view(deps, row);
  });
}

export async function deleteApp(deps: Deps, actor: Actor, platform: string) {
  assertCan(actor.role, 'accounts.manage');
  await deps.db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(platformApps)
      .where(and(eq(platformApps.workspaceId, actor.workspaceId), eq(platformApps.platform, platform)))
      .returning();
    if (!gone) throw notFound(APP);
    await audit(tx, actor, { action: 'platform_app.delete', entityType: 'platform_app', before: { platform, clientId: gone.clientId } });
  });
}
