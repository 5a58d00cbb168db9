// The pre-publish gate in the browser: a manager adds a banned word on the risk page, a writer
// types it in the editor and sees it marked as they type, the submit is refused with the word
// named, and the manager's override with a reason lets the same version through.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shot, stepper, until, withFailureShots } from './harness';
import { nav, type Person, pickOption, toast, ownerSession } from './ui';

const T = 'risk';
const owner: Person = { name: '钱主管', email: 'risk-lead@example.com', password: 'risk-pass-1234' };
const session = ownerSession('risk', owner, '风控演练组');

test('a banned term typed in the editor is marked live, blocks the submit, and an override lets it through', { timeout: 120_000 }, (t) =>
  withFailureShots(`${T}-gate`, session.pages, async () => {
    const { page, problems } = session;
    const step = stepper(t);
    // A manager imports a word list on the risk page.
    await nav(page, 'risk', '内容风控');
    await page.getByTestId('risk-tab-words').click();
    await page.getByText('词表为空').waitFor();
    await page.getByTestId('risk-word-import').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '批量导入词条' });
    await dialog.getByTestId('risk-import-text').fill('内部价,高\n竞品甲,urgent');
    await dialog.getByTestId('risk-import-run').click();
    // A bad line is named and nothing is imported.
    await dialog.getByTestId('risk-import-errors').getByText('第 2 行：无法识别的级别「urgent」').waitFor();
    await dialog.getByTestId('risk-import-text').fill('内部价,高\n竞品甲');
    await dialog.getByTestId('risk-import-run').click();
    await toast(page, '新增 2 个');
    await page.getByTestId('risk-word-term').getByText('内部价').waitFor();
    await shot(page, `${T}-gate`, '01-word-list');
    step('word list imported');

    // The writer types it; the panel lists it as blocking and marks it in the text as they type.
    await nav(page, 'posts', '内容');
    await page.getByTestId('post-create').click();
    await page.waitForURL('**/posts/new');
    await page.getByTestId('editor-title').fill('国家级新品上市');
    const body = page.getByTestId('editor-body');
    await body.click();
    await body.pressSequentially('本周内部价开放，欢迎选购。');
    const panel = page.getByTestId('screening-panel');
    await panel.getByTestId('screen-block-group').getByText('内部价').waitFor();
    await panel.getByTestId('screen-warn-group').getByText('国家级').waitFor();
    assert.equal(await panel.getByTestId('screen-preview-body').locator('mark[data-action="block"]').innerText(), '内部价');
    assert.equal(await panel.getByTestId('screen-preview-title').locator('mark[data-action="warn"]').innerText(), '国家级');
    // And inline in the rich editor, on exactly those characters.
    const inline = await until('the inline highlight in the editor', () =>
      page.evaluate(() => {
        const h = CSS.highlights.get('meiyun-risk-block');
        return h && h.size === 1 ? [...h][0].toString() : null;
      }),
    );
    assert.equal(inline, '内部价');
    await shot(page, `${T}-gate`, '02-editor-marked', { fullPage: true });
    step('typed term marked live');

    await page.getByTestId('post-save').click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    await toast(page, '已保存');
    await page.getByTestId('post-submit').click();
    const err = page.getByTestId('error-alert').filter({ hasText: '内容审查未通过' });
    await err.getByText('「内部价」（正文）', { exact: false }).waitFor();
    await page.getByTestId('screening-blocked').waitFor();
    await shot(page, `${T}-gate`, '03-submit-blocked', { fullPage: true });
    step('submit refused with the term named');

    await page.getByTestId('screening-blocked').getByTestId('screening-override').click();
    const od = page.getByRole('dialog').filter({ hasText: '放行被拦截的内容' });
    await od.getByTestId('screening-override-reason').fill('员工内购活动，法务已确认');
    await od.getByTestId('screening-override-confirm').click();
    await toast(page, '已放行');
    await page.getByTestId('screening-overridden').getByText('员工内购活动，法务已确认', { exact: false }).waitFor();
    await page.getByTestId('post-submit').click();
    await toast(page, '已提交审核');
    await shot(page, `${T}-gate`, '04-overridden-submitted', { fullPage: true });
    step('override with a reason, then submitted');
    assert.deepEqual(problems, []);
  }),
);

test('brand kit: set on the risk page, shown in the editor for that account, with a missing disclaimer flagged', { timeout: 120_000 }, (t) =>
  withFailureShots(`${T}-kit`, session.pages, async () => {
    const { page, problems } = session;
    const step = stepper(t);
    const res = await page.request.post('/api/v1/accounts', { data: { platform: 'wechat_oa', name: '品牌服务号', accountType: 'service' } });
    assert.equal(res.status(), 201);
    await nav(page, 'risk', '内容风控');
    await page.getByTestId('risk-tab-policy').click();
    await page.getByTestId('policy-ad_law').waitFor();
    await shot(page, `${T}-kit`, '01-policy');
    await page.getByTestId('risk-tab-kits').click();
    await page.getByTestId('kit-edit').first().click();
    const dialog = page.getByRole('dialog').filter({ hasText: '品牌服务号 的品牌规范' });
    await dialog.getByTestId('kit-tone').fill('语气亲切克制，不用感叹号。');
    await dialog.getByTestId('kit-required').locator('input').fill('#品牌日#');
    await page.keyboard.press('Enter');
    await dialog.getByTestId('kit-banned').locator('input').fill('便宜货');
    await page.keyboard.press('Enter');
    await dialog.getByTestId('kit-save').click();
    await toast(page, '已保存');
    await page.getByText('#品牌日#').first().waitFor();
    step('brand kit saved');

    await nav(page, 'posts', '内容');
    await page.getByTestId('post-create').click();
    await page.waitForURL('**/posts/new');
    await page.getByTestId('editor-title').fill('周末福利');
    await pickOption(page, page.getByTestId('editor-accounts'), '品牌服务号');
    await page.keyboard.press('Escape');
    const body = page.getByTestId('editor-body');
    await body.click();
    await body.pressSequentially('不是便宜货。');
    const panel = page.getByTestId('screening-panel');
    await panel.getByTestId('screen-brand-kit').getByText('语气亲切克制', { exact: false }).waitFor();
    await panel.getByTestId('screen-block-group').getByText('便宜货').waitFor();
    await panel.getByTestId('screen-warn-group').getByText('#品牌日#').waitFor();
    await shot(page, `${T}-kit`, '02-editor-brand-kit', { fullPage: true });
    // Writing the disclaimer clears the warning.
    await body.pressSequentially(' #品牌日#');
    await until('the missing disclaimer to clear', async () => (await panel.getByTestId('screen-warn-group').count()) === 0);
    step('kit shown and checked in the editor');
    assert.deepEqual(problems, []);
  }),
);
