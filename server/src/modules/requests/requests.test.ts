// Requests as other departments and the media team use them: the four default types, a guest's
// form checked field by field, routed by its type to the owner with the type's due date (the owner
// told), a guest sees only their own (list and by id), each status change tells the requester,
// declining needs a reason, comments reach the other side, and a post made from a request stays
// linked both ways and shows 'published' once it went out; a task made from one is its owner's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, type Member, testEnv, workspaceWithTeam } from '../../test/app';
import { department, extraMember, ok } from '../../test/feedback';
import { createAccount } from '../../test/fixtures';
import { publications } from '../publishing/tables';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const guestB = await extraMember(t, team.workspaceId, 'guest', '销售部访客');
await department(t, team.manager, '市场部', [team.guest]);
const acc = await createAccount(t, team.owner, { name: '公众号' });

type Req = {
  id: string;
  number: number;
  status: string;
  ownerId: string | null;
  dueAt: string;
  departmentName: string | null;
  post: { id: string; stage: string } | null;
};
type Type = { id: string; name: string; ownerId: string | null; dueDays: number; fields: { key: string }[] };
const manager = as(t, team.manager);
const editor = as(t, team.editor);
const guest = as(t, team.guest);
const sales = as(t, guestB);

const types = await ok<Type[]>(guest, { method: 'GET', url: '/api/v1/request-types' });
const promotion = types.find((x) => x.name === '推广需求') as Type;
await ok(manager, { method: 'PATCH', url: `/api/v1/request-types/${promotion.id}`, payload: { ownerId: team.editor.userId, dueDays: 5 } });
const answers = { goal: '春季新品推广', channel: '公众号', go_live: '2026-03-20' };
const submit = (call: ReturnType<typeof as>, title: string, payload: Record<string, unknown> = {}) =>
  call({ method: 'POST', url: '/api/v1/requests', payload: { typeId: promotion.id, title, answers, ...payload } });
const notes = async (m: Member, kind: string) =>
  (
    await ok<{ items: { kind: string; title: { zh: string }; body: { zh: string } }[] }>(as(t, m), { method: 'GET', url: '/api/v1/notifications?pageSize=100' })
  ).items.filter((n) => n.kind === kind);
const before = Date.now();
const mine = (await submit(guest, '春季新品推广')).json() as Req;
const theirs = (await submit(sales, '销售大会预热')).json() as Req;

test('the four default types are there for everyone; guests cannot change them', async () => {
  assert.deepEqual(
    types.map((x) => x.name),
    ['推广需求', '新品上市', '活动', '客服问题'],
  );
  const again = await ok<Type[]>(manager, { method: 'GET', url: '/api/v1/request-types' });
  assert.equal(again.length, 4, 'seeded once');
  const elsewhere = await ok<Type[]>(as(t, other.owner), { method: 'GET', url: '/api/v1/request-types' });
  assert.ok(!elsewhere.some((x) => x.id === promotion.id), 'each workspace has its own');
  const r = await guest({ method: 'PATCH', url: `/api/v1/request-types/${promotion.id}`, payload: { dueDays: 1 } });
  assert.equal(r.statusCode, 403);
});

test('the form is checked against its type on the server: every wrong field named, zh and en', async () => {
  const r = await submit(guest, '缺字段', { answers: { goal: '', channel: '快手', go_live: '三月' } });
  assert.equal(r.statusCode, 400);
  const err = r.json().error;
  assert.match(err.message, /表单有 3 处需要修改：请填写「推广目的」.* \/ The form has 3 problem\(s\): "推广目的" is required/);
  assert.deepEqual(
    (err.details as { path: string }[]).map((d) => d.path),
    ['answers.goal', 'answers.channel', 'answers.go_live'],
  );
  const archived = await ok<Type>(manager, { method: 'POST', url: '/api/v1/request-types', payload: { name: '旧类型', fields: [] } });
  await ok(manager, { method: 'PATCH', url: `/api/v1/request-types/${archived.id}`, payload: { archived: true } });
  const r2 = await submit(guest, 'x', { typeId: archived.id, answers: {} });
  assert.equal(r2.statusCode, 400, 'an archived type takes no requests');
});

