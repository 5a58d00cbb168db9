// Two safeguards, in the browser: nobody approves their own post, and the crisis pause shows
// everyone a red banner until someone resumes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shot, stepper, visibleText, withFailureShots } from './harness';
import { cjk, nav, noErrorAlert, type Person, toast, writePost, ownerSession } from './ui';

const T = 'guards';
const owner: Person = { name: '赵运营', email: 'lead@example.com', password: 'lead-pass-1234' };
const session = ownerSession('guards', owner, '危机演练组');

test('a reviewer cannot approve their own post', { timeout: 90_000 }, (t) =>
  withFailureShots(`${T}-own-review`, session.pages, async () => {
    const { page, problems } = session;
    const step = stepper(t);
    // The owner may both write and review; their own post is still someone else's to approve.
    const title = `自审测试 ${Date.now().toString(36)}`;
    const id = await writePost(page, { title, body: '自己写的稿件不能自己审核。', accounts: [] });
    await page.getByTestId('post-submit').click();
    await toast(page, '已提交审核');
    const workflow = page.locator('.ant-card').filter({ hasText: '流程' }).first();
    await workflow.getByText('审核中').waitFor();
    const approve = page.getByTestId('post-approve');
    await approve.waitFor();
    assert.equal(await approve.isDisabled(), true, 'approve is disabled on one’s own post');
    assert.equal(await page.getByTestId('post-reject').isDisabled(), true, 'reject is disabled too');
    // The buttons took the place of 提交审核 under the pointer: move away, then point at them.
    await page.mouse.move(0, 0);
    await approve.hover({ force: true });
    await page.locator('.ant-tooltip:not(.ant-tooltip-hidden)').getByText('不能审核自己的内容').waitFor();
    await shot(page, `${T}-own-review`, '01-approve-disabled');
    step('approve disabled in the editor');

    // The review queue leaves it out, and opening it there directly keeps the buttons disabled.
    await nav(page, 'review', '审核');
    await page.getByText('没有待审核的内容').waitFor();
    await page.goto(`/review?open=${id}`);
    const drawer = page.getByRole('dialog').filter({ hasText: title });
    await drawer.getByTestId('review-approve').waitFor();
    assert.equal(await drawer.getByTestId('review-approve').isDisabled(), true);
    await shot(page, `${T}-own-review`, '02-queue-drawer');

    // The server refuses it as well, in words a person understands.
    const res = await page.request.post(`/api/v1/posts/${id}/review`, { data: { decision: 'approved', comment: '' } });
    assert.equal(res.status(), 403);
    const body = (await res.json()) as { error: { message: string } };
    assert.match(body.error.message, /不能审核自己的稿件/);
    await page.reload();
    await page.getByRole('dialog').filter({ hasText: title }).getByText('审核进度 0/1').waitFor();
    step('server refuses too');
    assert.deepEqual(problems, []);
  }),
);

test('pause shows the red banner; resume removes it', { timeout: 90_000 }, (t) =>
  withFailureShots(`${T}-pause`, session.pages, async () => {
    const { page, problems } = session;
    const step = stepper(t);
    await page.goto('/');
    await page.getByText('账号健康').first().waitFor();
    const reason = '突发舆情，暂停一切推送';
    await page.getByTestId('pause-button').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '暂停整个工作区的发布？' });
    await dialog.waitFor();
    await dialog.getByTestId('pause-reason').fill(reason);
    await shot(page, `${T}-pause`, '01-confirm');
    await page.getByTestId('pause-confirm').click();
    await toast(page, '已暂停发布');
    const banner = page.getByTestId('paused-banner');
    const text = await visibleText(banner);
    assert.match(text, /发布已暂停：所有账号都不会发出任何内容/);
    assert.match(text, new RegExp(`原因：${reason}`));
    // Red: antd's error alert.
    assert.match((await banner.getAttribute('class')) ?? '', /ant-alert-error/);
    const bg = await banner.evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
    assert.ok(r > g && r > b, `the banner is red-tinted (${bg})`);
    await page.getByTestId('resume-button').waitFor();
    step('paused');

    // It is the workspace's state, not the page's: it survives a reload.
    await page.reload();
    assert.match(await visibleText(banner), new RegExp(`原因：${reason}`));
    await page.getByText('账号健康').first().waitFor();
    await shot(page, `${T}-pause`, '02-banner');
    await page.getByTestId('resume-button').click();
    const confirm = page.locator('.ant-popover:not(.ant-popover-hidden)').filter({ hasText: '确定恢复发布？' });
    await confirm.waitFor();
    await shot(page, `${T}-pause`, '03-resume-confirm');
    await confirm.getByRole('button', { name: cjk('确定') }).click();
    await toast(page, '已恢复发布');
    await banner.waitFor({ state: 'hidden' });
    await page.getByTestId('pause-button').waitFor();
    await page.reload();
    await page.getByTestId('pause-button').waitFor();
    assert.equal(await banner.count(), 0, 'no banner after resume');
    await noErrorAlert(page);
    await shot(page, `${T}-pause`, '04-resumed');
    step('resumed');
    assert.deepEqual(problems, []);
  }),
);
