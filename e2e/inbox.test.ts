// Working the inbox from the keyboard: comments pasted into the import of a Xiaohongshu account
// (no API), then j/k to move, e to mark done, a to take one, / to search for 退款; the counts
// and the thread follow.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { request } from 'playwright-core';
import { shot, stepper, until, visibleText, withFailureShots } from './harness';
import { nav, type Person, ownerSession, pageCall } from './ui';

const T = 'inbox';
const owner: Person = { name: '运营主管', email: 'lead@inbox.test', password: 'correct-horse-9' };
const session = ownerSession(T, owner, '客服组');

test('the inbox is worked with the keyboard: move, mark done, take, search', { timeout: 180_000 }, (t) =>
  withFailureShots(T, session.pages, async () => {
    const step = stepper(t);
    const page = session.page;
    const acc = await pageCall(page, '/accounts', 'POST', { platform: 'xiaohongshu', name: '小红书号' });
    assert.equal(acc.status, 201, JSON.stringify(acc.json));

    step('收件箱: empty, then three comments pasted into the import');
    await nav(page, 'inbox', '收件箱');
    await page.getByText('没有符合条件的评论或私信').first().waitFor();
    await page.getByRole('button', { name: '导入评论' }).click();
    const modal = page.locator('.ant-modal');
    await modal.locator('.ant-select').first().click();
    await page.locator('.ant-select-item-option', { hasText: '小红书号' }).click();
    await page
      .getByTestId('inbox-import-text')
      .fill(['小李\t申请退款三天了还没到账，客服也不回', '阿花\t包装很用心，好评！', '老王\t请问这款有黑色的吗？'].join('\n'));
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('导入 3 条，重复 0 条').waitFor();
    const counts = page.getByTestId('inbox-counts');
    await until('three new', async () => /未处理 3/.test(await visibleText(counts)));

    step('j moves to the second item, e marks it done; the counts follow');
    const items = page.locator('[data-testid^="inbox-item-"]');
    await until('three listed', async () => (await items.count()) === 3);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    const second = items.nth(1);
    await until('the second selected', async () => (await second.getAttribute('aria-selected')) === 'true');
    const secondText = await visibleText(second);
    await page.keyboard.press('e');
    await until('one done', async () => /未处理 2/.test(await visibleText(counts)));
    assert.equal(await visibleText(page.getByTestId('inbox-status')), '已完成');

    step('k back to the first, a takes it: it is mine and open');
    await page.keyboard.press('k');
    await page.keyboard.press('a');
    await until('mine', async () => /处理中 1 · 待跟进 0 · 我的 1/.test(await visibleText(counts)));

    step('/ focuses the search; 退款 finds the complaint, tagged negative and complaint');
    await page.keyboard.press('/');
    await page.keyboard.type('退款');
    await page.keyboard.press('Enter');
    await until('one match', async () => (await items.count()) === 1);
    const match = await visibleText(items.first());
    assert.match(match, /申请退款三天了/);
    assert.match(match, /负面/);
    assert.match(match, /投诉/);
    // Imported at the same instant, the three list in no fixed order: the complaint may be the one marked done.
    assert.equal(/已完成/.test(match), /申请退款/.test(secondText), 'the complaint shows done exactly when it was the one marked done');
    await shot(page, T, 'search', { fullPage: true });

    step('the complaint: no comment API on this platform, so the reply box says to answer on the platform');
    await page.getByText('该账号没有评论接口').waitFor();

    step('an internal note names a colleague with @; the colleague is told');
    const inv = await pageCall(page, '/invitations', 'POST', { email: 'li@inbox.test', role: 'editor' });
    assert.equal(inv.status, 200, JSON.stringify(inv.json));
    const colleague = await request.newContext({ baseURL: session.product.url });
    try {
      const accepted = await colleague.post('/api/v1/invitations/accept', { data: { token: inv.json.token, name: '客服小李', password: 'correct-horse-9' } });
      assert.ok(accepted.ok(), await accepted.text());
      const note = page.getByPlaceholder('只有团队看得到；输入 @ 提到成员');
      await note.fill('@客服小李 请联系顾客确认退款进度');
      await page.getByTestId('inbox-note-add').click();
      await page.getByText('已通知 客服小李').waitFor();
      await page.getByTestId('inbox-notes').getByText('请联系顾客确认退款进度').waitFor();
      const told = (await (await colleague.get('/api/v1/notifications')).json()) as { items: { kind: string; link: string | null }[] };
      const mention = told.items.find((n) => n.kind === 'inbox.mention');
      assert.ok(mention, JSON.stringify(told));
      assert.match(mention.link ?? '', /^\/inbox\?item=/);

      step('the link in the notification opens that item');
      await page.goto(mention.link as string);
      await until('the linked item', async () => /申请退款三天了/.test(await visibleText(page.getByTestId('inbox-thread'))));
      await shot(page, T, 'note', { fullPage: true });

      step('转为反馈: the complaint becomes feedback #1; the thread links to it');
      await page.getByTestId('feedback-from-item').click();
      const form = page.locator('.ant-modal');
      await form.getByTestId('feedback-area').locator('input').fill('物流');
      await form.getByTestId('feedback-save').click();
      await page.getByText('已创建反馈 #1').waitFor();
      const tag = page.getByTestId('inbox-feedback').getByText('#1');
      await tag.waitFor();
      await tag.click();
      await until('the feedback drawer', async () => /申请退款三天了/.test(await visibleText(page.locator('.ant-drawer'))));
      await shot(page, T, 'feedback', { fullPage: true });
      await page.goto(mention.link as string);
      await page.getByTestId('inbox-thread').waitFor();
    } finally {
      await colleague.dispose();
    }

    step('x selects two items, one bulk action marks them done');
    await nav(page, 'inbox', '收件箱');
    await until('the linked item let go', async () => !page.url().includes('item='));
    await until('three listed again', async () => (await items.count()) === 3);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByText('已选 2 条').waitFor();
    await page.getByTestId('inbox-bulk').getByRole('button', { name: '批量完成' }).click();
    await until('all done', async () => /未处理 0 · 处理中 0/.test(await visibleText(counts)));
  }),
);