test('routed by its type: the type’s owner with its due date, the requester’s department; the owner is told', async () => {
  assert.equal(mine.status, 'submitted');
  assert.equal(mine.ownerId, team.editor.userId);
  assert.equal(mine.departmentName, '市场部');
  const due = new Date(mine.dueAt).getTime() - before;
  assert.ok(due >= 5 * 86_400_000 - 1000 && due < 5 * 86_400_000 + 60_000, `due in 5 days, got ${due} ms`);
  const told = await notes(team.editor, 'request.submitted');
  assert.deepEqual(
    told.map((n) => n.title.zh),
    [`新需求 #${theirs.number}（推广需求）：销售大会预热`, `新需求 #${mine.number}（推广需求）：春季新品推广`],
  );
});

test('a guest sees only their own requests: the list, and another’s by id or comment is 404; staff see all', async () => {
  const list = await ok<{ items: Req[]; total: number }>(guest, { method: 'GET', url: '/api/v1/requests' });
  assert.deepEqual(
    list.items.map((x) => x.id),
    [mine.id],
  );
  assert.equal(list.total, 1);
  assert.equal((await guest({ method: 'GET', url: `/api/v1/requests/${theirs.id}` })).statusCode, 404);
  assert.equal((await guest({ method: 'POST', url: `/api/v1/requests/${theirs.id}/comments`, payload: { text: '看看' } })).statusCode, 404);
  assert.equal((await guest({ method: 'PATCH', url: `/api/v1/requests/${mine.id}`, payload: { status: 'accepted' } })).statusCode, 403);
  const all = await ok<{ items: Req[] }>(editor, { method: 'GET', url: '/api/v1/requests' });
  assert.deepEqual(
    all.items.map((x) => x.id),
    [theirs.id, mine.id],
  );
  assert.equal((await as(t, other.owner)({ method: 'GET', url: `/api/v1/requests/${mine.id}` })).statusCode, 404, 'another workspace');
  const search = async (q: string) =>
    (await ok<{ items: Req[] }>(editor, { method: 'GET', url: `/api/v1/requests?q=${encodeURIComponent(q)}` })).items.map((x) => x.id);
  assert.deepEqual(await search('销售大会'), [theirs.id], 'by title');
  assert.deepEqual(await search('2026-03-20'), [theirs.id, mine.id], 'by an answer');
  assert.deepEqual(await search('go_live'), [], 'a field key is no answer');
});

test('status changes follow the flow and tell the requester; declining needs a reason; comments reach the other side', async () => {
  const skip = await editor({ method: 'PATCH', url: `/api/v1/requests/${theirs.id}`, payload: { status: 'in_progress' } });
  assert.equal(skip.statusCode, 409, 'submitted → in progress skips accepting');
  const noReason = await editor({ method: 'PATCH', url: `/api/v1/requests/${theirs.id}`, payload: { status: 'declined' } });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.json().error.message, /须填写原因 \/ .*needs a reason/);
  await ok(editor, { method: 'PATCH', url: `/api/v1/requests/${theirs.id}`, payload: { status: 'declined', declineReason: '档期已满' } });
  const declined = await notes(guestB, 'request.status');
  assert.equal(declined[0].title.zh, `你的需求#${theirs.number} 销售大会预热已拒绝`);
  assert.equal(declined[0].body.zh, '原因：档期已满');
  await ok(editor, { method: 'PATCH', url: `/api/v1/requests/${mine.id}`, payload: { status: 'accepted' } });
  assert.equal((await notes(team.guest, 'request.status'))[0].title.zh, `你的需求#${mine.number} 春季新品推广已受理`);

  await ok(guest, { method: 'POST', url: `/api/v1/requests/${mine.id}/comments`, payload: { text: '素材周五给到' } });
  assert.equal((await notes(team.editor, 'request.comment'))[0]?.body.zh, '素材周五给到', 'the requester’s comment reaches the owner');
  await ok(editor, { method: 'POST', url: `/api/v1/requests/${mine.id}/comments`, payload: { text: '收到' } });
  assert.equal((await notes(team.guest, 'request.comment'))[0]?.body.zh, '收到', 'the owner’s comment reaches the requester');
  const detail = await ok<{ events: { kind: string; text: string | null; actorName: string | null }[] }>(guest, {
    method: 'GET',
    url: `/api/v1/requests/${mine.id}`,
  });
  assert.deepEqual(
    detail.events.map((e) => [e.kind, e.text]),
    [
      ['created', null],
      ['status', null],
      ['comment', '素材周五给到'],
      ['comment', '收到'],
    ],
  );
});

