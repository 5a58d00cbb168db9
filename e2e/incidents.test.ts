// A crisis as a supervisor runs it, in the browser: a manager opens a P1 incident from the
// 负面舆情 playbook, ticks a checklist item, pauses all publishing from the incident page and
// resumes it, is told the post-mortem comes first, writes it and closes the incident; a guest
// can look at incidents but cannot open one or change anything.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, newContext, type Product, shot, startProduct, stepper, until, visibleText, watchPage, withFailureShots } from './harness';
import { cjk, field, firstRun, nav, noErrorAlert, type Person, pickOption, submitFirstRun } from './ui';

const T = 'incidents';
let product: Product;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pages = new Map<string, Page>();
const pageProblems: string[][] = [];
let owner: Page;
const lead: Person = { name: '周负责', email: 'crisis-owner@example.com', password: 'crisis-owner-1234' };
const manager: Person = { name: '孙主管', email: 'crisis-manager@example.com', password: 'crisis-manager-1234' };
const guest: Person = { name: '吴访客', email: 'crisis-guest@example.com', password: 'crisis-guest-1234' };

/** The 负面舆情 playbook's checklist as shipped (server/src/modules/incidents/defaults.ts). */
const NEGATIVE_PUBLICITY = [
  '确认事实：收集截图、链接和时间线',
  '评估影响范围：平台、转发量、是否有媒体或大V跟进',
  '检查排期内容，必要时一键暂停全部发布',
  '通知法务、公关和相关业务负责人',
  '选定并使用已审批的回应口径',
  '统一回复评论与私信：不删评、不争辩',
  '每 2 小时复盘一次舆情走势',
  '平息后恢复发布，完成复盘',
];

async function open(label: string): Promise<Page> {
  const ctx = await newContext(browser, product.url);
  contexts.push(ctx);
  const page = await ctx.newPage();
  pages.set(label, page);
  pageProblems.push(watchPage(page, label));
  return page;
}

