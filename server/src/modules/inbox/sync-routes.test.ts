// The comment sync's routes: each workspace sees only its own accounts' status; "sync now" is for
// managers and the account's operators, queues one job, and is refused for a platform without a
// comment API (a manual channel, or Douyin whose comment management is closed to new apps).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { connectedAccount, createAccount } from '../../test/fixtures';

const t = await testEnv();
const a = await workspaceWithTeam(t);
const b = await workspaceWithTeam(t);

test('each workspace lists only its own accounts; WeChat is read, a manual channel is not', async () => {
  const mine = await connectedAccount(t, a.owner);
  const manual = await createAccount(t, a.owner, { platform: 'xiaohongshu', name: '小红书号' });
  const theirs = await connectedAccount(t, b.owner);
  const r = await as(t, a.editor)({ method: 'GET', url: '/api/v1/inbox/sync' });
  assert.equal(r.statusCode, 200, r.body);
  const list = r.json() as { accountId: string; supported: boolean; lastSyncedAt: string | null; lastError: string | null }[];
  assert.ok(!list.some((s) => s.accountId === theirs.id));
  assert.deepEqual(
    [list.find((x) => x.accountId === mine.id), list.find((x) => x.accountId === manual.id)?.supported],
    [{ accountId: mine.id, supported: true, lastSyncedAt: null, lastAttemptAt: null, lastError: null, consecutiveFailures: 0, running: false }, false],
  );
  assert.equal((await as(t, a.manager)({ method: 'POST', url: `/api/v1/inbox/sync/${theirs.id}` })).statusCode, 404);
});

test('sync now: managers and the account operators queue one job; other roles are refused', async () => {
  const acc = await connectedAccount(t, a.owner, { operatorIds: [a.editor.userId] });
  assert.equal((await as(t, a.reviewer)({ method: 'POST', url: `/api/v1/inbox/sync/${acc.id}` })).statusCode, 403);
  for (const m of [a.manager, a.editor]) {
    const r = await as(t, m)({ method: 'POST', url: `/api/v1/inbox/sync/${acc.id}` });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal((r.json() as { running: boolean }).running, true);
  }
  const jobs = await t.deps.db.execute(sql`select count(*)::int as n from pgboss.job where name = 'inbox-sync' and data->>'accountId' = ${acc.id}`);
  assert.equal((jobs.rows[0] as { n: number }).n, 1, 'a second "sync now" while one is queued adds none');
});

test('sync now for a platform without a comment API says so in both languages', async () => {
  const acc = await createAccount(t, a.owner, { platform: 'xiaohongshu', name: '小红书号2' });
  const r = await as(t, a.owner)({ method: 'POST', url: `/api/v1/inbox/sync/${acc.id}` });
  assert.equal(r.statusCode, 409, r.body);
  assert.match(r.body, /评论/);
  assert.match(r.body, /comment/);
});
