// Kuaishou accounts for engine tests: the workspace's app (platform_apps, secret sealed), accounts
// with a grant issued by the emulator (credentials sealed as {grant}, scopes in the clear), and a
// video and a cover in the media library.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { platformAccounts, platformApps } from '../modules/accounts/tables';
import type { Grant } from '../platforms/adapter';
import { workspaceWithTeam } from './app';
import { coverAndVideo } from './media';
import type { PubEnv } from './publishing';

export const KS_SCOPES = ['user_info', 'user_video_publish', 'user_video_info'];

export async function kuaishouWorkspace(e: PubEnv, n: number, opts: { expiresIn?: number } = {}) {
  const team = await workspaceWithTeam(e);
  const appId = `ks${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const secret = `sec-${appId}`;
  await e.control('POST', '/kuaishou/apps', { app_id: appId, app_secret: secret, name: '媒运测试应用' });
  await e.deps.db.insert(platformApps).values({ workspaceId: team.workspaceId, platform: 'kuaishou', clientId: appId, secretSealed: e.deps.secrets.seal(secret) });
  const accounts: { id: string; appid: string; openId: string; accessToken: string }[] = [];
  for (let i = 0; i < n; i++) {
    const { open_id } = (await e.control('POST', '/kuaishou/users', { app_id: appId, name: `快手号${i + 1}`, fan: 100 + i })) as { open_id: string };
    const t = (await e.control('POST', '/kuaishou/grants', { app_id: appId, open_id, scopes: KS_SCOPES, ...(opts.expiresIn ? { expires_in: opts.expiresIn } : {}) })) as Record<string, unknown>;
    const now = Date.now();
    const grant: Grant = {
      accessToken: t.access_token as string,
      expiresAt: new Date(now + Number(t.expires_in) * 1000).toISOString(),
      refreshToken: t.refresh_token as string,
      refreshExpiresAt: new Date(now + Number(t.refresh_token_expires_in) * 1000).toISOString(),
      openId: open_id,
      scopes: KS_SCOPES,
      renewalsLeft: null,
      obtainedAt: new Date(now).toISOString(),
    };
    const [row] = await e.deps.db
      .insert(platformAccounts)
      .values({ workspaceId: team.workspaceId, platform: 'kuaishou', name: `快手号 ${i + 1}`, platformId: open_id, appId, scopes: KS_SCOPES, credentialsSealed: e.deps.secrets.seal(JSON.stringify({ grant })) })
      .returning();
    accounts.push({ id: row.id, appid: appId, openId: open_id, accessToken: grant.accessToken });
  }
  const { coverId, videoId } = await coverAndVideo(e, team.workspaceId, team.editor.userId, { fill: 3, width: 720, height: 1280 });
  return { team, accounts, coverId, videoId, appId };
}
export type KsWorkspace = Awaited<ReturnType<typeof kuaishouWorkspace>>;

/** Gives every variant of the workspace the video and, as its caption, the post's title. */
export async function asKuaishouVideos(e: PubEnv, ws: KsWorkspace) {
  await e.deps.db.execute(
    sql`update post_variants v set text = p.title, video_media_id = ${ws.videoId} from posts p where v.post_id = p.id and v.workspace_id = ${ws.team.workspaceId}`,
  );
}

export async function ksPublished(e: PubEnv, appId: string) {
  return (await e.control('GET', `/kuaishou/published?app_id=${appId}`)) as { title: string; status: string; photo_id: string; reason: string }[];
}
