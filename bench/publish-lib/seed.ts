// Seeding the bench: accounts registered at the emulator, the cover, and N approved posts due at T.
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';
import type { SecretBox } from '../../server/src/lib/crypto';
import { LocalStorage } from '../../server/src/lib/storage';
import type { Options } from './options';
import { control } from './util';

/** A 1×1 PNG, the cover of every post (the same bytes as the test fixture). */
export const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

// ---------------------------------------------------------------- seeding

const BIG_LIMIT = 1_000_000;
export const BIG_ACCOUNT_APIS = [
  '/cgi-bin/freepublish/submit',
  '/cgi-bin/freepublish/get',
  '/cgi-bin/freepublish/batchget',
  '/cgi-bin/freepublish/getarticle',
  '/cgi-bin/draft/add',
  '/cgi-bin/draft/get',
];

export interface Seeded {
  workspaceId: string;
  titles: string[];
  accounts: { id: string; appid: string; platform?: string }[];
}

/** platform_accounts.api_limits of such a big account. */
export const bigWechatLimits = () => Object.fromEntries(BIG_ACCOUNT_APIS.map((p) => [p, BIG_LIMIT]));

/** A WeChat service account registered at the emulator with a big account's daily quotas. */
export async function registerWechat(emulatorUrl: string, secrets: SecretBox) {
  const appid = `wx${randomBytes(8).toString('hex')}`;
  await control(emulatorUrl, 'POST', '/wechat/apps', { appid, secret: `s-${appid}`, type: 'service', entity: 'company', verified: true });
  // Daily quotas of a big account (WeChat raises them with the follower count): a new account's
  // 100 submits a day would not carry a due minute of thousands.
  for (const path of BIG_ACCOUNT_APIS) await control(emulatorUrl, 'POST', '/wechat/quota', { appid, path, dailyLimit: BIG_LIMIT });
  return { appid, sealed: secrets.seal(JSON.stringify({ appId: appid, appSecret: `s-${appid}` })) };
}

