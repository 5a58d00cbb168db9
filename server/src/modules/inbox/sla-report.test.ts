// The team report against seeded items whose business minutes were counted by hand (the default
// calendar: Monday to Friday 09:00–18:00 Beijing time; the week of 2 March 2026 has no holiday).
// First responses run from the later of `at` and `receivedAt` to the first reply by the account;
// resolution to the status change to done (recorded by the inbox's changes, one or in bulk).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount } from '../../test/fixtures';
import { seedItems } from '../../test/inbox-sla';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const acc = await createAccount(t, team.owner, { platform: 'xiaohongshu', name: '小红书号' });
const otherAcc = await createAccount(t, other.owner, { platform: 'xiaohongshu', name: '别人的号' });
const db = t.deps.db;

const E = team.editor.userId;
const Rv = team.reviewer.userId;
const ids = await seedItems(t, acc.id, team.owner, [
  // editor: 30, 105, 60 and 300 business minutes (300 > the normal target of 240).
  { id: 'a1', who: E, at: '2026-03-02T10:00:00+08:00', reply: ['2026-03-02T10:30:00+08:00', '2026-03-02T11:00:00+08:00'] },
  { id: 'a2', who: E, at: '2026-03-02T17:00:00+08:00', reply: ['2026-03-03T09:45:00+08:00'] },
  { id: 'a3', who: E, at: '2026-03-06T17:30:00+08:00', reply: ['2026-03-09T09:30:00+08:00'] }, // the reply falls after the range
  { id: 'a4', who: E, at: '2026-03-03T11:00:00+08:00', reply: ['2026-03-03T16:00:00+08:00'] },
  { id: 'd1', who: E, at: '2026-03-09T10:00:00+08:00' }, // after the range: open load only
  // reviewer, urgent (target 30): before opening → 20; seen two hours late → 20 from receipt (140 from `at`).
  { id: 'b1', who: Rv, priority: 'urgent', at: '2026-03-04T08:00:00+08:00', reply: ['2026-03-04T09:20:00+08:00'] },
  { id: 'b2', who: Rv, priority: 'urgent', at: '2026-03-04T12:00:00+08:00', receivedAt: '2026-03-04T14:00:00+08:00', reply: ['2026-03-04T14:20:00+08:00'] },
  { id: 'b3', who: Rv, priority: 'urgent', at: '2026-03-04T09:30:00+08:00' }, // closed without a reply
  { id: 'c1', at: '2026-03-05T10:00:00+08:00' }, // nobody's, never answered
  { id: 'e0', at: '2026-03-02T07:30:00+08:00' }, // the range is in Beijing days: Monday 07:30 is in (Sunday in UTC)
]);
await seedItems(t, otherAcc.id, other.owner, [{ id: 'x1', at: '2026-03-05T10:00:00+08:00' }]);

// a1 done by itself, a2 and b3 in bulk; the events are then dated as if done on the day.
const patch = await as(t, team.editor)({ method: 'PATCH', url: `/api/v1/inbox/${ids.get('a1')}`, payload: { status: 'done' } });
assert.equal(patch.statusCode, 200, patch.body);
const bulk = await as(t, team.editor)({ method: 'POST', url: '/api/v1/inbox/bulk', payload: { ids: [ids.get('a2'), ids.get('b3')], set: { status: 'done' } } });
assert.equal(bulk.statusCode, 200, bulk.body);
await db.execute(sql`update inbox_events set at = '2026-03-02T15:00:00+08:00' where item_id = ${ids.get('a1')}`); // 300 min: within 1080
await db.execute(sql`update inbox_events set at = '2026-03-04T10:00:00+08:00' where item_id = ${ids.get('b3')}`); // 30 min: within 240
// a2 stays done at the real time (long after its 1080 minutes).

const report = (query: string, m = team.analyst) => as(t, m)({ method: 'GET', url: `/api/v1/inbox/sla/report?${query}` });

