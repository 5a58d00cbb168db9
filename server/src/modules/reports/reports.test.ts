import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { ensureQueues, QUEUES } from '../../jobs/boss';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { notifyChannels } from '../notify/tables';
import { seedReportWeek, WEEK } from '../../test/reports';
import { buildReport } from './build';
import { runSchedules, startReportWorker } from './jobs';
import { pdfText } from '../../test/pdf-text';
import { createLink, postSigned, webhookOf } from '../../test/links';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const { b } = await seedReportWeek(t, team);
const manager = as(t, team.manager);

type Report = { id: string; status: string; progress: number; data: any; findings: { zh: string; en: string }[]; sentAt: string | null };
const kpi = (r: Report, key: string) => r.data.kpis.find((k: { key: string }) => k.key === key);

async function built(id: string): Promise<Report> {
  for (let i = 0; i < 100; i++) {
    const r = (await manager({ method: 'GET', url: `/api/v1/reports/${id}` })).json() as Report;
    if (r.status === 'ready' || r.status === 'failed') return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('report not built in time');
}
const file = async (id: string, format: 'pdf' | 'xlsx') => {
  const r = await as(t, team.guest)({ method: 'GET', url: `/api/v1/reports/${id}/files/${format}` });
  assert.equal(r.statusCode, 200);
  return Buffer.from(r.rawPayload);
};

let weekly: Report;

test('a manager generates a weekly report; the job builds it with progress and the KPIs carry 环比 and 同比', async () => {
  const editor = await as(t, team.editor)({ method: 'POST', url: '/api/v1/reports', payload: { period: 'week', date: '2026-11-25' } });
  assert.equal(editor.statusCode, 403);
  const worker = await startReportWorker(t.deps);
  const r = await manager({ method: 'POST', url: '/api/v1/reports', payload: { period: 'week', date: '2026-11-25' } });
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().status, 'queued');
  assert.equal(r.json().start, WEEK.start);
  assert.equal(r.json().end, WEEK.end);
  weekly = await built(r.json().id);
  await worker.stop();
  assert.equal(weekly.status, 'ready');
  assert.equal(weekly.progress, 100);
  const d = weekly.data;
  assert.deepEqual(d.previous, { start: '2026-11-16', end: '2026-11-22' });
  assert.deepEqual(d.lastYear, { start: '2025-11-24', end: '2025-11-30' });
  // Reads: A 7×1000 + B 7×200 = 8400; the week before 7×800 + 7×500 = 9100; a year before 7×500.
  assert.deepEqual(kpi(weekly, 'views'), { key: 'views', current: 8400, previous: 9100, lastYear: 3500, mom: (8400 - 9100) / 9100, yoy: (8400 - 3500) / 3500 });
  // Net followers: A 7×15 + B 7×2 = 119; before 7×5 + 7×2 = 49; a year before 7×5 = 35.
  assert.deepEqual(kpi(weekly, 'followersNet'), { key: 'followersNet', current: 119, previous: 49, lastYear: 35, mom: 70 / 49, yoy: 84 / 35 });
  // Followers at each period's end: A 10105 + B 2014; 10000 + 2000; a year before A only (5000).
  assert.equal(kpi(weekly, 'followersTotal').current, 12119);
  assert.equal(kpi(weekly, 'followersTotal').previous, 12000);
  assert.equal(kpi(weekly, 'followersTotal').lastYear, 5000);
  // Five posts this week (the Sunday 23:30 Beijing-time one included), 6200 reads between them.
  assert.equal(kpi(weekly, 'posts').current, 5);
  assert.equal(kpi(weekly, 'posts').previous, 1);
  assert.equal(kpi(weekly, 'viewsPerPost').current, 6200 / 5);
  // Interactions: A 7×(50+10+30) + B 7×(10+2+1) + 在看 20 = 741, by views.
  assert.equal(kpi(weekly, 'interactions').current, 741);
  assert.equal(kpi(weekly, 'zaikan').current, 20);
  assert.equal(kpi(weekly, 'engagementRate').current, 741 / 8400);
  assert.equal(kpi(weekly, 'conversions').current, null, 'no links: not connected');
  assert.equal(d.growth.length, 7);
  assert.deepEqual(d.growth[6], { day: WEEK.end, gained: 23, lost: 6, net: 17, followers: 12119 });
  assert.deepEqual(
    d.posts.map((p: { title: string; views: number | null }) => [p.title, p.views]),
    [
      ['新品评测：春季系列', 4500],
      ['评测第二篇', 800],
      ['开箱短视频', 600],
      ['双十二预热', 300],
      ['周日深夜', null],
    ],
  );
  assert.equal(d.topPosts.length, 4);
  assert.equal(d.topics[0].name, '产品评测');
  assert.equal(d.topics[0].avgViews, 2650);
  assert.equal(d.formats[0].name, 'article');
  assert.deepEqual(d.goalsAtRisk, []);
  assert.deepEqual(d.quietAccounts, []);
});

