// 连接账号 in the browser: a manager enters the workspace's Douyin app (the secret write-only),
// clicks Connect, approves on Douyin's authorize page (the emulator's, in Chromium), and lands
// back on the accounts page, which shows the connected account, what its grant allows and lacks,
// and when its token expires.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, type Product, shot, startProduct, watchPage, withFailureShots } from './harness';
import { cjk, field, firstRun, nav, noErrorAlert, submitFirstRun, toast } from './ui';

const T = 'connect-douyin';
const CLIENT_KEY = 'awe2econnect0001';
const SECRET = 'secret-connect-douyin';
const OPEN_ID = 'open-e2e-brand';
let product: Product;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let problems: string[] = [];
const pages = new Map<string, Page>();

before(async () => {
  [product, browser] = await Promise.all([startProduct(T), launchBrowser()]);
  ctx = await newContext(browser, product.url);
  page = await ctx.newPage();
  pages.set('manager', page);
  problems = watchPage(page, 'manager');
  await firstRun(page, { name: '林总监', email: 'owner@connect.example.com', password: 'correct-horse-9' }, '连接测试');
  await submitFirstRun(page);
});

after(async () => {
  await ctx?.close().catch(() => {});
  await browser?.close();
  await product?.stop();
});

test('a manager enters the Douyin app, connects an account through the authorize page, and sees it with its capabilities', { timeout: 180_000 }, () =>
  withFailureShots(T, pages, async () => {
    // The Douyin open platform knows the app (as its console does once the app is registered).
    const r = await fetch(`${product.emulatorUrl}/__control/douyin/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_key: CLIENT_KEY, client_secret: SECRET, name: '媒运品牌矩阵' }),
    });
    assert.ok(r.ok);
    await nav(page, 'accounts', '账号');

    // Not entered yet: the Connect menu says so and opens the app form.
    await page.getByTestId('account-connect').click();
    await page.getByTestId('connect-douyin').filter({ hasText: '请先填写开放平台应用' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '开放平台应用' });
    await dialog.waitFor();
    await field(dialog, 'Client ID / App Key').locator('input').fill(CLIENT_KEY);
    await field(dialog, '密钥').locator('input').fill(SECRET);
    assert.match(await dialog.getByTestId('app-callback-url').innerText(), /\/api\/v1\/oauth\/douyin\/callback$/);
    await shot(page, T, '1-platform-app');
    await dialog.getByRole('button', { name: cjk('保存') }).click();
    await toast(page, '应用已保存');
    await dialog.waitFor({ state: 'hidden' });

    // Connect: off to Douyin's authorize page.
    await page.getByTestId('account-connect').click();
    await page.getByTestId('connect-douyin').filter({ hasNotText: '请先填写' }).click();
    await page.waitForURL(/\/douyin\/platform\/oauth\/connect\//);
    await page.getByText('申请使用你的抖音账号').waitFor();
    await page.locator('input[name="open_id"]').fill(OPEN_ID);
    await shot(page, T, '2-authorize-page');
    await page.getByRole('button', { name: /同意授权/ }).click();

    // Back on the accounts page: the new account with its grant.
    await page.waitForURL(/\/accounts(\?|$)/);
    await toast(page, '账号已连接');
    const row = page.locator('.ant-table-row', { hasText: OPEN_ID.slice(-6) });
    await row.waitFor();
    await row.getByTestId('cap-publish').waitFor();
    assert.match(await row.getByTestId('account-grant').innerText(), /发布[\s\S]*数据[\s\S]*发布方式：接口发布[\s\S]*令牌至/);
    assert.ok(!page.url().includes('connected='), 'the marker is dropped from the address');
    await row.getByTestId('account-reconnect').waitFor();
    await noErrorAlert(page);
    await shot(page, T, '3-connected', { fullPage: true });
    assert.deepEqual(problems, []);
  }),
);