/** The owner invites `who` with `role` (setup, through the API); `who` accepts the link in their own browser. */
async function join(label: string, who: Person, role: 'manager' | 'guest'): Promise<Page> {
  const res = await owner.request.post('/api/v1/invitations', { data: { email: who.email, role } });
  assert.ok(res.ok(), `invite ${who.email}: ${res.status()} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const page = await open(label);
  await page.goto(`/invite?token=${encodeURIComponent(token)}`);
  await page.getByText('接受邀请').first().waitFor();
  await page.getByTestId('invite-name').fill(who.name);
  await page.getByTestId('invite-password').fill(who.password);
  await page.getByTestId('invite-confirm').fill(who.password);
  await page.getByTestId('invite-submit').click();
  await page.getByText('账号健康').first().waitFor();
  await page.getByTestId('user-menu').filter({ hasText: who.name }).waitFor();
  return page;
}

/** Answers 确定 in the popconfirm titled `title`. */
async function confirmPop(page: Page, title: string | RegExp, shotStep?: string) {
  const pop = page.locator('.ant-popover:not(.ant-popover-hidden)').filter({ hasText: title });
  await pop.waitFor();
  if (shotStep) await shot(page, T, shotStep);
  await pop.getByRole('button', { name: cjk('确定') }).click();
  await pop.waitFor({ state: 'hidden' });
}

/** The newest timeline entry of `kind` (the timeline lists newest first). */
const entry = (page: Page, kind: string): Locator => page.getByTestId('incident-timeline').getByTestId(`timeline-${kind}`).first();

before(async () => {
  [product, browser] = await Promise.all([startProduct('incidents'), launchBrowser()]);
  owner = await open('owner');
  await firstRun(owner, lead, '危机应对组');
  await submitFirstRun(owner);
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await product?.stop();
});

test('a manager runs a P1 incident: playbook checklist, pause and resume, post-mortem before closing', { timeout: 180_000 }, (t) =>
  withFailureShots(T, pages, async () => {
    const step = stepper(t);
    const page = await join('manager', manager, 'manager');
    step('manager joined');

    // 1. From the menu to 危机事件, and a P1 incident from the 负面舆情 playbook.
    await nav(page, 'incidents', '危机事件');
    await page.getByText('没有进行中的事件').waitFor();
    await noErrorAlert(page);
    await page.getByTestId('incident-create').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '创建事件' });
    await dialog.waitFor();
    const title = '微博出现大量产品质量投诉';
    await dialog.getByTestId('incident-title').fill(title);
    await pickOption(page, dialog.getByTestId('incident-playbook'), /^负面舆情 · 8 项$/);
    // The playbook brings its default severity (P2); a supervisor raises it to P1.
    await field(dialog, '级别').locator('.ant-radio-button-wrapper-checked', { hasText: 'P2 重要' }).waitFor();
    await field(dialog, '级别').getByText('P1 严重').click();
    await field(dialog, '级别').locator('.ant-radio-button-wrapper-checked', { hasText: 'P1 严重' }).waitFor();
    await page.mouse.move(0, 0); // off the button, so the shot shows it chosen rather than hovered
    // The manager owns it by default.
    await field(dialog, '负责人').getByText(manager.name).first().waitFor();
    await field(dialog, '情况说明').locator('textarea').fill('多位用户在微博晒出破损包装，转发量两小时内过千。');
    await shot(page, T, '01-create');
    await page.getByTestId('incident-create-ok').click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    await dialog.waitFor({ state: 'hidden' });

    // The detail page: #1, the title, P1, open, and the playbook's eight items, none done.
    const heading = page.getByTestId('incident-heading');
    assert.equal(await visibleText(heading), `#1 ${title}`);
    const head = page.locator('.ant-space', { has: heading }).last();
    await head.locator('.ant-tag', { hasText: 'P1 严重' }).waitFor();
    assert.equal(await visibleText(page.getByTestId('incident-status')), '待处理');
    const checklist = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^检查清单$/ }) });
    const items = checklist.locator('.ant-checkbox-wrapper');
    await items.first().waitFor();
    assert.deepEqual(
      (await items.allInnerTexts()).map((s) => s.trim()),
      NEGATIVE_PUBLICITY,
    );
    assert.equal(await checklist.getByTestId('checklist-item').count(), NEGATIVE_PUBLICITY.length);
    assert.equal(await checklist.locator('.ant-checkbox-checked').count(), 0);
    assert.equal(await visibleText(checklist.locator('.ant-progress')), '0/8');
    await entry(page, 'created').getByText('创建事件，级别 P1 严重，预案「负面舆情」').waitFor();
    await noErrorAlert(page);
    await shot(page, T, '02-detail', { fullPage: true });
    step('incident opened with the playbook checklist');

    // Tick the first item: done on the checklist with who did it, and on the timeline with the actor.
    await items.filter({ hasText: NEGATIVE_PUBLICITY[0] }).click();
    await checklist.locator('.ant-checkbox-wrapper-checked', { hasText: NEGATIVE_PUBLICITY[0] }).waitFor();
    await checklist.locator('.ant-list-item', { hasText: NEGATIVE_PUBLICITY[0] }).getByText(`${manager.name} · `).waitFor();
    assert.equal(await visibleText(checklist.locator('.ant-progress')), '1/8');
    const checked = entry(page, 'checklist_checked');
    await checked.getByText(`完成：${NEGATIVE_PUBLICITY[0]}`).waitFor();
    assert.match(await visibleText(checked), new RegExp(`^\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} · ${manager.name}\\n`));
    await shot(page, T, '03-item-checked', { fullPage: true });
    step('item ticked, on the timeline');

    // 2. The one-click pause from the incident page.
    const banner = page.getByTestId('paused-banner');
    assert.equal(await banner.count(), 0, 'no pause banner yet');
    const publishing = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^发布控制$/ }) });
    await publishing.getByText('暂停后本工作区所有账号的排期发布立即停止').waitFor();
    await page.getByTestId('incident-pause').click();
    const pause = page.getByRole('dialog').filter({ hasText: '暂停整个工作区的发布？' });
    await pause.getByText('暂停原因会注明事件 #1。').waitFor();
    const reason = '等待法务确认后再发';
    await pause.locator('textarea').fill(reason);
    await shot(page, T, '04-pause-confirm');
    await page.getByTestId('incident-pause-confirm').click();
    await pause.waitFor({ state: 'hidden' });
    // The workspace's red banner (the same as the header's pause shows), naming the incident.
    const bannerText = await visibleText(banner);
    assert.match(bannerText, /发布已暂停：所有账号都不会发出任何内容/);
    assert.match(bannerText, new RegExp(`原因：事件 #1：${title} — ${reason}`));
    assert.match((await banner.getAttribute('class')) ?? '', /ant-alert-error/);
    const bg = await banner.evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
    assert.ok(r > g && r > b, `the banner is red-tinted (${bg})`);
    await page.getByTestId('resume-button').waitFor();
    await publishing
      .locator('.ant-alert-error')
      .getByText(/^工作区发布已暂停（.+）$/)
      .waitFor();
    await publishing.getByText(`事件 #1：${title} — ${reason}`).waitFor();
    const paused = entry(page, 'paused');
    await paused.getByText(`暂停全部发布：0 条已暂停，0 条已在发送中 — ${reason}`).waitFor();
    assert.match(await visibleText(paused), new RegExp(` · ${manager.name}\\n`));
    await shot(page, T, '05-paused', { fullPage: true });
    step('paused from the incident');

    // …and the resume, from the same card.
    await page.getByTestId('incident-resume').click();
    await confirmPop(page, '恢复发布？0 条暂停的发布会重新排期', '06-resume-confirm');
    await banner.waitFor({ state: 'hidden' });
    await page.getByTestId('incident-pause').waitFor();
    await page.getByTestId('pause-button').waitFor();
    const resumed = entry(page, 'resumed');
    await resumed.getByText('恢复发布：0 条重新排期').waitFor();
    assert.match(await visibleText(resumed), new RegExp(` · ${manager.name}\\n`));
    // The workspace's state, not the page's: still no banner after a reload.
    await page.reload();
    await entry(page, 'resumed').waitFor();
    assert.equal(await banner.count(), 0, 'no banner after resume');
    await noErrorAlert(page);
    await shot(page, T, '07-resumed', { fullPage: true });
    step('resumed from the incident');

    // 3. Resolved; closing without a post-mortem is refused in words.
    await page.getByTestId('incident-move-resolved').click();
    await confirmPop(page, '将事件标记为「已解决」？');
    await until('the status to read 已解决', async () => (await visibleText(page.getByTestId('incident-status'))) === '已解决');
    await entry(page, 'status').getByText('状态：待处理 → 已解决').waitFor();
    await page.locator('.ant-alert-info').getByText('关闭前请填写复盘：至少需要概述和根本原因').waitFor();
    await page.getByTestId('incident-move-closed').click();
    await confirmPop(page, '将事件标记为「已关闭」？');
    const refusal = page.locator('.ant-message-notice', { hasText: '关闭事件前请先填写复盘（概述和根本原因）' });
    await refusal.waitFor();
    assert.equal(await refusal.locator('.ant-message-error').count(), 1, 'shown as an error message');
    assert.equal(await visibleText(page.getByTestId('incident-status')), '已解决', 'still resolved');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, T, '08-close-refused');
    step('close without a post-mortem refused');

    // The post-mortem: summary and root cause, saved, then the close goes through.
    const pm = page.getByTestId('postmortem-form');
    await field(pm, '概述').getByText('关闭事件前必填').waitFor();
    await field(pm, '概述').locator('textarea').fill('产品包装在运输中破损，用户在微博集中投诉；暂停发布 10 分钟，统一口径回应后平息。');
    await field(pm, '根本原因').locator('textarea').fill('新物流供应商的包装规格未经质检确认。');
    await field(pm, '做得好的').locator('textarea').fill('十分钟内暂停了全部排期发布。');
    // The refusal goes away by itself; then the save's answer is the only message on screen.
    await refusal.waitFor({ state: 'hidden', timeout: 10_000 });
    await page.getByTestId('postmortem-save').click();
    assert.equal(await visibleText(page.locator('.ant-message-notice').first()), '已保存', 'the post-mortem is saved');
    await entry(page, 'postmortem').getByText('更新了复盘').waitFor();
    await page.locator('.ant-alert-info', { hasText: '关闭前请填写复盘' }).waitFor({ state: 'hidden' });
    await page.getByTestId('incident-move-closed').click();
    await confirmPop(page, '将事件标记为「已关闭」？');
    await until('the status to read 已关闭', async () => (await visibleText(page.getByTestId('incident-status'))) === '已关闭');
    await entry(page, 'status').getByText('状态：已解决 → 已关闭').waitFor();
    // Closed is final: no status buttons, no pause, no ticking, the post-mortem read-only.
    assert.equal(await page.locator('[data-testid^="incident-move-"]').count(), 0, 'no status actions on a closed incident');
    assert.equal(await page.getByTestId('incident-pause').isDisabled(), true, 'no pause from a closed incident');
    assert.equal(await checklist.getByTestId('checklist-item').first().isDisabled(), true, 'the checklist is frozen');
    assert.equal(await page.getByTestId('postmortem-save').count(), 0, 'the post-mortem is read-only');
    assert.equal(await field(pm, '根本原因').locator('textarea').inputValue(), '新物流供应商的包装规格未经质检确认。');
    await page.locator('.ant-descriptions-item', { hasText: '关闭时间' }).waitFor();
    await noErrorAlert(page);
    await shot(page, T, '09-closed', { fullPage: true });

    // The list opens on what is not closed; 全部状态 shows it closed.
    await nav(page, 'incidents', '危机事件');
    await page.getByText('没有进行中的事件').waitFor();
    await pickOption(page, page.getByTestId('filter-incident-status'), '全部状态');
    const row = page.locator('.ant-table-row', { hasText: title });
    await row.locator('.ant-tag', { hasText: '已关闭' }).waitFor();
    await row.locator('.ant-tag', { hasText: 'P1 严重' }).waitFor();
    assert.equal(await visibleText(row.locator('.ant-progress')), '1/8');
    await shot(page, T, '10-list-closed');
    step('post-mortem written, closed');
    assert.deepEqual(pageProblems.flat(), []);
  }),
);

