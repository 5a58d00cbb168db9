// The incentive ledger as a manager keeps it: paged newest first with each member's totals over
// all their entries (not just the page), filtered by member and kind; an entry edited or deleted
// by a manager only, under the same rules as recording it, each change in the audit log. Another
// workspace's entry is not found; a member reads only their own ledger.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { ok } from '../../test/feedback';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const manager = as(t, team.manager);
const editor = as(t, team.editor);
const ed = team.editor.userId;
const rv = team.reviewer.userId;

type Entry = { id: string; memberId: string; kind: string; points: number; title: string; reviewId: string | null; periodFrom: string | null };
type Ledger = { items: Entry[]; total: number; page: number; pageSize: number; totals: { memberId: string; points: number; awards: number }[] };
const ledger = (call: typeof manager, query = '') => ok<Ledger>(call, { method: 'GET', url: `/api/v1/team/incentives?${query}` });
const record = (payload: Record<string, unknown>) => ok<Entry>(manager, { method: 'POST', url: '/api/v1/team/incentives', payload });

const cycle = await ok<{ id: string }>(manager, {
  method: 'POST',
  url: '/api/v1/team/cycles',
  payload: { name: '三月', period: 'month', start: '2026-03-01', memberIds: [ed, rv] },
});
const reviewsOf = (await ok<{ items: { id: string; memberId: string }[] }>(manager, { method: 'GET', url: `/api/v1/team/reviews?cycleId=${cycle.id}` })).items;
const reviewOf = (memberId: string) => {
  const r = reviewsOf.find((x) => x.memberId === memberId);
  assert.ok(r, `a review for ${memberId}`);
  return r.id;
};
const [edReview, rvReview] = [reviewOf(ed), reviewOf(rv)];

// Oldest first: the editor 10 + 5 (award) + 7, the reviewer 3.
const first = await record({ memberId: ed, kind: 'points', points: 10, title: '准时发布', reason: '三月全部准时' });
const award = await record({ memberId: ed, kind: 'award', points: 5, title: '月度之星', reason: '考核优秀', reviewId: edReview });
await record({ memberId: rv, kind: 'points', points: 3, title: '审核快', reason: '当天审完' });
const last = await record({ memberId: ed, kind: 'points', points: 7, title: '爆款', reason: '阅读 10 万+' });

const totalOf = (l: Ledger, id: string) => l.totals.find((x) => x.memberId === id);

test('the ledger is paged newest first; the totals count every entry, not just the page', async () => {
  const p1 = await ledger(manager, `memberId=${ed}&pageSize=1`);
  assert.deepEqual([p1.total, p1.page, p1.pageSize, p1.items.map((i) => i.title)], [3, 1, 1, ['爆款']]);
  assert.deepEqual(p1.totals, [{ memberId: ed, memberName: 'editor', points: 22, awards: 1 }]);
  const p2 = await ledger(manager, `memberId=${ed}&pageSize=1&page=2`);
  assert.deepEqual(
    p2.items.map((i) => i.title),
    ['月度之星'],
  );
  assert.equal(totalOf(p2, ed)?.points, 22);
  const all = await ledger(manager, 'pageSize=2');
  assert.equal(all.total, 4);
  assert.deepEqual([totalOf(all, ed)?.points, totalOf(all, rv)?.points, totalOf(all, team.analyst.userId)?.points], [22, 3, 0]);
});

test('filters: by kind (totals stay over every kind), by member; a member always reads their own', async () => {
  const awards = await ledger(manager, 'kind=award');
  assert.deepEqual([awards.total, awards.items.map((i) => i.id)], [1, [award.id]]);
  assert.deepEqual(totalOf(awards, ed), { memberId: ed, memberName: 'editor', points: 22, awards: 1 });
  const own = await ledger(editor, `memberId=${rv}&pageSize=2`);
  assert.equal(own.total, 3, 'their own count, whatever member they ask for');
  assert.ok(own.items.every((i) => i.memberId === ed));
  assert.deepEqual(
    own.totals.map((x) => [x.memberId, x.points]),
    [[ed, 22]],
  );
  const reviewer = await ledger(as(t, team.reviewer), 'kind=points');
  assert.deepEqual([reviewer.total, reviewer.totals.map((x) => x.points)], [1, [3]]);
});

