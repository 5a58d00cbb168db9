// Tasks as a team works them: who may (guests refused, other workspaces' tasks do not exist),
// links checked against this workspace, @mentions notified, moves and reassignments audited, and
// the numbers a scorecard reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { ok } from '../../test/feedback';
import { approvedPost, connectedAccount } from '../../test/fixtures';
import { tasksDoneOnTime } from './service';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const editor = as(t, team.editor);
type Task = { id: string; number: number; status: string; assigneeId: string | null; links: { kind: string; id: string }[] };

const notified = async (userId: string, kind: string) =>
  (await t.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from notifications where user_id = ${userId} and kind = ${kind}`)).rows[0].n;

test('guests have no tasks; reviewers and analysts work them; templates and settings are the managers’', async () => {
  assert.equal((await as(t, team.guest)({ method: 'GET', url: '/api/v1/tasks' })).statusCode, 403);
  assert.equal((await as(t, team.guest)({ method: 'POST', url: '/api/v1/tasks', payload: { title: 'x' } })).statusCode, 403);
  await ok(as(t, team.analyst), { method: 'POST', url: '/api/v1/tasks', payload: { title: '整理上周数据' } });
  const tpl = { name: '周更', steps: [{ title: '选题' }] };
  assert.equal((await editor({ method: 'POST', url: '/api/v1/task-templates', payload: tpl })).statusCode, 403);
  assert.equal((await editor({ method: 'PATCH', url: '/api/v1/tasks/settings', payload: { dailyCapacity: 9 } })).statusCode, 403);
  await ok(as(t, team.manager), { method: 'POST', url: '/api/v1/task-templates', payload: tpl });
});

test('workspace walls: another workspace’s task is 404, its member cannot be assignee, its post cannot be linked', async () => {
  const mine = await ok<Task>(editor, { method: 'POST', url: '/api/v1/tasks', payload: { title: '本部门的任务' } });
  const theirs = as(t, other.editor);
  assert.equal((await theirs({ method: 'GET', url: `/api/v1/tasks/${mine.id}` })).statusCode, 404);
  assert.equal((await theirs({ method: 'PATCH', url: `/api/v1/tasks/${mine.id}`, payload: { status: 'done' } })).statusCode, 404);
  const list = await ok<{ items: Task[] }>(theirs, { method: 'GET', url: '/api/v1/tasks?q=本部门' });
  assert.equal(list.items.length, 0);
  const stranger = await editor({ method: 'POST', url: '/api/v1/tasks', payload: { title: 'x', assigneeId: other.editor.userId } });
  assert.equal(stranger.statusCode, 400, stranger.body);
  const acc = await connectedAccount(t, other.owner);
  const theirPost = await approvedPost(t, other.editor, other.reviewer, { accountIds: [acc.id] });
  const badLink = await editor({ method: 'POST', url: '/api/v1/tasks', payload: { title: 'x', links: [{ kind: 'post', id: theirPost.id }] } });
  assert.equal(badLink.statusCode, 400, badLink.body);
  assert.match(badLink.json().error.message, /稿件不存在/);
});

test('links to this workspace’s things are kept, an unknown request refused; the list filters by linked kind, assignee, due range', async () => {
  const acc = await connectedAccount(t, team.owner);
  const post = await approvedPost(t, team.editor, team.reviewer, { accountIds: [acc.id] });
  const types = await ok<{ id: string; name: string }[]>(editor, { method: 'GET', url: '/api/v1/request-types' });
  const request = await ok<{ id: string }>(editor, {
    method: 'POST',
    url: '/api/v1/requests',
    payload: { typeId: types.find((x) => x.name === '推广需求')?.id, title: '春季推广', answers: { goal: '新品', channel: '公众号', go_live: '2031-03-20' } },
  });
  const requestId = request.id;
  const unknown = await editor({
    method: 'POST',
    url: '/api/v1/tasks',
    payload: { title: '配图', links: [{ kind: 'request', id: '00000000-0000-4000-8000-000000000001' }] },
  });
  assert.equal(unknown.statusCode, 400, unknown.body);
  const linked = await ok<Task>(editor, {
    method: 'POST',
    url: '/api/v1/tasks',
    payload: {
      title: '配图',
      assigneeId: team.reviewer.userId,
      dueAt: '2031-03-10T10:00:00+08:00',
      links: [
        { kind: 'post', id: post.id },
        { kind: 'request', id: requestId },
      ],
    },
  });
  assert.deepEqual(
    linked.links.map((l) => l.kind),
    ['post', 'request'],
  );
  const byKind = await ok<{ items: Task[] }>(editor, { method: 'GET', url: '/api/v1/tasks?linked=request' });
  assert.deepEqual(
    byKind.items.map((i) => i.id),
    [linked.id],
  );
  const byDue = await ok<{ items: Task[] }>(editor, {
    method: 'GET',
    url: `/api/v1/tasks?assignee=${team.reviewer.userId}&dueFrom=2031-03-10&dueTo=2031-03-10`,
  });
  assert.deepEqual(
    byDue.items.map((i) => i.id),
    [linked.id],
  );
  const outside = await ok<{ items: Task[] }>(editor, { method: 'GET', url: '/api/v1/tasks?dueFrom=2031-03-11' });
  assert.ok(!outside.items.some((i) => i.id === linked.id));
  assert.equal(await notified(team.reviewer.userId, 'task.assigned'), 1, 'the assignee is told');
});

test('subtasks one level deep; a move and a reassignment are audited with who and what', async () => {
  const parent = await ok<Task>(editor, { method: 'POST', url: '/api/v1/tasks', payload: { title: '双十一专题' } });
  const child = await ok<Task>(editor, { method: 'POST', url: '/api/v1/tasks', payload: { title: '海报', parentId: parent.id } });
  const grand = await editor({ method: 'POST', url: '/api/v1/tasks', payload: { title: '太深', parentId: child.id } });
  assert.equal(grand.statusCode, 400);
  const detail = await ok<{ subtasks: Task[] }>(editor, { method: 'GET', url: `/api/v1/tasks/${parent.id}` });
  assert.deepEqual(
    detail.subtasks.map((s) => s.id),
    [child.id],
  );
  await ok(editor, { method: 'PATCH', url: `/api/v1/tasks/${child.id}`, payload: { status: 'doing' } });
  await ok(as(t, team.manager), { method: 'PATCH', url: `/api/v1/tasks/${child.id}`, payload: { assigneeId: team.analyst.userId } });
  const bystander = await as(t, team.reviewer)({ method: 'PATCH', url: `/api/v1/tasks/${child.id}`, payload: { assigneeId: team.reviewer.userId } });
  assert.equal(bystander.statusCode, 403, 'a member who neither holds nor made the task cannot take it over');
  await ok(as(t, team.analyst), { method: 'PATCH', url: `/api/v1/tasks/${child.id}`, payload: { assigneeId: team.reviewer.userId } });
  const log = await t.deps.db.execute<{ action: string; actor_id: string }>(
    sql`select action, actor_id from audit_log where entity_id = ${child.id} order by id`,
  );
  assert.deepEqual(
    log.rows.map((r) => [r.action, r.actor_id]),
    [
      ['task.create', team.editor.userId],
      ['task.move', team.editor.userId],
      ['task.reassign', team.manager.userId],
      ['task.reassign', team.analyst.userId],
    ],
  );
});

test('a comment notifies the members it @mentions, not the author, not strangers', async () => {
  const task = await ok<Task>(editor, { method: 'POST', url: '/api/v1/tasks', payload: { title: '审稿' } });
  await ok(editor, { method: 'POST', url: `/api/v1/tasks/${task.id}/comments`, payload: { body: '@reviewer 请今天看一下，@editor 自己跟进' } });
  assert.equal(await notified(team.reviewer.userId, 'task.mentioned'), 1);
  assert.equal(await notified(team.editor.userId, 'task.mentioned'), 0);
  const detail = await ok<{ comments: { body: string; authorName: string }[] }>(editor, { method: 'GET', url: `/api/v1/tasks/${task.id}` });
  assert.equal(detail.comments[0].authorName, 'editor');
});

test('tasksDoneOnTime: the member’s done tasks in the period, and which by their due time', async () => {
  const late = await ok<Task>(editor, {
    method: 'POST',
    url: '/api/v1/tasks',
    payload: { title: '迟了', assigneeId: team.owner.userId, dueAt: new Date(Date.now() - 3600_000).toISOString() },
  });
  const early = await ok<Task>(editor, {
    method: 'POST',
    url: '/api/v1/tasks',
    payload: { title: '准时', assigneeId: team.owner.userId, dueAt: new Date(Date.now() + 3600_000).toISOString() },
  });
  await ok<Task>(editor, { method: 'POST', url: '/api/v1/tasks', payload: { title: '还没做', assigneeId: team.owner.userId } });
  for (const x of [late, early]) await ok(editor, { method: 'PATCH', url: `/api/v1/tasks/${x.id}`, payload: { status: 'done' } });
  const all = await tasksDoneOnTime(
    t.deps.db,
    team.workspaceId,
    [team.owner.userId, team.editor.userId],
    new Date(Date.now() - 86400_000),
    new Date(Date.now() + 60_000),
  );
  const r = all.get(team.owner.userId)!;
  assert.equal(all.get(team.editor.userId)?.done, 0, 'the creator of the tasks did none of them');
  assert.equal(r.done, 2);
  assert.equal(r.onTime, 1);
  assert.deepEqual(new Set(r.ids), new Set([late.id, early.id]));
  assert.deepEqual(r.onTimeIds, [early.id]);
  const none = await tasksDoneOnTime(t.deps.db, other.workspaceId, [team.owner.userId], new Date(0), new Date(Date.now() + 60_000));
  assert.equal(none.get(team.owner.userId)?.done, 0, 'another workspace sees none of them');
});