test('findings are written from the data: movers, the top post, best topic and format', () => {
  const zh = weekly.findings.map((f) => f.zh).join('\n');
  assert.match(zh, /阅读\/播放 8,400，环比 −7\.7%，同比 \+140\.0%/);
  assert.match(zh, /增长最快的账号：春季公众号.*\+25\.0%/);
  assert.match(zh, /下滑最多的账号：抖音旗舰号.*−60\.0%/);
  assert.match(zh, /阅读最高的内容：《新品评测：春季系列》/);
  assert.match(zh, /表现最好的选题：产品评测，2 篇，篇均阅读 2,650/);
  assert.match(zh, /表现最好的形式：图文/);
  assert.ok(weekly.findings.every((f) => f.en.length > 0));
});

test('the xlsx holds real cells: KPIs with 环比/同比, one row per post, one per day', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await file(weekly.id, 'xlsx')) as unknown as ArrayBuffer);
  assert.deepEqual(
    wb.worksheets.map((w) => w.name),
    ['概览 KPI', '帖子 Posts', '增长 Growth', '发现 Findings'],
  );
  const k = wb.getWorksheet('概览 KPI')!;
  const views = k.getRow(4);
  assert.equal(views.getCell(1).value, '阅读/播放 / Reads / plays');
  assert.equal(views.getCell(2).value, 8400);
  assert.equal(views.getCell(3).value, 9100);
  assert.equal(views.getCell(4).value, (8400 - 9100) / 9100);
  assert.equal(views.getCell(4).numFmt, '0.0%');
  assert.equal(views.getCell(5).value, 3500);
  assert.equal(k.getRow(11).getCell(2).value, '未接入 / not connected');
  const posts = wb.getWorksheet('帖子 Posts')!;
  assert.equal(posts.getRow(2).getCell(1).value, '新品评测：春季系列');
  assert.equal(posts.getRow(2).getCell(7).value, 4500);
  assert.equal(posts.getRow(2).getCell(4).value, '图文');
  assert.equal(posts.getRow(2).getCell(5).value, '产品评测');
  assert.equal((posts.getRow(2).getCell(6).value as Date).toISOString(), '2026-11-24T10:00:00.000Z');
  assert.equal(posts.rowCount, 6);
  const growth = wb.getWorksheet('增长 Growth')!;
  assert.equal(growth.rowCount, 8);
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((c) => growth.getRow(8).getCell(c).value),
    [WEEK.end, 23, 6, 17, 12119],
  );
});

test('the PDF carries the Chinese text (KPIs, findings, posts) as text', async () => {
  const pdf = await file(weekly.id, 'pdf');
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const text = await pdfText(pdf);
  for (const s of ['周报', '核心指标', '净增粉丝', '8,400', '−7.7%', '未接入', '本期发现', '新品评测：春季系列', '粉丝增长', '产品评测'])
    assert.ok(text.includes(s), `PDF text lacks ${s}`);
});

