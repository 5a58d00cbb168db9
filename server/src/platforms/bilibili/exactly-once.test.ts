// The real engine publishing to Bilibili through the emulator: a killed worker, a 500-post burst,
// faults with lost add-by-utoken answers, a review rejection, and the daily limit of five
// submissions for a member who is not a 正式会员. Counts are taken at the emulator.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { biliBurst, biliPublished, bilibiliWorkspace } from '../../test/bilibili';
import { exactlyOnce, publishingEnv, stateCounts, waitFor } from '../../test/publishing';
import { killMidBurst, workerProcesses } from '../../test/worker-process';

// As for Kuaishou: chunked uploads into one in-process emulator on 2 cores are slow, and a call cut
// by our own timeout is a real unknown outcome.
const e = await publishingEnv({
  worker: false,
  publishDelayMs: 200,
  env: { MEIYUN_PLATFORM_TIMEOUT_MS: '6000', MEIYUN_JOB_EXPIRE_SECONDS: '60', MEIYUN_RECONCILE_WINDOW_SECONDS: '20' },
});
const workers = workerProcesses(e, { MEIYUN_RECONCILE_WINDOW_SECONDS: '20' });
const pubOf = async (id: string) => (await e.deps.db.execute(sql`select * from publications where id = ${id}`)).rows[0] as Record<string, unknown>;
const ADD = '/arcopen/fn/archive/add-by-utoken';

test('a worker process killed with SIGKILL mid-burst and restarted: none lost, none duplicated', async () => {
  const ws = await bilibiliWorkspace(e, 5, { formal: true });
  const { titles } = await biliBurst(e, ws, 120, 'bl-crash');
  const sent = await killMidBurst(e, workers, { workspaceId: ws.team.workspaceId, count: 120, sent: () => biliPublished(e, ws.clientId) });
  assert.deepEqual(exactlyOnce(sent, titles), { duplicates: [], missing: [] });
  assert.equal(sent.length, 120);
});

test('500 posts due now across 10 formal members: every one published exactly once, with its BV id and link', async () => {
  await e.startWorker();
  const ws = await bilibiliWorkspace(e, 10, { formal: true });
  const { ids, titles } = await biliBurst(e, ws, 500, 'bl-burst');
  const final = await waitFor(
    'all published',
    () => stateCounts(e, ws.team.workspaceId),
    (c) => c.published === 500,
    180_000,
  );
  assert.deepEqual(final, { published: 500 });
  const sent = await biliPublished(e, ws.clientId);
  assert.equal(sent.length, 500);
  assert.deepEqual(exactlyOnce(sent, titles), { duplicates: [], missing: [] });
  const p = await pubOf(ids[0]);
  assert.ok(
    sent.some((s) => s.resourceId === p.publish_id && s.title === 'bl-burst-0'),
    'the publication holds the resource id the emulator gave',
  );
  assert.match(String(p.article_url), /bilibili\.com\/video\//);
});

test('20 % of calls failing and some add-by-utoken answers lost after the archive was stored: reconciled, exactly once, none missing', async () => {
  const ws = await bilibiliWorkspace(e, 5, { formal: true });
  for (const path of [
    '/arcopen/fn/archive/video/init',
    '/video/v2/part/upload',
    '/arcopen/fn/archive/cover/upload',
    ADD,
    '/arcopen/fn/archive/view',
    '/arcopen/fn/archive/viewlist',
  ]) {
    await e.control('POST', '/bilibili/faults', { path, mode: 'errcode', code: 4003, message: '服务器内部错误', probability: 0.2 });
  }
  await e.control('POST', '/bilibili/faults', { path: ADD, mode: 'drop_after_accept', probability: 0.06 });
  const { titles } = await biliBurst(e, ws, 120, 'bl-faults');
  const final = await waitFor(
    'all published',
    () => stateCounts(e, ws.team.workspaceId),
    (c) => c.published === 120,
    150_000,
  ).finally(() => e.control('DELETE', '/bilibili/faults'));
  assert.deepEqual(final, { published: 120 });
  assert.deepEqual(exactlyOnce(await biliPublished(e, ws.clientId), titles), { duplicates: [], missing: [] });
  const r = await e.deps.db.execute(sql`
    select count(*) filter (where outcome = 'unknown')::int as lost, count(*) filter (where outcome = 'error')::int as refused
    from publish_attempts where workspace_id = ${ws.team.workspaceId} and step = 'submit'`);
  const { lost, refused } = r.rows[0] as { lost: number; refused: number };
  assert.ok(lost > 0, 'some add-by-utoken answers were lost, and those publications were reconciled');
  assert.ok(refused + lost > 0, 'faults reached the submit');
});

test('a review rejection ends failed with the reason Bilibili gave', async () => {
  const ws = await bilibiliWorkspace(e, 1, { formal: true });
  await e.control('POST', '/bilibili/review', { outcome: 'reject', reason: '视频内容不符合社区规范：含有违规画面', times: 1 });
  const { ids } = await biliBurst(e, ws, 1, 'bl-rejected');
  const p = await waitFor(
    'final',
    () => pubOf(ids[0]),
    (x) => x.state === 'failed' || x.state === 'published',
    30_000,
  );
  assert.equal(p.state, 'failed');
  assert.equal(p.last_error_code, '-2');
  assert.match(String(p.state_reason), /含有违规画面/);
});

test('a member who is not formal: five submissions a day, the rest refused before calling Bilibili, with the reason', async () => {
  const ws = await bilibiliWorkspace(e, 1, { formal: false });
  const { titles } = await biliBurst(e, ws, 7, 'bl-daily');
  const final = await waitFor(
    'settled',
    () => stateCounts(e, ws.team.workspaceId),
    (c) => (c.published ?? 0) + (c.failed ?? 0) === 7,
    60_000,
  );
  assert.deepEqual(final, { published: 5, failed: 2 });
  const sent = await biliPublished(e, ws.clientId);
  assert.equal(sent.length, 5, 'no sixth submission reached Bilibili');
  assert.deepEqual(exactlyOnce(sent, titles).duplicates, []);
  const refused = (
    await e.deps.db.execute(sql`select last_error_code, state_reason from publications where workspace_id = ${ws.team.workspaceId} and state = 'failed'`)
  ).rows as {
    last_error_code: string;
    state_reason: string;
  }[];
  assert.deepEqual(
    refused.map((x) => x.last_error_code),
    ['allowance_used', 'allowance_used'],
  );
  assert.match(refused[0].state_reason, /发送次数已用完/);
});

test('a member recorded as formal whom Bilibili still limits: the sixth is answered 123036 and waits for tomorrow, saying why', async () => {
  const ws = await bilibiliWorkspace(e, 1, { formal: false, recordedFormal: true });
  await biliBurst(e, ws, 6, 'bl-limited');
  const settled = await waitFor(
    'five out, one held back',
    () => stateCounts(e, ws.team.workspaceId),
    (c) => c.published === 5 && c.scheduled === 1,
    60_000,
  );
  assert.deepEqual(settled, { published: 5, scheduled: 1 });
  const held = (await e.deps.db.execute(sql`select * from publications where workspace_id = ${ws.team.workspaceId} and state = 'scheduled'`)).rows[0] as Record<
    string,
    unknown
  >;
  assert.equal(held.last_error_code, '123036');
  assert.match(String(held.state_reason), /非正式会员单日只能投递五个稿件/);
  assert.ok(new Date(String(held.next_attempt_at)).getTime() > Date.now() + 60_000, 'not retried before the day turns');
  assert.equal((await biliPublished(e, ws.clientId)).length, 5);
});
