// Douyin accounts for engine tests: the workspace's app (platform_apps, secret sealed), accounts on the
// API route (the grant holds the enterprise `video.create.bind` scope) whose tokens the emulator issued
// (credentials sealed as {grant}, scopes in the clear), and a video and a cover in the media library.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { platformAccounts, platformApps } from '../modules/accounts/tables';
import type { Grant } from '../platforms/adapter';
import { workspaceWithTeam } from './app';
import { coverAndVideo } from './media';
import type { PubEnv } from './publishing';

export const DY_SCOPES = ['user_info', 'video.create.bind', 'video.data.bind', 'video.list.bind'];
/** DY_SCOPES and the data/external scopes the analytics sync reads with. */
export const DY_DATA_SCOPES = [...DY_SCOPES, 'data.external.user', 'data.external.item'];
const DAY_S = 86_400;

export async function douyinWorkspace(e: PubEnv, n: number, opts: { scopes?: string[] } = {}) {
  const scopes = opts.scopes ?? DY_SCOPES;
  const team = await workspaceWithTeam(e);
  const clientKey = `aw${randomUUID().replace(/-/g, '').slice(0, 14)}`;
  const secret = `sec-${clientKey}`;
  await e.control('POST', '/douyin/apps', { client_key: clientKey, client_secret: secret, name: '媒运测试应用' });
  await e.deps.db
    .insert(platformApps)
    .values({ workspaceId: team.workspaceId, platform: 'douyin', clientId: clientKey, secretSealed: e.deps.secrets.seal(secret) });
  const accounts: { id: string; appid: string; openId: string; accessToken: string }[] = [];
  for (let i = 0; i < n; i++) {
    const t = (await e.control('POST', '/douyin/accounts', { client_key: clientKey, scopes })) as {
      open_id: string;
      access_token: string;
      refresh_token: string;
    };
    const now = Date.now();
    const grant: Grant = {
      accessToken: t.access_token,
      expiresAt: new Date(now + 15 * DAY_S * 1000).toISOString(),
      refreshToken: t.refresh_token,
      refreshExpiresAt: new Date(now + 30 * DAY_S * 1000).toISOString(),
      openId: t.open_id,
      scopes,
      renewalsLeft: 5,
      obtainedAt: new Date(now).toISOString(),
    };
    const [row] = await e.deps.db
      .insert(platformAccounts)
      .values({
        workspaceId: team.workspaceId,
        platform: 'douyin',
        name: `抖音号 ${i + 1}`,
        platformId: t.open_id,
        appId: clientKey,
        scopes,
        credentialsSealed: e.deps.secrets.seal(JSON.stringify({ grant })),
      })
      .returning();
    accounts.push({ id: row.id, appid: clientKey, openId: t.open_id, accessToken: t.access_token });
  }
  const { coverId, videoId } = await coverAndVideo(e, team.workspaceId, team.editor.userId, { fill: 5, width: 1080, height: 1920 });
  return { team, accounts, coverId, videoId, clientKey };
}
export type DyWorkspace = Awaited<ReturnType<typeof douyinWorkspace>>;

/** Gives every variant of the workspace the video and, as its caption, the post's title (no topics). */
export async function asDouyinVideos(e: PubEnv, ws: DyWorkspace) {
  await e.deps.db.execute(
    sql`update post_variants v set text = p.title, video_media_id = ${ws.videoId} from posts p where v.post_id = p.id and v.workspace_id = ${ws.team.workspaceId}`,
  );
}

/** Every item the emulator holds for the workspace's accounts (title = the caption as sent). */
export async function dyPublished(e: PubEnv, ws: DyWorkspace) {
  const mine = new Set(ws.accounts.map((a) => a.openId));
  const all = (await e.control('GET', '/douyin/published')) as { item_id: string; open_id: string; title: string }[];
  return all.filter((x) => mine.has(x.open_id));
}
