import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { sleep } from '../../lib/time';
import { as } from '../../test/app';
import { uploadImage } from '../../test/fixtures';
import { exactlyOnce, INTERVAL_MS, planBurst, publishingEnv, stateCounts, waitFor, wechatWorkspace } from '../../test/publishing';

const e = await publishingEnv({ env: { MEIYUN_PLATFORM_TIMEOUT_MS: '1500', MEIYUN_RECONCILE_WINDOW_SECONDS: '12' } });
const pubOf = async (id: string) => (await e.deps.db.execute(sql`select * from publications where id = ${id}`)).rows[0] as Record<string, unknown>;

test('through the API: write, approve, schedule, and the post is published once with its article link', async () => {
  const ws = await wechatWorkspace(e, 1);
  const { team } = ws;
  const cover = await uploadImage(e, team.editor);
  const created = await as(e, team.editor)({
    method: 'POST',
    url: '/api/v1/posts',
    payload: { title: '媒运上线啦', author: '陈编辑', digest: '第一篇', bodyHtml: `<p>你好</p><img src="/api/v1/media/${cover.id}/file">`, coverMediaId: cover.id, accountIds: [ws.accounts[0].id] },
  });
  const id = created.json().id;
  await as(e, team.editor)({ method: 'POST', url: `/api/v1/posts/${id}/submit` });
  await as(e, team.reviewer)({ method: 'POST', url: `/api/v1/posts/${id}/review`, payload: { decision: 'approved' } });
  const s = await as(e, team.editor)({ method: 'POST', url: `/api/v1/posts/${id}/schedule`, payload: { scheduledAt: new Date(Date.now() + 500).toISOString() } });
  assert.equal(s.statusCode, 200, s.body);
  const pub = await waitFor(
    'published',
    async () => (await as(e, team.guest)({ method: 'GET', url: `/api/v1/posts/${id}` })).json().publications[0],
    (p) => p.state === 'published' || p.state === 'failed',
    20_000,
  );
  assert.equal(pub.state, 'published', JSON.stringify(pub));
  assert.match(pub.articleUrl, /^https?:\/\//);
  const subs = await e.published(ws.accounts[0].appid);
  assert.deepEqual(subs.map((x) => x.title), ['媒运上线啦']);
  const detail = (await as(e, team.guest)({ method: 'GET', url: `/api/v1/publications/${pub.id}` })).json();
  const steps = detail.attempts.map((a: { step: string; outcome: string }) => `${a.step}:${a.outcome}`).reverse();
  assert.deepEqual(steps.slice(0, 2), ['prepare:ok', 'submit:ok']);
  assert.ok(steps.includes('poll:ok'));
});

test('500 posts due in the same minute across 10 accounts are each published exactly once', async () => {
  const ws = await wechatWorkspace(e, 10);
  const ids = await planBurst(e, ws, 500, new Date(), { prefix: 'b500' });
  await waitFor('all published', () => stateCounts(e, ws.team.workspaceId), (c) => c.published === 500, 120_000).catch(async (err) => {
    const odd = await e.deps.db.execute(sql`select state, state_reason, last_error_code from publications where workspace_id = ${ws.team.workspaceId} and state <> 'published' limit 5`);
    throw new Error(`${err.message}; not published: ${JSON.stringify(odd.rows)}`);
  });
  const subs = (await Promise.all(ws.accounts.map((a) => e.published(a.appid)))).flat();
  const twice = exactlyOnce(subs, []).duplicates;
  if (twice.length) {
    const hist = await e.deps.db.execute(
      sql`select po.title, a.step, a.outcome, a.error_code, a.at from publish_attempts a join publications p on p.id = a.publication_id join posts po on po.id = p.post_id where po.title = ${twice[0]} order by a.id`,
    );
    assert.fail(`submitted twice: ${twice.join(', ')}; history of the first: ${JSON.stringify(hist.rows)}`);
  }
  assert.equal(subs.length, 500);
  assert.equal(new Set(subs.map((s) => s.title)).size, 500);
  assert.equal(ids.length, 500);
});

test('with 20 % of calls failing with "system busy", every post still goes out exactly once', async () => {
  const ws = await wechatWorkspace(e, 10);
  for (const a of ws.accounts) {
    await e.control('POST', '/wechat/faults', { path: '*', appid: a.appid, mode: 'errcode', errcode: -1, probability: 0.2 });
  }
  await planBurst(e, ws, 200, new Date(), { prefix: 'flaky' });
  const final = await waitFor('all settled', () => stateCounts(e, ws.team.workspaceId), (c) => (c.published ?? 0) + (c.failed ?? 0) === 200, 180_000);
  assert.deepEqual(final, { published: 200 });
  const subs = (await Promise.all(ws.accounts.map((a) => e.published(a.appid)))).flat();
  const titles = subs.filter((s) => s.status === 0).map((s) => s.title);
  assert.equal(titles.length, 200);
  assert.equal(new Set(titles).size, 200);
  // The faults really happened (the emulator answered "system busy" to many calls).
  let busy = 0;
  for (const a of ws.accounts) {
    const calls = (await e.control('GET', `/wechat/calls?appid=${a.appid}&limit=500`)) as { recent: { errcode: number | null }[] };
    busy += calls.recent.filter((c) => c.errcode === -1).length;
  }
  assert.ok(busy > 20, `only ${busy} busy answers`);
});

test('a content rejection ends failed with the platform reason, at once', async () => {
  const ws = await wechatWorkspace(e, 1);
  await e.control('POST', '/wechat/publish-outcome', { appid: ws.accounts[0].appid, status: 4, times: 1 });
  const [id] = await planBurst(e, ws, 1, new Date(), { prefix: 'rejected' });
  const p = await waitFor('final', () => pubOf(id), (r) => r.state === 'failed' || r.state === 'published', 20_000);
  assert.equal(p.state, 'failed');
  assert.equal(p.last_error_code, '4');
  assert.match(String(p.state_reason), /审核|review/);
  assert.equal(p.attempt_count, 1);
});

test('a rejected publication retried by a manager goes out once with a new draft', async () => {
  const ws = await wechatWorkspace(e, 1);
  await e.control('POST', '/wechat/publish-outcome', { appid: ws.accounts[0].appid, status: 3, times: 1 });
  const [id] = await planBurst(e, ws, 1, new Date(), { prefix: 'retry-me' });
  await waitFor('failed', () => pubOf(id), (r) => r.state === 'failed', 20_000);
  assert.equal((await as(e, ws.team.editor)({ method: 'POST', url: `/api/v1/publications/${id}/retry` })).statusCode, 403);
  const r = await as(e, ws.team.manager)({ method: 'POST', url: `/api/v1/publications/${id}/retry` });
  assert.equal(r.statusCode, 200, r.body);
  const p = await waitFor('published', () => pubOf(id), (x) => x.state === 'published' || x.state === 'failed', 20_000);
  assert.equal(p.state, 'published', String(p.state_reason));
  const subs = await e.published(ws.accounts[0].appid);
  assert.deepEqual(subs.map((s) => s.status).sort(), [0, 3]);
  // Retrying a published one is refused.
  assert.equal((await as(e, ws.team.manager)({ method: 'POST', url: `/api/v1/publications/${id}/retry` })).statusCode, 409);
});

test('an account without credentials fails with a clear reason instead of hanging', async () => {
  const ws = await wechatWorkspace(e, 1);
  await e.deps.db.execute(sql`update platform_accounts set credentials_sealed = null where id = ${ws.accounts[0].id}`);
  const [id] = await planBurst(e, ws, 1, new Date(), { prefix: 'nocreds' });
  const p = await waitFor('final', () => pubOf(id), (r) => r.state !== 'scheduled' && r.state !== 'dispatching', 20_000);
  assert.equal(p.state, 'failed');
  assert.match(String(p.state_reason), /AppID\/AppSecret/);
});

test('an unapproved post never goes out and shows as expired', async () => {
  const ws = await wechatWorkspace(e, 1);
  const [id] = await planBurst(e, ws, 1, new Date(), { prefix: 'unapproved', status: 'in_review' });
  const p = await waitFor('expired', () => pubOf(id), (r) => r.state !== 'scheduled', 10_000);
  assert.equal(p.state, 'expired');
  await sleep(INTERVAL_MS * 3);
  assert.equal((await e.published(ws.accounts[0].appid)).length, 0);
});

test('overdue past the workspace window: missed, never published late', async () => {
  const ws = await wechatWorkspace(e, 1);
  const [id] = await planBurst(e, ws, 1, new Date(Date.now() - 2 * 3600_000), { prefix: 'late' });
  const p = await waitFor('missed', () => pubOf(id), (r) => r.state !== 'scheduled', 10_000);
  assert.equal(p.state, 'missed');
  assert.match(String(p.state_reason), /60 分钟/);
  assert.equal((await e.published(ws.accounts[0].appid)).length, 0);
});

test('an expired token (40001) is refreshed once and the publish goes through', async () => {
  const ws = await wechatWorkspace(e, 1);
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/freepublish/submit', appid: ws.accounts[0].appid, mode: 'errcode', errcode: 40001, times: 1 });
  const [id] = await planBurst(e, ws, 1, new Date(), { prefix: 'token' });
  const p = await waitFor('final', () => pubOf(id), (r) => r.state === 'published' || r.state === 'failed', 20_000);
  assert.equal(p.state, 'published');
  assert.equal((await e.published(ws.accounts[0].appid)).length, 1);
});

test('the answer to a submit is lost after WeChat accepted it: reconciled, not submitted twice', async () => {
  const ws = await wechatWorkspace(e, 1);
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/freepublish/submit', appid: ws.accounts[0].appid, mode: 'drop_after_accept', times: 1 });
  const [id] = await planBurst(e, ws, 1, new Date(), { prefix: 'dropped' });
  const p = await waitFor('final', () => pubOf(id), (r) => ['published', 'failed', 'needs_attention'].includes(String(r.state)), 60_000);
  assert.equal(p.state, 'published', String(p.state_reason));
  assert.match(String(p.state_reason), /核对/);
  assert.equal((await e.published(ws.accounts[0].appid)).length, 1);
  const attempts = await e.deps.db.execute(sql`select step, outcome from publish_attempts where publication_id = ${id} order by id`);
  assert.deepEqual(
    (attempts.rows as { step: string; outcome: string }[]).filter((a) => a.step !== 'prepare').map((a) => `${a.step}:${a.outcome}`).slice(0, 1),
    ['submit:unknown'],
  );
});

test('a submit that times out unanswered is never sent blindly again: looked for, then handed to a person, who may send it once', async () => {
  const ws = await wechatWorkspace(e, 1);
  // The request is held and never processed: WeChat never published it, but the client cannot know.
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/freepublish/submit', appid: ws.accounts[0].appid, mode: 'timeout', times: 1 });
  const [id] = await planBurst(e, ws, 1, new Date(), { prefix: 'timeout' });
  const p = await waitFor('final', () => pubOf(id), (r) => ['published', 'failed', 'needs_attention'].includes(String(r.state)), 60_000);
  assert.equal(p.state, 'needs_attention', String(p.state_reason));
  assert.match(String(p.state_reason), /核对.*Check the account/s);
  assert.equal((await e.published(ws.accounts[0].appid)).length, 0, 'nothing was resubmitted on a guess');
  const steps = await e.deps.db.execute(sql`select step || ':' || outcome as s from publish_attempts where publication_id = ${id} and step <> 'prepare' order by id`);
  const seq = (steps.rows as { s: string }[]).map((r) => r.s);
  assert.equal(seq[0], 'submit:unknown');
  assert.ok(seq.slice(1).length >= 1 && seq.slice(1).every((x) => x === 'reconcile:ok'), seq.join(' '));
  // A person checked the account: it is not there. An editor may not decide that; a manager may.
  assert.equal((await as(e, ws.team.editor)({ method: 'POST', url: `/api/v1/publications/${id}/resolve`, payload: { outcome: 'not_published' } })).statusCode, 403);
  const r = await as(e, ws.team.manager)({ method: 'POST', url: `/api/v1/publications/${id}/resolve`, payload: { outcome: 'not_published' } });
  assert.equal(r.statusCode, 200, r.body);
  const done = await waitFor('published', () => pubOf(id), (x) => x.state === 'published' || x.state === 'failed', 30_000);
  assert.equal(done.state, 'published', String(done.state_reason));
  assert.equal((await e.published(ws.accounts[0].appid)).length, 1);
  const audit = await e.deps.db.execute(sql`select action from audit_log where entity_id = ${id}`);
  assert.deepEqual((audit.rows as { action: string }[]).map((x) => x.action), ['publication.resolve.not_published']);
});

test('a person who finds the article on the account marks it published with its link', async () => {
  const ws = await wechatWorkspace(e, 1);
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/freepublish/submit', appid: ws.accounts[0].appid, mode: 'timeout', times: 1 });
  const [id] = await planBurst(e, ws, 1, new Date(), { prefix: 'found-by-hand' });
  await waitFor('needs attention', () => pubOf(id), (r) => r.state === 'needs_attention', 60_000);
  const bad = await as(e, ws.team.manager)({ method: 'POST', url: `/api/v1/publications/${id}/resolve`, payload: { outcome: 'published', url: 'javascript:alert(1)' } });
  assert.equal(bad.statusCode, 400);
  const r = await as(e, ws.team.manager)({ method: 'POST', url: `/api/v1/publications/${id}/resolve`, payload: { outcome: 'published', url: 'https://mp.weixin.qq.com/s/abc' } });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().state, 'published');
  assert.equal(r.json().articleUrl, 'https://mp.weixin.qq.com/s/abc');
  assert.equal((await as(e, ws.team.manager)({ method: 'POST', url: `/api/v1/publications/${id}/resolve`, payload: { outcome: 'not_published' } })).statusCode, 409);
});

