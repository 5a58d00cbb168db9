// The recurring work and the watch: a template's steps chain (finishing one makes the next once,
// even finished twice or by two people at once), the weekly start happens once a day however
// often the worker looks, overdue tasks tell the assignee then the managers once each, and the
// clashes the manager decides (same account, same slot; a member over capacity).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { ok } from '../../test/feedback';
import { approvedPost, connectedAccount } from '../../test/fixtures';
import { checkOverdue } from './alerts';
import { postClashes } from './clashes';
import { startWeekly } from './templates';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const manager = as(t, team.manager);
const editor = as(t, team.editor);
type Task = { id: string; title: string; status: string; assigneeId: string | null; dueAt: string | null; step: number | null; templateId: string | null };

const steps = [
  { title: '选题', assignee: { role: 'editor' }, durationDays: 1 },
  { title: '初稿', assignee: { memberId: team.analyst.userId }, offsetDays: 1, durationDays: 2 },
  { title: '审核', assignee: { role: 'reviewer' }, durationDays: 1 },
];
const ofTemplate = async (templateId: string) =>
  (
    await t.deps.db.execute<Task & { template_id: string }>(
      sql`select id, title, step, assignee_id as "assigneeId" from tasks where template_id = ${templateId} order by step`,
    )
  ).rows;