test('turned into a post: linked both ways, in progress, the requester sees the post’s stage up to published', async () => {
  const early = await ok<Req>(guest, { method: 'POST', url: '/api/v1/requests', payload: { typeId: promotion.id, title: '还没受理', answers } });
  assert.equal((await editor({ method: 'POST', url: `/api/v1/requests/${early.id}/post`, payload: {} })).statusCode, 409, 'accept first');
  assert.equal((await guest({ method: 'POST', url: `/api/v1/requests/${mine.id}/post`, payload: {} })).statusCode, 403);

  const post = await ok<{ id: string; title: string; digest: string; bodyHtml: string }>(editor, {
    method: 'POST',
    url: `/api/v1/requests/${mine.id}/post`,
    payload: { accountIds: [acc.id] },
  });
  assert.equal(post.title, '春季新品推广');
  assert.match(post.digest, /推广目的：春季新品推广；期望渠道：公众号/);
  assert.equal((await editor({ method: 'POST', url: `/api/v1/requests/${mine.id}/post`, payload: {} })).statusCode, 409, 'one post per request');

  const back = await ok<{ items: Req[] }>(editor, { method: 'GET', url: `/api/v1/requests?postId=${post.id}` });
  assert.deepEqual(
    back.items.map((x) => x.id),
    [mine.id],
    'from the post back to its request',
  );
  const seen = await ok<{ request: Req }>(guest, { method: 'GET', url: `/api/v1/requests/${mine.id}` });
  assert.equal(seen.request.status, 'in_progress');
  assert.deepEqual([seen.request.post?.id, seen.request.post?.stage], [post.id, 'draft']);
  assert.match((await notes(team.guest, 'request.status'))[0].title.zh, /已转为稿件/);

  // It goes out (the publishing engine writes this row; the e2e test drives the real path).
  await t.deps.db
    .insert(publications)
    .values({ workspaceId: team.workspaceId, postId: post.id, accountId: acc.id, dueAt: new Date(), publishedAt: new Date(), state: 'published' });
  const after = await ok<{ items: Req[] }>(guest, { method: 'GET', url: '/api/v1/requests' });
  assert.equal(after.items.find((x) => x.id === mine.id)?.post?.stage, 'published');
});

test('turned into a topic: the answers become its notes', async () => {
  const r = await ok<Req>(sales, { method: 'POST', url: '/api/v1/requests', payload: { typeId: promotion.id, title: '直播预告', answers } });
  await ok(editor, { method: 'PATCH', url: `/api/v1/requests/${r.id}`, payload: { status: 'accepted' } });
  const topic = await ok<{ id: string; title: string; notes: string }>(editor, { method: 'POST', url: `/api/v1/requests/${r.id}/topic`, payload: {} });
  assert.equal(topic.title, '直播预告');
  assert.equal(topic.notes, '推广目的：春季新品推广\n期望渠道：公众号\n期望上线日期：2026-03-20');
  const seen = await ok<{ request: { topicId: string; status: string } }>(sales, { method: 'GET', url: `/api/v1/requests/${r.id}` });
  assert.deepEqual([seen.request.topicId, seen.request.status], [topic.id, 'in_progress']);
});

