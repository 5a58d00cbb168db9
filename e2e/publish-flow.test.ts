// The publishing flow as a team lives it, in the browser: first run, a WeChat service account,
// a reviewer invited, a post written, reviewed, scheduled, and published on the emulator.
import assert from 'node:assert/strict';
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
  writePng,
} from './harness';
import { cjk, field, firstRun, nav, noErrorAlert, type Person, pickOption, submitFirstRun, toast, writePost } from './ui';

const T = 'publish';
let product: Product;
let browser: Browser;
const contexts: BrowserContext[] = [];

before(async () => {
  [product, browser] = await Promise.all([startProduct('publish-flow'), launchBrowser()]);
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await product?.stop();
});

const pages = new Map<string, Page>();
const pageProblems: string[][] = [];
async function open(label: string, timezoneId?: string): Promise<Page> {
  const ctx = await newContext(browser, product.url, timezoneId);
  contexts.push(ctx);
  const page = await ctx.newPage();
  pages.set(label, page);
  pageProblems.push(watchPage(page, label));
  return page;
}

/** The wall-clock 'YYYY-MM-DD HH:mm' of an instant in a time zone. */
function wallClock(at: Date, tz: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

test('first run → account → reviewer → write → review → schedule → published, then English', { timeout: 240_000 }, (t) =>
  withFailureShots(T, pages, () => flow(stepper(t))),
);

async function flow(step: (name: string) => void) {
  const owner: Person = { name: '王主管', email: 'owner@example.com', password: 'owner-pass-123' };
  const reviewer: Person = { name: '李审核', email: 'reviewer@example.com', password: 'review-pass-123' };
  const appid = 'wxe2e0000000000001';
  const secret = 'e2e-secret-0000000000000000000001';
  const accountName = '媒运测试服务号';
  const title = `端到端发布测试 ${Date.now().toString(36)}`;
  await registerWechatApp(product.emulatorUrl, appid, secret);

  step('start');
  // 1. First run: the setup page, in Chinese by default.
  // The owner's computer is on London time; the workspace schedules in Beijing time (Asia/Shanghai).
  const page = await open('owner', 'Europe/London');
  await firstRun(page, owner, '品牌中心新媒体组');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  await page.getByText('创建第一个所有者账号和工作区').waitFor();
  await shot(page, T, '01-setup');
  await submitFirstRun(page);
  await page.getByTestId('nav-calendar').filter({ hasText: '日历' }).waitFor();
  await noErrorAlert(page);
  await shot(page, T, '02-dashboard');

  step('first run done');
  // 2a. A WeChat service account with its AppID / AppSecret; 测试连接 succeeds.
  await nav(page, 'accounts', '账号');
  await page.getByTestId('account-create').click();
  const drawer = page.getByRole('dialog').filter({ hasText: '添加账号' });
  await drawer.waitFor();
  assert.match(await field(drawer, '平台').innerText(), /微信公众号/);
  await drawer.getByTestId('account-name').fill(accountName);
  await pickOption(page, field(drawer, '账号类型').locator('.ant-select'), '服务号');
  await pickOption(page, field(drawer, '认证').locator('.ant-select'), '已认证');
  await page.getByTestId('account-save').click();
  await toast(page, '已保存');
  const row = page.locator('.ant-table-row', { hasText: accountName });
  await row.waitFor();
  await row.getByText('未配置').waitFor();
  await row.getByTestId('account-credentials').click();
  const creds = page.getByRole('dialog').filter({ hasText: `${accountName} 的凭据` });
  await creds.waitFor();
  await creds.getByTestId('credentials-appid').fill(appid);
  await creds.getByTestId('credentials-secret').fill(secret);
  await creds.getByRole('button', { name: cjk('确定') }).click();
  await toast(page, '凭据已保存');
  await creds.waitFor({ state: 'hidden' });
  await row.getByText('未检测').waitFor();
  await shot(page, T, '03-account');
  await row.getByTestId('account-test').click();
  const result = page.locator('.ant-modal-confirm').filter({ hasText: `${accountName}: 连接正常` });
  await result.waitFor();
  assert.ok((await visibleText(result.getByTestId('test-connection-result'))).length > 0, 'the test names its result');
  await shot(page, T, '04-connection-ok');
  await result.getByRole('button').last().click();
  await row.getByText('连接正常').waitFor();

  step('account connected');
  // 2b. Invite a reviewer and copy the link the UI shows once.
  await nav(page, 'members', '成员');
  await page.getByTestId('member-invite').click();
  const invite = page.getByRole('dialog').filter({ hasText: '邀请成员' });
  await invite.getByTestId('invite-email').fill(reviewer.email);
  await pickOption(page, invite.getByTestId('invite-role'), '审核员');
  await invite.getByRole('button', { name: cjk('生成邀请') }).click();
  const link = await visibleText(invite.getByTestId('invite-link'));
  assert.match(link, new RegExp(`^${product.url}/invite\\?token=\\S+$`));
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: product.url });
  await invite.locator('.ant-typography-copy').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, link, 'the copy button copies the link shown');
  await shot(page, T, '05-invite-link');
  await invite.getByRole('button', { name: cjk('完成') }).click();
  await page.locator('.ant-card', { hasText: '待接受的邀请' }).getByText(reviewer.email).waitFor();

  step('invitation created');
  // 2c. The reviewer accepts it in their own browser.
  const rpage = await open('reviewer');
  await rpage.goto(copied);
  await rpage.getByText('接受邀请').first().waitFor();
  await rpage.getByTestId('invite-name').fill(reviewer.name);
  await rpage.getByTestId('invite-password').fill(reviewer.password);
  await rpage.getByTestId('invite-confirm').fill(reviewer.password);
  await rpage.getByTestId('invite-submit').click();
  await rpage.getByText('账号健康').first().waitFor();
  await rpage.getByTestId('user-menu').filter({ hasText: reviewer.name }).waitFor();
  assert.equal(await rpage.getByTestId('nav-review').count(), 1, 'a reviewer sees the review queue');
  assert.equal(await rpage.getByTestId('pause-button').isDisabled(), true, 'a reviewer cannot pause publishing');
  await shot(rpage, T, '06-reviewer-joined');

  step('reviewer joined');
  // 3. The owner writes the post with a cover uploaded from disk and submits it for review.
  const cover = writePng(product.filesDir);
  const postId = await writePost(page, {
    title,
    body: '这是一篇由浏览器端到端测试撰写的文章。它会经过审核、排期，然后发布到微信公众号。',
    accounts: [accountName],
    coverFile: cover,
    shot: () => shot(page, T, '07-draft', { fullPage: true }),
  });
  const workflow = page.locator('.ant-card').filter({ hasText: '流程' }).first();
  await page.getByTestId('post-submit').click();
  await toast(page, '已提交审核');
  await workflow.getByText('审核中').waitFor();
  assert.equal(await page.getByTestId('post-approvals').innerText(), '0 / 1');
  await noErrorAlert(page);
  await shot(page, T, '08-submitted');

  step('post written and submitted');
  // 4. The reviewer approves it from the review queue.
  await nav(rpage, 'review', '审核');
  const queued = rpage.getByTestId('review-open').filter({ hasText: title });
  await queued.click();
  const reviewDrawer = rpage
    .getByRole('dialog')
    .filter({ hasText: title })
    .filter({ has: rpage.getByTestId('review-approve') });
  await reviewDrawer.waitFor();
  await reviewDrawer.frameLocator('iframe').getByText('这是一篇由浏览器端到端测试撰写的文章').waitFor();
  assert.equal(await reviewDrawer.locator(`img[src*="/media/"]`).count(), 1, 'the reviewer sees the cover');
  await shot(rpage, T, '09-review-drawer');
  await reviewDrawer.getByTestId('review-approve').click();
  const decide = rpage.getByRole('dialog').filter({ has: rpage.getByTestId('review-confirm') });
  await decide.getByTestId('review-comment').fill('内容无误，同意发布。');
  await rpage.getByTestId('review-confirm').click();
  await toast(rpage, '已通过');
  await reviewDrawer.waitFor({ state: 'hidden' });
  await rpage.getByText('没有待审核的内容').waitFor();
  await shot(rpage, T, '10-approved');

  step('approved');
  // 5. The owner schedules it. The picker is to the minute: the next whole minute when that is
  // at most 30 s away, else the picker's 此刻 (now), so the run never waits more than ~30 s.
  await page.reload();
  await workflow.getByText('已通过').first().waitFor();
  assert.equal(await page.getByTestId('post-approvals').innerText(), '1 / 1');
  const tz = await visibleText(workflow.getByText(/^\(.+\)$/).first()).then((s) => s.slice(1, -1));
  const pickerInput = page.getByTestId('schedule-picker');
  const dropdown = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
  const nextMinute = new Date(Math.ceil((Date.now() + 1000) / 60_000) * 60_000);
  let due: Date;
  await pickerInput.click();
  await dropdown.waitFor();
  await shot(page, T, '11-picker');
  // E2E_SCHEDULE=next|now forces one way (to try both); by default the clock decides.
  const mode = process.env.E2E_SCHEDULE ?? (nextMinute.getTime() - Date.now() <= 30_000 ? 'next' : 'now');
  if (mode === 'next') {
    due = nextMinute;
    await pickerInput.fill(wallClock(due, tz));
    await pickerInput.press('Enter');
  } else {
    const before = wallClock(new Date(), tz);
    await dropdown.getByText('此刻').click();
    due = new Date();
    // 此刻 is the workspace's wall-clock time, whatever the browser's zone.
    assert.ok([before, wallClock(due, tz)].includes(await pickerInput.inputValue()), '此刻 fills in the workspace’s current time');
  }
  await dropdown.waitFor({ state: 'hidden' });
  const when = await pickerInput.inputValue();
  if (mode === 'next') assert.equal(when, wallClock(due, tz));
  await page.getByTestId('post-schedule').click();
  await toast(page, '已排期');
  assert.equal(await page.getByTestId('post-scheduled-at').innerText(), when);
  await page.getByTestId('post-publication').filter({ hasText: accountName }).getByText('已排期').waitFor();
  await noErrorAlert(page);
  await shot(page, T, '12-scheduled');

  step(`scheduled for ${when} (${Math.round((due.getTime() - Date.now()) / 1000)} s from now)`);
  await nav(page, 'calendar', '日历');
  const chip = page.locator(`[data-testid="calendar-item"][data-post-id="${postId}"]`);
  await chip.waitFor();
  assert.match(await chip.innerText(), new RegExp(`${when.slice(11)}\\s+${title}`));
  if (due.getTime() - Date.now() > 3000) {
    // Before its time it waits: scheduled on the calendar (or, in the last MEIYUN_ARM_AHEAD_SECONDS,
    // armed by the worker and shown 发送中), and nothing at the platform yet.
    const waiting = { scheduled: '已排期', dispatching: '发送中' } as Record<string, string>;
    const shown = await chip.getAttribute('data-state');
    assert.ok(shown && shown in waiting, `a post before its time is scheduled or armed, not ${shown}`);
    await chip.hover();
    const tipText = await visibleText(page.locator('.ant-tooltip:not(.ant-tooltip-hidden)'));
    assert.ok(
      Object.values(waiting).some((w) => tipText.includes(`${accountName}: ${w}`)),
      `the tooltip says it waits: ${tipText}`,
    );
    const asked = Date.now();
    const sent = await emulatorPublished(product.emulatorUrl, appid);
    if (asked < due.getTime()) assert.equal(sent.length, 0, 'nothing is sent before its time');
    await shot(page, T, '13-calendar-scheduled');
    await page.mouse.move(0, 0);
  }
  const deadline = due.getTime() + 60_000;
  const state = await until(
    'the calendar item to show published',
    async () => {
      await page.reload();
      await chip.waitFor();
      const s = await chip.getAttribute('data-state');
      return s === 'published' || s === 'failed' || s === 'needs_attention' || s === 'missed' ? s : null;
    },
    { timeoutMs: Math.max(deadline - Date.now(), 10_000), intervalMs: 1500 },
  );
  assert.equal(state, 'published');
  await chip.hover();
  const tip = page.locator('.ant-tooltip:not(.ant-tooltip-hidden)').filter({ hasText: title });
  await tip.getByText(`${accountName}: 已发布`).waitFor();
  await shot(page, T, '14-calendar-published');
  step('published');

  const submits = (await emulatorPublished(product.emulatorUrl, appid)).filter((s) => s.title === title);
  assert.equal(submits.length, 1, `exactly one submit at the emulator, got ${JSON.stringify(submits)}`);
  assert.equal(submits[0].status, 0, 'the emulator reports the publish as successful');

  // 6. English, and it stays English after a reload.
  await page.getByTestId('lang-en').click();
  const menu = ['dashboard', 'accounts', 'posts', 'calendar', 'review', 'publications', 'members', 'settings'];
  const english = ['Dashboard', 'Accounts', 'Posts', 'Calendar', 'Review', 'Publications', 'Members', 'Settings'];
  const checkEnglish = async () => {
    await page.getByTestId('nav-calendar').filter({ hasText: 'Calendar' }).waitFor();
    for (const [i, key] of menu.entries()) assert.equal((await page.getByTestId(`nav-${key}`).innerText()).trim(), english[i]);
    await page.getByTestId('pause-button').filter({ hasText: 'Pause publishing' }).waitFor();
    await page.locator('h1, h2, h3, h4').filter({ hasText: 'Calendar' }).first().waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  };
  await checkEnglish();
  await chip.hover();
  await page.locator('.ant-tooltip:not(.ant-tooltip-hidden)').getByText(`${accountName}: Published`).waitFor();
  await shot(page, T, '15-english');
  await page.reload();
  await checkEnglish();
  await page.mouse.move(0, 0);
  await shot(page, T, '16-english-reloaded');
  step('English after reload');

  // Still exactly one submit for the title, well after it went out: no duplicate from a retry.
  assert.equal((await emulatorPublished(product.emulatorUrl, appid)).filter((s) => s.title === title).length, 1);

  const seen = pageProblems.flat();
  assert.deepEqual(seen, [], 'no page errors or console errors');
}
