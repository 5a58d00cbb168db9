// One post to three platforms at once, in the browser: a WeChat service account (AppID/AppSecret),
// a Weibo and a Bilibili account connected through their authorize pages; the post gets a Weibo
// variant (typed in the editor, with a link on the app's safe domain) and a Bilibili variant (a real
// MP4, a 16:10 cover, a partition and tags); scheduled, it shows on the calendar and turns published
// for every account, and each platform received it exactly once.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  emulatorPublished,
  launchBrowser,
  newContext,
  type Product,
  registerWechatApp,
  shot,
  startProduct,
  stepper,
  until,
  visibleText,
  watchPage,
  withFailureShots,
} from './harness';
import { firstRun, nav, noErrorAlert, submitFirstRun, toast } from './ui';

const T = 'multi-platform';
const WX = { appid: 'wxe2emulti0000001', secret: 'e2e-secret-multi-000000000000001', name: '媒运多平台服务号' };
const WB = { appkey: '3180001234', secret: 'weibo-secret-multi', uid: '5600000001', name: '媒运官方微博', safeDomain: 'meiyun.example.com' };
const BL = { clientId: 'bl-multi-0001', clientSecret: 'bili-secret-multi', openid: 'op-multi-up-0001', name: '媒运UP主' };
const TID = 201; // 科学科普 (BILIBILI_TIDS)
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
  pages.set('owner', page);
  problems = watchPage(page, 'owner');
  await firstRun(page, { name: '周运营', email: 'owner@multi.example.com', password: 'correct-horse-9' }, '多平台发布组');
  await submitFirstRun(page);
});

after(async () => {
  await ctx?.close().catch(() => {});
  await browser?.close();
  await product?.stop();
});

type Json = Record<string, unknown>;

/** The product's API from the signed-in page (its session cookie, its origin), as the web UI calls it. */
async function api<R = Json>(p: string, method = 'GET', body?: unknown): Promise<R> {
  const r = await page.evaluate(
    async ([url, m, b]) => {
      const res = await fetch(`/api/v1${url}`, { method: m, headers: b === undefined ? {} : { 'content-type': 'application/json' }, body: b });
      return { status: res.status, text: await res.text() };
    },
    [p, method, body === undefined ? undefined : JSON.stringify(body)] as const,
  );
  assert.ok(r.status < 300, `${method} ${p} answered ${r.status}: ${r.text}`);
  return JSON.parse(r.text) as R;
}

