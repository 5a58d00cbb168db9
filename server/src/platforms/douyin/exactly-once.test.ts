// The real engine publishing to Douyin (API route: the grant holds video.create.bind) through the
// emulator: a killed worker, a 500-post burst, faults with lost create_video answers, and a review
// rejection. Counts are taken at the emulator.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { asDouyinVideos, type DyWorkspace, douyinWorkspace, dyPublished } from '../../test/douyin';
import { exactlyOnce, planBurst, publishingEnv, stateCounts, waitFor } from '../../test/publishing';
import { killMidBurst, workerProcesses } from '../../test/worker-process';

// As for Kuaishou: multipart uploads into one in-process emulator on 2 cores are slow, and a call
// cut by our own timeout is a real unknown outcome.
const e = await publishingEnv({
  worker: false,
  publishDelayMs: 200,
  env: { MEIYUN_PLATFORM_TIMEOUT_MS: '6000', MEIYUN_JOB_EXPIRE_SECONDS: '60', MEIYUN_RECONCILE_WINDOW_SECONDS: '20' },
});
const workers = workerProcesses(e, { MEIYUN_RECONCILE_WINDOW_SECONDS: '20' });
const pubOf = async (id: string) => (await e.deps.db.execute(sql`select * from publications where id = ${id}`)).rows[0] as Record<string, unknown>;
const CREATE = '/api/douyin/v1/video/create_video/';

async function burst(ws: DyWorkspace, count: number, prefix: string) {
  const ids = await planBurst(e, ws, count, new Date(), { prefix });
  await asDouyinVideos(e, ws);
  return { ids, titles: Array.from({ length: count }, (_, k) => `${prefix}-${k}`) };
}

test('a worker process killed with SIGKILL mid-burst and restarted: none lost, none duplicated', async () => {
  const ws = await douyinWorkspace(e, 5);
  const { titles } = await burst(ws, 120, 'dy-crash');
  const sent = await killMidBurst(e, workers, { workspaceId: ws.team.workspaceId, count: 120, sent: () => dyPublished(e, ws) });
  assert.deepEqual(exactlyOnce(sent, titles), { duplicates: [], missing: [] });
  assert.equal(sent.length, 120);
});

test('500 posts due now across 10 accounts: every one published exactly once, with its item id and share URL', async () => {
  await e.startWorker();
  const ws = await douyinWorkspace(e, 10);
  const { ids, titles } = await burst(ws, 500, 'dy-burst');
  const final = await waitFor(
    'all published',
    () => stateCounts(e, ws.team.workspaceId),
    (c) => c.published === 500,
    180_000,
  );
  assert.deepEqual(final, { published: 500 });
  const sent = await dyPublished(e, ws);
  assert.equal(sent.length, 500);
  assert.deepEqual(exactlyOnce(sent, titles), { duplicates: [], missing: [] });
  const p = await pubOf(ids[0]);
  assert.ok(
    sent.some((s) => s.item_id === p.publish_id && s.title === 'dy-burst-0'),
    'the publication holds the item id the emulator gave',
  );
  assert.match(String(p.article_url), /^https:\/\/www\.iesdouyin\.com\/share\/video\//);
});

test('20 % of calls busy and some create_video answers lost after the video was created: reconciled, exactly once, none missing', async () => {
  const ws = await douyinWorkspace(e, 5);
  for (const path of [
    '/api/douyin/v1/video/upload_video/',
    '/api/douyin/v1/video/upload_image/',
    CREATE,
    '/api/douyin/v1/video/video_data/',
    '/api/douyin/v1/video/video_list/',
  ]) {
    await e.control('POST', '/douyin/faults', { path, mode: 'errcode', errorCode: 28001005, description: '系统繁忙', probability: 0.2 });
  }
  await e.control('POST', '/douyin/faults', { path: CREATE, mode: 'drop_after_accept', probability: 0.06 });
  const { titles } = await burst(ws, 120, 'dy-faults');
  const final = await waitFor(
    'all published',
    () => stateCounts(e, ws.team.workspaceId),
    (c) => c.published === 120,
    150_000,
  ).finally(() => e.control('DELETE', '/douyin/faults'));
  assert.deepEqual(final, { published: 120 });
  assert.deepEqual(exactlyOnce(await dyPublished(e, ws), titles), { duplicates: [], missing: [] });
  const calls = (await e.control('GET', '/douyin/calls')) as { path: string; errorCode: number }[];
  assert.ok(calls.filter((c) => c.path === CREATE && c.errorCode === 28001005).length > 5, 'create_video was refused as busy and repeated');
  const r = await e.deps.db.execute(sql`
    select count(distinct a.publication_id)::int as n from publish_attempts a
    where a.workspace_id = ${ws.team.workspaceId} and a.step = 'submit' and a.outcome = 'unknown'`);
  assert.ok((r.rows[0] as { n: number }).n > 0, 'some create_video answers were lost, and those publications were reconciled');
});

test('a review rejection ends failed with the reason Douyin gave', async () => {
  const ws = await douyinWorkspace(e, 1);
  await e.control('POST', '/douyin/review', { outcome: 'rejected', reason: '视频含有违规内容，不适宜公开', times: 1 });
  const { ids } = await burst(ws, 1, 'dy-rejected');
  const p = await waitFor(
    'final',
    () => pubOf(ids[0]),
    (x) => x.state === 'failed' || x.state === 'published',
    30_000,
  );
  assert.equal(p.state, 'failed');
  assert.equal(p.last_error_code, 'rejected');
  assert.match(String(p.state_reason), /视频含有违规内容，不适宜公开/);
  assert.equal((await dyPublished(e, ws)).length, 1, 'the video exists on Douyin, not public');
});
