// --platforms: the burst spread over WeChat, Weibo, Douyin, Bilibili and Kuaishou accounts.
// Each account is registered at the emulator through its control API (apps, members, tokens
// minted there), stored the way the product stores an OAuth account (the grant sealed in its
// credentials, the workspace's app in platform_apps), and each post gets the variant its
// platform needs: a status text linking to Weibo's safe domain, a video with a cover and a
// caption for the video platforms (with Bilibili's partition). Posts go round robin over the
// accounts of every platform, so each platform gets a fifth of the burst.
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';
import type { SecretBox } from '../../server/src/lib/crypto';
import { LocalStorage } from '../../server/src/lib/storage';
import type { Options } from './options';
import { PNG_1x1, type Seeded, bigWechatLimits, registerWechat } from './seed';
import { control } from './util';

export const ALL_PLATFORMS = ['wechat', 'weibo', 'douyin', 'bilibili', 'kuaishou'] as const;
export type BenchPlatform = (typeof ALL_PLATFORMS)[number];

const SAFE_DOMAIN = 'example.com';
const CLIENT_IP = '203.0.113.10';

interface BenchAccount {
  id: string;
  platform: BenchPlatform;
  /** platform_accounts.platform */
  stored: string;
  name: string;
  appId: string | null;
  accountType: string | null;
  sealed: string;
  scopes: string[];
}

const grantOf = (accessToken: string, refreshToken: string | null, openId: string, scopes: string[], ttlSeconds: number) => {
  const now = Date.now();
  return {
    accessToken,
    expiresAt: new Date(now + ttlSeconds * 1000).toISOString(),
    refreshToken,
    refreshExpiresAt: refreshToken ? new Date(now + 30 * 86_400_000).toISOString() : null,
    openId,
    scopes,
    renewalsLeft: null,
    obtainedAt: new Date(now).toISOString(),
  };
};

/** Registers the workspace's app on one platform at the emulator; answers the app row to store. */
async function registerApp(
  base: string,
  p: Exclude<BenchPlatform, 'wechat'>,
  runId: string,
): Promise<{ clientId: string; secret: string; settings: Record<string, string> }> {
  const secret = `s-${randomBytes(8).toString('hex')}`;
  if (p === 'weibo') {
    const appkey = String(1_000_000_000 + Math.floor(Math.random() * 1e9));
    await control(base, 'POST', '/weibo/apps', { appkey, secret, name: '媒运压测', safeDomain: SAFE_DOMAIN });
    // Every status is distinct; no per-user share limit (a big account's posting is not what is measured).
    await control(base, 'POST', '/weibo/settings', { shareLimit: null });
    return { clientId: appkey, secret, settings: { safeDomain: SAFE_DOMAIN } };
  }
  if (p === 'douyin') {
    const r = (await control(base, 'POST', '/douyin/apps', { client_key: `aw${runId}`, client_secret: secret, name: '媒运压测' })) as { client_key: string };
    return { clientId: r.client_key, secret, settings: {} };
  }
  if (p === 'bilibili') {
    const clientId = `bili${runId}`;
    await control(base, 'POST', '/bilibili/apps', { clientId, clientSecret: secret, name: '媒运压测' });
    return { clientId, secret, settings: {} };
  }
  const appId = `ks${runId}`;
  await control(base, 'POST', '/kuaishou/apps', { app_id: appId, app_secret: secret, name: '媒运压测' });
  return { clientId: appId, secret, settings: {} };
}

