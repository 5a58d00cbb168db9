// Performance reviews and incentives as a team lives them: a manager opens a cycle, each member
// writes and signs their self-assessment, the manager rates on the workspace's scale, attaches
// goals and signs (the period's scorecard stored), and after both signatures nothing changes. A
// member never sees another member's review, by list or by id; managers see the team's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { ok } from '../../test/feedback';
import { createAccount } from '../../test/fixtures';
import { shipped } from '../../test/team';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const ws = team.workspaceId;
const manager = as(t, team.manager);
const editor = as(t, team.editor);
const reviewer = as(t, team.reviewer);
const acc = await createAccount(t, team.owner, { platform: 'xiaohongshu', name: '一号' });
const pub = await shipped(t, ws, team.editor.userId, acc.id, '2026-03-05T02:00:00Z');

type Review = {
  id: string;
  memberId: string;
  startDay: string;
  locked: boolean;
  rating: string | null;
  ratingLabel: string | null;
  memberSignedAt: string | null;
  managerSignedAt: string | null;
  selfAssessment: string;
  goals: { id: string; name: string }[];
  scorecard: { postsShipped: { value: number; ids: string[] } };
  scorecardSnapshot: boolean;
};
type Page = { items: Review[]; total: number; page: number; pageSize: number };
const reviewList = async (call: typeof manager, query: string) => ok<Page>(call, { method: 'GET', url: `/api/v1/team/reviews?${query}` });

const cycle = await ok<{ id: string; startDay: string; endDay: string; reviews: number }>(manager, {
  method: 'POST',
  url: '/api/v1/team/cycles',
  payload: { name: '2026 年 3 月考核', period: 'month', start: '2026-03-15', memberIds: [team.editor.userId, team.reviewer.userId] },
});
const all = (await reviewList(manager, `cycleId=${cycle.id}`)).items;
const mine = all.find((r) => r.memberId === team.editor.userId)!;
const theirs = all.find((r) => r.memberId === team.reviewer.userId)!;

test('a cycle covers its calendar month and gives each chosen member a review', () => {
  assert.deepEqual([cycle.startDay, cycle.endDay, cycle.reviews], ['2026-03-01', '2026-03-31', 2]);
  assert.equal(all.length, 2);
});

test("a member sees only their own review: never another's, not by list, filter or id", async () => {
  const list = await reviewList(editor, '');
  assert.deepEqual(
    list.items.map((r) => r.id),
    [mine.id],
  );
  assert.equal(list.total, 1, 'the total counts only their own');
  const asked = await reviewList(editor, `memberId=${team.reviewer.userId}`);
  assert.deepEqual([asked.items, asked.total], [[], 0]);
  for (const [method, url, payload] of [
    ['GET', `/api/v1/team/reviews/${theirs.id}`, undefined],
    ['PUT', `/api/v1/team/reviews/${theirs.id}/self`, { selfAssessment: '冒充' }],
    ['POST', `/api/v1/team/reviews/${theirs.id}/sign`, undefined],
  ] as const) {
    const r = await editor({ method, url, payload });
    assert.equal(r.statusCode, 404, `${method} ${url}`);
  }
  const cycles = await ok<{ id: string; reviews: number }[]>(editor, { method: 'GET', url: '/api/v1/team/cycles' });
  assert.deepEqual(
    cycles.map((c) => [c.id, c.reviews]),
    [[cycle.id, 1]],
    'the cycle counts only their own review',
  );
  assert.equal((await editor({ method: 'PATCH', url: `/api/v1/team/reviews/${mine.id}/manager`, payload: { rating: 'S' } })).statusCode, 403);
  assert.equal((await as(t, team.guest)({ method: 'GET', url: `/api/v1/team/reviews/${mine.id}` })).statusCode, 403);
  const stranger = await workspaceWithTeam(t);
  assert.equal((await as(t, stranger.manager)({ method: 'GET', url: `/api/v1/team/reviews/${mine.id}` })).statusCode, 404);
});