/** The emulator's control API (not part of any platform). */
async function control<R = Json>(p: string, method = 'POST', body?: unknown): Promise<R> {
  const r = await fetch(`${product.emulatorUrl}/__control${p}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  assert.ok(r.ok, `emulator ${method} ${p}: ${r.status} ${text}`);
  return JSON.parse(text) as R;
}

/** Uploads a file to the media library through the media API (multipart field `file`). */
async function upload(file: string, mimeType: string): Promise<{ id: string; width: number | null; height: number | null; durationMs: number | null }> {
  const res = await page.request.post('/api/v1/media', { multipart: { file: { name: path.basename(file), mimeType, buffer: readFileSync(file) } } });
  const text = await res.text();
  assert.equal(res.status(), 201, `upload ${file}: ${text}`);
  return JSON.parse(text);
}

/** Connect account: the authorize page of the platform (the emulator's), approved, back on /accounts. */
async function connect(platform: 'weibo' | 'bilibili', step: string) {
  const { url } = await api<{ url: string }>(`/oauth/${platform}/start`, 'POST', {});
  await page.goto(url);
  const approve = page.getByRole('button', { name: /同意授权/ });
  await approve.waitFor();
  await shot(page, T, `${step}-authorize-${platform}`);
  await approve.click();
  await page.waitForURL(/\/accounts(\?|$)/);
  await toast(page, '账号已连接');
}

function ffmpeg(args: string[]) {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { timeout: 60_000 });
}

test('one post to WeChat, Weibo and Bilibili at once: each variant goes out once and the calendar shows it published', { timeout: 300_000 }, (t) =>
  withFailureShots(T, pages, async () => {
    const step = stepper(t);

    step('the platforms know the apps and the users');
    await registerWechatApp(product.emulatorUrl, WX.appid, WX.secret);
    await control('/weibo/apps', 'POST', { appkey: WB.appkey, secret: WB.secret, name: '媒运发布助手', safeDomain: WB.safeDomain });
    await control('/weibo/users', 'POST', { uid: WB.uid, name: WB.name });
    await control('/bilibili/apps', 'POST', { clientId: BL.clientId, clientSecret: BL.clientSecret, name: '媒运发布助手' });
    // A formal member (正式会员) at Bilibili. The product's account type has no 'formal' value an API
    // sets, so its five-a-day allowance for other members stays; one archive is well within it.
    await control('/bilibili/accounts', 'POST', { openid: BL.openid, name: BL.name, formal: true });

    step('the workspace apps entered, Weibo and Bilibili connected through their authorize pages');
    await nav(page, 'accounts', '账号');
    await api('/platform-apps/weibo', 'PUT', { clientId: WB.appkey, clientSecret: WB.secret, settings: { safeDomain: WB.safeDomain } });
    await api('/platform-apps/bilibili', 'PUT', { clientId: BL.clientId, clientSecret: BL.clientSecret });
    await connect('weibo', '1');
    await connect('bilibili', '2');

    step('the WeChat service account with its AppID and AppSecret');
    const wx = await api<{ id: string }>('/accounts', 'POST', {
      platform: 'wechat_oa',
      name: WX.name,
      accountType: 'service',
      verification: 'verified',
      entityType: 'company',
      approvalSteps: 0,
    });
    await api(`/accounts/${wx.id}/credentials`, 'PUT', { appId: WX.appid, appSecret: WX.secret });
    const { items } = await api<{ items: { id: string; platform: string; name: string; connect: string; capabilities: string[] }[] }>('/accounts');
    const wb = items.find((a) => a.platform === 'weibo');
    const bl = items.find((a) => a.platform === 'bilibili');
    assert.ok(wb && bl, `both connected accounts are listed: ${JSON.stringify(items)}`);
    for (const a of [wb, bl]) {
      assert.equal(a.connect, 'oauth');
      assert.ok(a.capabilities.includes('publish'), `${a.platform} may publish: ${JSON.stringify(a)}`);
      // No reviewer in this workspace: the posts need no approval.
      await api(`/accounts/${a.id}`, 'PATCH', { approvalSteps: 0 });
    }
    await page.reload();
    for (const a of [WX.name, wb.name, bl.name]) await page.locator('.ant-table-row', { hasText: a }).waitFor();
    await noErrorAlert(page);
    await shot(page, T, '3-accounts', { fullPage: true });

    step('a real MP4 and a 16:10 cover made with ffmpeg, uploaded to the media library');
    const video = path.join(product.filesDir, 'launch.mp4');
    const cover = path.join(product.filesDir, 'cover-1600x1000.png');
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=1280x720:rate=25', '-t', '3', '-pix_fmt', 'yuv420p', video]);
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=1600x1000', '-frames:v', '1', cover]);
    const videoMedia = await upload(video, 'video/mp4');
    const coverMedia = await upload(cover, 'image/png');
    assert.deepEqual([videoMedia.width, videoMedia.height], [1280, 720], 'the product read the video itself');
    assert.ok((videoMedia.durationMs ?? 0) >= 2900, `a 3 s video: ${videoMedia.durationMs}`);
    assert.deepEqual([coverMedia.width, coverMedia.height], [1600, 1000]);

    step('the post for the three accounts, the Bilibili variant by API');
    const title = `三平台同发 ${Date.now().toString(36)}`;
    const post = await api<{ id: string }>('/posts', 'POST', {
      title,
      bodyHtml: '<p>春季新品发布：公众号长文、微博短讯和 B 站视频同一时间上线。</p>',
      coverMediaId: coverMedia.id,
      accountIds: [wx.id, wb.id, bl.id],
    });
    await api(`/posts/${post.id}/variants/${bl.id}`, 'PUT', {
      text: '春季新品发布会的 3 秒预告。',
      videoMediaId: videoMedia.id,
      coverMediaId: coverMedia.id,
      tags: ['新品', '发布会'],
      options: { tid: TID, copyright: 1 },
    });

    step('the editor: the Bilibili variant complete; the Weibo text typed, refused without a safe-domain link, accepted with one');
    await page.goto(`/posts/${post.id}`);
    // The Bilibili variant set by API is complete in the editor too (its tab comes first).
    await page.getByTestId(`variant-tab-${bl.id}`).click();
    const blForm = page.getByTestId(`variant-form-${bl.id}`);
    await blForm.waitFor();
    assert.equal(await blForm.getByTestId('variant-issues').count(), 0, 'the Bilibili variant is complete');
    await shot(page, T, '4-bilibili-variant', { fullPage: true });
    await page.getByTestId(`variant-tab-${wb.id}`).click();
    const form = page.getByTestId(`variant-form-${wb.id}`);
    const text = form.getByTestId('variant-text');
    await text.fill('春季新品今天发布，三个平台同步上线。');
    await until('the link rule to show', async () =>
      /须包含安全域名 meiyun\.example\.com 下的链接/.test(await visibleText(form.getByTestId('variant-issues'))),
    );
    await shot(page, T, '5-weibo-no-link');
    const weiboText = `春季新品今天发布，三个平台同步上线。详情 https://${WB.safeDomain}/spring`;
    await text.fill(weiboText);
    await until('the link rule to pass', async () => (await form.getByTestId('variant-issues').count()) === 0);
    await form.getByTestId('variant-save').click();
    await toast(page, '已保存');
    const saved = await api<{ variants: { accountId: string; text: string | null }[] }>(`/posts/${post.id}`);
    assert.equal(saved.variants.find((v) => v.accountId === wb.id)?.text, weiboText, 'the text typed in the editor is what is stored');

    step('submitted (no approval needed) and scheduled ~30 s ahead');
    const submitted = await api<{ status: string }>(`/posts/${post.id}/submit`, 'POST', {});
    assert.equal(submitted.status, 'approved');
    const due = new Date(Date.now() + 30_000);
    await api(`/posts/${post.id}/schedule`, 'POST', { scheduledAt: due.toISOString() });

    step('the calendar: the post waits for its time, then is published on every account');
    await nav(page, 'calendar', '日历');
    const chip = page.locator(`[data-testid="calendar-item"][data-post-id="${post.id}"]`);
    await chip.filter({ hasText: title }).waitFor();
    const tip = page.locator('.ant-tooltip:not(.ant-tooltip-hidden)').filter({ hasText: title });
    const names = [WX.name, wb.name, bl.name];
    if (due.getTime() - Date.now() > 5000) {
      assert.equal(await chip.getAttribute('data-state'), 'scheduled');
      await chip.hover();
      for (const n of names) await tip.getByText(`${n}: 已排期`).waitFor();
      await shot(page, T, '6-calendar-scheduled');
      await page.mouse.move(0, 0);
      assert.equal((await emulatorPublished(product.emulatorUrl, WX.appid)).length, 0, 'nothing is sent before its time');
    }
    const state = await until(
      'the calendar item to show published',
      async () => {
        await page.reload();
        await chip.waitFor();
        const s = await chip.getAttribute('data-state');
        return s === 'published' || s === 'failed' || s === 'needs_attention' || s === 'missed' ? s : null;
      },
      { timeoutMs: Math.max(due.getTime() + 90_000 - Date.now(), 10_000), intervalMs: 1500 },
    );
    assert.equal(state, 'published', `the calendar item ended ${state}`);
    await chip.hover();
    for (const n of names) await tip.getByText(`${n}: 已发布`).waitFor();
    await shot(page, T, '7-calendar-published');
    await page.mouse.move(0, 0);

    step('each platform received it exactly once');
    const wechat = (await emulatorPublished(product.emulatorUrl, WX.appid)).filter((s) => s.title === title);
    assert.equal(wechat.length, 1, `one WeChat submit: ${JSON.stringify(wechat)}`);
    assert.equal(wechat[0].status, 0);
    const weibo = (await control<{ text: string }[]>(`/weibo/published?appkey=${WB.appkey}`, 'GET')).filter((s) => s.text.includes('春季新品今天发布'));
    assert.equal(weibo.length, 1, `one Weibo status: ${JSON.stringify(weibo)}`);
    assert.ok(weibo[0].text.includes(`https://${WB.safeDomain}/spring`), 'the status carries the safe-domain link');
    const bili = (await control<{ title: string; openid: string; size: number; state: number }[]>('/bilibili/published', 'GET')).filter(
      (a) => a.title === title,
    );
    assert.equal(bili.length, 1, `one Bilibili archive: ${JSON.stringify(bili)}`);
    assert.equal(bili[0].openid, BL.openid);
    assert.equal(bili[0].size, readFileSync(video).length, 'the whole MP4 reached Bilibili');
    assert.deepEqual(problems, [], 'no page errors or console errors');
  }),
);
