import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { startEmulator } from '../../../emulator/src/server';
import { platformAccounts } from '../modules/accounts/tables';
import { media, postVariants, posts } from '../modules/content/tables';
import { publications } from '../modules/publishing/tables';
import { startWorker, type Worker } from '../modules/publishing/worker';
import { sleep } from '../lib/time';
import { type TestEnv, testEnv, workspaceWithTeam } from './app';
import { PNG_1x1 } from './fixtures';

export const INTERVAL_MS = 200;

/** The app, a running worker and the platform emulator it publishes to. */
export async function publishingEnv(opts: { publishDelayMs?: number; worker?: boolean; env?: Record<string, string> } = {}) {
  const emulator = await startEmulator({ publishDelayMs: opts.publishDelayMs ?? 300 });
  const t = await testEnv({
    MEIYUN_WECHAT_API_BASE: emulator.url,
    MEIYUN_KUAISHOU_API_BASE: `${emulator.url}/kuaishou`,
    MEIYUN_BILIBILI_API_BASE: `${emulator.url}/bilibili`,
    MEIYUN_BILIBILI_UPLOAD_BASE: `${emulator.url}/bilibili`,
    MEIYUN_BILIBILI_AUTHORIZE_BASE: `${emulator.url}/bilibili`,
    MEIYUN_BILIBILI_AUTH_BASE: `${emulator.url}/bilibili-api`,
    MEIYUN_WEIBO_API_BASE: `${emulator.url}/weibo`,
    MEIYUN_DOUYIN_API_BASE: `${emulator.url}/douyin`,
    MEIYUN_DISPATCH_INTERVAL_MS: String(INTERVAL_MS),
    MEIYUN_PREPARE_AHEAD_MINUTES: '0',
    MEIYUN_JOB_EXPIRE_SECONDS: '30',
    MEIYUN_PLATFORM_TIMEOUT_MS: '3000',
    ...opts.env,
  });
  let worker: Worker | null = opts.worker === false ? null : await startWorker(t.deps);
  t.cleanup(() => emulator.close());
  t.cleanup(async () => {
    await worker?.stop();
  });
  const control = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${emulator.url}/__control${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`emulator control ${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  return {
    ...t,
    emulator,
    control,
    /** Every freepublish/submit the emulator accepted, optionally for one app. */
    published: async (appid?: string) => (await control('GET', `/wechat/published${appid ? `?appid=${appid}` : ''}`)) as { appid: string; title: string; status: number }[],
    stopWorker: async () => {
      await worker?.stop();
      worker = null;
    },
    startWorker: async () => {
      worker = await startWorker(t.deps);
    },
  };
}
export type PubEnv = Awaited<ReturnType<typeof publishingEnv>>;

/** A workspace with `n` WeChat accounts registered in the emulator, credentials sealed. */
export async function wechatWorkspace(e: PubEnv, n: number) {
  const team = await workspaceWithTeam(e);
  const accounts: { id: string; appid: string }[] = [];
  for (let i = 0; i < n; i++) {
    const appid = `wx${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    await e.control('POST', '/wechat/apps', { appid, secret: `s-${appid}`, type: 'service', entity: 'company', verified: true });
    const [row] = await e.deps.db
      .insert(platformAccounts)
      .values({
        workspaceId: team.workspaceId,
        platform: 'wechat_oa',
        name: `号 ${i + 1}`,
        appId: appid,
        credentialsSealed: e.deps.secrets.seal(JSON.stringify({ appId: appid, appSecret: `s-${appid}` })),
      })
      .returning();
    accounts.push({ id: row.id, appid });
  }
  const { key, sha256 } = await e.deps.storage.put(PNG_1x1);
  const [cover] = await e.deps.db
    .insert(media)
    .values({ workspaceId: team.workspaceId, filename: 'c.png', contentType: 'image/png', size: PNG_1x1.length, sha256, storageKey: key, uploadedBy: team.editor.userId })
    .returning();
  return { team, accounts, coverId: cover.id };
}

/**
 * Plans `count` posts spread over the accounts, all due at `dueAt`, straight into the tables
 * (the API path is tested elsewhere; here we need volume). Titles are unique: "<prefix>-<i>".
 */
export async function planBurst(
  e: PubEnv,
  ws: Awaited<ReturnType<typeof wechatWorkspace>>,
  count: number,
  dueAt: Date,
  opts: { prefix?: string; status?: string; variant?: (title: string) => { text?: string; topics?: string[] }; clientIp?: string } = {},
) {
  const prefix = opts.prefix ?? 'burst';
  const ids: string[] = [];
  await e.deps.db.transaction(async (tx) => {
    for (let i = 0; i < count; i += 100) {
      const chunk = Array.from({ length: Math.min(100, count - i) }, (_, k) => i + k);
      const rows = await tx
        .insert(posts)
        .values(
          chunk.map((k) => ({
            workspaceId: ws.team.workspaceId,
            title: `${prefix}-${k}`,
            bodyHtml: `<p>${prefix} ${k}</p>`,
            coverMediaId: ws.coverId,
            status: opts.status ?? 'approved',
            scheduledAt: dueAt,
            ownerId: ws.team.editor.userId,
            createdBy: ws.team.editor.userId,
          })),
        )
        .returning({ id: posts.id });
      const pairs = rows.map((r, k) => ({ postId: r.id, accountId: ws.accounts[(i + k) % ws.accounts.length].id, workspaceId: ws.team.workspaceId }));
      await tx.insert(postVariants).values(pairs.map((p, k) => ({ ...p, ...opts.variant?.(`${prefix}-${chunk[k]}`) })));
      const pubs = await tx.insert(publications).values(pairs.map((p) => ({ ...p, dueAt, clientIp: opts.clientIp ?? null }))).returning({ id: publications.id });
      ids.push(...pubs.map((p) => p.id));
    }
  });
  return ids;
}

export async function stateCounts(t: TestEnv, workspaceId: string) {
  const r = await t.deps.db.execute(sql`select state, count(*)::int as n from publications where workspace_id = ${workspaceId} group by state`);
  return Object.fromEntries((r.rows as { state: string; n: number }[]).map((x) => [x.state, x.n]));
}

/** Waits until `done` holds, polling; fails with the last observed value after `ms`. */
export async function waitFor<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await sleep(100);
    last = await probe();
  }
  return last;
}

/** Titles submitted more than once, and titles expected but never submitted. */
export function exactlyOnce(submitted: { title: string }[], expected: string[]) {
  const seen = new Map<string, number>();
  for (const s of submitted) seen.set(s.title, (seen.get(s.title) ?? 0) + 1);
  return {
    duplicates: [...seen].filter(([, n]) => n > 1).map(([k]) => k),
    missing: expected.filter((x) => !seen.has(x)),
  };
}
