// The real engine publishing to Kuaishou through the emulator: bursts, faults, a killed worker,
// a review rejection and an expired token. Counts are taken at the emulator.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { asKuaishouVideos, type KsWorkspace, kuaishouWorkspace, ksPublished } from '../../test/kuaishou';
import { exactlyOnce, planBurst, publishingEnv, stateCounts, waitFor } from '../../test/publishing';
import { killMidBurst, workerProcesses } from '../../test/worker-process';
import { openGrant } from '../../modules/accounts/grants';

// A generous timeout: 500 multipart publishes into one in-process emulator on 2 cores are slow,
// and a publish cut by our own timeout is a real unknown outcome (a person checks it).
const e = await publishingEnv({
  worker: false,
  publishDelayMs: 200,
  env: { MEIYUN_PLATFORM_TIMEOUT_MS: '6000', MEIYUN_JOB_EXPIRE_SECONDS: '60', MEIYUN_RECONCILE_WINDOW_SECONDS: '12' },
});
const workers = workerProcesses(e);
const pubOf = async (id: string) => (await e.deps.db.execute(sql`select * from publications where id = ${id}`)).rows[0] as Record<string, unknown>;

/** The publications not published yet, with their steps (for a failure's message). */
async function notPublished(workspaceId: string) {
  const r = await e.deps.db.execute(sql`
    select p.state, p.poll_count, p.state_reason, p.submitted_at, p.updated_at,
      (select json_agg(json_build_array(a.step, a.outcome, a.error_code, a.at) order by a.at) from publish_attempts a where a.publication_id = p.id) as steps
    from publications p where p.workspace_id = ${workspaceId} and p.state <> 'published' limit 3`);
  return JSON.stringify(r.rows);
}

async function burst(ws: KsWorkspace, count: number, prefix: string) {
  const ids = await planBurst(e, ws, count, new Date(), { prefix });
  await asKuaishouVideos(e, ws);
  return { ids, titles: Array.from({ length: count }, (_, k) => `${prefix}-${k}`) };
}

test('a worker process killed with SIGKILL mid-burst and restarted: none lost, none duplicated', async () => {
  const ws = await kuaishouWorkspace(e, 5);
  const { titles } = await burst(ws, 120, 'ks-crash');
  const sent = await killMidBurst(e, workers, { workspaceId: ws.team.workspaceId, count: 120, sent: () => ksPublished(e, ws.appId), finishMs: 180_000 });
  assert.deepEqual(exactlyOnce(sent, titles), { duplicates: [], missing: [] });
  assert.equal(sent.length, 120);
});

test('500 posts due now: every one published exactly once, with its photo id and play URL', async () => {
  await e.startWorker();
  const ws = await kuaishouWorkspace(e, 10);
  const { ids, titles } = await burst(ws, 500, 'ks-burst');
  const final = await waitFor(
    'all published',
    () => stateCounts(e, ws.team.workspaceId),
    (c) => c.published === 500,
    240_000,
  );
  assert.deepEqual(final, { published: 500 });
  const sent = await ksPublished(e, ws.appId);
  assert.equal(sent.length, 500);
  assert.deepEqual(exactlyOnce(sent, titles), { duplicates: [], missing: [] });
  const p = await pubOf(ids[0]);
  assert.ok(
    sent.some((s) => s.photo_id === p.publish_id),
    'the publication holds the photo id the emulator gave',
  );
  assert.match(String(p.article_url), /^https:\/\/www\.kuaishou\.com\/short-video\//);
});

test('20 % of calls failing (server errors) and some answers lost after the publish: exactly once, none missing', async () => {
  const ws = await kuaishouWorkspace(e, 5);
  for (const path of ['/openapi/photo/start_upload', '/api/upload', '/openapi/photo/publish', '/openapi/photo/info']) {
    await e.control('POST', '/kuaishou/faults', { path, app_id: ws.appId, mode: 'errcode', errcode: 100200500, probability: 0.2 });
  }
  await e.control('POST', '/kuaishou/faults', { path: '/openapi/photo/publish', app_id: ws.appId, mode: 'drop_after_accept', probability: 0.05 });
  const { titles } = await burst(ws, 120, 'ks-faults');
  const final = await waitFor(
    'all published',
    () => stateCounts(e, ws.team.workspaceId),
    (c) => c.published === 120,
    180_000,
  )
    .catch(async (err) => {
      throw new Error(`${err.message}; ${await notPublished(ws.team.workspaceId)}`);
    })
    .finally(() => e.control('DELETE', '/kuaishou/faults'));
  assert.deepEqual(final, { published: 120 });
  assert.deepEqual(exactlyOnce(await ksPublished(e, ws.appId), titles), { duplicates: [], missing: [] });
  const calls = (await e.control('GET', `/kuaishou/calls?app_id=${ws.appId}&path=/openapi/photo/publish`)) as { recent: { fault?: string }[]; total: number };
  assert.ok(calls.total > 120, 'some publishes were answered with an error and repeated');
});

test("a review rejection ends failed with Kuaishou's reason", async () => {
  const ws = await kuaishouWorkspace(e, 1);
  await e.control('POST', '/kuaishou/review', { app_id: ws.appId, outcome: 'reject', reason: '视频含有违规内容', times: 1 });
  const { ids } = await burst(ws, 1, 'ks-rejected');
  const p = await waitFor(
    'final',
    () => pubOf(ids[0]),
    (r) => r.state === 'failed' || r.state === 'published',
    20_000,
  );
  assert.equal(p.state, 'failed');
  assert.equal(p.last_error_code, '120003');
  assert.match(String(p.state_reason), /视频含有违规内容/);
  assert.deepEqual(
    (await ksPublished(e, ws.appId)).map((x) => x.status),
    ['rejected'],
  );
});

test('an access token Kuaishou refuses as expired is refreshed once and the post published', async () => {
  const ws = await kuaishouWorkspace(e, 1);
  await e.control('POST', '/kuaishou/tokens/expire', { access_token: ws.accounts[0].accessToken });
  const { ids } = await burst(ws, 3, 'ks-refresh');
  const final = await waitFor(
    'all published',
    () => stateCounts(e, ws.team.workspaceId),
    (c) => c.published === 3,
    30_000,
  );
  assert.deepEqual(final, { published: 3 });
  const refreshes = (await e.control('GET', `/kuaishou/calls?app_id=${ws.appId}&path=/oauth2/refresh_token`)) as { total: number };
  assert.equal(refreshes.total, 1, 'one refresh shared by every publication of the account');
  const [row] = (await e.deps.db.execute(sql`select credentials_sealed from platform_accounts where id = ${ws.accounts[0].id}`)).rows as {
    credentials_sealed: string;
  }[];
  const g = openGrant(e.deps, row.credentials_sealed);
  assert.notEqual(g?.accessToken, ws.accounts[0].accessToken);
  assert.equal((await pubOf(ids[0])).state, 'published');
});
