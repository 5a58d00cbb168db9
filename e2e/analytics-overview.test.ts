// The overview in the browser: the figures of seeded account days (written through the product's
// ingestion path, as a sync would), a chart drawn, the table view, and a CSV download.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createDb } from '../server/src/db/pool';
import { accountFigures, seedAccountDays } from '../server/src/test/analytics-seed';
import { shot, stepper, visibleText, withFailureShots } from './harness';
import { nav, type Person, ownerSession } from './ui';

const T = 'analytics-overview';
const owner: Person = { name: '数据主管', email: 'lead@analytics-overview.test', password: 'correct-horse-9' };
const session = ownerSession(T, owner, '数据中心');

async function call(pathname: string, method = 'GET', body?: unknown): Promise<{ status: number; json: Record<string, unknown> & { id: string } }> {
  return session.page.evaluate(
    async ([p, m, b]) => {
      const init: RequestInit =
        b === undefined ? { method: m as string } : { method: m as string, headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) };
      const r = await fetch(`/api/v1${p}`, init);
      return { status: r.status, json: await r.json() };
    },
    [pathname, method, body] as const,
  );
}

/** The last 30 days up to today in Shanghai (the workspace's default time zone). */
function last30() {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
}

test('the overview shows the figures, a chart, its table, and downloads the table as CSV', { timeout: 180_000 }, (t) =>
  withFailureShots(T, session.pages, async () => {
    const step = stepper(t);
    const page = session.page;

    step('two accounts with 30 days of figures, written as a sync writes them');
    const a = await call('/accounts', 'POST', { platform: 'wechat_oa', name: '品牌公众号', accountType: 'service', verification: 'verified' });
    assert.equal(a.status, 201, JSON.stringify(a.json));
    const b = await call('/accounts', 'POST', { platform: 'douyin', name: '品牌抖音' });
    assert.equal(b.status, 201, JSON.stringify(b.json));
    const me = await call('/me');
    const workspaceId = (me.json.workspace as { id: string }).id;
    const db = createDb(session.product.databaseUrl, 2);
    try {
      await seedAccountDays(db, workspaceId, [a.json.id, b.json.id], last30(), 30, (acc, d) =>
        accountFigures(
          acc === 0
            ? { followers: 10_000 + 20 * (d + 1), followersGained: 25, followersLost: 5, views: 1000 + 10 * d, likes: 30, comments: 10, shares: 10 }
            : { followers: 5_000 + 10 * (d + 1), followersGained: 12, followersLost: 2, views: 3000, likes: 100, comments: 20, shares: 30 },
        ),
      );
    } finally {
      await db.$client.end();
    }

    step('数据概览 from the menu: followers, reads and the engagement rate with its definition');
    await nav(page, 'analytics', '数据概览');
    // Followers at the last day: 10,600 + 5,300; reads: 30·1000 + 10·(0+…+29) + 30·3000.
    await page.getByTestId('kpi-followers').getByText('15,900').waitFor();
    await page.getByTestId('kpi-views').getByText('124,350').waitFor();
    // Interactions 30·50 + 30·150 = 6,000 over 124,350 reads.
    await page.getByTestId('kpi-engagement').getByText('4.83%').waitFor();
    assert.match(await visibleText(page.getByTestId('engagement-definition')), /互动率（按阅读\/播放）= 互动 ÷ 阅读\/播放数/);
    const trend = page.getByTestId('chart-trend');
    await trend.locator('canvas').first().waitFor();
    await page.getByTestId('chart-platforms').locator('canvas').first().waitFor();
    // ECharts animates its first draw (about a second): the picture is taken once it has settled.
    await page.waitForTimeout(1500);
    await shot(page, T, 'overview', { fullPage: true });

    step('the trend as a table, and its CSV');
    await trend.getByTestId('view-table').click();
    const table = trend.getByTestId('chart-table');
    await table.waitFor();
    assert.match(await visibleText(table), new RegExp(last30()));
    await shot(page, T, 'trend-table');
    const download = page.waitForEvent('download');
    await trend.getByTestId('export-csv').click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
    assert.equal(lines[0], '日期 Period,粉丝数 Followers,新增关注 Gained,取消关注 Lost,阅读/播放 Views,互动 Interactions,互动率 Engagement rate');
    assert.match(lines[1], new RegExp(`^${last30()},15030,37,7,4000,200,0\\.05$`));
    assert.deepEqual(session.problems, []);
  }),
);
