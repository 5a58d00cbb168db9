// A writer makes a short link in 短链与转化 with the form, a visitor on a phone opens /l/<code>
// and lands on the target with the UTM parameters; the list then shows one click (the headless
// browser's own visit is counted as a crawler, not a click).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shot, stepper, until, visibleText, withFailureShots } from './harness';
import { nav, type Person, ownerSession } from './ui';

const T = 'links';
const owner: Person = { name: '运营主管', email: 'lead@links.test', password: 'correct-horse-9' };
const session = ownerSession(T, owner, '短链组');
const PHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

test('a link made with the form counts a visit to /l/<code> and shows it in the list', { timeout: 180_000 }, (t) =>
  withFailureShots(T, session.pages, async () => {
    const step = stepper(t);
    const page = session.page;
    const origin = session.product.url;

    step('短链与转化: empty, then a new link through the form');
    await nav(page, 'links', '短链与转化');
    await page.getByText('还没有短链').first().waitFor();
    await page.getByTestId('link-create').click();
    await page.getByTestId('link-target').fill(`${origin}/reports?from=e2e`);
    await page.getByTestId('link-campaign').fill('春季上新');
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    const code = await until('the link to be listed', async () => {
      const cell = page.locator('[data-testid^="link-code-"]').first();
      return (await cell.count()) ? (await cell.getAttribute('data-testid'))?.replace('link-code-', '') : undefined;
    });
    assert.match(code ?? '', /^[0-9A-Za-z]{8}$/);

    step('a visitor on a phone follows the short link and lands on the target with the UTM parameters');
    const browser = page.context().browser();
    assert.ok(browser);
    const visitor = await browser.newContext({ baseURL: origin, userAgent: PHONE_UA, locale: 'zh-CN' });
    const v = await visitor.newPage();
    await v.goto(`/l/${code}`);
    const landed = new URL(v.url());
    assert.equal(landed.pathname, '/reports');
    assert.deepEqual(
      [landed.searchParams.get('from'), landed.searchParams.get('utm_source'), landed.searchParams.get('utm_medium'), landed.searchParams.get('utm_campaign')],
      ['e2e', 'meiyun', 'social', '春季上新'],
    );
    assert.equal((await visitor.cookies()).length, 0, 'the redirect sets no cookie');
    await visitor.close();
    // The test browser itself (HeadlessChrome) is automation: a crawler, not a click.
    const headless = await page.context().newPage();
    await headless.goto(`/l/${code}`);
    await headless.close();

    step('the list shows one click; the stats drawer tells the crawler apart');
    await page.reload();
    await until('the click to show', async () => (await visibleText(page.getByTestId(`link-clicks-${code}`))) === '1', { timeoutMs: 20_000 });
    await page.getByTestId('link-stats').first().click();
    const totals = page.getByTestId('link-totals');
    await totals.waitFor();
    await until('the totals', async () => /点击\s*1[\s\S]*爬虫\s*1/.test(await visibleText(totals)));
    await shot(page, T, 'stats');
    await page.keyboard.press('Escape');
    await page.getByText('每日数据 ·').waitFor({ state: 'hidden' });
    await shot(page, T, 'list', { fullPage: true });
  }),
);
