import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { as, type Member, testEnv, workspaceWithTeam } from '../../test/app';
import { multipart } from '../../test/fixtures';
import { livePublication } from '../../test/metrics';
import { postMetrics } from './tables';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);

const send = (m: Member, what: 'preview' | 'commit', name: string, data: Buffer) =>
  as(t, m)({ method: 'POST', url: what === 'preview' ? '/api/v1/analytics/imports/preview' : '/api/v1/analytics/imports', ...multipart('file', name, data) });
const csv = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');
const HEAD = '发布链接 / Link,发布ID / Publication ID,日期 / Date,阅读/播放 / Views,点赞 / Likes,在看 / Wow';

async function xlsx(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const stored = async (publicationId: string) =>
  (await t.deps.db.select().from(postMetrics).where(eq(postMetrics.publicationId, publicationId)))
    .map((r) => [r.day, r.views, r.likes, r.zaikan, r.source])
    .sort();

test('CSV preview: bad rows come back with their reasons, the good ones with what committing would do; nothing is written', async () => {
  const a = await livePublication(t, team);
  const b = await livePublication(t, team);
  const foreign = await livePublication(t, other);
  const file = csv([
    HEAD,
    `${a.url},,2026-03-01,"1,234",12,3`,
    `,${b.id},2026/3/1,10万+,1.2万,`,
    `https://mp.example.com/s/nobody,,2026-03-01,5,,`,
    `${a.url},,2026-02-30,5,,`,
    `${a.url},,2026-03-02,many,,`,
    `${a.url},,2026-03-01,9,,`,
    `${foreign.url},,2026-03-01,5,,`,
    `,not-an-id,2026-03-01,5,,`,
    `${a.url},,2026-03-03,,,`,
  ]);
  const r = await send(team.editor, 'preview', 'march.csv', file);
  assert.equal(r.statusCode, 200, r.body);
  const p = r.json();
  assert.equal(p.format, 'csv');
  assert.deepEqual(p.summary, { total: 9, valid: 2, invalid: 7 });
  const byLine = new Map(p.rows.map((x: { line: number }) => [x.line, x]));
  const row = (line: number) =>
    byLine.get(line) as {
      values: Record<string, number | null>;
      errors: { field: string; zh: string; en: string }[];
      action: string | null;
      publicationId: string | null;
    };
  assert.deepEqual([row(2).values.views, row(2).values.likes, row(2).values.zaikan, row(2).action, row(2).publicationId], [1234, 12, 3, 'insert', a.id]);
  // "10万+" counts as 100001 (PRODUCT.md), "1.2万" as 12000.
  assert.deepEqual([row(3).values.views, row(3).values.likes, row(3).values.zaikan, row(3).errors], [100001, 12000, null, []]);
  const reasons = (line: number) =>
    row(line)
      .errors.map((e) => `${e.field}: ${e.zh} / ${e.en}`)
      .join('; ');
  assert.match(reasons(4), /link: 未找到该链接对应的发布.*No publication has this link/);
  assert.match(reasons(5), /day: 日期无效.*Not a valid date/);
  assert.match(reasons(6), /views: 数字无效：many.*Not a valid number: many/);
  assert.match(reasons(7), /day: 与第 2 行重复.*Duplicates line 2/);
  // Another workspace's post is unknown here, as if it did not exist.
  assert.match(reasons(8), /link: 未找到该链接对应的发布/);
  assert.match(reasons(9), /publicationId: 发布ID无效.*Not a valid publication id/);
  assert.match(reasons(10), /values: 这一行没有任何数据.*The row has no figures/);
  assert.deepEqual(await stored(a.id), []);
});

test('committing writes only the good rows; committing the same file again changes nothing; a changed figure replaces its day', async () => {
  const a = await livePublication(t, team);
  const b = await livePublication(t, team);
  const lines = [HEAD, `${a.url},,2026-03-01,100,10,1`, `${a.url}/,,2026-03-02,200,20,2`, `,${b.id},2026-03-01,300,,`, `${a.url},,2026-13-01,1,,`];
  const first = await send(team.editor, 'commit', 'm.csv', csv(lines));
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual([first.json().inserted, first.json().replaced, first.json().unchanged, first.json().rejected], [3, 0, 0, 1]);
  assert.equal(first.json().errors[0].line, 5);
  const again = (await send(team.editor, 'commit', 'm.csv', csv(lines))).json();
  assert.deepEqual([again.inserted, again.replaced, again.unchanged, again.rejected], [0, 0, 3, 1]);
  assert.deepEqual(await stored(a.id), [
    ['2026-03-01', 100, 10, 1, 'import'],
    ['2026-03-02', 200, 20, 2, 'import'],
  ]);
  // The preview of the next file says which days it would replace.
  const next = [HEAD, `${a.url},,2026-03-01,150,10,1`, `${a.url},,2026-03-02,200,20,2`];
  const preview = (await send(team.editor, 'preview', 'n.csv', csv(next))).json();
  assert.deepEqual(
    preview.rows.map((r: { action: string }) => r.action),
    ['replace', 'unchanged'],
  );
  const third = (await send(team.editor, 'commit', 'n.csv', csv(next))).json();
  assert.deepEqual([third.inserted, third.replaced, third.unchanged], [0, 1, 1]);
  assert.deepEqual((await stored(a.id))[0], ['2026-03-01', 150, 10, 1, 'import']);
  assert.equal((await stored(b.id)).length, 1);
});

test('an xlsx sheet with date cells, numbers and English headers imports the same way', async () => {
  const a = await livePublication(t, team);
  const file = await xlsx([
    ['Publication ID', 'Date', 'Views', 'Likes', 'Comments', 'Followers gained', 'Title'],
    [a.id, new Date(Date.UTC(2026, 2, 1)), 800, 40, 5, -2, '春季新品发布'],
    [a.id, '2026-03-02', '1.5万', '', 3, 4, ''],
    [a.id, 'yesterday', 1, 1, 1, 1, ''],
    [a.id, '2026-03-03', 2.5, 1, 1, 1, ''],
  ]);
  const preview = await send(team.analyst, 'preview', 'march.xlsx', file);
  assert.equal(preview.statusCode, 200, preview.body);
  assert.equal(preview.json().format, 'xlsx');
  assert.deepEqual(preview.json().summary, { total: 4, valid: 2, invalid: 2 });
  const commit = (await send(team.analyst, 'commit', 'march.xlsx', file)).json();
  assert.deepEqual([commit.inserted, commit.rejected], [2, 2]);
  const rows = await t.deps.db.select().from(postMetrics).where(eq(postMetrics.publicationId, a.id));
  const byDay = Object.fromEntries(rows.map((r) => [r.day, [r.views, r.likes, r.comments, r.followersGained]]));
  assert.deepEqual(byDay, { '2026-03-01': [800, 40, 5, -2], '2026-03-02': [15000, null, 3, 4] });
});

test('a GBK-encoded CSV from Excel is read; a file that is no sheet, or has no usable header, is a clear 400', async () => {
  const a = await livePublication(t, team);
  // "日期,发布链接,阅读" and the row, in GB18030 bytes (Node decodes GB18030 but has no encoder for it).
  const header = Buffer.from([0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xb7, 0xa2, 0xb2, 0xbc, 0xc1, 0xb4, 0xbd, 0xd3, 0x2c, 0xd4, 0xc4, 0xb6, 0xc1]);
  const data = Buffer.concat([header, Buffer.from(`\r\n2026-03-01,${a.url},42\r\n`)]);
  const r = await send(team.editor, 'preview', 'gbk.csv', data);
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual([r.json().summary.valid, r.json().rows[0].values.views], [1, 42]);
  const png = await send(team.editor, 'preview', 'x.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  assert.equal(png.statusCode, 400, png.body);
  const noHeader = await send(team.editor, 'commit', 'x.csv', csv(['名称,备注', 'a,b']));
  assert.equal(noHeader.statusCode, 400, noHeader.body);
  assert.match(noHeader.json().error.message, /表头不完整.*header row is incomplete/);
});

test('rows for accounts the member may not write are refused row by row; reviewers and guests import nothing', async () => {
  const a = await livePublication(t, team);
  const file = csv([HEAD, `${a.url},,2026-03-01,5,,`]);
  const asReviewer = (await send(team.reviewer, 'commit', 'r.csv', file)).json();
  assert.deepEqual([asReviewer.inserted, asReviewer.rejected], [0, 1]);
  assert.match(asReviewer.errors[0].errors[0].en, /Only writers or the account's operators/);
  assert.deepEqual(await stored(a.id), []);
  // The analyst operates the account (test/metrics.ts): the same row goes in.
  assert.equal((await send(team.analyst, 'commit', 'r.csv', file)).json().inserted, 1);
});

test('the template downloads as CSV and xlsx with the headers in Chinese and English, and imports as an empty sheet', async () => {
  const c = await as(t, team.guest)({ method: 'GET', url: '/api/v1/analytics/imports/template?format=csv' });
  assert.equal(c.statusCode, 200);
  assert.match(c.headers['content-type'] as string, /text\/csv/);
  assert.match(c.body, /^\uFEFF发布链接 \/ Link,发布ID \/ Publication ID,标题 \/ Title,日期 \/ Date,阅读\/播放 \/ Views/);
  const x = await as(t, team.guest)({ method: 'GET', url: '/api/v1/analytics/imports/template?format=xlsx' });
  assert.equal(x.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
  const head = (wb.worksheets[0].getRow(1).values as string[]).slice(1);
  assert.ok(head.includes('在看 / Wow') && head.includes('涨粉 / Followers gained'), head.join());
  assert.equal(wb.worksheets.length, 2);
  // The template itself is a valid, empty import.
  const back = await send(team.editor, 'preview', 'metrics-template.xlsx', x.rawPayload);
  assert.equal(back.statusCode, 200, back.body);
  assert.equal(back.json().summary.total, 0);
});
