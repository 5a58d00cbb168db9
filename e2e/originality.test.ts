// Originality (C2) in the browser: a writer opens a post that repeats an older one, sees the
// older post named with its similarity and the 原创 warning, compares the two side by side with
// the shared passages marked in both, gets the warning again on submit, and a manager raises the
// threshold above the pair's similarity.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { articleSentences, nearDuplicate, toHtml } from '../server/src/modules/risk/originality-testdata';
import { shot, stepper, withFailureShots } from './harness';
import { type Person, toast, ownerSession } from './ui';

const T = 'originality';
const owner: Person = { name: '孙主编', email: 'orig-lead@example.com', password: 'orig-pass-1234' };
const session = ownerSession('originality', owner, '原创度演练组');

async function post(title: string, bodyHtml: string): Promise<string> {
  const r = await session.page.request.post('/api/v1/posts', { data: { title, bodyHtml } });
  assert.equal(r.status(), 201, await r.text());
  return (await r.json()).id;
}

test('a near-duplicate is named with its similarity, compared side by side, and warned about on submit', { timeout: 120_000 }, (t) =>
  withFailureShots(`${T}-dup`, session.pages, async () => {
    const { page, problems } = session;
    const step = stepper(t);
    const original = articleSentences(7, 2000);
    await post('春季新品发布会回顾', toHtml(original));
    await post('秋季活动预告', toHtml(articleSentences(99, 2000)));
    const dup = await post('春季新品发布会回顾（重发）', toHtml(nearDuplicate(original, 8, 0.1).sentences));

    await page.goto(`/posts/${dup}`);
    const panel = page.getByTestId('originality-panel');
    const match = panel.getByTestId('originality-match');
    await match.first().getByText('春季新品发布会回顾', { exact: true }).waitFor();
    assert.equal(await match.count(), 1, 'the unrelated post is not listed');
    await panel.getByTestId('originality-warn').getByText('声明「原创」', { exact: false }).waitFor();
    const max = Number(((await panel.getByTestId('originality-max').textContent()) ?? '').replace('%', ''));
    assert.ok(max >= 60, `max similarity ${max}%`);
    await shot(page, `${T}-dup`, '01-panel', { fullPage: true });
    step('near-duplicate listed with the 原创 warning');

    await match.getByTestId('originality-compare').click();
    const dialog = page.getByRole('dialog');
    const left = dialog.getByTestId('originality-draft-text').locator('mark');
    const right = dialog.getByTestId('originality-old-text').locator('mark');
    await left.first().waitFor();
    assert.ok((await left.count()) > 3 && (await right.count()) > 3);
    // The first marked passage reads the same on both sides.
    assert.equal(((await left.first().textContent()) ?? '').replace(/\s/g, ''), ((await right.first().textContent()) ?? '').replace(/\s/g, ''));
    await left.nth(2).click();
    await shot(page, `${T}-dup`, '02-compare');
    await page.keyboard.press('Escape');
    step('side by side with the passages marked in both');

    await page.getByTestId('post-submit').click();
    await toast(page, '已提交审核');
    await page.locator('.ant-notification-notice').filter({ hasText: '原创度提醒' }).waitFor();
    await panel.getByTestId('originality-workflow-warn').waitFor();
    await shot(page, `${T}-dup`, '03-submit-warning', { fullPage: true });
    step('submit goes through with the warning');

    await panel.getByTestId('originality-threshold-edit').click();
    await page.locator('input[data-testid="originality-threshold-input"], [data-testid="originality-threshold-input"] input').fill('95');
    await page
      .locator('.ant-popover')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await toast(page, '阈值已保存');
    await panel.getByTestId('originality-ok').getByText('相似旧文均未达到提醒阈值').waitFor();
    assert.equal(await panel.getByTestId('originality-warn').count(), 0);
    step('a manager raises the threshold; the warning goes');
    assert.deepEqual(problems, []);
  }),
);
