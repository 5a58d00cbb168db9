import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { newAccount, notificationsOf, seedAccountDays, seedPublication } from '../../test/goals';
import { dayIn, mondayOf } from './days';
import { progressOf } from './progress';
import { findGoal } from './repository';
import { checkGoals } from './service';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const post = (m: typeof team.owner, body: object) => as(t, m)({ method: 'POST', url: '/api/v1/goals', payload: body });

// 2026-03-05 12:00 in Shanghai: today is the 5th, the figures run to the 4th.
const NOW = new Date('2026-03-05T04:00:00Z');

test('views goal: progress and the forecast of the period end from a seeded series, checked by hand', async () => {
  const a = await newAccount(t, team);
  const b = await newAccount(t, team);
  await seedAccountDays(t, team.workspaceId, a.id, '2026-03-01', { views: [100, 120, 80, 100] });
  await seedAccountDays(t, team.workspaceId, b.id, '2026-03-01', { views: [50, 50, 50, 50] });
  const r = await post(team.manager, {
    name: '三月上旬阅读',
    metric: 'views',
    scope: 'workspace',
    period: 'custom',
    startDay: '2026-03-01',
    endDay: '2026-03-10',
    target: 1600,
    ownerId: team.analyst.userId,
  });
  assert.equal(r.statusCode, 201, r.body);
  const g = (await findGoal(t.deps.db, team.workspaceId, r.json().id))!;
  const p = await progressOf(t.deps.db, g, 'Asia/Shanghai', NOW);
  // Daily totals 150, 170, 130, 150: 600 so far over n = 4 of 10 days.
  assert.deepEqual([p.actual, p.daysElapsed, p.daysTotal, p.dataUntil], [600, 4, 10, '2026-03-04']);
  assert.deepEqual(
    p.series.map((s) => s.value),
    [150, 320, 450, 600],
  );
  // Mean 150 a day for the 6 days left: 600 + 6 × 150 = 1500.
  // s² = (0 + 20² + 20² + 0) / 3 = 266.67; variance of the rest = 6·s² + 6²·s²/4 = 1600 + 2400 = 4000;
  // 80 % interval with t(3 df) = 1.638: ± 1.638 × √4000 = ± 103.60.
  assert.equal(p.forecast!.value, 1500);
  assert.equal(p.forecast!.low, 1396.4);
  assert.equal(p.forecast!.high, 1603.6);
  assert.equal(p.state, 'at_risk');

  // The check tells the owner once; a second check tells no one.
  await checkGoals(t.deps, NOW);
  await checkGoals(t.deps, NOW);
  const told = await notificationsOf(t, team.workspaceId, team.analyst.userId, 'goal.');
  assert.equal(told.length, 1);
  assert.equal(told[0].kind, 'goal.at_risk');
  assert.match(told[0].bodyZh, /期末预计 1,500（80% 区间 1,396\.4–1,603\.6），低于目标 1,600/);
  assert.match(told[0].bodyEn, /ends at 1,500 .* below the target 1,600; now 600, 6 days left/);

  // A strong fifth day: 1200 after 5 days, 240 a day → 2400 expected: back on track, told once.
  await seedAccountDays(t, team.workspaceId, a.id, '2026-03-05', { views: [550] });
  await seedAccountDays(t, team.workspaceId, b.id, '2026-03-05', { views: [50] });
  const next = new Date('2026-03-06T04:00:00Z');
  assert.equal((await progressOf(t.deps.db, g, 'Asia/Shanghai', next)).forecast!.value, 2400);
  await checkGoals(t.deps, next);
  const kinds = (await notificationsOf(t, team.workspaceId, team.analyst.userId, 'goal.')).map((n) => n.kind).sort();
  assert.deepEqual(kinds, ['goal.at_risk', 'goal.on_track']);
});