test('a guest sees incidents but cannot open one or change anything', { timeout: 120_000 }, (t) =>
  withFailureShots(`${T}-guest`, pages, async () => {
    const step = stepper(t);
    // An open incident with a playbook to look at (setup, through the owner's session).
    const title = '公众号误发了未审核的活动价格';
    const playbooks = (await (await owner.request.get('/api/v1/playbooks')).json()) as { id: string; key: string | null }[];
    const wrongPost = playbooks.find((p) => p.key === 'wrong_post');
    assert.ok(wrongPost, 'the built-in 内容事故（误发） playbook');
    const res = await owner.request.post('/api/v1/incidents', { data: { title, severity: 'sev2', description: '', playbookId: wrongPost.id } });
    assert.ok(res.ok(), `${res.status()} ${await res.text()}`);
    const page = await join('guest', guest, 'guest');
    step('guest joined');

    await nav(page, 'incidents', '危机事件');
    const row = page.locator('.ant-table-row', { hasText: title });
    await row.locator('.ant-tag', { hasText: 'P2 重要' }).waitFor();
    await page.getByTestId('incident-templates').waitFor();
    assert.equal(await page.getByTestId('incident-create').count(), 0, 'no 创建事件 for a guest');
    assert.equal(await page.getByRole('button', { name: cjk('创建事件') }).count(), 0);
    await noErrorAlert(page);
    await shot(page, `${T}-guest`, '01-list');

    await row.getByTestId('incident-open').click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    assert.match(await visibleText(page.getByTestId('incident-heading')), new RegExp(`#2 ${title}$`));
    assert.equal(await visibleText(page.getByTestId('incident-status')), '待处理');
    await page.getByTestId('incident-timeline').getByTestId('timeline-created').getByText(`${lead.name}`).waitFor();
    // The checklist is there to read, not to tick.
    const boxes = page.getByTestId('checklist-item');
    await boxes.first().waitFor();
    assert.equal(await boxes.count(), 7);
    for (const box of await boxes.all()) assert.equal(await box.isDisabled(), true, 'a guest cannot tick an item');
    await page.getByText('立即暂停全部排期发布').waitFor();
    assert.equal(await page.getByPlaceholder('添加一个检查项').count(), 0, 'no adding items');
    assert.equal(await page.locator('[data-testid^="incident-move-"]').count(), 0, 'no status actions');
    assert.equal(await page.getByTestId('incident-pause').isDisabled(), true, 'the pause is disabled');
    assert.equal(await page.getByTestId('pause-button').isDisabled(), true, 'the header pause is disabled');
    assert.equal(await page.getByTestId('incident-note').count(), 0, 'no note box');
    assert.equal(await page.getByTestId('postmortem-save').count(), 0, 'no post-mortem save');
    assert.equal(await page.getByTestId('incident-severity').count(), 0, 'severity shown, not editable');
    await noErrorAlert(page);
    await shot(page, `${T}-guest`, '02-detail-readonly', { fullPage: true });
    step('read-only for a guest');
    assert.deepEqual(pageProblems.flat(), []);
  }),
);
