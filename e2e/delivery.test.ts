// 发布 vs 群发 in the browser: a post scheduled as a mass send to one user tag of a subscription
// account goes out through WeChat's mass-send API (counted at the emulator); the publication says
// how it went out; the account's push settings and API quotas are where a manager finds them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, type Product, registerWechatApp, shot, startProduct, until, watchPage, withFailureShots } from './harness';
import { firstRun, noErrorAlert, pickNow, pickOption, submitFirstRun, toast } from './ui';

const T = 'delivery';
const APPID = 'wxe2edelivery0001';
let product: Product;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let problems: string[] = [];
const pages = new Map<string, Page>();

before(async () => {
  [product, browser] = await Promise.all([startProduct('delivery'), launchBrowser()]);
  ctx = await newContext(browser, product.url);
  page = await ctx.newPage();
  pages.set('owner', page);
  problems = watchPage(page, 'owner');
  await firstRun(page, { name: '林总监', email: 'owner@delivery.example.com', password: 'correct-horse-9' }, '群发测试');
  await submitFirstRun(page);
});

after(async () => {
  await ctx?.close().catch(() => {});
  await browser?.close();
  await product?.stop();
});

const control = async (method: string, p: string, body?: unknown) => {
  const r = await fetch(`${product.emulatorUrl}/__control${p}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(r.ok, `${p}: ${r.status}`);
  return r.json();
};

async function apiCall(method: 'post' | 'put', p: string, data: unknown) {
  const r = await page.request[method](`/api/v1${p}`, { data });
  assert.ok(r.ok(), `${method} ${p}: ${r.status()} ${await r.text()}`);
  return r.json();
}

test('a post scheduled as 群发 to a tag goes out by mass send; the account shows its push settings and quotas', { timeout: 180_000 }, () =>
  withFailureShots(T, pages, async () => {
    await registerWechatApp(product.emulatorUrl, APPID, 'secret-delivery');
    await control('POST', '/wechat/apps', {
      appid: APPID,
      secret: 'secret-delivery',
      type: 'subscription',
      entity: 'company',
      verified: true,
      followers: 120,
      tags: [{ id: 7, name: '老客户', count: 40 }],
    });
    // What the earlier browser tests already do through the forms: an account and an approved post.
    const account = await apiCall('post', '/accounts', {
      platform: 'wechat_oa',
      name: '媒运订阅号',
      accountType: 'subscription',
      verification: 'verified',
      approvalSteps: 0,
    });
    await apiCall('put', `/accounts/${account.id}/credentials`, { appId: APPID, appSecret: 'secret-delivery' });
    const upload = await page.request.post('/api/v1/media', {
      multipart: {
        file: {
          name: 'cover.png',
          mimeType: 'image/png',
          buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
        },
      },
    });
    assert.equal(upload.status(), 201);
    const cover = await upload.json();
    const post = await apiCall('post', '/posts', {
      title: '会员日专享',
      bodyHtml: '<p>老客户专享的会员日福利。</p>',
      coverMediaId: cover.id,
      accountIds: [account.id],
    });
    await apiCall('post', `/posts/${post.id}/submit`, {});

    await page.goto(`/posts/${post.id}`);
    const mode = page.getByTestId(`delivery-mode-${account.id}`);
    await mode.waitFor();
    await pickOption(page, mode, '群发');
    await pickOption(page, page.getByTestId(`delivery-tag-${account.id}`), '老客户');
    await shot(page, T, '01-delivery-picker');
    await pickNow(page, page.getByTestId('schedule-picker'));
    await page.getByTestId('post-schedule').click();
    await toast(page, '已排期');
    await noErrorAlert(page);

    const sends = await until(
      'the mass send at the platform',
      async () => {
        const list = (await control('GET', `/wechat/mass?appid=${APPID}`)) as { to: unknown; clientmsgid: string }[];
        return list.length ? list : null;
      },
      { timeoutMs: 60_000 },
    );
    assert.equal(sends?.length, 1);
    assert.equal(((await control('GET', `/wechat/published?appid=${APPID}`)) as unknown[]).length, 0, 'not a freepublish');

    await page.goto('/publications');
    await page.getByTestId('publication-open').first().click();
    const delivery = page.getByTestId('publication-delivery');
    await delivery.waitFor();
    assert.match(await delivery.innerText(), /群发给标签 7/);
    await until('published', async () => (await page.locator('.ant-drawer').innerText()).includes('已发布'), { timeoutMs: 30_000 });
    await shot(page, T, '02-publication');

    // The account's push settings: generated, ready to paste into WeChat's console.
    await page.goto('/accounts');
    await page.getByTestId('account-platform').first().click();
    await page.getByTestId('push-generate').click();
    await toast(page, '推送设置已保存');
    const token = await page.getByTestId('push-token').innerText();
    assert.match(token.trim(), /^[A-Za-z0-9]{32}$/);
    assert.match((await page.getByTestId('push-aes-key').innerText()).trim(), /^[A-Za-z0-9]{43}$/);
    assert.match(await page.getByTestId('push-url').innerText(), /\/api\/v1\/callbacks\/[0-9a-f-]{36}/);
    await shot(page, T, '03-push-settings');
    await page.getByRole('tab', { name: '接口配额' }).click();
    const table = page.getByTestId('quota-table');
    await table.waitFor();
    assert.match(await table.innerText(), /\/cgi-bin\/message\/mass\/sendall/);
    await shot(page, T, '04-quota');
    assert.deepEqual(problems, []);
  }),
);