/** One authorised account at the emulator, with its grant as the product stores it. */
async function registerAccount(base: string, p: Exclude<BenchPlatform, 'wechat'>, clientId: string, i: number, secrets: SecretBox): Promise<BenchAccount> {
  const id = randomUUID();
  const seal = (grant: object) => secrets.seal(JSON.stringify({ grant }));
  if (p === 'weibo') {
    const uid = String(5_000_000_000 + Math.floor(Math.random() * 1e9));
    await control(base, 'POST', '/weibo/users', { uid, name: `微博号${i + 1}` });
    const t = (await control(base, 'POST', '/weibo/tokens', { appkey: clientId, uid })) as { access_token: string; expires_in: number };
    return {
      id,
      platform: p,
      stored: p,
      name: `微博号 ${i + 1}`,
      appId: uid,
      accountType: null,
      scopes: ['all'],
      sealed: seal(grantOf(t.access_token, null, uid, ['all'], t.expires_in)),
    };
  }
  if (p === 'douyin') {
    const scopes = ['user_info', 'video.create.bind', 'video.data.bind'];
    const t = (await control(base, 'POST', '/douyin/accounts', { client_key: clientId, scopes })) as {
      open_id: string;
      access_token: string;
      refresh_token: string;
    };
    return {
      id,
      platform: p,
      stored: p,
      name: `抖音号 ${i + 1}`,
      appId: null,
      accountType: null,
      scopes,
      sealed: seal(grantOf(t.access_token, t.refresh_token, t.open_id, scopes, 86_400)),
    };
  }
  if (p === 'bilibili') {
    const openid = `op-${randomUUID()}`;
    // A formal member (正式会员): no daily cap of five submissions.
    const r = (await control(base, 'POST', '/bilibili/accounts', { openid, formal: true, clientId, name: `UP主${i + 1}` })) as {
      grant: { access_token: string; refresh_token: string; scopes: string[] };
    };
    const scopes = r.grant.scopes;
    return {
      id,
      platform: p,
      stored: p,
      name: `B站号 ${i + 1}`,
      appId: null,
      accountType: 'formal',
      scopes,
      sealed: seal(grantOf(r.grant.access_token, r.grant.refresh_token, openid, scopes, 86_400)),
    };
  }
  const scopes = ['user_info', 'user_video_publish', 'user_video_info'];
  const { open_id } = (await control(base, 'POST', '/kuaishou/users', { app_id: clientId, name: `快手号${i + 1}`, fan: 100 })) as { open_id: string };
  const t = (await control(base, 'POST', '/kuaishou/grants', { app_id: clientId, open_id, scopes })) as {
    access_token: string;
    refresh_token: string;
    expires_in: number;
  };
  return {
    id,
    platform: p,
    stored: p,
    name: `快手号 ${i + 1}`,
    appId: clientId,
    accountType: null,
    scopes,
    sealed: seal(grantOf(t.access_token, t.refresh_token, open_id, scopes, Number(t.expires_in))),
  };
}

export async function seedPlatforms(
  client: pg.Client,
  urls: Record<BenchPlatform, string>,
  secrets: SecretBox,
  dataDir: string,
  o: Options,
  dueAt: Date,
  runId: string,
): Promise<Seeded> {
  const platforms = o.platforms ?? [];
  const perPlatform = Math.max(1, Math.ceil(o.accounts / platforms.length));
  const apps = new Map<string, { clientId: string; secret: string; settings: Record<string, string> }>();
  const accounts: BenchAccount[] = [];
  for (const p of platforms) {
    if (p === 'wechat') {
      for (let i = 0; i < perPlatform; i++) {
        const w = await registerWechat(urls.wechat, secrets);
        accounts.push({
          id: randomUUID(),
          platform: p,
          stored: 'wechat_oa',
          name: `公众号 ${i + 1}`,
          appId: w.appid,
          accountType: 'service',
          scopes: [],
          sealed: w.sealed,
        });
      }
      continue;
    }
    const app = await registerApp(urls[p], p, runId);
    apps.set(p, app);
    for (let i = 0; i < perPlatform; i++) accounts.push(await registerAccount(urls[p], p, app.clientId, i, secrets));
  }

  const storage = new LocalStorage(path.join(dataDir, 'media'));
  const cover = await storage.put(PNG_1x1);
  // Not a real MP4: neither the adapters nor the emulator decode video.
  const clip = Buffer.alloc(64 * 1024, 7);
  const video = await storage.put(clip);
  const coverId = randomUUID();
  const videoId = randomUUID();
  const postIds = Array.from({ length: o.posts }, () => randomUUID());
  const titles = postIds.map((_, i) => `bench-${runId}-${i}`);
  // Round robin over platforms first, then over each platform's accounts.
  const byPlatform = platforms.map((p) => accounts.filter((a) => a.platform === p));
  const accountOf = (i: number) => {
    const list = byPlatform[i % platforms.length];
    return list[Math.floor(i / platforms.length) % list.length];
  };

  await client.query('begin');
  const u = await client.query(`insert into users (email, name, password_hash) values ($1, 'bench', 'not-a-login') returning id`, [
    `bench-${runId}@example.com`,
  ]);
  const userId = u.rows[0].id as string;
  const w = await client.query(`insert into workspaces (name) values ($1) returning id`, [`bench ${runId}`]);
  const workspaceId = w.rows[0].id as string;
  await client.query(`insert into memberships (workspace_id, user_id, role) values ($1, $2, 'owner')`, [workspaceId, userId]);
  for (const [p, a] of apps) {
    await client.query(`insert into platform_apps (workspace_id, platform, client_id, secret_sealed, settings) values ($1, $2, $3, $4, $5)`, [
      workspaceId,
      p,
      a.clientId,
      secrets.seal(a.secret),
      JSON.stringify(a.settings),
    ]);
  }
  for (const a of accounts) {
    await client.query(
      `insert into platform_accounts (id, workspace_id, platform, name, app_id, account_type, verification, credentials_sealed, credentials_updated_at, scopes, api_limits)
       values ($1, $2, $3, $4, $5, $6, 'verified', $7, now(), $8, $9::jsonb)`,
      [a.id, workspaceId, a.stored, a.name, a.appId, a.accountType, a.sealed, a.scopes, a.platform === 'wechat' ? JSON.stringify(bigWechatLimits()) : '{}'],
    );
  }
  await client.query(
    `insert into media (id, workspace_id, filename, content_type, size, sha256, storage_key, uploaded_by, width, height, duration_ms)
     values ($1, $2, 'cover.png', 'image/png', $3, $4, $5, $6, 1, 1, null), ($7, $2, 'clip.mp4', 'video/mp4', $8, $9, $10, $6, 720, 1280, 15000)`,
    [coverId, workspaceId, PNG_1x1.length, cover.sha256, cover.key, userId, videoId, clip.length, video.sha256, video.key],
  );

  const CHUNK = 2000;
  for (let i = 0; i < o.posts; i += CHUNK) {
    const idx = Array.from({ length: Math.min(CHUNK, o.posts - i) }, (_, k) => i + k);
    const ids = idx.map((k) => postIds[k]);
    const acc = idx.map((k) => accountOf(k));
    await client.query(
      `insert into posts (id, workspace_id, title, body_html, cover_media_id, status, scheduled_at, owner_id, created_by)
       select id, $1, title, '<p>' || title || '</p>', $2, 'approved', $3, $4, $4 from unnest($5::uuid[], $6::text[]) as t(id, title)`,
      [workspaceId, coverId, dueAt, userId, ids, idx.map((k) => titles[k])],
    );
    const text = idx.map((k, j) =>
      acc[j].platform === 'weibo' ? `${titles[k]} https://www.${SAFE_DOMAIN}/p/${k}` : acc[j].platform === 'wechat' ? null : titles[k],
    );
    const isVideo = acc.map((a) => ['douyin', 'bilibili', 'kuaishou'].includes(a.platform));
    await client.query(
      `insert into post_variants (workspace_id, post_id, account_id, text, video_media_id, cover_media_id, tags, options)
       select $1, p, a, t, case when v then $5::uuid end, case when v then $6::uuid end,
              case when b then array['媒运','压测'] else '{}'::text[] end,
              case when b then '{"tid": 21}'::jsonb else '{}'::jsonb end
       from unnest($2::uuid[], $3::uuid[], $4::text[], $7::boolean[], $8::boolean[]) as x(p, a, t, v, b)`,
      [workspaceId, ids, acc.map((a) => a.id), text, videoId, coverId, isVideo, acc.map((a) => a.platform === 'bilibili')],
    );
    await client.query(
      `insert into publications (workspace_id, post_id, account_id, due_at, client_ip)
       select $1, p, a, $4, case when w then $5 end from unnest($2::uuid[], $3::uuid[], $6::boolean[]) as t(p, a, w)`,
      [workspaceId, ids, acc.map((a) => a.id), dueAt, CLIENT_IP, acc.map((a) => a.platform === 'weibo')],
    );
  }
  await client.query('commit');
  return { workspaceId, titles, accounts: accounts.map((a) => ({ id: a.id, appid: a.appId ?? a.id, platform: a.platform })) };
}

