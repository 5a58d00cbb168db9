// A manager hires through 培训与招聘 → 招聘: a position, a candidate moved applied → 试稿 with a
// trial piece written in the product (it holds a workspace sensitive word: the screening flags it
// and names the word), → 面试 → 录用意向 → 已录用 with the invitation link shown; the API agrees.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shot, stepper, until, visibleText, withFailureShots } from './harness';
import { nav, pageCall, type Person, ownerSession } from './ui';

const T = 'people-hiring';
const owner: Person = { name: '运营主管', email: 'lead@people.test', password: 'correct-horse-9' };
const session = ownerSession(T, owner, '招聘组');

test('a candidate moves through the stages with a screened trial piece and is hired', { timeout: 240_000 }, (t) =>
  withFailureShots(T, session.pages, async () => {
    const step = stepper(t);
    const page = session.page;
    assert.equal((await pageCall(page, '/risk/words', 'POST', { term: '翻墙软件', category: 'sensitive' })).status, 201);

    step('招聘: a position and a candidate');
    await nav(page, 'people', '培训与招聘');
    await page.getByTestId('people-tab-hiring').click();
    await page.getByTestId('people-position-create').click();
    await page.getByTestId('people-position-title').fill('新媒体编辑');
    await page.getByTestId('people-position-save').click();
    await until('the position to exist', async () => page.getByTestId('people-candidate-create').isEnabled());
    await page.getByTestId('people-candidate-create').click();
    await page.getByTestId('people-candidate-name').fill('张晓雨');
    await page.getByTestId('people-candidate-contact').fill('xiaoyu@mail.example');
    await page.getByTestId('people-candidate-save').click();
    await page.getByTestId('people-candidate-张晓雨').click();
    const drawer = page.locator('.ant-drawer');
    await until('the drawer to show 已投递', async () => (await visibleText(drawer.getByTestId('people-stage'))) === '已投递');

    step('试稿: written in the product, screened');
    await drawer.getByTestId('people-stage-next').click();
    await until('the stage 试稿', async () => (await visibleText(drawer.getByTestId('people-stage'))) === '试稿');
    await drawer.getByTestId('people-trial-title').fill('春季新品推文');
    await drawer.getByTestId('people-trial-body').fill('春天来了。\n推荐大家用翻 墙软件看海外测评<script>window.__x=1</script>');
    await drawer.getByTestId('people-trial-save').click();
    const result = drawer.getByTestId('people-trial-result');
    await result.waitFor();
    const text = await visibleText(result);
    assert.match(text, /风险筛查未通过/);
    assert.match(text, /翻墙软件/);
    assert.equal(await page.evaluate(() => (window as unknown as { __x?: number }).__x), undefined, 'nothing typed runs as script');
    await shot(page, T, 'trial-screened');

    step('面试 → 录用意向 → 已录用 with the invitation');
    await drawer.getByTestId('people-stage-next').click();
    await until('the stage 面试', async () => (await visibleText(drawer.getByTestId('people-stage'))) === '面试');
    await drawer.getByTestId('people-stage-next').click();
    await until('the stage 录用意向', async () => (await visibleText(drawer.getByTestId('people-stage'))) === '录用意向');
    await drawer.getByTestId('people-stage-next').click();
    const email = page.getByTestId('people-hire-email');
    await until('the email to be prefilled from the contact', async () => (await email.inputValue()) === 'xiaoyu@mail.example');
    await page.getByTestId('people-hire-ok').click();
    await until('the stage 已录用', async () => (await visibleText(drawer.getByTestId('people-stage'))) === '已录用');
    assert.match(await visibleText(drawer.getByTestId('people-invite-link')), /\/invite\?token=/);
    await shot(page, T, 'hired');

    const list = (await pageCall(page, '/people/candidates')).json as unknown as { items: { id: string; stage: string; invitationId: string | null }[] };
    assert.equal(list.items[0].stage, 'hired');
    assert.ok(list.items[0].invitationId);
    const detail = (await pageCall(page, `/people/candidates/${list.items[0].id}`)).json as unknown as { history: { to: string }[] };
    assert.deepEqual(
      detail.history.map((h) => h.to),
      ['applied', 'trial', 'interview', 'offer', 'hired'],
    );
  }),
);