test('a manager edits the findings (the files follow); others may not', async () => {
  const findings = [{ zh: '下周加推评测系列', en: 'More reviews next week' }];
  const guest = await as(t, team.guest)({ method: 'PUT', url: `/api/v1/reports/${weekly.id}/findings`, payload: { findings } });
  assert.equal(guest.statusCode, 403);
  const empty = await manager({ method: 'PUT', url: `/api/v1/reports/${weekly.id}/findings`, payload: { findings: [{ zh: ' ', en: 'x' }] } });
  assert.equal(empty.statusCode, 400);
  const r = await manager({ method: 'PUT', url: `/api/v1/reports/${weekly.id}/findings`, payload: { findings } });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json().findings, findings);
  assert.ok(r.json().findingsEditedAt);
  const text = await pdfText(await file(weekly.id, 'pdf'));
  assert.ok(text.includes('下周加推评测系列'));
  assert.ok(!text.includes('增长最快的账号'));
});

test('sending tells every member in-app and queues the group robots subscribed to report.', async () => {
  await ensureQueues(t.deps.boss);
  const [channel] = await t.deps.db
    .insert(notifyChannels)
    .values({
      workspaceId: team.workspaceId,
      type: 'wecom',
      name: '运营群',
      urlSealed: t.deps.secrets.seal('http://127.0.0.1:9/hook'),
      urlMasked: 'http://127.0.0.1:9/…',
      kinds: ['report.'],
      createdBy: team.owner.userId,
    })
    .returning();
  const r = await manager({ method: 'POST', url: `/api/v1/reports/${weekly.id}/send` });
  assert.equal(r.statusCode, 200, r.body);
  assert.ok(r.json().sentAt);
  const list = await as(t, team.guest)({ method: 'GET', url: '/api/v1/notifications' });
  const n = list.json().items.find((x: { kind: string }) => x.kind === 'report.weekly');
  assert.ok(n, 'the guest got the report');
  assert.match(n.body.zh ?? n.bodyZh ?? JSON.stringify(n), /下周加推评测系列/);
  const jobs = await t.deps.db.execute(sql`select data from pgboss.job where name = ${QUEUES.notifyWebhook} and data->>'channelId' = ${channel.id}`);
  assert.equal(jobs.rows.length, 1);
  assert.equal((jobs.rows[0] as { data: { event: { kind: string } } }).data.event.kind, 'report.weekly');
});

test("an account's monthly report covers that account only", async () => {
  const r = await manager({ method: 'POST', url: '/api/v1/reports', payload: { period: 'month', date: '2026-11-03', accountId: b.id } });
  assert.equal(r.statusCode, 201, r.body);
  assert.deepEqual([r.json().start, r.json().end], ['2026-11-01', '2026-11-30']);
  const m = (await buildReport(t.deps, r.json().id))!;
  assert.equal(m.status, 'ready');
  const v = m.data!.kpis.find((k) => k.key === 'views')!;
  // B in November: 7×200 this week + 7×500 the week before.
  assert.equal(v.current, 7 * 200 + 7 * 500);
  assert.equal(m.data!.scope.accountName, '抖音旗舰号');
  assert.equal(m.data!.postsTotal, 2);
  const other = await manager({ method: 'POST', url: '/api/v1/reports', payload: { period: 'month', accountId: '00000000-0000-4000-8000-000000000000' } });
  assert.equal(other.statusCode, 404);
});

