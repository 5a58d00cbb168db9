// A manual channel in the browser: an approved Xiaohongshu note comes due; the member is told
// (the bell), opens the publication, copies the text, downloads the media as one zip, ticks the
// checklist, gives the live link (a link off the platform is refused) and sees the post published
// on the calendar.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { shot, stepper, until, withFailureShots } from './harness';
import { nav, noErrorAlert, ownerSession, toast } from './ui';

const T = 'manual-xiaohongshu';
const s = ownerSession(T, { name: '苏运营', email: 'owner@xhs.example.com', password: 'correct-horse-9' }, '小红书运营');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function call(method: 'get' | 'post' | 'put', p: string, data?: unknown) {
  const r = await s.page.request[method](`/api/v1${p}`, data === undefined ? {} : { data });
  assert.ok(r.ok(), `${method} ${p}: ${r.status()} ${await r.text()}`);
  return r.json();
}

test('complete a manual Xiaohongshu post with its link', { timeout: 180_000 }, (t) =>
  withFailureShots(T, s.pages, async () => {
    const step = stepper(t);
    const page = s.page;
    // What the earlier browser tests do through the forms: an account and an approved post.
    const account = await call('post', '/accounts', { platform: 'xiaohongshu', name: '媒运小红书', approvalSteps: 0 });
    const upload = await page.request.post('/api/v1/media', { multipart: { file: { name: '春日封面.png', mimeType: 'image/png', buffer: PNG } } });
    assert.equal(upload.status(), 201);
    const image = await upload.json();
    const post = await call('post', '/posts', { title: '春日穿搭三套', bodyHtml: '<p>春日通勤穿搭</p>', accountIds: [account.id] });
    await call('put', `/posts/${post.id}/variants/${account.id}`, {
      imageMediaIds: [image.id],
      text: '三套春日通勤穿搭，照着穿就好',
      topics: ['春日穿搭', '通勤'],
    });
    await call('post', `/posts/${post.id}/submit`, {});
    await call('post', `/posts/${post.id}/schedule`, { scheduledAt: new Date(Date.now() + 2000).toISOString() });
    const pub = await until(
      'the publication to await the member',
      async () => {
        const list = await call('get', `/publications?postId=${post.id}`);
        return list.items.find((p: { state: string }) => p.state === 'awaiting_manual');
      },
      { timeoutMs: 30_000 },
    );
    step('due: awaiting a manual publish');

    // The calendar shows it as a manual post waiting for a member.
    await nav(page, 'calendar', '日历');
    const chip = page.locator(`[data-testid="calendar-item"][data-post-id="${post.id}"]`).first();
    await until('the chip to show awaiting manual', async () => (await chip.getAttribute('data-state')) === 'awaiting_manual');
    assert.match(await chip.innerText(), /\[手动\]/);
    await page.getByText('手动发布已逾期').first().waitFor(); // the legend's entry for overdue ones
    await shot(page, T, '01-calendar-awaiting');

    // The bell tells the member; the notification opens the publication.
    await page.getByTestId('notification-bell').click();
    const note = page.getByTestId('notification-item').filter({ hasText: '请手动发布：春日穿搭三套' });
    await note.first().click();
    await page.waitForURL(`**/publications/${pub.id}`);
    const panel = page.getByTestId('manual-panel');
    await panel.waitFor();
    assert.equal((await page.getByTestId('kit-text-title').innerText()).trim(), '春日穿搭三套');
    assert.match(await page.getByTestId('kit-text-topics').innerText(), /#春日穿搭 #通勤/);
    await shot(page, T, '02-drawer-kit');

    // The media as one zip: text.txt and the picture.
    const downloading = page.waitForEvent('download');
    await page.getByTestId('kit-zip').click();
    const download = await downloading;
    const file = path.join(s.product.filesDir, 'kit.zip');
    await download.saveAs(file);
    const files = unzipSync(new Uint8Array(readFileSync(file)));
    assert.deepEqual(Object.keys(files).sort(), ['01-春日封面.png', 'text.txt']);
    assert.deepEqual(Buffer.from(files['01-春日封面.png']), PNG);
    assert.match(strFromU8(files['text.txt']), /三套春日通勤穿搭，照着穿就好/);
    step('zip downloaded and read');

    // The checklist: every required item ticked, each showing who ticked it.
    for (const key of ['title_20', 'cover_first', 'images_added', 'text_pasted', 'topics_added']) {
      await page.getByTestId(`check-${key}`).click();
      await until(`${key} to be ticked`, () => page.getByTestId(`check-${key}`).isChecked());
    }
    await panel.getByText('已全部勾选').waitFor();
    await panel.getByText('苏运营 ·').first().waitFor();

    // A link that is not on the platform is refused, in Chinese.
    await page.getByTestId('manual-url').fill('https://www.example.com/explore/1');
    await page.getByTestId('manual-published').click();
    await page.getByTestId('manual-url-error').filter({ hasText: 'xiaohongshu.com' }).waitFor();
    await page.getByTestId('manual-url-error').scrollIntoViewIfNeeded();
    await shot(page, T, '03-link-refused');
    await page.getByTestId('manual-url').fill('https://www.xiaohongshu.com/explore/65f0c0a1000000001203abcd');
    await page.getByTestId('manual-published').click();
    await toast(page, '已标记为已发布');
    await page.locator('.ant-drawer').getByText('已发布').first().waitFor();
    await panel.waitFor({ state: 'detached' });
    const after = await call('get', `/publications/${pub.id}`);
    assert.equal(after.state, 'published');
    assert.equal(after.articleUrl, 'https://www.xiaohongshu.com/explore/65f0c0a1000000001203abcd');
    step('published with its link');

    // Xiaohongshu has no metrics API: the member types the day's figures into the drawer.
    const metrics = page.getByTestId('manual-metrics');
    await metrics.waitFor();
    // antd puts the test id on the input itself.
    await metrics.locator('input[data-testid="metrics-views"], [data-testid="metrics-views"] input').fill('1234');
    await metrics.locator('input[data-testid="metrics-likes"], [data-testid="metrics-likes"] input').fill('56');
    await metrics.getByTestId('metrics-save').click();
    await until('the typed figures to be listed', async () => (await metrics.getByTestId('metrics-table').locator('.ant-table-row').count()) === 1);
    const typed = (await call('get', `/publications/${pub.id}/metrics`)) as { views: number | null; likes: number | null; source: string }[];
    assert.deepEqual(
      typed.map((m) => [m.views, m.likes, m.source]),
      [[1234, 56, 'typed']],
    );
    await shot(page, T, '04a-metrics-typed');

    await page.goto('/calendar');
    const done = page.locator(`[data-testid="calendar-item"][data-post-id="${post.id}"]`).first();
    await until('the chip to show published', async () => (await done.getAttribute('data-state')) === 'published');
    await shot(page, T, '05-calendar-published');
    await noErrorAlert(page);
    assert.deepEqual(s.problems, []);
  }),
);