test('pause stops dispatch within one poll interval; resume sends the rest exactly once', async () => {
  const ws = await wechatWorkspace(e, 5);
  // Slow submits so that the burst is still going when the button is pressed.
  for (const a of ws.accounts) {
    await e.control('POST', '/wechat/faults', { path: '/cgi-bin/freepublish/submit', appid: a.appid, mode: 'latency', latencyMs: 600, probability: 1 });
  }
  // More than the worker has in flight at once (4 jobs × 50), so some must wait in the queue.
  await planBurst(e, ws, 400, new Date(), { prefix: 'pause' });
  const count = async () => (await Promise.all(ws.accounts.map((a) => e.published(a.appid)))).flat().length;
  await waitFor('the first submits', count, (n) => n >= 10, 60_000);
  const r = await as(e, ws.team.manager)({ method: 'POST', url: '/api/v1/workspace/pause', payload: { reason: '舆情演练' } });
  assert.equal(r.json().paused, true);
  const pausedAt = ((await e.deps.db.execute(sql`select now() as t`)).rows[0] as { t: string }).t;
  // Nothing starts once the pause is committed: every submit marked as started was marked before
  // it (by the database's clock). Checked on the marks, not on arrivals at the platform, so a
  // slow machine finishing the submits already on the wire cannot make it fail or pass.
  await sleep(INTERVAL_MS * 5);
  const started = async () =>
    (
      (await e.deps.db.execute(sql`
        select count(*)::int as n, count(*) filter (where submit_started_at > ${pausedAt}::timestamptz)::int as late
        from publications where workspace_id = ${ws.team.workspaceId} and submit_started_at is not null`)).rows[0] as { n: number; late: number }
    );
  const marked = await started();
  assert.equal(marked.late, 0, 'no submit started after the pause');
  // What reached WeChat is exactly what had started; nothing else follows.
  await waitFor('the submits on the wire', count, (n) => n >= marked.n, 60_000);
  await sleep(INTERVAL_MS * 3);
  assert.equal(await count(), marked.n, 'no submit after the pause took effect');
  assert.equal((await started()).n, marked.n);
  const held = await stateCounts(e, ws.team.workspaceId);
  assert.ok((held.paused ?? 0) > 0, JSON.stringify(held));
  assert.equal(held.scheduled ?? 0, 0);
  await as(e, ws.team.manager)({ method: 'POST', url: '/api/v1/workspace/resume' });
  await waitFor('all published', () => stateCounts(e, ws.team.workspaceId), (c) => c.published === 400, 90_000);
  const titles = (await Promise.all(ws.accounts.map((a) => e.published(a.appid)))).flat().map((s) => s.title);
  assert.equal(titles.length, 400);
  assert.equal(new Set(titles).size, 400);
});