const notified = async (userId: string, kind: string) =>
  (await t.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from notifications where user_id = ${userId} and kind = ${kind}`)).rows[0].n;

test('a template chains: start → first step; done → the next, assigned and dated, once even when finished twice at once', async () => {
  const tpl = await ok<{ id: string }>(manager, { method: 'POST', url: '/api/v1/task-templates', payload: { name: '每周文章', steps } });
  const first = await ok<Task>(editor, { method: 'POST', url: `/api/v1/task-templates/${tpl.id}/start` });
  assert.equal(first.title, '选题');
  assert.equal(first.assigneeId, team.editor.userId, 'the role’s member');
  const done = () => ({ method: 'PATCH' as const, url: `/api/v1/tasks/${first.id}`, payload: { status: 'done' } });
  const [a, b] = await Promise.all([editor(done()), manager(done())]);
  assert.deepEqual([a.statusCode, b.statusCode], [200, 200], `${a.body} ${b.body}`);
  await ok(editor, done());
  let chain = await ofTemplate(tpl.id);
  assert.deepEqual(
    chain.map((c) => [c.title, c.step]),
    [
      ['选题', 0],
      ['初稿', 1],
    ],
  );
  const draft = await ok<{ task: Task }>(editor, { method: 'GET', url: `/api/v1/tasks/${chain[1].id}` });
  assert.equal(draft.task.assigneeId, team.analyst.userId);
  const days = (Date.parse(draft.task.dueAt as string) - Date.now()) / 86400_000;
  assert.ok(days > 2.9 && days <= 3, `due offset 1 + duration 2 days, got ${days}`);
  assert.equal(await notified(team.analyst.userId, 'task.assigned'), 1, 'the next step’s assignee is told once');
  // Reopened and finished again: still one 审核.
  await ok(as(t, team.analyst), { method: 'PATCH', url: `/api/v1/tasks/${draft.task.id}`, payload: { status: 'done' } });
  await ok(as(t, team.analyst), { method: 'PATCH', url: `/api/v1/tasks/${draft.task.id}`, payload: { status: 'doing' } });
  await ok(as(t, team.analyst), { method: 'PATCH', url: `/api/v1/tasks/${draft.task.id}`, payload: { status: 'done' } });
  chain = await ofTemplate(tpl.id);
  assert.deepEqual(
    chain.map((c) => [c.title, c.assigneeId]),
    [
      ['选题', team.editor.userId],
      ['初稿', team.analyst.userId],
      ['审核', team.reviewer.userId],
    ],
  );
  await ok(as(t, team.reviewer), { method: 'PATCH', url: `/api/v1/tasks/${chain[2].id}`, payload: { status: 'done' } });
  assert.equal((await ofTemplate(tpl.id)).length, 3, 'the last step ends the chain');
});

test('the weekly start: once on its weekday (the workspace’s day), however often the worker looks', async () => {
  // 2031-03-12 is a Wednesday; 02:00 UTC is 10:00 in Shanghai.
  const wed = new Date('2031-03-12T02:00:00Z');
  const tpl = await ok<{ id: string }>(manager, { method: 'POST', url: '/api/v1/task-templates', payload: { name: '周三例会', steps, weekday: 3 } });
  await startWeekly(t.deps, new Date('2031-03-11T02:00:00Z'));
  assert.equal((await ofTemplate(tpl.id)).length, 0, 'not on a Tuesday');
  await Promise.all([startWeekly(t.deps, wed), startWeekly(t.deps, wed)]);
  await startWeekly(t.deps, new Date('2031-03-12T12:00:00Z'));
  assert.equal((await ofTemplate(tpl.id)).length, 1);
  await startWeekly(t.deps, new Date('2031-03-19T02:00:00Z'));
  assert.equal((await ofTemplate(tpl.id)).length, 2, 'the next week again');
});

test('overdue: the assignee is told once, then the managers once after the set hours; re-runs tell no one again', async () => {
  await ok(manager, { method: 'PATCH', url: '/api/v1/tasks/settings', payload: { escalateAfterHours: 6 } });
  const task = await ok<Task>(editor, {
    method: 'POST',
    url: '/api/v1/tasks',
    payload: { title: '交稿', assigneeId: team.editor.userId, dueAt: new Date(Date.now() - 60_000).toISOString() },
  });
  const done = await ok<Task>(editor, {
    method: 'POST',
    url: '/api/v1/tasks',
    payload: { title: '已完成', assigneeId: team.editor.userId, dueAt: new Date(Date.now() - 60_000).toISOString() },
  });
  await ok(editor, { method: 'PATCH', url: `/api/v1/tasks/${done.id}`, payload: { status: 'done' } });
  const now = Date.now();
  await checkOverdue(t.deps, new Date(now));
  await checkOverdue(t.deps, new Date(now + 3600_000));
  assert.equal(await notified(team.editor.userId, 'task.overdue'), 1, 'one alert for the open task, none for the done one');
  assert.equal(await notified(team.manager.userId, 'task.overdue_escalated'), 0, 'not yet');
  await Promise.all([checkOverdue(t.deps, new Date(now + 7 * 3600_000)), checkOverdue(t.deps, new Date(now + 7 * 3600_000))]);
  await checkOverdue(t.deps, new Date(now + 30 * 3600_000));
  assert.equal(await notified(team.manager.userId, 'task.overdue_escalated'), 1);
  assert.equal(await notified(team.owner.userId, 'task.overdue_escalated'), 1);
  assert.equal(await notified(team.editor.userId, 'task.overdue'), 1);
  const view = await ok<{ task: { overdue: boolean } }>(editor, { method: 'GET', url: `/api/v1/tasks/${task.id}` });
  assert.equal(view.task.overdue, true);
});

test('post clashes: posts for one account within the slot group together; other accounts and far-apart posts do not', () => {
  const at = (m: number) => Date.parse('2031-01-01T10:00:00Z') + m * 60_000;
  const s = (accountId: string, postId: string, m: number) => ({ accountId, accountName: accountId, postId, title: postId, at: at(m) });
  const r = postClashes([s('A', 'p1', 0), s('A', 'p2', 20), s('A', 'p3', 45), s('A', 'p4', 120), s('B', 'p5', 5)], 30);
  assert.deepEqual(
    r.map((c) => [c.accountId, c.posts.map((p) => p.postId)]),
    [['A', ['p1', 'p2', 'p3']]],
  );
});

test('clashes: two scheduled posts for one account in one slot and a member over capacity, with who decides; an escalation keeps its decision', async () => {
  const acc = await connectedAccount(t, team.owner, { name: '公众号甲' });
  const at = new Date(Date.now() + 2 * 86400_000);
  for (const [i, title] of ['春装上新', '会员日'].entries()) {
    const p = await approvedPost(t, team.editor, team.reviewer, { title, accountIds: [acc.id] });
    const when = new Date(at.getTime() + i * 10 * 60_000).toISOString();
    await ok(editor, { method: 'POST', url: `/api/v1/posts/${p.id}/schedule`, payload: { scheduledAt: when } });
  }
  await ok(manager, { method: 'PATCH', url: '/api/v1/tasks/settings', payload: { dailyCapacity: 2 } });
  let last = '';
  for (const title of ['一', '二', '三'])
    last = (await ok<Task>(editor, { method: 'POST', url: '/api/v1/tasks', payload: { title, assigneeId: team.reviewer.userId, dueAt: at.toISOString() } })).id;
  const c = await ok<{
    posts: { accountName: string; posts: { title: string }[] }[];
    members: { userId: string; count: number; capacity: number }[];
    deciders: { userId: string }[];
  }>(editor, { method: 'GET', url: '/api/v1/tasks/clashes' });
  assert.deepEqual(
    c.posts.map((p) => [p.accountName, p.posts.map((x) => x.title)]),
    [['公众号甲', ['春装上新', '会员日']]],
  );
  assert.deepEqual(
    c.members.map((m) => [m.userId, m.count, m.capacity]),
    [[team.reviewer.userId, 3, 2]],
  );
  assert.deepEqual(
    c.deciders.map((d) => d.userId),
    [team.manager.userId],
  );
  const load = await ok<{ members: { userId: string; overloadedDays: number; days: { taskIds: string[] }[] }[]; tasks: Task[] }>(editor, {
    method: 'GET',
    url: '/api/v1/tasks/workload',
  });
  const reviewer = load.members.find((m) => m.userId === team.reviewer.userId);
  assert.equal(reviewer?.overloadedDays, 1);
  // The view carries the cards it counts, whatever the board's column cap: every counted id has its task.
  const counted = load.members.flatMap((m) => m.days.flatMap((d) => d.taskIds));
  assert.deepEqual(new Set(load.tasks.map((x) => x.id)), new Set(counted));
  assert.ok(counted.includes(last));
  assert.deepEqual(
    load.tasks
      .filter((x) => x.assigneeId === team.reviewer.userId)
      .map((x) => x.title)
      .sort(),
    ['一', '三', '二'].sort(),
  );

  // A request the editor owns, due that day, competes for the same person as two tasks do.
  const types = await ok<{ id: string; name: string }[]>(manager, { method: 'GET', url: '/api/v1/request-types' });
  const promotion = types.find((x) => x.name === '推广需求') as { id: string };
  await ok(manager, { method: 'PATCH', url: `/api/v1/request-types/${promotion.id}`, payload: { ownerId: team.editor.userId } });
  const request = await ok<{ id: string }>(as(t, team.guest), {
    method: 'POST',
    url: '/api/v1/requests',
    payload: { typeId: promotion.id, title: '店庆推广', answers: { goal: '店庆', channel: '公众号', go_live: '2031-05-01' } },
  });
  await t.deps.db.execute(sql`update requests set due_at = ${at} where id = ${request.id}`);
  for (const title of ['四', '五'])
    await ok<Task>(editor, { method: 'POST', url: '/api/v1/tasks', payload: { title, assigneeId: team.editor.userId, dueAt: at.toISOString() } });
  const withRequest = await ok<{ members: { userId: string; count: number; requestIds: string[] }[] }>(editor, { method: 'GET', url: '/api/v1/tasks/clashes' });
  const ed = withRequest.members.find((m) => m.userId === team.editor.userId);
  assert.deepEqual([ed?.count, ed?.requestIds], [3, [request.id]], 'two tasks and the request, over a capacity of 2');
  // Made into a task, it is counted once, as that task.
  await ok(editor, { method: 'PATCH', url: `/api/v1/requests/${request.id}`, payload: { status: 'accepted' } });
  await ok(editor, { method: 'POST', url: `/api/v1/requests/${request.id}/task`, payload: {} });
  const asTask = await ok<{ members: { userId: string; count: number; requestIds: string[] }[] }>(editor, { method: 'GET', url: '/api/v1/tasks/clashes' });
  const mine = asTask.members.find((m) => m.userId === team.editor.userId);
  assert.deepEqual([mine?.count, mine?.requestIds], [3, []]);

  const e = await ok<{ id: string }>(as(t, team.reviewer), {
    method: 'POST',
    url: `/api/v1/tasks/${last}/escalations`,
    payload: { reason: '同一天三个任务，做不完' },
  });
  assert.equal(await notified(team.manager.userId, 'task.escalation'), 1);
  assert.equal((await editor({ method: 'POST', url: `/api/v1/task-escalations/${e.id}/decision`, payload: { decision: '我来' } })).statusCode, 403);
  await ok(manager, { method: 'POST', url: `/api/v1/task-escalations/${e.id}/decision`, payload: { decision: '「三」改给 analyst' } });
  const again = await manager({ method: 'POST', url: `/api/v1/task-escalations/${e.id}/decision`, payload: { decision: '再改' } });
  assert.equal(again.statusCode, 409, again.body);
  const detail = await ok<{ escalations: { reason: string; raisedByName: string; decision: string; decidedByName: string; status: string }[] }>(editor, {
    method: 'GET',
    url: `/api/v1/tasks/${last}`,
  });
  assert.deepEqual(
    detail.escalations.map((x) => [x.reason, x.raisedByName, x.status, x.decision, x.decidedByName]),
    [['同一天三个任务，做不完', 'reviewer', 'decided', '「三」改给 analyst', 'manager']],
  );
  assert.equal(await notified(team.reviewer.userId, 'task.escalation_decided'), 1);
});
