// Feedback as the team and the other departments work it: made from a message (its text copied,
// so the guests never read the inbox), routed to a department's queue (explicitly or by product
// area), a guest of department A sees and updates only A's items (B's are 404, the inbox is 403),
// the lifecycle with its history and audit, solving it reopens the message and tells its
// assignee, and the workspace walls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { department, extraMember, inboxItem, ok } from '../../test/feedback';
import { createAccount } from '../../test/fixtures';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const acc = await createAccount(t, team.owner, { platform: 'xiaohongshu', name: '小红书号' });
const otherAcc = await createAccount(t, other.owner, { platform: 'xiaohongshu', name: '别人的号' });
const guestB = await extraMember(t, team.workspaceId, 'guest', '物流部访客');
const depA = await department(t, team.manager, '支付部', [team.guest], ['支付']);
const depB = await department(t, team.manager, '物流部', [guestB], ['物流']);
const db = t.deps.db;

type Item = { id: string; number: number; status: string; departmentId: string | null; sourceText: string | null; sourceAuthorName: string | null };
const editor = as(t, team.editor);
const guest = as(t, team.guest);
const create = (payload: Record<string, unknown>, call = editor) => call({ method: 'POST', url: '/api/v1/feedback', payload });
const patch = (id: string, payload: Record<string, unknown>, call = editor) => call({ method: 'PATCH', url: `/api/v1/feedback/${id}`, payload });
const numbers = async (query: string, call = editor) =>
  ((await ok<{ items: Item[] }>(call, { method: 'GET', url: `/api/v1/feedback?${query}` })).items as Item[]).map((i) => i.number);

const msgA = await inboxItem(t, team.editor, acc.id, 'm1', '付款后一直显示未支付，钱已经扣了', '小王');
const msgB = await inboxItem(t, team.editor, acc.id, 'm2', '快递三天没动了');
const fromA = await ok<Item>(editor, {
  method: 'POST',
  url: `/api/v1/inbox/${msgA}/feedback`,
  payload: { type: 'bug', area: '支付', priority: 'high', departmentId: depA },
});
const fromB = await ok<Item>(editor, { method: 'POST', url: '/api/v1/feedback', payload: { itemId: msgB, type: 'complaint', area: '物流' } });
const unrouted = await ok<Item>(editor, {
  method: 'POST',
  url: '/api/v1/feedback',
  payload: { type: 'suggestion', area: '支付', title: '希望支持花呗', departmentId: null },
});

test('made from a message: its text, account and author copied, numbered per workspace, the history begins; the thread shows it', async () => {
  assert.equal(fromA.number, 1);
  assert.deepEqual([fromB.number, unrouted.number], [2, 3]);
  const full = await ok<{ item: Record<string, unknown>; events: { kind: string; departmentName: string | null; actorName: string | null }[] }>(editor, {
    method: 'GET',
    url: `/api/v1/feedback/${fromA.id}`,
  });
  assert.equal(full.item.sourceText, '付款后一直显示未支付，钱已经扣了');
  assert.equal(full.item.sourceAccountName, '小红书号');
  assert.equal(full.item.sourceAuthorName, '小王');
  assert.equal(full.item.title, '付款后一直显示未支付，钱已经扣了', 'the title defaults to the message');
  assert.equal(full.item.departmentName, '支付部');
  assert.deepEqual(
    full.events.map((e) => [e.kind, e.departmentName, e.actorName]),
    [
      ['created', null, 'editor'],
      ['routed', '支付部', 'editor'],
    ],
  );
  const thread = await ok<{ feedback: unknown[] }>(editor, { method: 'GET', url: `/api/v1/inbox/${msgA}` });
  assert.deepEqual(thread.feedback, [{ id: fromA.id, number: 1, status: 'new' }]);
  // The copy outlives the message.
  await db.execute(sql`delete from inbox_items where id = ${msgB}`);
  const kept = await ok<{ item: Item & { sourceItemId: string | null } }>(editor, { method: 'GET', url: `/api/v1/feedback/${fromB.id}` });
  assert.equal(kept.item.sourceText, '快递三天没动了');
  assert.equal(kept.item.sourceItemId, null);
});

test('routing: by the department that has the product area, none when asked; a title is needed without a message', async () => {
  assert.equal(fromB.departmentId, depB, '物流 is the logistics department’s area');
  assert.equal(unrouted.departmentId, null, 'departmentId null keeps it unrouted although 支付 has a department');
  const untitled = await create({ type: 'bug', area: '支付' });
  assert.equal(untitled.statusCode, 400);
  assert.match(untitled.json().error.message, /须填写标题 \/ A title is needed/);
  const guestMakes = await create({ type: 'bug', area: '支付', title: 'x' }, guest);
  assert.equal(guestMakes.statusCode, 403, 'guests work their queue; they do not make feedback from the inbox');
  assert.deepEqual(await numbers('department=none'), [3]);
  assert.deepEqual(await numbers(`department=${depB}`), [2]);
  assert.deepEqual(await numbers('type=bug&priority=high'), [1]);
  assert.deepEqual(await numbers(`q=${encodeURIComponent('未支付')}`), [1], 'the copied message is searched');
  assert.deepEqual(await numbers(`area=${encodeURIComponent('支付')}`), [3, 1]);
});