test('status changes are recorded once each, with who and from what', async () => {
  const r = await db.execute<{ item_id: string; from_status: string; to_status: string; actor_id: string }>(
    sql`select item_id, from_status, to_status, actor_id from inbox_events where workspace_id = ${team.workspaceId} and kind = 'status'`,
  );
  assert.equal(r.rows.length, 3);
  assert.ok(r.rows.every((e) => e.from_status === 'new' && e.to_status === 'done' && e.actor_id === E));
  // Setting done again is no change: nothing recorded.
  await as(t, team.editor)({ method: 'PATCH', url: `/api/v1/inbox/${ids.get('a1')}`, payload: { status: 'done', priority: 'normal' } });
  assert.equal((await db.execute(sql`select 1 from inbox_events where item_id = ${ids.get('a1')}`)).rows.length, 1);
});

test('the team report: replies, median, mean, fastest, slowest, open load and breaches per member', async () => {
  const r = await report('from=2026-03-02&to=2026-03-08');
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json();
  assert.equal(body.timezone, 'Asia/Shanghai');
  const rows = body.members.map((m: { userId: string | null; name: string | null }) => [m.userId, m.name]);
  assert.deepEqual(
    rows,
    [
      [E, 'editor'],
      [Rv, 'reviewer'],
      [null, null],
    ],
    'members by name, the unassigned last',
  );
  const [editor, reviewer, nobody] = body.members;
  assert.deepEqual(editor, {
    userId: E,
    name: 'editor',
    replies: 4, // a1 twice, a2, a4 (a3's reply is on 9 March)
    items: 4,
    responded: 4,
    medianFirstResponse: 82.5, // (60 + 105) / 2
    meanFirstResponse: 123.8, // 495 / 4
    fastestFirstResponse: 30,
    slowestFirstResponse: 300,
    openLoad: 3, // a3, a4, d1
    firstResponseBreaches: 1, // a4
    resolutionBreaches: 3, // a2 done late, a3 and a4 still open
  });
  assert.deepEqual(
    { ...reviewer, userId: undefined, name: undefined },
    {
      userId: undefined,
      name: undefined,
      replies: 2,
      items: 3,
      responded: 2,
      medianFirstResponse: 20,
      meanFirstResponse: 20,
      fastestFirstResponse: 20,
      slowestFirstResponse: 20,
      openLoad: 2,
      firstResponseBreaches: 0,
      resolutionBreaches: 2,
    },
  );
  assert.deepEqual(
    {
      items: nobody.items,
      responded: nobody.responded,
      medianFirstResponse: nobody.medianFirstResponse,
      openLoad: nobody.openLoad,
      firstResponseBreaches: nobody.firstResponseBreaches,
    },
    { items: 2, responded: 0, medianFirstResponse: null, openLoad: 2, firstResponseBreaches: 2 }, // c1 and e0
  );
});

test('the report as CSV and xlsx; bad ranges refused', async () => {
  const csv = await report('from=2026-03-02&to=2026-03-08').then(() =>
    as(t, team.editor)({ method: 'GET', url: '/api/v1/inbox/sla/report/export?from=2026-03-02&to=2026-03-08' }),
  );
  assert.equal(csv.statusCode, 200, csv.body);
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  const lines = csv.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  assert.match(lines[0], /^成员 Member,回复数 Replies,/);
  assert.equal(lines[1], 'editor,4,4,4,82.5,123.8,30,300,3,1,3');
  assert.match(lines[3], /^未分配 Unassigned,/);
  const xlsx = await as(t, team.editor)({ method: 'GET', url: '/api/v1/inbox/sla/report/export?from=2026-03-02&to=2026-03-08&format=xlsx' });
  assert.equal(xlsx.statusCode, 200);
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  const backwards = await report('from=2026-03-08&to=2026-03-02');
  assert.equal(backwards.statusCode, 400);
  assert.match(backwards.json().error.message, /开始日期不能晚于结束日期/);
  assert.equal((await report('from=2026-01-01&to=2026-06-30')).statusCode, 400);
  assert.equal((await report('from=2026-03-02&to=2026-03-08', team.guest)).statusCode, 403);
});
