// Pushes a platform sends to one URL per workspace app (Bilibili's Webhooks): verified with the
// workspace's app secret, then handed to the publishing engine for the platform's accounts in that
// workspace (a result names the platform's id of the post, which picks the publication).

import { and, eq, isNull } from 'drizzle-orm';
import type { Deps } from '../../context';
import { platformModule } from '../../platforms/registry';
import { recordPushedResults } from '../publishing/poll';
import { openApp } from './grants';
import { platformAccounts, platformApps } from './tables';

export const appHookPath = (platform: string, workspaceId: string) => `/api/v1/app-hooks/${platform}/${workspaceId}`;

/** The URL a manager enters in the platform's console, or null when the platform has no app-level pushes. */
export function appHookUrl(deps: Pick<Deps, 'config'>, platform: string, workspaceId: string): string | null {
  if (!platformModule(platform)?.appHook || !deps.config.MEIYUN_PUBLIC_URL) return null;
  return new URL(appHookPath(platform, workspaceId), deps.config.MEIYUN_PUBLIC_URL).toString();
}

export async function receiveAppHook(
  deps: Deps,
  platform: string,
  workspaceId: string,
  headers: Record<string, string | undefined>,
  body: string,
): Promise<{ reply: string; recorded: number } | { error: string }> {
  const handler = platformModule(platform)?.appHook;
  if (!handler) return { error: 'this platform sends no app pushes' };
  const [app] = await deps.db
    .select()
    .from(platformApps)
    .where(and(eq(platformApps.workspaceId, workspaceId), eq(platformApps.platform, platform)));
  if (!app) return { error: 'no app configured for this workspace' };
  const got = handler.receive(openApp(deps, app), headers, body);
  if ('error' in got) return got;
  let recorded = 0;
  if (got.results.length) {
    const accounts = await deps.db
      .select({ id: platformAccounts.id })
      .from(platformAccounts)
      .where(and(eq(platformAccounts.workspaceId, workspaceId), eq(platformAccounts.platform, platform), isNull(platformAccounts.archivedAt)));
    for (const a of accounts) recorded += await recordPushedResults(deps, a.id, got.results);
  }
  return { reply: got.reply, recorded };
}
