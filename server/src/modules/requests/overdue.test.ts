// Overdue requests as the media team lives with them: an open request past its due time tells its
// owner once, and the owners and managers once more 24 h later; done or declined ones tell no one;
// two watches at once tell no one twice; a new due date starts afresh; the list filters the overdue.
// And the way back from a post (`?postId=`) shows a guest only their own request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { extraMember, ok } from '../../test/feedback';
import { checkOverdueRequests } from './alerts';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const guestB = await extraMember(t, team.workspaceId, 'guest', '销售部访客');
const manager = as(t, team.manager);
const editor = as(t, team.editor);
const guest = as(t, team.guest);
type Req = { id: string; number: number; overdue: boolean };
const HOUR = 3600_000;

const types = await ok<{ id: string; name: string }[]>(manager, { method: 'GET', url: '/api/v1/request-types' });
const promotion = types.find((x) => x.name === '推广需求') as { id: string };
await ok(manager, { method: 'PATCH', url: `/api/v1/request-types/${promotion.id}`, payload: { ownerId: team.editor.userId } });
const answers = { goal: '春季新品推广', channel: '公众号', go_live: '2026-03-20' };
const submit = (title: string, call = guest) => ok<Req>(call, { method: 'POST', url: '/api/v1/requests', payload: { typeId: promotion.id, title, answers } });
const setDue = (id: string, at: number) => ok(editor, { method: 'PATCH', url: `/api/v1/requests/${id}`, payload: { dueAt: new Date(at).toISOString() } });
const told = async (userId: string, kind: string, number: number) =>
  (
    await t.deps.db.execute<{ n: number }>(
      sql`select count(*)::int as n from notifications where user_id = ${userId} and kind = ${kind} and title_zh like ${`%#${number} %`}`,
    )
  ).rows[0].n;

test('overdue: the owner is told once, the owners and managers once 24 h later; done and declined tell no one', async () => {
  const open = await submit('五一海报');
  const done = await submit('已完成的');
  const declined = await submit('被拒绝的');
  const now = Date.now();
  for (const r of [open, done, declined]) await setDue(r.id, now - 60_000);
  await ok(editor, { method: 'PATCH', url: `/api/v1/requests/${done.id}`, payload: { status: 'accepted' } });
  await ok(editor, { method: 'PATCH', url: `/api/v1/requests/${done.id}`, payload: { status: 'done' } });
  await ok(editor, { method: 'PATCH', url: `/api/v1/requests/${declined.id}`, payload: { status: 'declined', declineReason: '档期已满' } });

  await checkOverdueRequests(t.deps, new Date(now));
  await checkOverdueRequests(t.deps, new Date(now + HOUR));
  assert.equal(await told(team.editor.userId, 'request.overdue', open.number), 1, 'the owner, once');
  assert.equal(await told(team.manager.userId, 'request.overdue', open.number), 0, 'only the owner at first');
  assert.equal(await told(team.manager.userId, 'request.overdue_escalated', open.number), 0, 'not before 24 h');

  await checkOverdueRequests(t.deps, new Date(now + 25 * HOUR));
  await checkOverdueRequests(t.deps, new Date(now + 50 * HOUR));
  assert.equal(await told(team.manager.userId, 'request.overdue_escalated', open.number), 1, 'the managers, once');
  assert.equal(await told(team.owner.userId, 'request.overdue_escalated', open.number), 1, 'the owners, once');
  assert.equal(await told(team.editor.userId, 'request.overdue', open.number), 1);
  for (const r of [done, declined])
    for (const [u, kind] of [
      [team.editor.userId, 'request.overdue'],
      [team.manager.userId, 'request.overdue_escalated'],
    ])
      assert.equal(await told(u, kind, r.number), 0, `nothing for #${r.number}`);
});

test('two watches at once tell no one twice', async () => {
  const r = await submit('双重检查');
  const now = Date.now();
  await setDue(r.id, now - 60_000);
  await Promise.all([checkOverdueRequests(t.deps, new Date(now)), checkOverdueRequests(t.deps, new Date(now))]);
  await Promise.all([checkOverdueRequests(t.deps, new Date(now + 25 * HOUR)), checkOverdueRequests(t.deps, new Date(now + 25 * HOUR))]);
  assert.equal(await told(team.editor.userId, 'request.overdue', r.number), 1);
  assert.equal(await told(team.manager.userId, 'request.overdue_escalated', r.number), 1);
});

test('a new due date starts afresh: overdue again later, the owner is told again', async () => {
  const r = await submit('改期');
  const now = Date.now();
  await setDue(r.id, now - 60_000);
  await checkOverdueRequests(t.deps, new Date(now));
  await setDue(r.id, now + 2 * HOUR);
  await checkOverdueRequests(t.deps, new Date(now + HOUR));
  assert.equal(await told(team.editor.userId, 'request.overdue', r.number), 1, 'not overdue before the new date');
  await checkOverdueRequests(t.deps, new Date(now + 3 * HOUR));
  assert.equal(await told(team.editor.userId, 'request.overdue', r.number), 2, 'overdue again after it');
});

test('the list filters the overdue: open and past due only, in the caller’s scope', async () => {
  const late = await submit('逾期的');
  const onTime = await submit('不急的');
  const theirs = await submit('别人的逾期', as(t, guestB));
  await setDue(late.id, Date.now() - 60_000);
  await setDue(theirs.id, Date.now() - 60_000);
  const overdue = async (call: typeof guest) =>
    (await ok<{ items: Req[] }>(call, { method: 'GET', url: '/api/v1/requests?overdue=true&pageSize=100' })).items.map((x) => x.id);
  const staff = await overdue(editor);
  assert.ok(staff.includes(late.id) && staff.includes(theirs.id), 'the media team sees every overdue one');
  assert.ok(!staff.includes(onTime.id), 'not one still in time');
  const all = await ok<{ items: Req[] }>(editor, { method: 'GET', url: '/api/v1/requests?pageSize=100' });
  assert.ok(
    all.items.filter((x) => staff.includes(x.id)).every((x) => x.overdue),
    'every one listed shows as overdue',
  );
  const mine = await overdue(guest);
  assert.ok(mine.includes(late.id) && !mine.includes(theirs.id), 'a guest only their own');
});

test('the way back from a post: a guest sees their own request through ?postId=, never another’s', async () => {
  const r = await submit('做成稿件', as(t, guestB));
  await ok(editor, { method: 'PATCH', url: `/api/v1/requests/${r.id}`, payload: { status: 'accepted' } });
  const post = await ok<{ id: string }>(editor, { method: 'POST', url: `/api/v1/requests/${r.id}/post`, payload: {} });
  const via = async (call: typeof guest) => await ok<{ items: Req[]; total: number }>(call, { method: 'GET', url: `/api/v1/requests?postId=${post.id}` });
  assert.deepEqual(
    (await via(editor)).items.map((x) => x.id),
    [r.id],
  );
  assert.deepEqual(
    (await via(as(t, guestB))).items.map((x) => x.id),
    [r.id],
    'the requester',
  );
  const other = await via(guest);
  assert.deepEqual([other.items, other.total], [[], 0], 'another guest learns nothing, not even that it exists');
});
