// A manager sets a goal in 目标与KPI through the form and sees its progress; the indices page shows
// the WCI/BCI weights and the anomaly threshold, and saving them keeps what was typed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shot, stepper, until, visibleText, withFailureShots } from './harness';
import { nav, type Person, ownerSession } from './ui';

const T = 'goals';
const owner: Person = { name: '运营主管', email: 'lead@goals.test', password: 'correct-horse-9' };
const session = ownerSession(T, owner, '目标组');

test('a goal set with the form shows its progress and state; the index weights and k are saved', { timeout: 180_000 }, (t) =>
  withFailureShots(T, session.pages, async () => {
    const step = stepper(t);
    const page = session.page;

    step('目标与KPI: empty, then a new month goal through the form');
    await nav(page, 'goals', '目标与KPI');
    await page.getByTestId('goal-new').click();
    await page.getByTestId('goal-name').fill('本月阅读 10 万');
    await page.getByTestId('goal-target').fill('100000');
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    const card = page.locator('.ant-card').filter({ hasText: '本月阅读 10 万' }).first();
    await card.waitFor();
    await until('the goal to show its progress', async () => /当前: 0 \/ 100,000/.test(await visibleText(card)), { timeoutMs: 20_000 });
    await shot(page, T, 'goal');
    const goals = (await (await page.request.get('/api/v1/goals')).json()) as { name: string; target: number; period: string; metric: string }[];
    assert.deepEqual(
      goals.map((g) => [g.name, g.target, g.period, g.metric]),
      [['本月阅读 10 万', 100000, 'month', 'views']],
    );

    step('指数与节奏: the anomaly threshold k is saved');
    await nav(page, 'cadence', '影响力指数');
    const k = page.getByTestId('anomaly-k');
    await k.fill('2.5');
    await page.getByTestId('weights-save').click();
    await until('the settings to be saved', async () => {
      const s = (await (await page.request.get('/api/v1/analytics/settings')).json()) as { anomalyK: number };
      return s.anomalyK === 2.5;
    });
    await shot(page, T, 'indices');
  }),
);
