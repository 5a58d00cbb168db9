// Feedback statistics against seeded items whose counts and hours were worked out by hand:
// months and days in the workspace's zone (Beijing), the median over resolved items only (not
// won't fix), a guest's statistics of their own queue, and the exports with real cells.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { department, ok } from '../../test/feedback';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const depA = await department(t, team.manager, '支付部', [team.guest]);

type Seed = { type: string; area: string; at: string; status?: string; hours?: number; dep?: string };
async function seed(m: typeof team.owner, items: Seed[]) {
  for (const s of items) {
    const f = await ok<{ id: string }>(as(t, m), { method: 'POST', url: '/api/v1/feedback', payload: { type: s.type, area: s.area, title: s.at } });
    await t.deps.db.execute(sql`
      update feedback_items set created_at = ${s.at}::timestamptz, status = ${s.status ?? 'new'}, department_id = ${s.dep ?? null},
        resolved_at = ${s.hours === undefined ? null : sql`${s.at}::timestamptz + make_interval(hours => ${s.hours})`}
      where id = ${f.id}`);
  }
}
await seed(team.editor, [
  { type: 'bug', area: '支付', at: '2026-01-01T07:00:00+08:00' }, // 31 December in UTC, January in Beijing
  { type: 'bug', area: '支付', at: '2026-01-10T10:00:00+08:00', status: 'resolved', hours: 10, dep: depA },
  { type: 'complaint', area: '支付', at: '2026-02-01T07:00:00+08:00', status: 'resolved', hours: 20, dep: depA },
  { type: 'praise', area: '客服', at: '2026-02-15T12:00:00+08:00', status: 'acknowledged' },
  { type: 'bug', area: '支付', at: '2026-02-20T12:00:00+08:00', status: 'wont_fix', hours: 1 },
  { type: 'suggestion', area: '物流', at: '2026-04-03T12:00:00+08:00', status: 'resolved', hours: 3 },
  { type: 'bug', area: '物流', at: '2026-05-01T01:00:00+08:00' }, // 30 April in UTC, after the range in Beijing
]);
await seed(other.owner, [{ type: 'bug', area: '支付', at: '2026-02-01T12:00:00+08:00' }]);

const RANGE = 'from=2026-01-01&to=2026-04-30';
const stats = (m = team.analyst, query = RANGE) => ok<Record<string, unknown>>(as(t, m), { method: 'GET', url: `/api/v1/feedback/stats?${query}` });
const month = (m: string, n: Partial<Record<string, number>> = {}) => ({
  month: m,
  total: 0,
  bug: 0,
  suggestion: 0,
  complaint: 0,
  praise: 0,
  resolved: 0,
  ...n,
});

test('counts by type, area, status and month in Beijing days; the months between filled; the median over resolved items', async () => {
  const s = await stats();
  assert.equal(s.total, 6);
  assert.equal(s.timezone, 'Asia/Shanghai');
  assert.deepEqual(s.byType, [
    { type: 'bug', count: 3 },
    { type: 'suggestion', count: 1 },
    { type: 'complaint', count: 1 },
    { type: 'praise', count: 1 },
  ]);
  const areas = s.byArea as { area: string; count: number }[];
  assert.deepEqual(areas[0], { area: '支付', count: 4 });
  assert.deepEqual(
    areas
      .slice(1)
      .map((a) => `${a.area}:${a.count}`)
      .sort(),
    ['客服:1', '物流:1'],
  );
  assert.deepEqual(s.byStatus, [
    { status: 'new', count: 1 },
    { status: 'acknowledged', count: 1 },
    { status: 'in_progress', count: 0 },
    { status: 'resolved', count: 3 },
    { status: 'wont_fix', count: 1 },
  ]);
  assert.deepEqual(s.byMonth, [
    month('2026-01', { total: 2, bug: 2, resolved: 1 }),
    month('2026-02', { total: 3, bug: 1, complaint: 1, praise: 1, resolved: 1 }),
    month('2026-03'),
    month('2026-04', { total: 1, suggestion: 1, resolved: 1 }),
  ]);
  assert.equal(s.medianHoursToResolve, 10, 'the median of 10, 20 and 3 hours; the won’t-fix hour is not a resolution');
  const all = await stats(team.analyst, '');
  assert.equal(all.total, 7, 'without a range: every item of the workspace, none of the other’s');
});

test('a guest’s statistics are their department’s queue only', async () => {
  const s = await stats(team.guest);
  assert.equal(s.total, 2);
  assert.deepEqual(s.byArea, [{ area: '支付', count: 2 }]);
  assert.equal(s.medianHoursToResolve, 15);
});

test('a range that ends before it starts is a 400 in both languages', async () => {
  const r = await as(t, team.analyst)({ method: 'GET', url: '/api/v1/feedback/stats?from=2026-05-01&to=2026-04-01' });
  assert.equal(r.statusCode, 400);
  assert.match(r.json().error.message, /开始日期不能晚于结束日期 \/ the start day must not be after the end day/);
});

test('exports: the months as CSV, the types as xlsx with number cells', async () => {
  const csv = await as(t, team.analyst)({ method: 'GET', url: `/api/v1/feedback/stats/export?${RANGE}&by=month&format=csv` });
  assert.equal(csv.statusCode, 200, csv.body);
  assert.match(String(csv.headers['content-disposition']), /meiyun-feedback-months-2026-01-01-2026-04-30\.csv/);
  const lines = csv.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  assert.equal(lines[0], '月份 Month,合计 Total,缺陷 Bugs,建议 Suggestions,投诉 Complaints,表扬 Praise,已解决 Resolved');
  assert.deepEqual(lines.slice(1), ['2026-01,2,2,0,0,0,1', '2026-02,3,1,0,1,1,1', '2026-03,0,0,0,0,0,0', '2026-04,1,0,1,0,0,1']);
  const xlsx = await as(t, team.analyst)({ method: 'GET', url: `/api/v1/feedback/stats/export?${RANGE}&by=type&format=xlsx` });
  assert.equal(xlsx.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  assert.deepEqual([ws.getCell('A1').value, ws.getCell('B1').value], ['类型 Type', '数量 Count']);
  assert.equal(ws.getCell('A2').value, '缺陷 Bug');
  assert.equal(ws.getCell('B2').value, 3, 'a number, not the text "3"');
  assert.equal(ws.rowCount, 5);
});
