// A request from another department to a published post, in the browser: a guest of 市场部 submits a
// 推广需求 on its form, the owner accepts it and turns it into a post, the post goes out on the
// emulator through the ordinary publish path, and the guest sees 已发布 on their request. The post's
// page names the request it came from and links back to it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { newContext, registerWechatApp, shot, stepper, until, visibleText, withFailureShots } from './harness';
import { cjk, nav, noErrorAlert, type Person, ownerSession, pageCall, pickOption, toast } from './ui';

const T = 'requests';
const owner: Person = { name: '周主管', email: 'owner@requests.test', password: 'correct-horse-9' };
const guest: Person = { name: '市场部小林', email: 'lin@requests.test', password: 'guest-pass-1234' };
const session = ownerSession(T, owner, '品牌中心新媒体组');
const APPID = 'wx7e0e57000000a11c';
const SECRET = 'requests-secret-00000000000001';

/** The owner invites the guest (through the API); the guest accepts the link in a browser of their own. */
async function joinAsGuest(): Promise<Page> {
  const res = await session.page.request.post('/api/v1/invitations', { data: { email: guest.email, role: 'guest' } });
  assert.ok(res.ok(), await res.text());
  const { token } = (await res.json()) as { token: string };
  const ctx = await newContext(session.page.context().browser() as never, session.product.url);
  const page = await ctx.newPage();
  session.pages.set('guest', page);
  await page.goto(`/invite?token=${encodeURIComponent(token)}`);
  await page.getByTestId('invite-name').fill(guest.name);
  await page.getByTestId('invite-password').fill(guest.password);
  await page.getByTestId('invite-confirm').fill(guest.password);
  await page.getByTestId('invite-submit').click();
  await page.getByTestId('user-menu').filter({ hasText: guest.name }).waitFor();
  return page;
}