test('department guests see only their queue: B’s items are 404 to A’s guest, the author is hidden, and they cannot re-route', async () => {
  const list = await ok<{ items: Item[]; total: number }>(guest, { method: 'GET', url: '/api/v1/feedback' });
  assert.deepEqual(
    list.items.map((i) => i.number),
    [1],
  );
  assert.equal(list.total, 1);
  assert.equal(list.items[0].sourceText, '付款后一直显示未支付，钱已经扣了', 'the guest reads what was said');
  assert.equal(list.items[0].sourceAuthorName, null, 'but not who said it on the platform');
  assert.deepEqual(await numbers('', as(t, guestB)), [2]);
  for (const id of [fromB.id, unrouted.id]) {
    assert.equal((await guest({ method: 'GET', url: `/api/v1/feedback/${id}` })).statusCode, 404);
    assert.equal((await patch(id, { status: 'acknowledged' }, guest)).statusCode, 404);
    assert.equal((await guest({ method: 'POST', url: `/api/v1/feedback/${id}/comments`, payload: { text: '看看' } })).statusCode, 404);
    assert.equal((await patch(id, { departmentId: depA }, guest)).statusCode, 404, 'outside the queue: 404 even for a re-route');
  }
  const mine = await patch(fromA.id, { status: 'acknowledged' }, guest);
  assert.equal(mine.statusCode, 200, mine.body);
  assert.equal(mine.json().status, 'acknowledged');
  const reroute = await patch(fromA.id, { departmentId: depB }, guest);
  assert.equal(reroute.statusCode, 403);
  assert.equal((await guest({ method: 'POST', url: `/api/v1/feedback/${fromA.id}/comments`, payload: { text: '已在排查' } })).statusCode, 200);
  const nobody = await extraMember(t, team.workspaceId, 'guest', '无部门访客');
  assert.deepEqual(await numbers('', as(t, nobody)), [], 'a guest in no department sees nothing');
});

test('a guest cannot see the inbox', async () => {
  assert.equal((await guest({ method: 'GET', url: '/api/v1/inbox' })).statusCode, 403);
  assert.equal((await guest({ method: 'GET', url: `/api/v1/inbox/${msgA}` })).statusCode, 403);
});

test('the lifecycle: a note is needed to resolve, closed items only reopen, every change is in the history and the audit log', async () => {
  const f = await ok<Item>(editor, { method: 'POST', url: '/api/v1/feedback', payload: { type: 'bug', area: '会员', title: '积分不到账' } });
  const bare = await patch(f.id, { status: 'resolved' });
  assert.equal(bare.statusCode, 400);
  assert.match(bare.json().error.message, /处理结果/);
  assert.equal((await patch(f.id, { status: 'in_progress', priority: 'urgent', departmentId: depA })).statusCode, 200);
  assert.equal((await patch(f.id, { status: 'wont_fix', resolution: '积分规则如此' })).json().status, 'wont_fix');
  const back = await patch(f.id, { status: 'acknowledged' });
  assert.equal(back.statusCode, 409, 'a closed item reopens to in progress, not to acknowledged');
  const reopened = (await patch(f.id, { status: 'in_progress' })).json();
  assert.equal(reopened.resolution, null, 'the old note is history, not the answer');
  assert.equal(reopened.resolvedAt, null);
  assert.equal((await patch(f.id, { status: 'resolved' })).statusCode, 400, 'closing again needs a new note');
  const done = (await patch(f.id, { status: 'resolved', resolution: '已补发积分' })).json();
  assert.equal(done.resolvedBy, team.editor.userId);
  const full = await ok<{ events: { kind: string; fromStatus: string | null; toStatus: string | null; text: string | null }[] }>(editor, {
    method: 'GET',
    url: `/api/v1/feedback/${f.id}`,
  });
  assert.deepEqual(
    full.events.map((e) => [e.kind, e.fromStatus, e.toStatus, e.text]),
    [
      ['created', null, 'new', null],
      ['status', 'new', 'in_progress', null],
      ['routed', null, null, null],
      ['priority', null, null, 'urgent'],
      ['status', 'in_progress', 'wont_fix', '积分规则如此'],
      ['status', 'wont_fix', 'in_progress', null],
      ['status', 'in_progress', 'resolved', '已补发积分'],
    ],
  );
  const audit = await db.execute<{ actor_id: string; before: { status: string }; after: { status?: string } }>(
    sql`select actor_id, before, after from audit_log where workspace_id = ${team.workspaceId} and action = 'feedback.update' and entity_id = ${f.id} order by id`,
  );
  assert.deepEqual(
    audit.rows.map((a) => [a.before.status, a.after.status]),
    [
      ['new', 'in_progress'],
      ['in_progress', 'wont_fix'],
      ['wont_fix', 'in_progress'],
      ['in_progress', 'resolved'],
    ],
    'one entry per change made; the refused ones (409, 400) wrote none',
  );
  assert.ok(audit.rows.every((a) => a.actor_id === team.editor.userId));
});

