import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { newAccount, seedAccountDays, seedPublication } from '../../test/goals';
import { platformAccounts } from '../accounts/tables';
import { goalReportProviders } from './report-providers';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const DAY = 86_400_000;

test('a report lists the goals at risk at its end and the quiet accounts, from the goals module', async () => {
  const a = await newAccount(t, team, 'wechat_oa', '阅读号');
  await seedAccountDays(t, team.workspaceId, a.id, '2026-03-01', { views: [150, 170, 130, 150] });
  const r = await as(t, team.manager)({
    method: 'POST',
    url: '/api/v1/goals',
    payload: { name: '三月上旬阅读', metric: 'views', scope: 'workspace', period: 'custom', startDay: '2026-03-01', endDay: '2026-03-10', target: 1600 },
  });
  assert.equal(r.statusCode, 201, r.body);
  const s = { workspaceId: team.workspaceId, accountId: null, timezone: 'Asia/Shanghai' };
  // At the 4th: 600 so far, 1500 forecast for the 10th, below 1,600.
  assert.deepEqual(await goalReportProviders.goalsAtRisk(t.deps.db, s, { start: '2026-03-01', end: '2026-03-04' }), [
    { name: '三月上旬阅读', progress: 0.375, target: 1600, forecast: 1500 },
  ]);

  const quiet = await newAccount(t, team, 'weibo', '沉寂号');
  await t.deps.db
    .update(platformAccounts)
    .set({ createdAt: new Date(Date.now() - 30 * DAY) })
    .where(eq(platformAccounts.id, quiet.id));
  await seedPublication(t, team, quiet.id, new Date(Date.now() - 20 * DAY));
  const today = new Date().toISOString().slice(0, 10);
  const listed = await goalReportProviders.quietAccounts(t.deps.db, s, { start: today, end: today });
  assert.deepEqual(
    listed.filter((q) => q.accountId === quiet.id).map((q) => [q.name, q.published]),
    [['沉寂号', 0]],
  );
});
