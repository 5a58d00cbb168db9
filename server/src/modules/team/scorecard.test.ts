// Scorecards on seeded output, every number checked by hand with the ids behind it: posts shipped
// in the workspace's month (Shanghai days, not UTC), on time within the 15-minute grace, review
// decisions up to approval, engagement against the account's mean, replies and the median first
// response, tasks done and done by their due time; this month against the last; who sees whose; the xlsx.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FigureKey } from '../../../../contract/team';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { ok } from '../../test/feedback';
import { createAccount } from '../../test/fixtures';
import { comment, decisions, likes, reply, shipped } from '../../test/team';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const ws = team.workspaceId;
const E = team.editor.userId;
const M = team.manager.userId;
const acc1 = await createAccount(t, team.owner, { platform: 'xiaohongshu', name: '一号' });
const acc2 = await createAccount(t, team.owner, { platform: 'xiaohongshu', name: '二号' });

// March 2026 in Shanghai (UTC+8).
const p1 = await shipped(t, ws, E, acc1.id, '2026-03-05T02:10:00Z', '2026-03-05T02:00:00Z'); // 10 min after plan: on time
const p2 = await shipped(t, ws, E, acc1.id, '2026-03-10T02:20:00Z', '2026-03-10T02:00:00Z'); // 20 min: late
const p3 = await shipped(t, ws, M, acc1.id, '2026-03-12T02:00:00Z');
const p4 = await shipped(t, ws, E, acc2.id, '2026-03-15T02:00:00Z');
const p5 = await shipped(t, ws, E, acc2.id, '2026-02-28T17:00:00Z'); // 03-01 01:00 in Shanghai
await shipped(t, ws, E, acc2.id, '2026-03-31T16:30:00Z'); // 04-01 00:30 in Shanghai: April
const feb = await shipped(t, ws, E, acc1.id, '2026-02-10T02:00:00Z');

await likes(t, ws, p1, '2026-03-05', 10);
await likes(t, ws, p1, '2026-03-06', 5);
await likes(t, ws, p2, '2026-03-10', 25);
await likes(t, ws, p3, '2026-03-12', 50);

await decisions(t, ws, p1.postId, team.reviewer.userId, ['rejected', 'rejected', 'approved']);
await decisions(t, ws, p2.postId, team.reviewer.userId, ['approved']);
await decisions(t, ws, p5.postId, team.reviewer.userId, ['rejected', 'approved']);

const x = await comment(t, ws, acc1.id, '2026-03-03T01:00:00Z');
const y = await comment(t, ws, acc1.id, '2026-03-04T00:00:00Z', '2026-03-04T00:10:00Z');
const z = await comment(t, ws, acc1.id, '2026-03-05T00:00:00Z');
const rx = await reply(t, ws, x, E, '2026-03-03T01:30:00Z');
const rxM = await reply(t, ws, x, M, '2026-03-03T01:40:00Z');
const ry = await reply(t, ws, y, E, '2026-03-04T01:10:00Z');
const rz = await reply(t, ws, z, E, '2026-03-05T02:00:00Z');
const failed = await comment(t, ws, acc1.id, '2026-03-06T00:00:00Z');
await reply(t, ws, failed, E, '', 'failed');

type Fig = { value: number | null; ids: string[] };
type Card = Record<FigureKey, Fig> & {
  userId: string;
  from: string;
  to: string;
  name: string;
  engagementByAccount: { accountName: string; mine: number; accountMean: number; ratio: number | null; ids: string[] }[];
};
type Cmp = { current: Card; previous: Card; delta: Record<string, number | null> };
const sorted = (ids: string[]) => [...ids].sort();
const march = 'period=month&start=2026-03-20';