test('solved: the message, done, is reopened through the inbox’s status record and its assignee is told with the note', async () => {
  const msg = await inboxItem(t, team.editor, acc.id, 'm3', '发票开错了');
  await ok(editor, { method: 'PATCH', url: `/api/v1/inbox/${msg}`, payload: { status: 'done', assigneeId: team.reviewer.userId } });
  const f = await ok<Item>(editor, { method: 'POST', url: `/api/v1/inbox/${msg}/feedback`, payload: { type: 'complaint', area: '支付', departmentId: depA } });
  const solved = await patch(f.id, { status: 'resolved', resolution: '财务已重开发票' }, guest);
  assert.equal(solved.statusCode, 200, solved.body);
  const thread = await ok<{ item: { status: string }; feedback: { status: string }[] }>(editor, { method: 'GET', url: `/api/v1/inbox/${msg}` });
  assert.equal(thread.item.status, 'open');
  assert.deepEqual(thread.feedback, [{ id: f.id, number: f.number, status: 'resolved' }]);
  const events = await db.execute<{ from_status: string; to_status: string; actor_id: string }>(
    sql`select from_status, to_status, actor_id from inbox_events where item_id = ${msg} and kind = 'status' order by at, id`,
  );
  assert.deepEqual(
    events.rows.map((e) => [e.from_status, e.to_status, e.actor_id]),
    [
      ['new', 'done', team.editor.userId],
      ['done', 'open', team.guest.userId],
    ],
  );
  const told = await ok<{ items: { title: { zh: string }; body: { zh: string }; link: string }[] }>(as(t, team.reviewer), {
    method: 'GET',
    url: '/api/v1/notifications?kind=inbox.feedback_resolved',
  });
  assert.equal(told.items.length, 1);
  assert.match(told.items[0].title.zh, new RegExp(`#${f.number}.*已解决`));
  assert.match(told.items[0].body.zh, /财务已重开发票/);
  assert.equal(told.items[0].link, `/inbox?item=${msg}`);
  const editorTold = await ok<{ items: unknown[] }>(editor, { method: 'GET', url: '/api/v1/notifications?kind=inbox.feedback_resolved' });
  assert.equal(editorTold.items.length, 0, 'the assignee is told, not everyone');
  // An open message stays as it is; nothing is recorded for it.
  const f2 = await ok<Item>(editor, { method: 'POST', url: `/api/v1/inbox/${msg}/feedback`, payload: { type: 'bug', area: '支付' } });
  assert.equal((await patch(f2.id, { status: 'wont_fix', resolution: '重复' })).statusCode, 200);
  const after = await db.execute(sql`select 1 from inbox_events where item_id = ${msg} and kind = 'status'`);
  assert.equal(after.rows.length, 2);
});

test('workspace walls: another workspace sees none of it and cannot use these messages or departments', async () => {
  const stranger = as(t, other.owner);
  assert.equal((await stranger({ method: 'GET', url: `/api/v1/feedback/${fromA.id}` })).statusCode, 404);
  assert.equal((await patch(fromA.id, { status: 'in_progress' }, stranger)).statusCode, 404);
  assert.deepEqual(await numbers('', stranger), []);
  assert.equal((await stranger({ method: 'POST', url: `/api/v1/inbox/${msgA}/feedback`, payload: { type: 'bug', area: '支付' } })).statusCode, 404);
  const theirDep = await create({ type: 'bug', area: '支付', title: 'x', departmentId: depA }, stranger);
  assert.equal(theirDep.statusCode, 400, 'a department of another workspace');
  const own = await inboxItem(t, other.owner, otherAcc.id, 'o1', '别人的消息');
  const theirs = await ok<Item>(stranger, { method: 'POST', url: `/api/v1/inbox/${own}/feedback`, payload: { type: 'praise', area: '支付' } });
  assert.equal(theirs.number, 1, 'numbers count per workspace');
  assert.equal(theirs.departmentId, null, 'another workspace’s 支付 department is not theirs');
  assert.equal((await editor({ method: 'GET', url: `/api/v1/feedback/${theirs.id}` })).statusCode, 404);
});