test('engagement rate and account scope: interactions / views of the account only, in percent', async () => {
  const a = await newAccount(t, team);
  const other = await newAccount(t, team);
  await seedAccountDays(t, team.workspaceId, a.id, '2026-03-01', {
    views: [1000, 1000, 2000],
    likes: [30, 20, 50],
    comments: [10, 0, 10],
    shares: [10, 10, 20],
  });
  await seedAccountDays(t, team.workspaceId, other.id, '2026-03-01', { views: [9000, 9000, 9000], likes: [0, 0, 0] });
  const r = await post(team.owner, {
    name: '互动率',
    metric: 'engagement_rate',
    scope: 'account',
    accountId: a.id,
    period: 'month',
    startDay: '2026-03-17',
    target: 5,
  });
  assert.equal(r.statusCode, 201, r.body);
  // A month goal is the calendar month containing its start day.
  assert.deepEqual([r.json().startDay, r.json().endDay], ['2026-03-01', '2026-03-31']);
  const g = (await findGoal(t.deps.db, team.workspaceId, r.json().id))!;
  const p = await progressOf(t.deps.db, g, 'Asia/Shanghai', new Date('2026-03-04T04:00:00Z'));
  // (50 + 30 + 80) interactions / 4000 views = 4 %.
  assert.equal(p.actual, 4);
  assert.equal(p.forecast!.value, 4);
  assert.equal(p.state, 'at_risk');
});

test('posts published: a member goal counts only the member’s own posts that went live this week', async () => {
  const a = await newAccount(t, team);
  const now = new Date();
  await seedPublication(t, team, a.id, now, { author: team.editor });
  await seedPublication(t, team, a.id, now, { author: team.editor });
  await seedPublication(t, team, a.id, now, { author: team.manager });
  const r = await post(team.manager, {
    name: '本周发文',
    metric: 'posts_published',
    scope: 'member',
    memberId: team.editor.userId,
    period: 'week',
    startDay: dayIn('Asia/Shanghai', now),
    target: 2,
  });
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().startDay, mondayOf(dayIn('Asia/Shanghai', now)));
  assert.equal(r.json().actual, 2);
  assert.equal(r.json().state, 'met');
  const listed = await as(t, team.guest)({ method: 'GET', url: '/api/v1/goals' });
  assert.equal(listed.statusCode, 200);
  assert.ok(listed.json().some((x: { id: string; memberName: string }) => x.id === r.json().id && x.memberName === 'editor'));
});

test('only managers set goals; a goal without its account or with a bad target is refused in both languages', async () => {
  const body = { name: '阅读', metric: 'views', scope: 'workspace', period: 'week', startDay: '2026-03-02', target: 100 };
  for (const m of [team.editor, team.analyst, team.guest]) assert.equal((await post(m, body)).statusCode, 403);
  const cases: [object, RegExp][] = [
    [{ ...body, scope: 'account' }, /账号目标需要选择账号 \/ An account goal needs an account/],
    [{ ...body, target: 0 }, /目标必须大于 0 \/ the target must be above 0/],
    [{ ...body, period: 'custom' }, /自定义周期需要结束日期 \/ A custom period needs an end day/],
    [{ ...body, metric: 'engagement_rate', target: 150 }, /不能超过 100/],
    [{ ...body, scope: 'member', memberId: '00000000-0000-4000-8000-000000000000' }, /成员必须是本工作区成员/],
  ];
  for (const [b, message] of cases) {
    const r = await post(team.manager, b);
    assert.equal(r.statusCode, 400, `${JSON.stringify(b)}: ${r.body}`);
    assert.match(r.json().error.message, message);
  }
  const other = await workspaceWithTeam(t);
  const mine = await post(team.manager, body);
  assert.equal((await as(t, other.owner)({ method: 'GET', url: `/api/v1/goals/${mine.json().id}` })).statusCode, 404);
  assert.equal((await as(t, other.owner)({ method: 'DELETE', url: `/api/v1/goals/${mine.json().id}` })).statusCode, 404);
  const patched = await as(t, team.manager)({ method: 'PATCH', url: `/api/v1/goals/${mine.json().id}`, payload: { target: 250 } });
  assert.equal(patched.statusCode, 200, patched.body);
  assert.equal(patched.json().target, 250);
});