test("an editor's March: each figure and the items behind it", async () => {
  const c = await ok<Cmp>(as(t, team.manager), { method: 'GET', url: `/api/v1/team/scorecards/${E}?${march}` });
  const s = c.current;
  assert.deepEqual([s.from, s.to], ['2026-03-01', '2026-03-31']);
  assert.equal(s.postsShipped.value, 4, 'p1, p2, p4 and p5 (Shanghai 1 March); not the one of 1 April in Shanghai');
  assert.deepEqual(sorted(s.postsShipped.ids), sorted([p1.id, p2.id, p4.id, p5.id]));
  assert.equal(s.onTimeRate.value, 0.75);
  assert.deepEqual(s.onTimeRate.ids, [p2.id], 'the late one');
  assert.equal(s.approvalRounds.value, 2, '(3 + 1 + 2) / 3; p4 had no review');
  assert.deepEqual(sorted(s.approvalRounds.ids), sorted([p1.postId, p2.postId, p5.postId]));
  // 一号: the editor's 15 and 25 against the account's (15 + 25 + 50) / 3 = 30.
  assert.deepEqual(
    s.engagementByAccount.map((a) => [a.accountName, a.mine, a.accountMean, a.ratio, sorted(a.ids)]),
    [['一号', 20, 30, 0.67, sorted([p1.id, p2.id])]],
  );
  assert.equal(s.engagementVsAccount.value, 0.67);
  assert.equal(s.repliesSent.value, 3, 'the failed reply does not count');
  assert.deepEqual(sorted(s.repliesSent.ids), sorted([rx, ry, rz]));
  assert.equal(s.medianFirstResponseMinutes.value, 60, 'of 30, 60 (from its arrival at 00:10) and 120');
  assert.deepEqual(sorted(s.medianFirstResponseMinutes.ids), sorted([x, y, z]));
  assert.deepEqual([s.tasksDone.value, s.tasksOnTime.value], [0, 0], 'no task done yet');

  assert.equal(c.previous.postsShipped.value, 1);
  assert.deepEqual(c.previous.postsShipped.ids, [feb.id]);
  assert.equal(c.previous.onTimeRate.value, 1);
  assert.equal(c.delta.postsShipped, 3);
  assert.equal(c.delta.onTimeRate, -0.25);
  assert.equal(c.delta.repliesSent, 3);
  assert.equal(c.delta.approvalRounds, null, 'nothing approved in February');
});

test("the manager's second reply to an item is counted as sent, not as a first response", async () => {
  const c = await ok<Cmp>(as(t, team.manager), { method: 'GET', url: `/api/v1/team/scorecards/${M}?${march}` });
  assert.deepEqual(c.current.repliesSent, { value: 1, ids: [rxM] });
  assert.deepEqual(c.current.medianFirstResponseMinutes, { value: null, ids: [] });
  assert.equal(c.current.engagementByAccount[0].ratio, 1.67, '50 against 30');
});

