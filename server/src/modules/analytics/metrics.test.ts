import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { livePublication } from '../../test/metrics';
import { auditLog } from '../identity/tables';
import { postMetrics } from './tables';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const put = (m: typeof team.editor, id: string, body: object) => as(t, m)({ method: 'PUT', url: `/api/v1/publications/${id}/metrics`, payload: body });
const list = (m: typeof team.editor, id: string) => as(t, m)({ method: 'GET', url: `/api/v1/publications/${id}/metrics` });

test('typed figures for a day are stored; typing the same day again replaces them, never adds a row', async () => {
  const pub = await livePublication(t, team);
  const first = await put(team.editor, pub.id, { day: '2026-03-01', views: 1200, likes: 30, zaikan: 4 });
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual([first.json().views, first.json().likes, first.json().comments, first.json().source], [1200, 30, null, 'typed']);
  const again = await put(team.editor, pub.id, { day: '2026-03-01', views: 1500, comments: 2 });
  assert.equal(again.statusCode, 200, again.body);
  await put(team.editor, pub.id, { day: '2026-03-02', views: 300 });
  const days = list(team.guest, pub.id);
  const body = (await days).json();
  assert.deepEqual(
    body.map((d: { day: string; views: number; likes: number | null; comments: number | null; zaikan: number | null }) => [
      d.day,
      d.views,
      d.likes,
      d.comments,
      d.zaikan,
    ]),
    [
      ['2026-03-02', 300, null, null, null],
      // The whole day was replaced: likes and 在看 are no longer known, not kept from before.
      ['2026-03-01', 1500, null, 2, null],
    ],
  );
  assert.equal(body[1].updatedBy, (await t.deps.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, team.editor.userId) }))?.name);
  const rows = await t.deps.db.select().from(postMetrics).where(eq(postMetrics.publicationId, pub.id));
  assert.equal(rows.length, 2);
  const audited = await t.deps.db.select().from(auditLog).where(eq(auditLog.entityId, pub.id));
  assert.equal(audited.filter((a) => a.action === 'metrics.put').length, 3);
});

test('bad figures and days are refused with a reason in Chinese and English', async () => {
  const pub = await livePublication(t, team);
  const cases: [object, RegExp][] = [
    [{ day: '2026-02-30', views: 1 }, /日期|date/],
    [{ day: '2026-03-01', views: -5 }, /不能为负数 \/ .*negative|negative/],
    [{ day: '2026-03-01', views: 1.5 }, /整数|whole/],
    [{ day: '2026-03-01' }, /至少填写一项数据 .*enter at least one figure|at least one figure/],
    [{ day: '2999-01-01', views: 1 }, /还没有到 \/ .*has not come yet/],
  ];
  for (const [body, message] of cases) {
    const r = await put(team.editor, pub.id, body);
    assert.equal(r.statusCode, 400, `${JSON.stringify(body)}: ${r.body}`);
    assert.match(r.json().error.message, message);
  }
  // Followers gained may be negative: more unfollowed than followed that day.
  assert.equal((await put(team.editor, pub.id, { day: '2026-03-01', followersGained: -3 })).statusCode, 200);
  assert.equal((await list(team.editor, pub.id)).json().length, 1);
});

test('who may type figures: writers and the account operators; others 403; not-yet-published 409', async () => {
  const pub = await livePublication(t, team);
  const day = { day: '2026-03-05', views: 10 };
  const allowed = { owner: 200, manager: 200, editor: 200, analyst: 200, reviewer: 403, guest: 403 } as const;
  for (const [role, status] of Object.entries(allowed)) {
    const r = await put(team[role as keyof typeof allowed], pub.id, day);
    assert.equal(r.statusCode, status, `${role}: ${r.body}`);
  }
  const scheduled = await livePublication(t, team, { state: 'scheduled' });
  const r = await put(team.editor, scheduled.id, day);
  assert.equal(r.statusCode, 409, r.body);
  assert.match(r.json().error.message, /尚未发布.*not published yet/);
});

test("another workspace's publication answers 404 for reading, typing and deleting, and nothing changes", async () => {
  const pub = await livePublication(t, team);
  await put(team.editor, pub.id, { day: '2026-03-01', views: 7 });
  assert.equal((await list(other.owner, pub.id)).statusCode, 404);
  assert.equal((await put(other.owner, pub.id, { day: '2026-03-01', views: 99 })).statusCode, 404);
  assert.equal((await as(t, other.owner)({ method: 'DELETE', url: `/api/v1/publications/${pub.id}/metrics/2026-03-01` })).statusCode, 404);
  assert.equal((await list(team.editor, pub.id)).json()[0].views, 7);
});

test('deleting a day removes it; deleting it again is a 404', async () => {
  const pub = await livePublication(t, team);
  await put(team.analyst, pub.id, { day: '2026-03-01', views: 7 });
  const del = () => as(t, team.analyst)({ method: 'DELETE', url: `/api/v1/publications/${pub.id}/metrics/2026-03-01` });
  assert.equal((await del()).statusCode, 200);
  assert.equal((await del()).statusCode, 404);
  assert.deepEqual((await list(team.editor, pub.id)).json(), []);
  assert.equal((await as(t, team.reviewer)({ method: 'DELETE', url: `/api/v1/publications/${pub.id}/metrics/2026-03-01` })).statusCode, 403);
});
