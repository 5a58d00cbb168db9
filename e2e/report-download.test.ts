// A weekly report in the browser: a post's figures typed in through the API, 报告 → 生成 shows
// the progress and then the KPI table, and the xlsx and PDF downloads open with their figures.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { pdfText } from '../server/src/test/pdf-text';
import { shot, stepper, until, visibleText, withFailureShots } from './harness';
import { nav, type Person, ownerSession, pageCall } from './ui';

const T = 'report-download';
const owner: Person = { name: '运营主管', email: 'lead@report-download.test', password: 'correct-horse-9' };
const session = ownerSession('report-download', owner, '报告组');

const call = (pathname: string, method = 'GET', body?: unknown, png = false) => pageCall(session.page, pathname, method, body, png);

test('generate a weekly report: progress, the KPI figures, the xlsx and PDF downloads', { timeout: 180_000 }, (t) =>
  withFailureShots(T, session.pages, async () => {
    const step = stepper(t);
    const page = session.page;

    step('a note published by hand today, with 1,234 reads typed in');
    const account = await call('/accounts', 'POST', { platform: 'xiaohongshu', name: '品牌小红书', approvalSteps: 0 });
    assert.equal(account.status, 201, JSON.stringify(account.json));
    const post = await call('/posts', 'POST', { title: '春日穿搭', bodyHtml: '<p>春日穿搭分享</p>', accountIds: [account.json.id] });
    const image = await call('/media', 'POST', undefined, true);
    await call(`/posts/${post.json.id}/variants/${account.json.id}`, 'PUT', { imageMediaIds: [image.json.id] });
    await call(`/posts/${post.json.id}/submit`, 'POST', {});
    await call(`/posts/${post.json.id}/schedule`, 'POST', { scheduledAt: new Date(Date.now() + 1500).toISOString() });
    const pubId = await until('the publication to wait for a member', async () => {
      const p = ((await call(`/publications?postId=${post.json.id}`)).json.items as { id: string; state: string }[])[0];
      return p?.state === 'awaiting_manual' ? p.id : null;
    });
    const done = await call(`/publications/${pubId}/complete`, 'POST', { url: 'https://www.xiaohongshu.com/explore/6650a1b2c3d4e5f6a7b8c9d1' });
    assert.equal(done.status, 200, JSON.stringify(done.json));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const typed = await call(`/publications/${pubId}/metrics`, 'PUT', { day: today, views: 1234, likes: 56, comments: 7, shares: 8 });
    assert.equal(typed.status, 200, JSON.stringify(typed.json));

    step('报告 from the menu: generate this week, see the progress, then the KPIs');
    await nav(page, 'reports', '报告');
    await page.getByTestId('report-date').click();
    await page.keyboard.type(today);
    await page.keyboard.press('Enter');
    await page.getByTestId('report-generate').click();
    await page.getByTestId('report-view').waitFor();
    // Queued for the build job (it polls every second): the bar shows before the figures.
    await page.getByTestId('report-progress').waitFor({ timeout: 5000 });
    await shot(page, T, 'progress');
    const kpis = page.getByTestId('report-kpis');
    await kpis.waitFor({ timeout: 30_000 });
    const text = await visibleText(kpis);
    assert.match(text, /阅读\/播放\s*1,234/);
    assert.match(text, /发布篇数\s*1/);
    assert.match(text, /转化\s*未接入/);
    assert.match(await visibleText(page.getByTestId('report-findings')), /阅读最高的内容：《春日穿搭》/);
    await shot(page, T, 'report', { fullPage: true });

    step('the xlsx download opens with real cells');
    const xlsxDl = page.waitForEvent('download');
    await page.getByTestId('report-xlsx').click();
    const xlsxPath = await (await xlsxDl).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsxPath) as unknown as ArrayBuffer);
    assert.equal(wb.getWorksheet('概览 KPI')?.getRow(4).getCell(2).value, 1234);
    assert.equal(wb.getWorksheet('帖子 Posts')?.getRow(2).getCell(1).value, '春日穿搭');

    step('the PDF download opens with its Chinese text');
    const pdfDl = page.waitForEvent('download');
    await page.getByTestId('report-pdf').click();
    const pdf = readFileSync(await (await pdfDl).path());
    const words = await pdfText(pdf);
    for (const s of ['周报', '核心指标', '1,234', '春日穿搭', '未接入']) assert.ok(words.includes(s), `PDF lacks ${s}`);
  }),
);
