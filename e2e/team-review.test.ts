// A review cycle signed by both sides, in two browsers: the manager (the owner) opens a cycle in
// 团队绩效, the editor sees only their own review, writes the self-assessment and signs; the
// manager reads it, assesses, rates, signs with the scorecard attached; both see it locked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { shot, stepper, until, visibleText, withFailureShots } from './harness';
import { cjk, nav, noErrorAlert, ownerSession, type Person, pickOption, toast } from './ui';

const T = 'team-review';
const lead: Person = { name: '运营主管', email: 'lead@team.test', password: 'correct-horse-9' };
const editor: Person = { name: '小编阿青', email: 'qing@team.test', password: 'correct-horse-9' };

const session = ownerSession(T, lead, '团队绩效组');
const { pages } = session;

/** Answers 确定 in the open popconfirm titled `title`. */
async function confirmPop(page: Page, title: RegExp) {
  const pop = page.locator('.ant-popover:not(.ant-popover-hidden)').filter({ hasText: title });
  await pop.waitFor();
  // A click that lands while the popconfirm is still zooming in can be lost: click until it closes.
  for (let i = 0; i < 3; i++) {
    await pop.getByRole('button', { name: cjk('确定') }).click();
    if (
      await pop.waitFor({ state: 'hidden', timeout: 3_000 }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  assert.fail(`the popconfirm ${title} did not close`);
}

async function openReview(page: Page, who: string) {
  await page.getByTestId(`review-open-${who}`).click();
  await page.getByTestId('review-drawer').waitFor();
}

test('a review cycle: the member writes and signs, the manager assesses with the scorecard and signs, both see it locked', { timeout: 240_000 }, (t) =>
  withFailureShots(T, pages, async () => {
    const owner = session.page;
    const step = stepper(t);
    const res = await owner.request.post('/api/v1/invitations', { data: { email: editor.email, role: 'editor' } });
    assert.ok(res.ok(), `invite: ${res.status()} ${await res.text()}`);
    const { token } = (await res.json()) as { token: string };
    const member = await session.open('editor');
    await member.goto(`/invite?token=${encodeURIComponent(token)}`);
    await member.getByTestId('invite-name').fill(editor.name);
    await member.getByTestId('invite-password').fill(editor.password);
    await member.getByTestId('invite-confirm').fill(editor.password);
    await member.getByTestId('invite-submit').click();
    await member.getByTestId('user-menu').filter({ hasText: editor.name }).waitFor();

    step('the manager opens a month cycle for everyone');
    await nav(owner, 'team', '团队绩效');
    await owner.getByRole('tab', { name: '绩效考核' }).click();
    await owner.getByTestId('cycle-new').click();
    const dialog = owner.getByRole('dialog').filter({ hasText: '新建考核周期' });
    await dialog.getByTestId('cycle-name').fill('本月考核');
    await dialog.getByRole('button', { name: cjk('确定') }).click();
    await dialog.waitFor({ state: 'hidden' });
    await owner.getByTestId(`review-row-${editor.name}`).waitFor();
    await owner.getByTestId(`review-row-${lead.name}`).waitFor();
    await noErrorAlert(owner);
    await shot(owner, T, 'cycle');

    step('the editor sees only their own review, writes the self-assessment and signs');
    await nav(member, 'team', '团队绩效');
    await member.getByRole('tab', { name: '绩效考核' }).click();
    await member.getByTestId(`review-row-${editor.name}`).waitFor();
    assert.equal(await member.getByTestId(`review-row-${lead.name}`).count(), 0, "the manager's own review is not shown to the editor");
    await openReview(member, editor.name);
    const self = '本月按计划完成 8 篇推文，<script>alert(1)</script> 评论回复更及时。';
    await member.getByTestId('review-self').fill(self);
    await member.getByRole('button', { name: cjk('保存') }).click();
    await toast(member, '已保存');
    await member.getByTestId('review-sign').click();
    await confirmPop(member, /签字后不能再修改/);
    await member.getByTestId('review-drawer').getByText('成员已签').waitFor();
    assert.equal(await member.getByTestId('review-sign').count(), 0, 'signed: no second signature');
    assert.equal(await member.getByTestId('review-self-text').innerText(), self, 'the text is shown as written, not run');
    await shot(member, T, 'member-signed');

    step('the manager reads it, assesses, rates and signs with the scorecard attached');
    await owner.reload();
    await openReview(owner, editor.name);
    await until('the self-assessment to show', async () => (await visibleText(owner.getByTestId('review-self-text'))) === self);
    assert.match(await owner.getByTestId('review-scorecard-kind').innerText(), /实时数据/);
    await owner.getByTestId('review-manager').fill('产出稳定，准时率高。');
    await pickOption(owner, owner.getByTestId('review-rating'), /^A · 优秀/);
    await owner.getByTestId('review-manager-save').click();
    await toast(owner, '已保存');
    await owner.getByTestId('review-sign').click();
    await confirmPop(owner, /签字后不能再修改/);
    const drawer = owner.getByTestId('review-drawer');
    await drawer.getByText('已锁定').waitFor();
    assert.match(await owner.getByTestId('review-scorecard-kind').innerText(), /签字时的快照/);
    assert.match(await owner.getByTestId('review-rating-text').innerText(), /A · 优秀/);
    assert.equal(await owner.getByTestId('review-manager').count(), 0, 'locked: nothing to edit');
    await shot(owner, T, 'manager-locked');

    step('the editor sees it locked too, with the rating');
    await member.reload();
    await member.getByTestId('review-drawer').getByText('已锁定').waitFor();
    assert.match(await member.getByTestId('review-rating-text').innerText(), /A · 优秀/);
    assert.equal(await member.getByTestId('review-self').count(), 0);
    await shot(member, T, 'member-locked');

    step('the scorecards: the manager sees both members, the editor only themselves; no tasks source yet shows —');
    await owner.goto('/team?tab=scorecards');
    const rows = owner.locator('.ant-table-tbody tr.ant-table-row');
    await until('both members to be listed', async () => (await rows.count()) === 2);
    assert.match(await visibleText(rows.filter({ hasText: editor.name })), /—/);
    await shot(owner, T, 'scorecards');
    await member.goto('/team?tab=scorecards');
    await member.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: editor.name }).waitFor();
    assert.equal(await member.locator('.ant-table-tbody tr.ant-table-row').count(), 1);

    step('the manager records an award for the review; the editor sees it in their ledger');
    await owner.goto('/team?tab=incentives');
    await owner.getByRole('button', { name: cjk('记录奖励') }).click();
    const form = owner.getByRole('dialog').filter({ hasText: '记录奖励' });
    await pickOption(owner, form.locator('.ant-form-item').filter({ hasText: '成员' }).locator('.ant-select'), editor.name);
    await pickOption(owner, form.locator('.ant-form-item').filter({ hasText: '类型' }).locator('.ant-select'), '奖项');
    await form.locator('.ant-form-item').filter({ hasText: '名称' }).locator('input').fill('月度之星');
    await form.locator('.ant-form-item').filter({ hasText: '原因' }).locator('textarea').fill('考核优秀');
    await pickOption(owner, form.locator('.ant-form-item').filter({ hasText: '对应考核' }).locator('.ant-select'), '本月考核');
    await form.getByRole('button', { name: cjk('确定') }).click();
    await form.waitFor({ state: 'hidden' });
    await member.goto('/team?tab=incentives');
    const award = member.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '月度之星' });
    await award.waitFor();
    assert.match(await visibleText(award), /考核优秀/);
    await shot(member, T, 'ledger');
    assert.equal(await award.getByRole('button', { name: cjk('编辑') }).count(), 0, 'a member cannot edit their ledger');

    step('the manager renames the award in the same form, prefilled; the editor sees the new title');
    await owner
      .getByTestId('incentive-row-月度之星')
      .getByRole('button', { name: cjk('编辑') })
      .click();
    const edit = owner.getByRole('dialog').filter({ hasText: '修改奖励' });
    await edit.locator('.ant-form-item').filter({ hasText: '对应考核' }).getByText('本月考核').waitFor();
    assert.equal(await edit.getByTestId('incentive-title').inputValue(), '月度之星');
    await edit.getByTestId('incentive-title').fill('季度之星');
    await edit.getByRole('button', { name: cjk('确定') }).click();
    await edit.waitFor({ state: 'hidden' });
    await owner.getByTestId('incentive-row-季度之星').waitFor();
    await noErrorAlert(owner);
    await shot(owner, T, 'ledger-edited');
    await member.reload();
    const renamed = member.getByTestId('incentive-row-季度之星');
    await renamed.waitFor();
    assert.match(await visibleText(renamed), /考核优秀/);
    assert.equal(await member.getByTestId('incentive-row-月度之星').count(), 0);

    step('the manager deletes it after the confirm; it leaves both ledgers and the totals');
    await owner
      .getByTestId('incentive-row-季度之星')
      .getByRole('button', { name: cjk('删除') })
      .click();
    await owner
      .locator('.ant-popconfirm')
      .getByRole('button', { name: cjk('确定') })
      .click();
    await owner.getByTestId('incentive-row-季度之星').waitFor({ state: 'detached' });
    await noErrorAlert(owner);
    await member.reload();
    await member.getByText('还没有奖励记录').waitFor();
    const totals = member.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: editor.name }).first();
    assert.match(await visibleText(totals), /0\s+0/, 'no points and no awards left');
    for (const p of session.watched) assert.deepEqual(p, []);
  }),
);
