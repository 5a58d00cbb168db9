// The sync's routes: each workspace sees only its own accounts' status; "sync now" is for
// managers and the account's operators, queues one job, and is refused for a platform without
// a data API.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { connectedAccount, createAccount } from '../../test/fixtures';

const t = await testEnv();
const a = await workspaceWithTeam(t);
const b = await workspaceWithTeam(t);

const connected = (team: typeof a, extra: Record<string, unknown> = {}) => connectedAccount(t, team.owner, extra);

test('each workspace lists only its own accounts, with what WeChat does not give', async () => {
  const mine = await connected(a);
  const theirs = await connected(b);
  const r = await as(t, a.analyst)({ method: 'GET', url: '/api/v1/analytics/sync' });
  assert.equal(r.statusCode, 200);
  const list = r.json() as { accountId: string; supported: boolean; missing: { post: string[] }; lastSyncedAt: string | null }[];
  assert.ok(list.some((s) => s.accountId === mine.id));
  assert.ok(!list.some((s) => s.accountId === theirs.id));
  const s = list.find((x) => x.accountId === mine.id);
  assert.deepEqual([s?.supported, s?.lastSyncedAt], [true, null]);
  assert.ok(s?.missing.post.includes('likes') && s.missing.post.includes('zaikan'));
  assert.equal((await as(t, a.manager)({ method: 'POST', url: `/api/v1/accounts/${theirs.id}/sync` })).statusCode, 404);
});

test('sync now: managers and the account operators queue one job; other roles are refused', async () => {
  const acc = await connected(a, { operatorIds: [a.editor.userId] });
  assert.equal((await as(t, a.reviewer)({ method: 'POST', url: `/api/v1/accounts/${acc.id}/sync` })).statusCode, 403);
  for (const m of [a.manager, a.editor]) {
    const r = await as(t, m)({ method: 'POST', url: `/api/v1/accounts/${acc.id}/sync` });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal((r.json() as { running: boolean }).running, true);
  }
  const jobs = await t.deps.db.execute(sql`select count(*)::int as n from pgboss.job where name = 'analytics-sync' and data->>'accountId' = ${acc.id}`);
  assert.equal((jobs.rows[0] as { n: number }).n, 1, 'a second "sync now" while one is queued adds none');
});

test('sync now for a platform without a data API says to import', async () => {
  const acc = await createAccount(t, a.owner, { platform: 'xiaohongshu', name: '小红书号' });
  const r = await as(t, a.owner)({ method: 'POST', url: `/api/v1/accounts/${acc.id}/sync` });
  assert.equal(r.statusCode, 409, r.body);
  assert.match(r.body, /导入/);
});
