// A manager writes the strategy with two pillars on the 内容策略 page (a total that is not 100 is
// shown and refused), posts are tagged (one in the post editor), and the calendar shows each
// pillar's target against the actual share of the week's posts, with the gap; a second save is
// version 2 and its diff names the changed share.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shot, stepper, until, visibleText, withFailureShots } from './harness';
import { nav, pageCall, type Person, ownerSession, pickOption, toast } from './ui';

const T = 'strategy';
const owner: Person = { name: '运营主管', email: 'lead@strategy.test', password: 'correct-horse-9' };
const session = ownerSession(T, owner, '策略组');

test('a strategy with two pillars, tagged posts, and the gap beside the calendar', { timeout: 240_000 }, (t) =>
  withFailureShots(T, session.pages, async () => {
    const step = stepper(t);
    const page = session.page;

    step('内容策略: two pillars whose shares do not add up are refused, then saved at 50/50');
    await nav(page, 'strategy', '内容策略');
    await page.getByText('尚未制定策略').first().waitFor();
    await page.getByTestId('strategy-positioning').fill('做年轻人身边的护肤顾问');
    for (const [name, share] of [
      ['成分科普', '60'],
      ['好物测评', '30'],
    ]) {
      await page.getByTestId('add-pillar').click();
      await page.getByTestId('pillar-name').last().fill(name);
      await page.getByTestId('pillar-share').last().fill(share);
    }
    await until('the total to show it is not 100', async () => /合计 90%，须为 100%/.test(await visibleText(page.getByTestId('pillars-sum'))));
    await page.getByTestId('strategy-per-week').fill('3');
    await page.getByTestId('strategy-save').click();
    await page.getByText('内容支柱的占比合计须为 100%，现在是 90%').first().waitFor();
    await page.getByTestId('pillar-share').last().fill('40');
    await page.getByTestId('pillar-share').first().fill('50');
    await page.getByTestId('pillar-share').last().fill('50');
    await until('the total to be 100', async () => /合计 100%/.test(await visibleText(page.getByTestId('pillars-sum'))));
    await page.getByTestId('strategy-save').click();
    await toast(page, '已保存为第 1 版');
    await shot(page, T, 'strategy-saved');

    step('posts to the account this week: three tagged through the API, one in the post editor');
    const acc = await pageCall(page, '/accounts', 'POST', { platform: 'wechat_oa', name: '品牌服务号', accountType: 'service', verification: 'verified' });
    assert.equal(acc.status, 201, JSON.stringify(acc.json));
    const pillars = (await pageCall(page, '/strategies/pillars')).json as unknown as { id: string; name: string }[];
    const id = (name: string) => pillars.find((p) => p.name === name)?.id as string;
    const at = new Date(Date.now() + 3 * 3600_000);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const pillarId = i < 2 ? id('成分科普') : i === 2 ? id('好物测评') : null;
      const p = await pageCall(page, '/posts', 'POST', { title: `第 ${i + 1} 篇`, bodyHtml: '<p>正文</p>', accountIds: [acc.json.id], pillarId });
      assert.equal(p.status, 201, JSON.stringify(p.json));
      const s = await pageCall(page, `/posts/${p.json.id}/schedule`, 'POST', { scheduledAt: new Date(at.getTime() + i * 600_000).toISOString() });
      assert.equal(s.status, 200, JSON.stringify(s.json));
      ids.push(p.json.id);
    }
    await page.goto(`/posts/${ids[3]}`);
    await page.getByTestId('editor-title').waitFor();
    await pickOption(page, page.getByTestId('editor-pillar'), '成分科普');
    await page.getByTestId('post-save').click();
    await toast(page, '已保存');
    const tagged = await pageCall(page, `/posts/${ids[3]}`);
    assert.equal(tagged.json.pillarId, id('成分科普'), 'the editor saved the pillar');

    step('the calendar week shows 成分科普 75% against 50% (+25 pp) and 好物测评 25% (−25 pp)');
    const day = at.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await page.goto(`/calendar?view=week&date=${day}`);
    const panel = page.getByTestId('strategy-mix');
    await until('the gap to show', async () => /\+25 pp/.test(await visibleText(panel)), { timeoutMs: 20_000 });
    assert.match(await visibleText(page.getByTestId('gap-成分科普')), /\+25 pp/);
    assert.match(await visibleText(page.getByTestId('gap-好物测评')), /-25 pp/);
    const text = await visibleText(panel);
    assert.match(text, /75%/);
    assert.match(text, /本范围 4 篇排期或已发，0 篇未标支柱/);
    await shot(page, T, 'calendar-gap');

    step('a second save is version 2; its diff names the changed share');
    await nav(page, 'strategy', '内容策略');
    await page.getByTestId('pillar-share').first().fill('70');
    await page.getByTestId('pillar-share').last().fill('30');
    await page.getByTestId('strategy-note').fill('科普效果更好');
    await page.getByTestId('strategy-save').click();
    await toast(page, '已保存为第 2 版');
    await page.getByTestId('compare-2').click();
    const diff = page.getByTestId('strategy-diff');
    await until('the diff to list the share', async () => /内容支柱「成分科普」的占比/.test(await visibleText(diff)));
    const rows = await visibleText(diff);
    assert.match(rows, /内容支柱「好物测评」的占比/);
    assert.doesNotMatch(rows, /定位/, 'the positioning did not change');
    await shot(page, T, 'strategy-diff');
  }),
);
