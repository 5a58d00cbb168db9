// Figures of a manual platform's post imported from a CSV in the browser: the preview shows each
// row with its errors, the import writes the good ones, and importing the same file again
// changes nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { shot, stepper, until, visibleText, withFailureShots } from './harness';
import { nav, type Person, ownerSession, pageCall } from './ui';

const T = 'metrics-import';
const owner: Person = { name: '数据分析', email: 'lead@metrics-import.test', password: 'correct-horse-9' };
const session = ownerSession('metrics-import', owner, '数据组');

const call = (pathname: string, method = 'GET', body?: unknown, png = false) => pageCall(session.page, pathname, method, body, png);

test('a CSV of figures: preview with row errors, import of the good rows, the same file again changes nothing', { timeout: 180_000 }, (t) =>
  withFailureShots(T, session.pages, async () => {
    const step = stepper(t);
    const page = session.page;
    const link = 'https://www.xiaohongshu.com/explore/6650a1b2c3d4e5f6a7b8c9d0';

    step('a note published by hand on a manual platform, through the API');
    const account = await call('/accounts', 'POST', { platform: 'xiaohongshu', name: '品牌小红书', approvalSteps: 0 });
    assert.equal(account.status, 201, JSON.stringify(account.json));
    const post = await call('/posts', 'POST', { title: '春日穿搭', bodyHtml: '<p>春日穿搭分享</p>', accountIds: [account.json.id] });
    const image = await call('/media', 'POST', undefined, true);
    await call(`/posts/${post.json.id}/variants/${account.json.id}`, 'PUT', { imageMediaIds: [image.json.id] });
    await call(`/posts/${post.json.id}/submit`, 'POST', {});
    const s = await call(`/posts/${post.json.id}/schedule`, 'POST', { scheduledAt: new Date(Date.now() + 1500).toISOString() });
    assert.equal(s.status, 200, JSON.stringify(s.json));
    const pubId = await until('the publication to wait for a member', async () => {
      const list = await call(`/publications?postId=${post.json.id}`);
      const p = (list.json.items as { id: string; state: string }[])[0];
      return p?.state === 'awaiting_manual' ? p.id : null;
    });
    const done = await call(`/publications/${pubId}/complete`, 'POST', { url: link });
    assert.equal(done.status, 200, JSON.stringify(done.json));

    step('the import page from the menu; the CSV goes in');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'meiyun-e2e-csv-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const csv = path.join(dir, '四月数据.csv');
    writeFileSync(
      csv,
      [
        '发布链接 / Link,日期 / Date,阅读/播放 / Views,点赞 / Likes,收藏 / Favorites',
        `${link},2026-04-01,"1,234",56,7`,
        `${link},2026-04-02,1.2万,80,`,
        `${link},2026-04-31,100,1,1`,
        'https://www.xiaohongshu.com/explore/unknown,2026-04-01,5,,',
        `${link},2026-04-01,9,,`,
      ].join('\r\n'),
    );
    await nav(page, 'analytics-import', '数据导入');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-drop').click();
    await (await chooser).setFiles(csv);

    step('the preview: two good rows, three with their reasons');
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    assert.match(await visibleText(summary), /共 5 行，可导入 2 行，有错误 3 行/);
    const rows = page.getByTestId('import-rows');
    assert.match(await visibleText(rows), /春日穿搭/);
    assert.match(await visibleText(rows), /12,000/);
    assert.equal(await rows.getByTestId('import-row-errors').count(), 3);
    const all = await visibleText(rows);
    assert.match(all, /日期无效：2026-04-31/);
    assert.match(all, /未找到该链接对应的发布/);
    assert.match(all, /与第 2 行重复（同一发布、同一天）/);
    await shot(page, T, 'preview', { fullPage: true });

    step('import: the good rows are written');
    await page.getByTestId('import-commit').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    assert.match(await visibleText(result), /新增 2 天，替换 0 天，无变化 0 天，未导入 3 行/);
    const days = await call(`/publications/${pubId}/metrics`);
    const stored = (days.json as unknown as { day: string; views: number; likes: number; favorites: number | null; source: string }[]).map((d) => [
      d.day,
      d.views,
      d.likes,
      d.favorites,
      d.source,
    ]);
    assert.deepEqual(stored, [
      ['2026-04-02', 12000, 80, null, 'import'],
      ['2026-04-01', 1234, 56, 7, 'import'],
    ]);
    await shot(page, T, 'result');

    step('the same file again: nothing changes');
    await page.getByTestId('import-another').click();
    const again = page.waitForEvent('filechooser');
    await page.getByTestId('import-drop').click();
    await (await again).setFiles(csv);
    await page.getByTestId('import-summary').waitFor();
    assert.match(await visibleText(page.getByTestId('import-rows')), /无变化/);
    await page.getByTestId('import-commit').click();
    await result.waitFor();
    assert.match(await visibleText(result), /新增 0 天，替换 0 天，无变化 2 天/);
  }),
);