test('a manager edits an entry: the ledger and the totals show it, the audit log has before and after', async () => {
  const edited = await ok<Entry>(manager, {
    method: 'PATCH',
    url: `/api/v1/team/incentives/${first.id}`,
    payload: { title: '三月准时发布', points: 12, reviewId: edReview, periodFrom: '2026-03-01', periodTo: '2026-03-31' },
  });
  assert.deepEqual([edited.title, edited.points, edited.reviewId, edited.periodFrom, edited.memberId], ['三月准时发布', 12, edReview, '2026-03-01', ed]);
  assert.equal(totalOf(await ledger(editor), ed)?.points, 24);
  const cleared = await ok<Entry>(manager, {
    method: 'PATCH',
    url: `/api/v1/team/incentives/${first.id}`,
    payload: { reviewId: null, periodFrom: null, periodTo: null },
  });
  assert.deepEqual([cleared.reviewId, cleared.periodFrom, cleared.title], [null, null, '三月准时发布']);
  const rows = await t.deps.db.execute<{ action: string; actor_id: string; before: { title: string }; after: { title: string } }>(
    sql`select action, actor_id, before, after from audit_log where entity_id = ${first.id} order by id`,
  );
  assert.deepEqual(
    rows.rows.map((r) => [r.action, r.actor_id, r.before?.title ?? null, r.after.title]),
    [
      ['incentive.create', team.manager.userId, null, '准时发布'],
      ['incentive.update', team.manager.userId, '准时发布', '三月准时发布'],
      ['incentive.update', team.manager.userId, '三月准时发布', '三月准时发布'],
    ],
  );
});

test('an edit meets the rules of recording: 400 with the reason in both languages, nothing changed', async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{}, /没有要修改的字段 \/ nothing to change/],
    [{ points: 0 }, /积分不能为 0/],
    [{ periodFrom: '2026-03-01' }, /记分卡周期需要开始和结束日期/],
    [{ periodFrom: '2026-03-31', periodTo: '2026-03-01' }, /结束日期不能早于开始日期/],
    [{ reviewId: rvReview }, /考核不存在或不属于该成员/],
    [{ title: '  ' }, /请填写名称 \/ give it a title/],
    [{ memberId: rv }, /memberId/],
  ];
  for (const [payload, message] of cases) {
    const r = await manager({ method: 'PATCH', url: `/api/v1/team/incentives/${last.id}`, payload });
    assert.equal(r.statusCode, 400, JSON.stringify(payload));
    assert.match(r.json().error.message, message);
  }
  const zeroAward = await manager({ method: 'PATCH', url: `/api/v1/team/incentives/${award.id}`, payload: { points: 0 } });
  assert.equal(zeroAward.statusCode, 200, 'an award needs no points');
  const toPoints = await manager({ method: 'PATCH', url: `/api/v1/team/incentives/${award.id}`, payload: { kind: 'points' } });
  assert.equal(toPoints.statusCode, 400, 'bonus points of 0 are refused, checked against the stored points');
  const kept = (await ledger(manager, `memberId=${ed}&kind=points`)).items.find((i) => i.id === last.id);
  assert.deepEqual([kept?.title, kept?.points, kept?.memberId], ['爆款', 7, ed]);
});

test('only managers edit or delete; another workspace or an unknown id is 404', async () => {
  for (const who of [team.editor, team.reviewer, team.analyst, team.guest]) {
    assert.equal((await as(t, who)({ method: 'PATCH', url: `/api/v1/team/incentives/${last.id}`, payload: { title: '改' } })).statusCode, 403, who.role);
    assert.equal((await as(t, who)({ method: 'DELETE', url: `/api/v1/team/incentives/${last.id}` })).statusCode, 403, who.role);
  }
  const stranger = as(t, (await workspaceWithTeam(t)).owner);
  for (const id of [last.id, '00000000-0000-4000-8000-000000000000']) {
    const patch = await stranger({ method: 'PATCH', url: `/api/v1/team/incentives/${id}`, payload: { title: '改' } });
    assert.equal(patch.statusCode, 404);
    assert.match(patch.json().error.message, /奖励记录不存在/);
    assert.equal((await stranger({ method: 'DELETE', url: `/api/v1/team/incentives/${id}` })).statusCode, 404);
  }
  assert.equal((await ledger(manager, `memberId=${ed}&kind=points`)).items.find((i) => i.id === last.id)?.title, '爆款');
});

test('a manager deletes an entry: gone from the ledger and the totals, audited with what it was', async () => {
  const before = totalOf(await ledger(manager), ed)?.points ?? 0;
  assert.equal(before, 12 + 0 + 7, 'the edited entry and the award made 0');
  assert.deepEqual(await ok(as(t, team.owner), { method: 'DELETE', url: `/api/v1/team/incentives/${last.id}` }), { ok: true });
  const after = await ledger(manager, `memberId=${ed}`);
  assert.ok(!after.items.some((i) => i.id === last.id));
  assert.equal(totalOf(after, ed)?.points, before - 7);
  assert.equal((await manager({ method: 'DELETE', url: `/api/v1/team/incentives/${last.id}` })).statusCode, 404, 'deleted once');
  const rows = await t.deps.db.execute<{ action: string; before: { title: string; points: number } }>(
    sql`select action, before from audit_log where entity_id = ${last.id} and action = 'incentive.delete'`,
  );
  assert.deepEqual(
    rows.rows.map((r) => [r.action, r.before.title, r.before.points]),
    [['incentive.delete', '爆款', 7]],
  );
});