test('a guest’s promotion request becomes a published post, and the guest sees 已发布', { timeout: 240_000 }, (t) =>
  withFailureShots(T, session.pages, async () => {
    const step = stepper(t);
    const page = session.page;
    step('a connected Official Account that needs no review, and a guest of 市场部');
    await registerWechatApp(session.product.emulatorUrl, APPID, SECRET);
    const acc = await pageCall(page, '/accounts', 'POST', {
      platform: 'wechat_oa',
      name: '品牌服务号',
      accountType: 'service',
      verification: 'verified',
      approvalSteps: 0,
    });
    assert.equal(acc.status, 201, JSON.stringify(acc.json));
    assert.ok((await pageCall(page, `/accounts/${acc.json.id}/credentials`, 'PUT', { appId: APPID, appSecret: SECRET })).status < 300);
    const gpage = await joinAsGuest();
    const members = await pageCall(page, '/members?pageSize=50');
    const guestId = (members.json.items as { userId: string; name: string }[]).find((m) => m.name === guest.name)?.userId;
    const dep = await pageCall(page, '/departments', 'POST', { name: '市场部' });
    assert.ok((await pageCall(page, `/departments/${dep.json.id}/members`, 'POST', { userId: guestId })).status < 300);

    step('the guest fills in the promotion form');
    await nav(gpage, 'requests', '需求');
    await gpage.getByText('还没有需求').first().waitFor();
    await gpage.getByTestId('request-create').click();
    const form = gpage.getByRole('dialog').filter({ hasText: '提交需求' });
    await form.waitFor();
    await pickOption(gpage, gpage.getByTestId('request-type'), '推广需求');
    await gpage.getByTestId('request-title').fill('春季新品上市推广');
    await gpage.getByTestId('request-save').click();
    // The form says what is missing before anything is sent.
    await form.getByText('必填').first().waitFor();
    await gpage.getByTestId('request-field-goal').fill('春季新品首发，吸引新客到店');
    await pickOption(gpage, gpage.getByTestId('request-field-channel'), '公众号');
    const day = gpage.getByTestId('request-field-go_live');
    await day.click();
    await day.fill('2026-03-20');
    await day.press('Enter');
    await gpage.getByTestId('request-field-material').fill('https://example.com/spring');
    await shot(gpage, T, '01-guest-form');
    await gpage.getByTestId('request-save').click();
    await toast(gpage, '已提交需求 #1');
    await gpage.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    const requestUrl = new URL(gpage.url()).pathname;
    await gpage.getByTestId('request-status').filter({ hasText: '已提交' }).waitFor();
    assert.equal(await gpage.getByTestId('request-to-accepted').count(), 0, 'a guest follows the request, the team works it');
    await noErrorAlert(gpage);
    await shot(gpage, T, '02-guest-submitted', { fullPage: true });

    step('the owner accepts it and turns it into a post');
    await nav(page, 'requests', '需求');
    const row = page.getByTestId('request-row-1');
    await row.waitFor();
    assert.match(await visibleText(row), /春季新品上市推广[\s\S]*市场部小林 · 市场部/);
    await row.click();
    await page.getByTestId('request-to-accepted').click();
    await page.getByTestId('request-status').filter({ hasText: '已受理' }).waitFor();
    await page.getByTestId('request-make-post').click();
    await page.getByTestId('request-post-stage').filter({ hasText: '草稿' }).waitFor();
    await page.getByTestId('request-status').filter({ hasText: '处理中' }).waitFor();
    await page.getByText('推广目的').first().waitFor();
    await shot(page, T, '03-owner-post-made', { fullPage: true });

    step('the post says which request it came from, and leads back to it');
    await page.getByRole('link', { name: '打开稿件' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    const from = page.getByTestId('post-from-request').getByText('来自需求 #1 春季新品上市推广');
    await from.waitFor();
    await shot(page, T, '03b-post-from-request');
    await from.click();
    await page.waitForURL((u) => u.pathname === requestUrl);
    await page.getByTestId('request-status').filter({ hasText: '处理中' }).waitFor();

    step('the post goes out on the emulator');
    const linked = await pageCall(page, requestUrl);
    const postId = (linked.json.request as { post: { id: string } }).post.id;
    const cover = await pageCall(page, '/media', 'POST', undefined, true);
    const edit = await pageCall(page, `/posts/${postId}`, 'PATCH', { accountIds: [acc.json.id], coverMediaId: cover.json.id });
    assert.equal(edit.status, 200, JSON.stringify(edit.json));
    const submitted = await pageCall(page, `/posts/${postId}/submit`, 'POST', {});
    assert.equal(submitted.json.status, 'approved', JSON.stringify(submitted.json));
    const scheduled = await pageCall(page, `/posts/${postId}/schedule`, 'POST', { scheduledAt: new Date().toISOString() });
    assert.equal(scheduled.status, 200, JSON.stringify(scheduled.json));
    await until(
      'the post to be published',
      async () => ((await pageCall(page, `/posts/${postId}`)).json.publications as { state: string }[])[0]?.state === 'published',
      { timeoutMs: 90_000, intervalMs: 1000 },
    );

    step('the guest sees 已发布 on their request');
    await gpage.reload();
    await gpage.getByTestId('request-post-stage').filter({ hasText: '已发布' }).waitFor();
    await nav(gpage, 'requests', '需求');
    await gpage.getByTestId('request-row-1').getByText('已发布').waitFor();
    await shot(gpage, T, '04-guest-published');
    await gpage.getByTestId('request-row-1').click();
    await gpage.getByTestId('request-post-stage').filter({ hasText: '已发布' }).waitFor();
    await gpage.getByRole('button', { name: cjk('发送') }).waitFor();
    await noErrorAlert(gpage);
    await shot(gpage, T, '05-guest-request-published', { fullPage: true });

    step('a joint campaign with 市场部: the guest reads its shared calendar');
    // The campaign runs from today (the workspace's day, Beijing time): its month grid opens on the published post's month.
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const campaign = await pageCall(page, '/campaigns', 'POST', {
      name: '春季联合推广',
      startDay: today,
      endDay: new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10),
      departmentIds: [dep.json.id],
    });
    assert.equal(campaign.status, 200, JSON.stringify(campaign.json));
    assert.equal((await pageCall(page, requestUrl, 'PATCH', { campaignId: campaign.json.id })).status, 200);
    await nav(gpage, 'requests', '需求');
    await gpage.getByRole('tab', { name: '联合活动' }).click();
    const campaignRow = gpage.locator('.ant-table-row', { hasText: '春季联合推广' });
    await campaignRow.waitFor();
    assert.equal(await gpage.getByRole('button', { name: cjk('新建联合活动') }).count(), 0, 'read-only for a guest');
    await campaignRow.click();
    const calendar = gpage.getByTestId('campaign-calendar');
    await calendar.getByText('春季新品上市推广').waitFor();
    await calendar.getByText('已发布').waitFor();
    const marked = gpage.locator(`[data-testid="campaign-day"][data-day="${today}"]`);
    await marked.waitFor();
    assert.equal((await marked.innerText()).trim(), '1', 'the month grid marks the post on its day');
    await marked.hover();
    await gpage
      .locator('.ant-tooltip:not(.ant-tooltip-hidden)')
      .getByText(/春季新品上市推广 · 已发布/)
      .waitFor();
    await shot(gpage, T, '06-guest-campaign-calendar');
  }),
);
