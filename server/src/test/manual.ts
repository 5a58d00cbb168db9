// Helpers for the manual / hand-off route tests: a workspace with an account on a platform
// without a publishing API, and an approved post due now.
import { accountOperators, platformAccounts, platformApps } from '../modules/accounts/tables';
import { media } from '../modules/content/tables';
import type { Grant } from '../platforms/adapter';
import { as, workspaceWithTeam } from './app';
import { uploadImage } from './fixtures';
import type { PubEnv } from './publishing';

export async function manualWorkspace(e: PubEnv, platform = 'xiaohongshu', name = '小红书号') {
  const team = await workspaceWithTeam(e);
  const [account] = await e.deps.db.insert(platformAccounts).values({ workspaceId: team.workspaceId, platform, name }).returning();
  // The analyst operates the account: operators hear of it too.
  await e.deps.db.insert(accountOperators).values({ accountId: account.id, userId: team.analyst.userId });
  return { team, account };
}

/**
 * An approved post with a variant for the account, scheduled a moment from now. The variant is a
 * picture (and a Zhihu article) unless `variant` is given.
 */
export async function approvedDue(
  e: PubEnv,
  ws: { team: Awaited<ReturnType<typeof workspaceWithTeam>>; account: { id: string; platform: string } },
  title: string,
  inMs = 300,
  variant?: Record<string, unknown>,
) {
  const { team, account } = ws;
  const created = await as(
    e,
    team.editor,
  )({ method: 'POST', url: '/api/v1/posts', payload: { title, bodyHtml: '<p>春日穿搭分享</p>', accountIds: [account.id] } });
  if (created.statusCode !== 200 && created.statusCode !== 201) throw new Error(created.body);
  const id = created.json().id as string;
  // A note needs at least one picture, a Zhihu answer its question (contract/platforms.ts): an article here.
  const payload = variant ?? {
    imageMediaIds: [(await uploadImage(e, team.editor)).id],
    ...(account.platform === 'zhihu' ? { options: { mode: 'article' } } : {}),
  };
  const v = await as(e, team.editor)({ method: 'PUT', url: `/api/v1/posts/${id}/variants/${account.id}`, payload });
  if (v.statusCode !== 200) throw new Error(v.body);
  const sub = await as(e, team.editor)({ method: 'POST', url: `/api/v1/posts/${id}/submit` });
  if (sub.statusCode !== 200) throw new Error(sub.body);
  await as(e, team.reviewer)({ method: 'POST', url: `/api/v1/posts/${id}/review`, payload: { decision: 'approved' } });
  const s = await as(
    e,
    team.editor,
  )({ method: 'POST', url: `/api/v1/posts/${id}/schedule`, payload: { scheduledAt: new Date(Date.now() + inMs).toISOString() } });
  if (s.statusCode !== 200) throw new Error(s.body);
  return id;
}

/**
 * A workspace whose Douyin account lacks the publishing scope (video.create.bind): its posts take
 * the hand-off route. The workspace's app and the account's grant come from the emulator; a video
 * is in the media library.
 */
export async function handoffWorkspace(e: PubEnv) {
  const team = await workspaceWithTeam(e);
  const app = (await e.control('POST', '/douyin/apps', {})) as { client_key: string; client_secret: string };
  await e.deps.db
    .insert(platformApps)
    .values({ workspaceId: team.workspaceId, platform: 'douyin', clientId: app.client_key, secretSealed: e.deps.secrets.seal(app.client_secret) });
  const scopes = ['user_info', 'video.list.bind', 'video.data.bind'];
  const t = (await e.control('POST', '/douyin/accounts', { client_key: app.client_key, scopes })) as {
    open_id: string;
    access_token: string;
    refresh_token: string;
  };
  const now = Date.now();
  const grant: Grant = {
    accessToken: t.access_token,
    expiresAt: new Date(now + 3600_000).toISOString(),
    refreshToken: t.refresh_token,
    refreshExpiresAt: new Date(now + 30 * 86400_000).toISOString(),
    openId: t.open_id,
    scopes,
    renewalsLeft: 5,
    obtainedAt: new Date(now).toISOString(),
  };
  const [account] = await e.deps.db
    .insert(platformAccounts)
    .values({
      workspaceId: team.workspaceId,
      platform: 'douyin',
      name: '抖音号',
      platformId: t.open_id,
      appId: app.client_key,
      scopes,
      credentialsSealed: e.deps.secrets.seal(JSON.stringify({ grant })),
    })
    .returning();
  await e.deps.db.insert(accountOperators).values({ accountId: account.id, userId: team.analyst.userId });
  const data = Buffer.alloc(4096, 7); // not a real MP4: nothing decodes it
  const { key, sha256 } = await e.deps.storage.put(data);
  const [video] = await e.deps.db
    .insert(media)
    .values({
      workspaceId: team.workspaceId,
      filename: '春日 vlog.mp4',
      contentType: 'video/mp4',
      size: data.length,
      sha256,
      storageKey: key,
      uploadedBy: team.editor.userId,
      width: 720,
      height: 1280,
      durationMs: 15_000,
    })
    .returning();
  return { team, account, openId: t.open_id, videoId: video.id };
}
