import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { newAccount, notificationsOf, seedPublication } from '../../test/goals';
import { accountOperators, platformAccounts } from '../accounts/tables';
import { checkCadence } from './cadence';
import { dayIn, mondayOf } from './days';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const DAY = 86_400_000;

test('planned against published by format; a quiet account and one behind last week are flagged and told once', async () => {
  const now = new Date();
  const monday = new Date(`${mondayOf(dayIn('Asia/Shanghai', now))}T04:00:00Z`); // this Monday, noon in Shanghai
  const active = await newAccount(t, team, 'wechat_oa', '活跃号');
  const quiet = await newAccount(t, team, 'weibo', '沉寂号');
  // Both accounts existed before last week began.
  for (const a of [active, quiet])
    await t.deps.db
      .update(platformAccounts)
      .set({ createdAt: new Date(now.getTime() - 30 * DAY) })
      .where(eq(platformAccounts.id, a.id));
  await t.deps.db.insert(accountOperators).values({ accountId: quiet.id, userId: team.analyst.userId });
  // Last week: 2 articles on the active account (plan 3); this week 1. The quiet one: a post 20 days ago.
  await seedPublication(t, team, active.id, new Date(monday.getTime() - 5 * DAY));
  await seedPublication(t, team, active.id, new Date(monday.getTime() - 3 * DAY));
  await seedPublication(t, team, active.id, new Date(Math.min(now.getTime() - 60_000, monday.getTime())));
  await seedPublication(t, team, quiet.id, new Date(now.getTime() - 20 * DAY));
  const put = (m: typeof team.owner, id: string, payload: object) => as(t, m)({ method: 'PUT', url: `/api/v1/accounts/${id}/cadence`, payload });
  assert.equal((await put(team.editor, active.id, { perWeek: { article: 3 }, quietDays: 7 })).statusCode, 403);
  assert.equal((await put(team.manager, active.id, { perWeek: { article: -1 }, quietDays: 7 })).statusCode, 400);
  const set = await put(team.manager, active.id, { perWeek: { article: 3, video: 0 }, quietDays: 7 });
  assert.equal(set.statusCode, 200, set.body);
  assert.deepEqual(set.json().planned, { article: 3, video: 0, image: 0, text: 0 });

  const rows = (await as(t, team.guest)({ method: 'GET', url: '/api/v1/cadence' })).json();
  const row = (id: string) => rows.find((r: { accountId: string }) => r.accountId === id);
  assert.deepEqual([row(active.id).lastWeek.article, row(active.id).thisWeek.article, row(active.id).flags], [2, 1, ['behind']]);
  // A Weibo post without images is a text post; 20 days without one is quiet (default 7 days).
  assert.deepEqual([row(quiet.id).planned, row(quiet.id).flags], [null, ['quiet']]);

  await checkCadence(t.deps, now);
  await checkCadence(t.deps, now);
  const told = await notificationsOf(t, team.workspaceId, team.analyst.userId, 'cadence.');
  assert.deepEqual(
    told.map((n) => [n.kind, n.titleZh]),
    [['cadence.quiet', '账号沉寂：沉寂号']],
  );
  const managers = await notificationsOf(t, team.workspaceId, team.manager.userId, 'cadence.');
  assert.deepEqual(
    managers.map((n) => [n.kind, n.bodyZh]),
    [['cadence.behind', '上周发布：图文 2/3。']],
  );
});