test('turned into a task: for the request’s owner, due when it is, linked both ways; once only; a task cannot link another workspace’s request', async () => {
  const r = await ok<Req>(guest, { method: 'POST', url: '/api/v1/requests', payload: { typeId: promotion.id, title: '五一海报', answers } });
  const early = await editor({ method: 'POST', url: `/api/v1/requests/${r.id}/task`, payload: {} });
  assert.equal(early.statusCode, 409, 'not before it is accepted');
  assert.equal((await guest({ method: 'POST', url: `/api/v1/requests/${r.id}/task`, payload: {} })).statusCode, 403, 'the requester does not work it');
  await ok(editor, { method: 'PATCH', url: `/api/v1/requests/${r.id}`, payload: { status: 'accepted' } });
  type Task = { id: string; title: string; assigneeId: string | null; dueAt: string | null; links: { kind: string; id: string }[] };
  const task = await ok<Task>(editor, { method: 'POST', url: `/api/v1/requests/${r.id}/task`, payload: {} });
  assert.deepEqual(
    [task.title, task.assigneeId, task.dueAt, task.links],
    [`#${r.number} 五一海报`, team.editor.userId, r.dueAt, [{ kind: 'request', id: r.id }]],
  );
  const seen = await ok<{ request: { taskId: string; status: string }; events: { kind: string }[] }>(guest, { method: 'GET', url: `/api/v1/requests/${r.id}` });
  assert.deepEqual([seen.request.taskId, seen.request.status], [task.id, 'in_progress']);
  assert.ok(seen.events.some((e) => e.kind === 'task'));
  assert.equal((await notes(team.guest, 'request.status')).filter((n) => /已安排为任务/.test(n.title.zh)).length, 1, 'the requester is told');
  const again = await editor({ method: 'POST', url: `/api/v1/requests/${r.id}/task`, payload: {} });
  assert.equal(again.statusCode, 409);
  const listed = await ok<{ items: { id: string }[] }>(editor, { method: 'GET', url: '/api/v1/tasks?linked=request' });
  assert.deepEqual(
    listed.items.map((x) => x.id),
    [task.id],
    'the tasks list finds it by its link',
  );
  const foreign = await as(t, other.owner)({ method: 'POST', url: '/api/v1/tasks', payload: { title: '越界', links: [{ kind: 'request', id: r.id }] } });
  assert.equal(foreign.statusCode, 400, 'another workspace’s request is not there');
});

test('managers define types: a select needs options, names are unique, the owner must be a member', async () => {
  const make = (payload: Record<string, unknown>) => manager({ method: 'POST', url: '/api/v1/request-types', payload });
  const noOptions = await make({ name: '直播', fields: [{ key: 'room', label: '直播间', kind: 'select' }] });
  assert.equal(noOptions.statusCode, 400);
  assert.match(noOptions.body, /下拉字段至少要有一个选项/);
  const twice = await make({
    name: '直播',
    fields: [
      { key: 'a', label: 'A', kind: 'text' },
      { key: 'a', label: 'B', kind: 'text' },
    ],
  });
  assert.equal(twice.statusCode, 400);
  assert.match(twice.body, /字段标识不能重复/);
  assert.equal((await make({ name: '推广需求' })).statusCode, 409, 'the name is taken');
  const stranger = await make({ name: '直播', ownerId: other.owner.userId });
  assert.equal(stranger.statusCode, 400);
  assert.match(stranger.json().error.message, /负责人必须是本工作区成员/);
  const live = await ok<Type>(manager, {
    method: 'POST',
    url: '/api/v1/request-types',
    payload: {
      name: '直播',
      ownerId: team.manager.userId,
      dueDays: 2,
      fields: [{ key: 'room', label: '直播间', kind: 'select', required: true, options: ['抖音直播间'] }],
    },
  });
  const listed = await ok<Type[]>(guest, { method: 'GET', url: '/api/v1/request-types' });
  assert.equal(listed.at(-1)?.name, '直播', 'a new type comes after the defaults');
  const r = await ok<Req>(guest, { method: 'POST', url: '/api/v1/requests', payload: { typeId: live.id, title: '618 直播', answers: { room: '抖音直播间' } } });
  assert.equal(r.ownerId, team.manager.userId, 'routed by this type to its owner');
});