test('the manager rates on the workspace scale, attaches goals, signs; after both sign it is locked', async () => {
  await ok(manager, {
    method: 'PUT',
    url: '/api/v1/team/rating-scale',
    payload: {
      levels: [
        { key: '5', label: '卓越' },
        { key: '4', label: '优秀' },
        { key: '3', label: '达标' },
      ],
    },
  });
  const wrong = await manager({ method: 'PATCH', url: `/api/v1/team/reviews/${mine.id}/manager`, payload: { rating: 'S' } });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.json().error.message, /评级不在工作区的等级中/);
  const goal = await ok<{ id: string }>(manager, {
    method: 'POST',
    url: '/api/v1/goals',
    payload: {
      name: '三月发 4 篇',
      metric: 'posts_published',
      scope: 'member',
      memberId: team.editor.userId,
      period: 'month',
      startDay: '2026-03-01',
      target: 4,
    },
  });

  const early = await manager({ method: 'POST', url: `/api/v1/team/reviews/${mine.id}/sign` });
  assert.equal(early.statusCode, 400, 'no assessment or rating yet');
  const unsigned = await editor({ method: 'POST', url: `/api/v1/team/reviews/${mine.id}/sign` });
  assert.equal(unsigned.statusCode, 400, 'no self-assessment yet');

  await ok(editor, { method: 'PUT', url: `/api/v1/team/reviews/${mine.id}/self`, payload: { selfAssessment: '三月按计划发布，<b>回复</b>及时。' } });
  const signed = await ok<Review>(editor, { method: 'POST', url: `/api/v1/team/reviews/${mine.id}/sign` });
  assert.ok(signed.memberSignedAt);
  assert.equal(signed.locked, false);
  assert.equal((await editor({ method: 'PUT', url: `/api/v1/team/reviews/${mine.id}/self`, payload: { selfAssessment: '改' } })).statusCode, 409);

  await ok(manager, {
    method: 'PATCH',
    url: `/api/v1/team/reviews/${mine.id}/manager`,
    payload: { managerAssessment: '稳定输出。', rating: '4', goalIds: [goal.id] },
  });
  const live = await ok<Review>(manager, { method: 'GET', url: `/api/v1/team/reviews/${mine.id}` });
  assert.equal(live.scorecardSnapshot, false);
  assert.deepEqual(
    live.goals.map((g) => g.name),
    ['三月发 4 篇'],
  );
  const locked = await ok<Review>(manager, { method: 'POST', url: `/api/v1/team/reviews/${mine.id}/sign` });
  assert.equal(locked.locked, true);
  assert.deepEqual([locked.rating, locked.ratingLabel], ['4', '优秀']);
  assert.equal(locked.scorecardSnapshot, true);
  assert.deepEqual(locked.scorecard.postsShipped, { value: 1, ids: [pub.id] });

  // The snapshot stays as signed: a post counted later does not change it.
  await shipped(t, ws, team.editor.userId, acc.id, '2026-03-20T02:00:00Z');
  const seen = await ok<Review>(editor, { method: 'GET', url: `/api/v1/team/reviews/${mine.id}` });
  assert.equal(seen.locked, true, 'the member sees it locked too');
  assert.equal(seen.scorecard.postsShipped.value, 1);
  assert.equal(seen.selfAssessment, '三月按计划发布，<b>回复</b>及时。', 'stored as plain text, shown as text');
  for (const [call, method, url, payload] of [
    [manager, 'PATCH', `/api/v1/team/reviews/${mine.id}/manager`, { rating: '5' }],
    [manager, 'POST', `/api/v1/team/reviews/${mine.id}/sign`, undefined],
    [editor, 'POST', `/api/v1/team/reviews/${mine.id}/sign`, undefined],
  ] as const) {
    assert.equal((await call({ method, url, payload })).statusCode, 409, `${method} ${url}`);
  }
  const history = (await reviewList(manager, `memberId=${team.editor.userId}`)).items;
  assert.deepEqual(
    history.map((r) => [r.id, r.locked]),
    [[mine.id, true]],
  );
});

test('a manager cannot assess their own review; a scale needs distinct keys', async () => {
  const c = await ok<{ id: string }>(manager, { method: 'POST', url: '/api/v1/team/cycles', payload: { name: 'Q1', period: 'quarter', start: '2026-02-01' } });
  const rs = (await reviewList(manager, `cycleId=${c.id}`)).items;
  assert.equal(rs.length, 5, 'every member but the guest');
  const own = rs.find((r) => r.memberId === team.manager.userId)!;
  assert.equal((await manager({ method: 'PATCH', url: `/api/v1/team/reviews/${own.id}/manager`, payload: { rating: '5' } })).statusCode, 403);
  const dup = await manager({
    method: 'PUT',
    url: '/api/v1/team/rating-scale',
    payload: {
      levels: [
        { key: 'A', label: '一' },
        { key: 'A', label: '二' },
      ],
    },
  });
  assert.equal(dup.statusCode, 400);
});