export async function seed(
  client: pg.Client,
  emulatorUrl: string,
  secrets: SecretBox,
  dataDir: string,
  o: Options,
  dueAt: Date,
  runId: string,
): Promise<Seeded> {
  const accounts: { id: string; appid: string; sealed: string }[] = [];
  for (let i = 0; i < o.accounts; i++) {
    accounts.push({ id: randomUUID(), ...(await registerWechat(emulatorUrl, secrets)) });
  }
  // The cover in the media library, stored the way the product stores an upload.
  const { key, sha256 } = await new LocalStorage(path.join(dataDir, 'media')).put(PNG_1x1);
  const coverId = randomUUID();
  const postIds = Array.from({ length: o.posts }, () => randomUUID());
  const titles = postIds.map((_, i) => `bench-${runId}-${i}`);
  const accountOf = (i: number) => i % accounts.length;
  const prepared = o.prePrepared ? await prepareOnEmulator(emulatorUrl, accounts, titles, accountOf, coverId) : null;

  await client.query('begin');
  const u = await client.query(`insert into users (email, name, password_hash) values ($1, 'bench', 'not-a-login') returning id`, [
    `bench-${runId}@example.com`,
  ]);
  const userId = u.rows[0].id as string;
  const w = await client.query(`insert into workspaces (name) values ($1) returning id`, [`bench ${runId}`]);
  const workspaceId = w.rows[0].id as string;
  await client.query(`insert into memberships (workspace_id, user_id, role) values ($1, $2, 'owner')`, [workspaceId, userId]);
  await client.query(
    `insert into platform_accounts (id, workspace_id, platform, name, app_id, account_type, verification, credentials_sealed, credentials_updated_at, api_limits)
     select id, $1, 'wechat_oa', '号 ' || n, app_id, 'service', 'verified', sealed, now(), $5::jsonb
     from unnest($2::uuid[], $3::text[], $4::text[]) with ordinality as t(id, app_id, sealed, n)`,
    [workspaceId, accounts.map((a) => a.id), accounts.map((a) => a.appid), accounts.map((a) => a.sealed), JSON.stringify(bigWechatLimits())],
  );
  await client.query(
    `insert into media (id, workspace_id, filename, content_type, size, sha256, storage_key, uploaded_by) values ($1, $2, 'cover.png', 'image/png', $3, $4, $5, $6)`,
    [coverId, workspaceId, PNG_1x1.length, sha256, key, userId],
  );

  const CHUNK = 2000;
  for (let i = 0; i < o.posts; i += CHUNK) {
    const idx = Array.from({ length: Math.min(CHUNK, o.posts - i) }, (_, k) => i + k);
    const ids = idx.map((k) => postIds[k]);
    const acc = idx.map((k) => accounts[accountOf(k)].id);
    await client.query(
      `insert into posts (id, workspace_id, title, body_html, cover_media_id, status, scheduled_at, owner_id, created_by)
       select id, $1, title, '<p>' || title || '</p>', $2, 'approved', $3, $4, $4 from unnest($5::uuid[], $6::text[]) as t(id, title)`,
      [workspaceId, coverId, dueAt, userId, ids, idx.map((k) => titles[k])],
    );
    await client.query(`insert into post_variants (workspace_id, post_id, account_id) select $1, p, a from unnest($2::uuid[], $3::uuid[]) as t(p, a)`, [
      workspaceId,
      ids,
      acc,
    ]);
    await client.query(
      `insert into publications (workspace_id, post_id, account_id, due_at, cover_remote_id, draft_remote_id, prepared_version)
       select $1, p, a, $4, c, d, case when d is null then null else 1 end from unnest($2::uuid[], $3::uuid[], $5::text[], $6::text[]) as t(p, a, c, d)`,
      [workspaceId, ids, acc, dueAt, idx.map((k) => prepared?.covers[accountOf(k)] ?? null), idx.map((k) => prepared?.drafts[k] ?? null)],
    );
  }
  await client.query('commit');
  return { workspaceId, titles, accounts: accounts.map(({ id, appid }) => ({ id, appid })) };
}

/**
 * --pre-prepared: what the prepare-ahead step leaves behind (a cover per account, a draft per
 * publication), made by the bench through the same WeChat API calls.
 */
export async function prepareOnEmulator(base: string, accounts: { appid: string }[], titles: string[], accountOf: (i: number) => number, coverId: string) {
  const call = async (p: string, init: RequestInit) => {
    const r = (await (await fetch(`${base}${p}`, { method: 'POST', ...init })).json()) as Record<string, string>;
    if (r.errcode && Number(r.errcode) !== 0) throw new Error(`emulator ${p}: ${JSON.stringify(r)}`);
    return r;
  };
  const json = (body: unknown): RequestInit => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const tokens: string[] = [];
  const covers: string[] = [];
  for (const a of accounts) {
    const t = await call('/cgi-bin/stable_token', json({ grant_type: 'client_credential', appid: a.appid, secret: `s-${a.appid}`, force_refresh: false }));
    tokens.push(t.access_token);
    const form = new FormData();
    form.append('media', new Blob([PNG_1x1], { type: 'image/png' }), 'cover.png');
    const up = await call(`/cgi-bin/material/add_material?type=image&access_token=${t.access_token}`, { body: form });
    covers.push(`${coverId}:${up.media_id}`);
  }
  const drafts: string[] = new Array(titles.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < titles.length) {
        const i = next++;
        const a = accountOf(i);
        const thumb = covers[a].slice(covers[a].indexOf(':') + 1);
        const d = await call(
          `/cgi-bin/draft/add?access_token=${tokens[a]}`,
          json({ articles: [{ title: titles[i], content: `<p>${titles[i]}</p>`, thumb_media_id: thumb, need_open_comment: 1 }] }),
        );
        drafts[i] = d.media_id;
      }
    }),
  );
  return { covers, drafts };
}
