import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { sleep } from '../../lib/time';
import { as } from '../../test/app';
import { exactlyOnce, planBurst, publishingEnv, stateCounts, waitFor, wechatWorkspace } from '../../test/publishing';

// Prepared ahead and armed ahead, as in production: the due second only submits.
const e = await publishingEnv({ env: { MEIYUN_PREPARE_AHEAD_MINUTES: '10', MEIYUN_ARM_AHEAD_SECONDS: '5' } });

const uploads = async (appid: string) => {
  const r = (await e.control('GET', `/wechat/calls?appid=${appid}&path=/cgi-bin/material/add_material`)) as { total: number };
  return r.total;
};
const states = (workspaceId: string) => stateCounts(e, workspaceId);

test('armed ahead, submitted at the due second and not before', async () => {
  const ws = await wechatWorkspace(e, 3);
  const due = new Date(Math.ceil((Date.now() + 4000) / 1000) * 1000);
  await planBurst(e, ws, 60, due, { prefix: 'armed' });
  // Before its time the worker has already claimed and loaded it: the submit waits for the second.
  const armed = await waitFor('armed', () => states(ws.team.workspaceId), (c) => (c.dispatching ?? 0) > 0 || Date.now() >= due.getTime());
  assert.ok(Date.now() < due.getTime(), `claimed only after its time: ${JSON.stringify(armed)}`);
  assert.equal((await Promise.all(ws.accounts.map((a) => e.published(a.appid)))).flat().length, 0, 'nothing submitted early');
  await waitFor('all published', () => states(ws.team.workspaceId), (c) => c.published === 60, 30_000);
  const subs = (await Promise.all(ws.accounts.map((a) => e.published(a.appid)))).flat() as unknown as { title: string; submitted_at: string }[];
  assert.deepEqual(exactlyOnce(subs, Array.from({ length: 60 }, (_, i) => `armed-${i}`)), { duplicates: [], missing: [] });
  for (const s of subs) {
    const late = new Date(s.submitted_at).getTime() - due.getTime();
    assert.ok(late >= 0, `${s.title} went out ${-late} ms before its time`);
  }
});

test('an edit after arming stops the armed submit: the post no longer approved does not go out', async () => {
  const ws = await wechatWorkspace(e, 1);
  const due = new Date(Math.ceil((Date.now() + 4000) / 1000) * 1000);
  const [edited] = await planBurst(e, ws, 3, due, { prefix: 'edit' });
  await waitFor('armed', () => states(ws.team.workspaceId), (c) => c.dispatching === 3, 3500);
  // The editor changes one post: its approval is gone, so it must not go out.
  const [{ post_id }] = (await e.deps.db.execute(sql`select post_id from publications where id = ${edited}`)).rows as { post_id: string }[];
  const patch = await as(e, ws.team.editor)({ method: 'PATCH', url: `/api/v1/posts/${post_id}`, payload: { title: 'edit-0 改' } });
  assert.equal(patch.statusCode, 200, patch.body);
  assert.deepEqual(await waitFor('settled', () => states(ws.team.workspaceId), (c) => c.published === 2 && c.expired === 1, 20_000), { published: 2, expired: 1 });
  assert.deepEqual((await e.published(ws.accounts[0].appid)).map((s) => s.title).sort(), ['edit-1', 'edit-2']);
});

test('a pause after arming holds the armed submits; resume sends each once', async () => {
  const ws = await wechatWorkspace(e, 1);
  const due = new Date(Math.ceil((Date.now() + 4000) / 1000) * 1000);
  await planBurst(e, ws, 5, due, { prefix: 'held' });
  await waitFor('armed', () => states(ws.team.workspaceId), (c) => c.dispatching === 5, 3500);
  const paused = await as(e, ws.team.manager)({ method: 'POST', url: '/api/v1/workspace/pause', payload: { reason: '演练' } });
  assert.equal(paused.statusCode, 200, paused.body);
  await sleep(Math.max(0, due.getTime() - Date.now()) + 1500);
  assert.equal((await e.published(ws.accounts[0].appid)).length, 0, 'nothing went out while paused');
  assert.deepEqual(await waitFor('held', () => states(ws.team.workspaceId), (c) => c.paused === 5, 10_000), { paused: 5 });
  await as(e, ws.team.manager)({ method: 'POST', url: '/api/v1/workspace/resume' });
  await waitFor('resumed', () => states(ws.team.workspaceId), (c) => c.published === 5, 20_000);
  const titles = (await e.published(ws.accounts[0].appid)).map((s) => s.title).sort();
  assert.deepEqual(titles, ['held-0', 'held-1', 'held-2', 'held-3', 'held-4']);
});

test('a cover is uploaded to an account once and reused; when WeChat no longer has it, it is uploaded again', async () => {
  const ws = await wechatWorkspace(e, 2);
  const later = () => new Date(Date.now() + 9000); // prepared ahead, then armed 5 s before
  await planBurst(e, ws, 20, later(), { prefix: 'c1' });
  await waitFor('first published', () => states(ws.team.workspaceId), (c) => c.published === 20, 30_000);
  const first = await Promise.all(ws.accounts.map((a) => uploads(a.appid)));
  assert.ok(first.every((n) => n >= 1 && n <= 2), `uploads per account: ${first}`);
  // The same cover again: no upload at all.
  await planBurst(e, ws, 20, later(), { prefix: 'c2' });
  await waitFor('second published', () => states(ws.team.workspaceId), (c) => c.published === 40, 30_000);
  assert.deepEqual(await Promise.all(ws.accounts.map((a) => uploads(a.appid))), first);
  // The material was deleted on WeChat's side: the draft is refused with 40007 once.
  const [a] = ws.accounts;
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/draft/add', appid: a.appid, mode: 'errcode', errcode: 40007, times: 1 });
  await planBurst(e, { ...ws, accounts: [a] }, 1, later(), { prefix: 'c3' });
  await waitFor('third published', () => states(ws.team.workspaceId), (c) => c.published === 41, 30_000);
  assert.equal(await uploads(a.appid), first[0] + 1);
  const cached = (await e.deps.db.execute(sql`select remote_id from platform_media where account_id = ${a.id}`)).rows as { remote_id: string }[];
  assert.equal(cached.length, 1);
  const [{ cover_remote_id }] = (
    await e.deps.db.execute(sql`select p.cover_remote_id from publications p join posts po on po.id = p.post_id where po.title = 'c3-0'`)
  ).rows as { cover_remote_id: string }[];
  assert.equal(cover_remote_id, cached[0].remote_id, 'the new upload replaced the stale one');
});