test('the review list is paged: the total over every page, page 2 continues page 1, a member counts only their own, by status', async () => {
  // March (2: the editor's locked, the reviewer's open) and Q1 (5 open), newest cycle first.
  const [p1, p3] = [await reviewList(manager, 'pageSize=3'), await reviewList(manager, 'pageSize=3&page=3')];
  const p2 = await reviewList(manager, 'pageSize=3&page=2');
  assert.deepEqual([p1.total, p1.items.length, p2.items.length, p3.items.length, p2.page, p2.pageSize], [7, 3, 3, 1, 2, 3]);
  const ids = [...p1.items, ...p2.items, ...p3.items].map((r) => r.id);
  assert.equal(new Set(ids).size, 7, 'no review on two pages');
  assert.deepEqual(
    p1.items.slice(0, 2).map((r) => r.startDay),
    ['2026-03-01', '2026-03-01'],
  );
  const own = await reviewList(editor, 'pageSize=1&page=2');
  assert.deepEqual([own.total, own.items.length, own.items[0].memberId, own.items[0].startDay], [2, 1, team.editor.userId, '2026-01-01']);
  const locked = await reviewList(manager, 'status=locked');
  assert.deepEqual([locked.total, locked.items.map((r) => r.id)], [1, [mine.id]]);
  assert.equal((await reviewList(manager, 'status=open')).total, 6);
  assert.equal((await reviewList(editor, 'status=open')).total, 1);
  assert.equal((await manager({ method: 'GET', url: '/api/v1/team/reviews?status=signed' })).statusCode, 400);
  assert.equal((await manager({ method: 'GET', url: '/api/v1/team/reviews?pageSize=500' })).statusCode, 400);
});

test('incentives: points and awards against a member, for a review; a ledger with totals; members see their own', async () => {
  await ok(manager, {
    method: 'POST',
    url: '/api/v1/team/incentives',
    payload: {
      memberId: team.editor.userId,
      kind: 'points',
      points: 10,
      title: '准时发布',
      reason: '三月全部准时',
      periodFrom: '2026-03-01',
      periodTo: '2026-03-31',
    },
  });
  await ok(manager, {
    method: 'POST',
    url: '/api/v1/team/incentives',
    payload: { memberId: team.editor.userId, kind: 'award', points: 5, title: '月度之星', reason: '考核优秀', reviewId: mine.id },
  });
  await ok(manager, {
    method: 'POST',
    url: '/api/v1/team/incentives',
    payload: { memberId: team.reviewer.userId, kind: 'points', points: 3, title: '审核快', reason: '当天审完' },
  });
  const zero = await manager({
    method: 'POST',
    url: '/api/v1/team/incentives',
    payload: { memberId: team.editor.userId, kind: 'points', points: 0, title: 'x', reason: 'y' },
  });
  assert.equal(zero.statusCode, 400);
  const foreignReview = await manager({
    method: 'POST',
    url: '/api/v1/team/incentives',
    payload: { memberId: team.reviewer.userId, kind: 'award', title: 'x', reason: 'y', reviewId: mine.id },
  });
  assert.equal(foreignReview.statusCode, 400, "another member's review");
  assert.equal(
    (
      await editor({
        method: 'POST',
        url: '/api/v1/team/incentives',
        payload: { memberId: team.editor.userId, kind: 'points', points: 99, title: 'x', reason: 'y' },
      })
    ).statusCode,
    403,
  );

  type Ledger = { items: { memberId: string; title: string; reviewId: string | null }[]; totals: { memberId: string; points: number; awards: number }[] };
  const everyone = await ok<Ledger>(manager, { method: 'GET', url: '/api/v1/team/incentives' });
  const total = (l: Ledger, id: string) => l.totals.find((x) => x.memberId === id);
  assert.deepEqual(total(everyone, team.editor.userId), { memberId: team.editor.userId, memberName: 'editor', points: 15, awards: 1 });
  assert.equal(total(everyone, team.reviewer.userId)?.points, 3);
  const own = await ok<Ledger>(editor, { method: 'GET', url: `/api/v1/team/incentives?memberId=${team.reviewer.userId}` });
  assert.deepEqual(
    own.items.map((i) => i.title),
    ['月度之星', '准时发布'],
    'their own, newest first, whatever they ask for',
  );
  assert.deepEqual(
    own.totals.map((x) => x.memberId),
    [team.editor.userId],
  );
  assert.equal((await reviewer({ method: 'GET', url: '/api/v1/team/incentives' })).json().items.length, 1);
});
