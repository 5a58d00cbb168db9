// Per-platform variants in the browser: a post for a WeChat and a Weibo account; the Weibo text over
// 140 (counted the Weibo way) turns the counter red and the submit is refused with the rule; fixed, it goes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shot, stepper, until, visibleText, withFailureShots } from './harness';
import { type Person, ownerSession } from './ui';

const T = 'variants';
const owner: Person = { name: '运营主管', email: 'lead@variants.test', password: 'correct-horse-9' };
const session = ownerSession('variants', owner, '多平台组');

async function call(path: string, method: string, body: unknown): Promise<{ status: number; json: { id: string } }> {
  return session.page.evaluate(
    async ([p, m, b]) => {
      const r = await fetch(`/api/v1${p}`, { method: m as string, headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
      return { status: r.status, json: await r.json() };
    },
    [path, method, body] as const,
  );
}

test('a Weibo variant over 140 turns its counter red and the submit is refused; fixed, submit works', { timeout: 180_000 }, (t) =>
  withFailureShots(T, session.pages, async () => {
    const step = stepper(t);
    const page = session.page;
    step('accounts and a post through the API');
    const wx = await call('/accounts', 'POST', {
      platform: 'wechat_oa',
      name: '品牌公众号',
      accountType: 'service',
      verification: 'verified',
      approvalSteps: 0,
    });
    const wb = await call('/accounts', 'POST', { platform: 'weibo', name: '品牌微博', approvalSteps: 0 });
    assert.deepEqual([wx.status, wb.status], [201, 201]);
    const post = await call('/posts', 'POST', { title: '春季新品', bodyHtml: '<p>正文</p>', accountIds: [wx.json.id, wb.json.id] });
    assert.equal(post.status, 201);

    step('the Weibo tab, a text over 140');
    await page.goto(`/posts/${post.json.id}`);
    await page.getByTestId(`variant-tab-${wb.json.id}`).click();
    const form = page.getByTestId(`variant-form-${wb.json.id}`);
    const text = form.getByTestId('variant-text');
    await text.fill('字'.repeat(150));
    const count = form.getByTestId('variant-text-counter');
    await until('counter over', async () => (await visibleText(count)) === '150 / 140');
    assert.equal(await count.getAttribute('data-over'), 'true');
    const color = await count.evaluate((el) => getComputedStyle(el).color);
    assert.match(color, /rgb\(255, 77, 79\)|rgb\(2[0-9]{2}, [0-9]{1,2}, [0-9]{1,2}\)/, `counter colour ${color}`);
    assert.match(await visibleText(form.getByTestId('variant-issues')), /正文：最多 140 字（现 150 字）/);
    await shot(page, T, 'weibo-over');
    await form.getByTestId('variant-save').click();
    await page.getByText('已保存').first().waitFor();

    step('submit is refused with the rule');
    await page.getByTestId('post-submit').click();
    await page
      .getByText(/「品牌微博」正文：最多 140 字（现 150 字）/)
      .first()
      .waitFor();
    await shot(page, T, 'submit-refused');

    step('fixed, submit works');
    await page.getByTestId(`variant-tab-${wb.json.id}`).click();
    await form.getByTestId('variant-text').fill('春季新品上市');
    await until('counter ok', async () => (await form.getByTestId('variant-text-counter').getAttribute('data-over')) === 'false');
    await form.getByTestId('variant-save').click();
    await page.getByText('已保存').first().waitFor();
    await page.waitForTimeout(500);
    await page.getByTestId('post-submit').click();
    await until('approved', async () => {
      const r = await page.evaluate(async (id) => (await fetch(`/api/v1/posts/${id}`)).json(), post.json.id);
      return r.status === 'approved';
    });
    await shot(page, T, 'submitted');
  }),
);