test('a quarter and a custom span compare with the period just before', async () => {
  const q = await ok<{ from: string; to: string; previousFrom: string; previousTo: string }>(as(t, team.manager), {
    method: 'GET',
    url: '/api/v1/team/scorecards?period=quarter&start=2026-02-14',
  });
  assert.deepEqual([q.from, q.to, q.previousFrom, q.previousTo], ['2026-01-01', '2026-03-31', '2025-10-01', '2025-12-31']);
  const c = await ok<{ previousFrom: string; previousTo: string; items: Cmp[] }>(as(t, team.manager), {
    method: 'GET',
    url: '/api/v1/team/scorecards?period=custom&start=2026-03-01&end=2026-03-10',
  });
  assert.deepEqual([c.previousFrom, c.previousTo], ['2026-02-19', '2026-02-28']);
  const e = c.items.find((i) => i.current.userId === E)!;
  assert.deepEqual(sorted(e.current.postsShipped.ids), sorted([p1.id, p2.id, p5.id]));
  assert.deepEqual(e.previous.postsShipped.ids, []);
  const bad = await as(t, team.manager)({ method: 'GET', url: '/api/v1/team/scorecards?period=custom&start=2026-03-10&end=2026-03-01' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /结束日期不能早于开始日期/);
});

test('tasks done in the month count, and those done by their due time; a task done in April does not', async () => {
  const task = async (title: string, dueAt: string | null, doneAt: string) => {
    const x = await ok<{ id: string }>(as(t, team.manager), { method: 'POST', url: '/api/v1/tasks', payload: { title, assigneeId: E, dueAt } });
    await ok(as(t, team.editor), { method: 'PATCH', url: `/api/v1/tasks/${x.id}`, payload: { status: 'done' } });
    // Done in the past: the tasks module stamps the time it is marked done.
    await t.deps.db.execute(sql`update tasks set done_at = ${doneAt} where id = ${x.id}`);
    return x.id;
  };
  const onTime = await task('选题', '2026-03-06T10:00:00Z', '2026-03-06T09:00:00Z');
  const late = await task('初稿', '2026-03-08T10:00:00Z', '2026-03-09T01:00:00Z');
  const undated = await task('复盘', null, '2026-03-20T01:00:00Z');
  await task('四月', '2026-04-02T10:00:00Z', '2026-03-31T16:30:00Z'); // 04-01 00:30 in Shanghai
  const c = await ok<Cmp>(as(t, team.editor), { method: 'GET', url: `/api/v1/team/scorecards/${E}?${march}` });
  assert.deepEqual([c.current.tasksDone.value, sorted(c.current.tasksDone.ids)], [3, sorted([onTime, late, undated])]);
  assert.deepEqual([c.current.tasksOnTime.value, sorted(c.current.tasksOnTime.ids)], [2, sorted([onTime, undated])], 'a task with no due time is on time');
});

test('managers see the whole team; a member only their own; a guest none', async () => {
  const all = await ok<{ items: Cmp[] }>(as(t, team.manager), { method: 'GET', url: `/api/v1/team/scorecards?${march}` });
  assert.equal(all.items.length, 5, 'every member but the guest');
  const mine = await ok<{ items: Cmp[] }>(as(t, team.editor), { method: 'GET', url: `/api/v1/team/scorecards?${march}` });
  assert.deepEqual(
    mine.items.map((i) => i.current.userId),
    [E],
  );
  const other = await as(t, team.editor)({ method: 'GET', url: `/api/v1/team/scorecards/${M}?${march}` });
  assert.equal(other.statusCode, 404);
  assert.equal((await as(t, team.guest)({ method: 'GET', url: `/api/v1/team/scorecards?${march}` })).statusCode, 403);
  const stranger = await workspaceWithTeam(t);
  assert.equal((await as(t, stranger.manager)({ method: 'GET', url: `/api/v1/team/scorecards/${E}?${march}` })).statusCode, 404);
});

test('the xlsx export opens and holds the figures and the ids behind them', async () => {
  const r = await as(t, team.manager)({ method: 'GET', url: `/api/v1/team/scorecards/export?${march}` });
  assert.equal(r.statusCode, 200);
  assert.match(String(r.headers['content-disposition']), /scorecards-2026-03-01_2026-03-31\.xlsx/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  const rows = (name: string) => {
    const out: unknown[][] = [];
    wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };
  const cards = rows('记分卡 Scorecards');
  assert.deepEqual(
    cards.find((c) => c[0] === 'editor' && String(c[1]).startsWith('发布数')),
    ['editor', '发布数 / Posts shipped', 4, 1, 3],
  );
  assert.deepEqual(
    cards.find((c) => c[0] === 'editor' && String(c[1]).startsWith('准时率')),
    ['editor', '准时率 / On-time rate', 0.75, 1, -0.25],
  );
  const items = rows('明细 Items').filter((c) => c[0] === 'editor' && String(c[1]).startsWith('发布数'));
  assert.deepEqual(sorted(items.map((c) => String(c[3]))), sorted([p1.id, p2.id, p4.id, p5.id]));
});
