// 服务水平: a manager writes a canned reply, changes the business hours (a bad range is marked and
// cannot be saved; a good one survives a reload), and reads the team report, where an item taken
// by the owner counts in the owner's open load.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shot, stepper, until, visibleText, withFailureShots } from './harness';
import { nav, type Person, ownerSession, pageCall, toast } from './ui';

const T = 'inbox-service';
const owner: Person = { name: '客服主管', email: 'lead@inbox-service.test', password: 'correct-horse-9' };
const session = ownerSession(T, owner, '客服组');

test('service levels: canned replies, business hours and the team report', { timeout: 180_000 }, (t) =>
  withFailureShots(T, session.pages, async () => {
    const step = stepper(t);
    const page = session.page;
    const acc = await pageCall(page, '/accounts', 'POST', { platform: 'xiaohongshu', name: '小红书号' });
    assert.equal(acc.status, 201, JSON.stringify(acc.json));
    const imported = await pageCall(page, '/inbox/import', 'POST', {
      accountId: acc.json.id,
      items: [{ text: '什么时候发货？', authorName: '小周', at: new Date().toISOString() }],
    });
    assert.equal(imported.status, 200, JSON.stringify(imported.json));
    const list = await pageCall(page, '/inbox', 'GET');
    const [item] = list.json.items as { id: string }[];
    const me = await pageCall(page, '/me', 'GET');
    const mine = await pageCall(page, `/inbox/${item.id}`, 'PATCH', { assigneeId: (me.json.user as { id: string }).id, status: 'open' });
    assert.equal(mine.status, 200, JSON.stringify(mine.json));

    step('the team report lists the owner with one open item');
    await nav(page, 'inbox-service', '服务水平');
    const report = page.getByTestId('sla-report');
    await until('the owner row', async () => /客服主管/.test(await visibleText(report)));
    const row = report.locator('tr', { hasText: '客服主管' });
    assert.match(await visibleText(row), /客服主管\s+0\s+1\s+0/, 'no replies, one item, none responded');

    step('a canned reply with a variable');
    await page.getByRole('tab', { name: '回复模板' }).click();
    await page.getByText('还没有回复模板').waitFor();
    await page.getByTestId('tpl-new').click();
    const modal = page.locator('.ant-modal');
    await modal.getByLabel('名称').fill('发货时间');
    await modal.getByLabel('内容').fill('{{author}} 您好，下单后 48 小时内发货。');
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByRole('cell', { name: '发货时间' }).waitFor();
    const rendered = await pageCall(
      page,
      `/inbox/templates/${((await pageCall(page, '/inbox/templates', 'GET')).json as unknown as { id: string }[])[0].id}/render`,
      'POST',
      {
        itemId: item.id,
      },
    );
    assert.equal(rendered.json.text, '小周 您好，下单后 48 小时内发货。');

    step('business hours: a bad range is marked and blocks saving; Saturday mornings saved and kept');
    await page.getByRole('tab', { name: '工作时间与时限' }).click();
    const sat = page.getByTestId('sla-day-sat');
    await sat.waitFor();
    assert.equal(await page.getByTestId('sla-day-mon').inputValue(), '09:00-18:00');
    await sat.fill('9点到12点');
    assert.equal(await page.getByTestId('sla-save').isDisabled(), true);
    await sat.fill('9:00-12:00');
    await page.getByTestId('sla-save').click();
    await toast(page, '已保存');
    await shot(page, T, 'hours', { fullPage: true });
    await page.reload();
    await until('saved hours', async () => (await page.getByTestId('sla-day-sat').inputValue()) === '09:00-12:00');
  }),
);