test('schedules: a weekly report is made once, on Monday from 09:00 workspace time', async () => {
  const guest = await as(t, team.guest)({ method: 'POST', url: '/api/v1/report-schedules', payload: { period: 'week' } });
  assert.equal(guest.statusCode, 403);
  const r = await manager({ method: 'POST', url: '/api/v1/report-schedules', payload: { period: 'week', autoSend: true } });
  assert.equal(r.statusCode, 201, r.body);
  const again = await manager({ method: 'POST', url: '/api/v1/report-schedules', payload: { period: 'week' } });
  assert.equal(again.statusCode, 409);
  // Pretend the schedule last ran for the week of 11-16 (created long ago).
  await t.deps.db.execute(sql`update report_schedules set last_end = '2026-11-22' where id = ${r.json().id}`);
  const mine = (n: number) =>
    t.deps.db.execute(sql`select id, period_start::text s from reports where schedule_id = ${r.json().id}`).then((x) => assert.equal(x.rows.length, n));
  // Monday 2026-11-30 08:59 in Shanghai is 00:59 UTC: not yet.
  assert.equal(await runSchedules(t.deps, new Date('2026-11-30T00:59:00Z')), 0);
  await mine(0);
  assert.equal(await runSchedules(t.deps, new Date('2026-11-30T01:00:00Z')), 1);
  assert.equal(await runSchedules(t.deps, new Date('2026-11-30T05:00:00Z')), 0);
  const [row] = (await t.deps.db.execute(sql`select id, period_start::text s, period_end::text e from reports where schedule_id = ${r.json().id}`)).rows as {
    id: string;
    s: string;
    e: string;
  }[];
  assert.deepEqual([row.s, row.e], [WEEK.start, WEEK.end]);
  // autoSend: built and delivered without a manager.
  const done = (await buildReport(t.deps, row.id))!;
  assert.ok(done.sentAt);
  const list = await manager({ method: 'GET', url: '/api/v1/reports' });
  assert.ok(list.json().items.some((x: { id: string; scheduled: boolean }) => x.id === row.id && x.scheduled));
  const del = await manager({ method: 'DELETE', url: `/api/v1/report-schedules/${r.json().id}` });
  assert.equal(del.statusCode, 200);
});

test('a post with a tracked link shows its conversions in the per-post table (xlsx cell, PDF column); posts without a link show none, not 0', async () => {
  const [pub] = (
    await t.deps.db.execute<{ id: string }>(sql`
      select p.id from publications p join posts po on po.id = p.post_id where p.workspace_id = ${team.workspaceId} and po.title = '评测第二篇'`)
  ).rows;
  const { code } = await createLink(t, team.editor, { publicationId: pub.id });
  const hook = await webhookOf(t, team.manager);
  for (const [id, at] of [
    ['c-1', '2026-11-25T10:00:00+08:00'],
    ['c-2', '2026-11-26T10:00:00+08:00'],
    ['c-3', '2026-12-05T10:00:00+08:00'], // after the week: not counted
  ]) {
    const r = await postSigned(t, hook, { event_id: id, kind: 'order', value: 50, occurred_at: at, code });
    assert.equal(r.statusCode, 200, r.body);
  }
  const r = await manager({ method: 'POST', url: '/api/v1/reports', payload: { period: 'week', date: '2026-11-25' } });
  assert.equal(r.statusCode, 201, r.body);
  const m = (await buildReport(t.deps, r.json().id))!;
  const rows = m.data!.posts.map((p) => [p.title, p.conversions]);
  assert.deepEqual(
    rows.find((x) => x[0] === '评测第二篇'),
    ['评测第二篇', 2],
  );
  assert.deepEqual(
    rows.find((x) => x[0] === '开箱短视频'),
    ['开箱短视频', null],
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await file(m.id, 'xlsx')) as unknown as ArrayBuffer);
  const posts = wb.getWorksheet('帖子 Posts')!;
  const row = [...Array(posts.rowCount).keys()].map((i) => posts.getRow(i + 1)).find((x) => x.getCell(1).value === '评测第二篇')!;
  assert.equal(row.getCell(15).value, 2);
  const text = await pdfText(await file(m.id, 'pdf'));
  assert.ok(text.includes('转化'), 'the PDF post table has a conversions column');
});
