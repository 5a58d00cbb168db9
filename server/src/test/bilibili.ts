// Bilibili accounts for engine tests: the workspace's app (platform_apps, secret sealed), members with a
// grant minted at the emulator (credentials sealed as {grant}, scopes in the clear; `formal` = 正式会员,
// kept as the account's accountType), and a video and a cover in the media library.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { platformAccounts, platformApps } from '../modules/accounts/tables';
import type { Grant } from '../platforms/adapter';
import { platformModule } from '../platforms/registry';
import { workspaceWithTeam } from './app';
import { coverAndVideo } from './media';
import { type PubEnv, planBurst } from './publishing';

export const BILI_SCOPES = ['ARC_BASE', 'ARC_DATA', 'USER_DATA', 'USER_INFO'];

/** `formal`: what Bilibili knows of the member; `recordedFormal`: what the account row says (default the same). */
export async function bilibiliWorkspace(e: PubEnv, n: number, opts: { formal: boolean; recordedFormal?: boolean }) {
  const team = await workspaceWithTeam(e);
  const clientId = `bl${randomUUID().replace(/-/g, '').slice(0, 14)}`;
  const secret = `sec-${clientId}`;
  await e.control('POST', '/bilibili/apps', { clientId, clientSecret: secret, name: '媒运测试应用' });
  await e.deps.db.insert(platformApps).values({ workspaceId: team.workspaceId, platform: 'bilibili', clientId, secretSealed: e.deps.secrets.seal(secret) });
  const accounts: { id: string; appid: string; openid: string; accessToken: string }[] = [];
  for (let i = 0; i < n; i++) {
    const openid = `op${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const r = (await e.control('POST', '/bilibili/accounts', { openid, clientId, name: `UP主${i + 1}`, formal: opts.formal, scopes: BILI_SCOPES })) as {
      grant: { access_token: string; refresh_token: string; expires_in: number };
    };
    const now = Date.now();
    // The emulator answers expires_in as the token's expiry time in epoch seconds.
    const grant: Grant = {
      accessToken: r.grant.access_token,
      expiresAt: new Date(r.grant.expires_in * 1000).toISOString(),
      refreshToken: r.grant.refresh_token,
      refreshExpiresAt: null,
      openId: openid,
      scopes: BILI_SCOPES,
      renewalsLeft: null,
      obtainedAt: new Date(now).toISOString(),
    };
    const [row] = await e.deps.db
      .insert(platformAccounts)
      .values({
        workspaceId: team.workspaceId,
        platform: 'bilibili',
        name: `B站号 ${i + 1}`,
        platformId: openid,
        appId: clientId,
        scopes: BILI_SCOPES,
        accountType: (opts.recordedFormal ?? opts.formal) ? 'formal' : null,
        credentialsSealed: e.deps.secrets.seal(JSON.stringify({ grant })),
      })
      .returning();
    accounts.push({ id: row.id, appid: clientId, openid, accessToken: grant.accessToken });
  }
  const { coverId, videoId } = await coverAndVideo(e, team.workspaceId, team.editor.userId, { fill: 9, width: 1920, height: 1080 });
  return { team, accounts, coverId, videoId, clientId };
}
export type BiliWorkspace = Awaited<ReturnType<typeof bilibiliWorkspace>>;

/**
 * Makes every planned variant of the workspace a Bilibili submission (the video, the title as description,
 * partition 171, one tag) and gives each publication the account's allowance as scheduling would
 * (schedule.ts: five a day for a member who is not formal).
 */
export async function asBilibiliArchives(e: PubEnv, ws: BiliWorkspace) {
  await e.deps.db.execute(sql`
    update post_variants v set text = p.title, video_media_id = ${ws.videoId}, topics = array['媒运'], options = '{"tid": 171}'::jsonb
    from posts p where v.post_id = p.id and v.workspace_id = ${ws.team.workspaceId}`);
  const module = platformModule('bilibili');
  const rows = (await e.deps.db.execute(sql`select id, account_type from platform_accounts where workspace_id = ${ws.team.workspaceId}`)).rows as {
    id: string;
    account_type: string | null;
  }[];
  for (const a of rows) {
    const allowance = module?.allowance({ accountType: a.account_type }, { mode: 'publish' });
    if (!allowance) continue;
    await e.deps.db.execute(sql`
      update publications set allowance_key = ${allowance.key}, allowance_limit = ${allowance.limit}, allowance_unit = ${allowance.unit}
      where account_id = ${a.id} and state = 'scheduled'`);
  }
  // Planned a minute ahead (see biliBurst), so that nothing was dispatched before the lines above.
  await e.deps.db.execute(sql`update publications set due_at = now() where workspace_id = ${ws.team.workspaceId} and state = 'scheduled'`);
}

/** Plans `count` archives ("<prefix>-<i>") over the accounts, made Bilibili submissions, due now. */
export async function biliBurst(e: PubEnv, ws: BiliWorkspace, count: number, prefix: string) {
  const ids = await planBurst(e, ws, count, new Date(Date.now() + 60_000), { prefix });
  await asBilibiliArchives(e, ws);
  return { ids, titles: Array.from({ length: count }, (_, k) => `${prefix}-${k}`) };
}

/** Every archive the emulator accepted for the app (title = the archive's title). */
export async function biliPublished(e: PubEnv, clientId: string) {
  const all = (await e.control('GET', '/bilibili/published')) as {
    clientId: string;
    openid: string;
    resourceId: string;
    title: string;
    state: number;
    rejectReason: string;
  }[];
  return all.filter((a) => a.clientId === clientId);
}
