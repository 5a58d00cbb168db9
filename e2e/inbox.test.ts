// Working the inbox from the keyboard: comments pasted into the import of a Xiaohongshu account
// (no API), then j/k to move, e to mark done, a to take one, / to search for 退款; the counts
// and the thread follow.
import assert from 'node:assert/strict';
import { test } from 'node:test';
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
    await page.getByTestId('inbox-import-text').fill(['小李\t申请退款三天了还没到账，客服也不回', '阿花\t包装很用心，好评！', '老王\t请问这款有黑色的吗？'].join('\n'));
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
    assert.doesNotMatch(secondText, /申请退款/, 'the item marked done was another one');
    await shot(page, T, 'search', { fullPage: true });
  }),
);