/** The worker's settings pointing each platform at its emulator (the paths as the tests' publishingEnv sets them). */
export function platformBases(urls: Partial<Record<BenchPlatform, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  if (urls.weibo) env.MEIYUN_WEIBO_API_BASE = `${urls.weibo}/weibo`;
  if (urls.douyin) env.MEIYUN_DOUYIN_API_BASE = `${urls.douyin}/douyin`;
  if (urls.kuaishou) env.MEIYUN_KUAISHOU_API_BASE = `${urls.kuaishou}/kuaishou`;
  if (urls.bilibili) {
    Object.assign(env, {
      MEIYUN_BILIBILI_API_BASE: `${urls.bilibili}/bilibili`,
      MEIYUN_BILIBILI_UPLOAD_BASE: `${urls.bilibili}/bilibili`,
      MEIYUN_BILIBILI_AUTHORIZE_BASE: `${urls.bilibili}/bilibili`,
      MEIYUN_BILIBILI_AUTH_BASE: `${urls.bilibili}/bilibili-api`,
    });
  }
  return env;
}

const TITLE = /bench-[0-9a-z]+-\d+/;

/** What each platform's emulator part accepted, as {title, submitted_at?} by the bench title it carries. */
export async function publishedEverywhere(urls: Record<BenchPlatform, string>, platforms: readonly BenchPlatform[]) {
  const rows: { title: string; submitted_at: string | null; platform: BenchPlatform }[] = [];
  const add = (p: BenchPlatform, list: { title: string; submitted_at?: string }[]) => {
    for (const r of list) {
      const m = TITLE.exec(r.title ?? '');
      if (m) rows.push({ title: m[0], submitted_at: r.submitted_at ?? null, platform: p });
    }
  };
  for (const p of platforms) {
    const list = (await control(urls[p], 'GET', `/${p}/published`)) as { title: string; submitted_at?: string }[];
    add(p, list);
  }
  return rows;
}
