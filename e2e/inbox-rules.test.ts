// 规则: a manager writes a rule in the drawer, the dry run shows the seeded item it would have
// matched in the last 30 days, the rule is switched on, and an item imported afterwards arrives
// tagged, assigned and with the rule's reply proposed; the reply is approved from the thread and
// leaves 待批准 for the send path (its exactly-once delivery is server/src/modules/inbox/rules-replies.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shot, stepper, until, visibleText, withFailureShots } from './harness';
import { nav, type Person, ownerSession, pageCall, pickOption, toast } from './ui';

const T = 'inbox-rules';
const owner: Person = { name: '规则主管', email: 'lead@inbox-rules.test', password: 'correct-horse-9' };
const session = ownerSession(T, owner, '规则组');

test('inbox rules: write, dry run, switch on; a new item is tagged, assigned and its proposed reply approved', { timeout: 240_000 }, (t) =>
  withFailureShots(T, session.pages, async () => {
    const step = stepper(t);
    const page = session.page;
    const acc = await pageCall(page, '/accounts', 'POST', { platform: 'wechat_oa', name: '媒运服务号', accountType: 'service', verification: 'verified' });
    assert.equal(acc.status, 201, JSON.stringify(acc.json));
    const tpl = await pageCall(page, '/inbox/templates', 'POST', { name: '退款说明', body: '{{author}} 您好，退款会在 3 个工作日内原路退回。' });
    assert.equal(tpl.status, 200, JSON.stringify(tpl.json));
    const seeded = await pageCall(page, '/inbox/import', 'POST', {
      accountId: acc.json.id,
      items: [
        { externalId: 'old-1', text: '我要退款，怎么操作？', authorName: '小周', at: new Date(Date.now() - 3 * 86_400_000).toISOString() },
        { externalId: 'old-2', text: '文章写得真好', authorName: '阿青', at: new Date(Date.now() - 2 * 86_400_000).toISOString() },
      ],
    });
    assert.equal(seeded.status, 200, JSON.stringify(seeded.json));

    step('the rules page starts empty; a new rule in the drawer');
    await nav(page, 'inbox-rules', '规则');
    await page.getByTestId('rules-empty').waitFor();
    await page.getByTestId('rule-new').first().click();
    await page.getByTestId('rule-name').fill('退款自动处理');
    await page.getByTestId('rule-any-of').locator('input').fill('退款');
    await page.keyboard.press('Enter');
    await page.getByTestId('rule-tags').locator('input').fill('售后');
    await page.keyboard.press('Enter');
    await pickOption(page, page.getByTestId('rule-assignee'), '规则主管');
    await pickOption(page, page.getByTestId('rule-template'), '退款说明');

    step('the dry run shows the seeded item it would have matched');
    await page.getByTestId('rule-dry-run').click();
    const result = page.getByTestId('rule-dry-result');
    await until('the dry run', async () => /近 30 天有 1 条/.test(await visibleText(result)));
    assert.match(await visibleText(result), /我要退款，怎么操作？/);
    assert.doesNotMatch(await visibleText(result), /文章写得真好/);
    await result.scrollIntoViewIfNeeded();
    await shot(page, T, 'dry-run');

    step('saved and switched on');
    await page.getByTestId('rule-save-enable').click();
    await toast(page, '已保存');
    const row = page.locator('tr', { hasText: '退款自动处理' });
    await row.waitFor();
    assert.equal(await row.getByRole('switch').getAttribute('aria-checked'), 'true');
    const rules = (await pageCall(page, '/inbox/rules', 'GET')).json as unknown as { enabled: boolean }[];
    assert.deepEqual(
      rules.map((r) => r.enabled),
      [true],
    );

    step('a matching item imported now arrives tagged, assigned, with the reply proposed');
    const fresh = await pageCall(page, '/inbox/import', 'POST', {
      accountId: acc.json.id,
      items: [{ externalId: 'new-1', text: '退款什么时候到账？', authorName: '老陈', at: new Date().toISOString() }],
    });
    assert.equal((fresh.json as { stored?: number }).stored, 1, JSON.stringify(fresh.json));
    const found = await pageCall(page, '/inbox?q=到账', 'GET');
    const item = (found.json.items as { id: string; tags: string[]; assigneeId: string | null }[])[0];
    const me = await pageCall(page, '/me', 'GET');
    assert.deepEqual([item.tags, item.assigneeId], [['售后'], (me.json.user as { id: string }).id]);
    await page.goto(`/inbox?item=${item.id}`);
    const hits = page.getByTestId('inbox-rule-hits');
    await until('the rule hit tag', async () => /规则：退款自动处理/.test(await visibleText(hits)));
    const proposed = page.getByTestId('reply-proposed');
    await proposed.waitFor();
    assert.match(await visibleText(proposed), /老陈 您好，退款会在 3 个工作日内原路退回。/);
    await shot(page, T, 'proposed', { fullPage: true });

    step('approved: it leaves 待批准 for the send path');
    await proposed.getByTestId('reply-approve').click();
    await toast(page, '已批准');
    await until('the reply to leave proposed', async () => (await page.getByTestId('reply-proposed').count()) === 0);
    const replies = (await pageCall(page, `/inbox/${item.id}/replies`, 'GET')).json as unknown as { state: string }[];
    assert.equal(replies.length, 1);
    assert.notEqual(replies[0].state, 'proposed');
    await shot(page, T, 'approved', { fullPage: true });

    step('the rules page counts the hit');
    await nav(page, 'inbox-rules', '规则');
    await until('one hit', async () => (await visibleText(page.getByTestId('rule-hits-退款自动处理'))).trim() === '1');
  }),
);
