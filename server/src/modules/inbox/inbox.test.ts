// The inbox as a team works it: items imported once (a repeat adds nothing, also without ids),
// replies threaded also when they arrive before their parent, the filters and the keyword search
// (two-character words, traditional characters and "退 款"-style spellings), changes one at a time
// and in bulk, the counts, the risk monitor fed with every new item, and the workspace walls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount } from '../../test/fixtures';
import { monitorItems } from '../incidents/tables';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const acc = await createAccount(t, team.owner, { platform: 'xiaohongshu', name: '小红书号' });
const otherAcc = await createAccount(t, other.owner, { platform: 'xiaohongshu', name: '别人的号' });

const at = (min: number) => new Date(Date.UTC(2026, 10, 20, 2, min)).toISOString();
const post =
  (m = team.editor) =>
  (url: string, payload: unknown) =>
    as(t, m)({ method: 'POST', url, payload: payload as never });
const get = (url: string, m = team.editor) => as(t, m)({ method: 'GET', url });
const importItems = (items: unknown[], accountId = acc.id, m = team.editor) => post(m)('/api/v1/inbox/import', { accountId, items });
const texts = async (query: string) => ((await get(`/api/v1/inbox?${query}`)).json().items as { text: string }[]).map((i) => i.text).sort();

test('an import stores each item once; a repeat, also of items without ids, adds nothing; every new item is screened once', async () => {
  const items = [
    { externalId: 'c1', authorName: '小李', text: '什么时候发货？等了一周了', at: at(1) },
    { authorName: '阿花', text: '包装很用心，好评', at: at(2) },
  ];
  const first = await importItems(items);
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual(first.json(), { received: 2, stored: 2, duplicates: 0 });
  assert.deepEqual((await importItems(items)).json(), { received: 2, stored: 0, duplicates: 2 });
  const screened = await t.deps.db.select().from(monitorItems).where(eq(monitorItems.workspaceId, team.workspaceId));
  assert.equal(screened.length, 2, 'the monitor saw each new item once, not the repeat');
});

test('a reply threads under its parent, also when it arrives first', async () => {
  // The reply comes in one import, its parent in the next (a sync reading newest first does this).
  await importItems([{ externalId: 'r1', parentExternalId: 'p1', authorName: '客服', fromAccount: true, text: '您好，已为您加急处理', at: at(12) }]);
  await importItems([
    { externalId: 'p1', authorName: '老王', text: '订单一直没到，我要退款', at: at(10) },
    { externalId: 'r2', parentExternalId: 'r1', authorName: '老王', text: '谢谢，收到了', at: at(14) },
  ]);
  const list = (await get('/api/v1/inbox?q=加急')).json().items;
  assert.equal(list.length, 1);
  const r = await get(`/api/v1/inbox/${list[0].id}`);
  assert.equal(r.statusCode, 200);
  const { item, thread } = r.json();
  assert.deepEqual(
    thread.map((x: { externalId: string }) => x.externalId),
    ['p1', 'r1', 'r2'],
    'one thread, in time order',
  );
  assert.equal(item.parentId, thread[0].id);
  assert.ok(thread.every((x: { rootId: string }) => x.rootId === thread[0].id));
});

test('keyword search finds two-character words, traditional characters and split spellings, and nothing else', async () => {
  await importItems([
    { externalId: 'k1', text: '申请退款三天了没人理', at: at(20) },
    { externalId: 'k2', text: '退 款 流程太复杂', at: at(21) },
    { externalId: 'k3', text: '還沒發貨，太慢了', at: at(22) },
    { externalId: 'k4', text: '款式很好看，已推荐给朋友', at: at(23) },
  ]);
  assert.deepEqual(await texts('q=退款'), ['申请退款三天了没人理', '订单一直没到，我要退款', '退 款 流程太复杂'].sort());
  assert.deepEqual(await texts(`q=${encodeURIComponent('发货')}`), ['什么时候发货？等了一周了', '還沒發貨，太慢了'].sort());
  assert.ok((await texts('q=款')).includes('款式很好看，已推荐给朋友'), 'one character: matched on the text');
  assert.deepEqual(await texts('q=没有这个词'), []);
});

test('status, assignee, priority and tags: one at a time and in bulk; filters and counts follow', async () => {
  const all = (await get('/api/v1/inbox?pageSize=100')).json();
  assert.equal(all.total, all.items.length);
  assert.equal(all.totalCapped, false);
  const [a, b, c] = all.items;
  const patch = (id: string, payload: unknown, m = team.editor) => as(t, m)({ method: 'PATCH', url: `/api/v1/inbox/${id}`, payload: payload as never });
  const up = await patch(a.id, { status: 'open', assigneeId: team.editor.userId, priority: 'high', tags: ['物流', '物流', '催单'] });
  assert.equal(up.statusCode, 200, up.body);
  assert.deepEqual([up.json().status, up.json().priority, up.json().tags], ['open', 'high', ['物流', '催单']]);
  const outsider = await patch(b.id, { assigneeId: other.owner.userId });
  assert.equal(outsider.statusCode, 400, 'an assignee from another workspace is refused');
  assert.match(outsider.body, /负责人必须是本工作区成员/);
  const bulk = await post()('/api/v1/inbox/bulk', { ids: [b.id, c.id], set: { status: 'done' } });
  assert.deepEqual(bulk.json(), { updated: 2 });
  assert.equal((await get('/api/v1/inbox?status=done')).json().total, 2);
  assert.deepEqual(
    (await get('/api/v1/inbox?assignee=me&tag=物流')).json().items.map((i: { id: string }) => i.id),
    [a.id],
  );
  const counts = (await get('/api/v1/inbox/counts')).json();
  assert.deepEqual([counts.open, counts.mine, counts.new], [1, 1, all.total - 3]);
});

test('another workspace sees none of it, cannot change it, cannot import into this account; guests are refused', async () => {
  await importItems([{ externalId: 'x1', text: '别的工作区的退款评论', at: at(30) }], otherAcc.id, other.editor);
  const mine = (await get('/api/v1/inbox?q=退款')).json().items as { id: string; text: string }[];
  assert.ok(!mine.some((i) => i.text.includes('别的工作区')));
  const theirs = (await get('/api/v1/inbox?pageSize=5', other.editor)).json().items as { id: string }[];
  assert.equal(theirs.length, 1);
  assert.equal((await get(`/api/v1/inbox/${mine[0].id}`, other.editor)).statusCode, 404);
  const bulk = await post(other.editor)('/api/v1/inbox/bulk', { ids: [mine[0].id], set: { status: 'done' } });
  assert.deepEqual(bulk.json(), { updated: 0 });
  assert.equal((await importItems([{ text: '混入', at: at(31) }], acc.id, other.editor)).statusCode, 404);
  assert.equal((await get('/api/v1/inbox', team.guest)).statusCode, 403);
});

test('each arriving item is read: sentiment, question, complaint; the filters find them', async () => {
  await importItems([
    { externalId: 's1', text: '我要投诉！买了三天就坏了，客服也不理人，必须退款', at: at(50) },
    { externalId: 's2', text: '请问这款有黑色的吗？', at: at(51) },
  ]);
  const complaints = (await get('/api/v1/inbox?complaint=yes&q=投诉')).json().items;
  assert.deepEqual(
    complaints.map((i: { externalId: string; sentiment: string; isComplaint: boolean }) => [i.externalId, i.sentiment, i.isComplaint]),
    [['s1', 'negative', true]],
  );
  const questions = (await get('/api/v1/inbox?question=yes&q=黑色')).json().items;
  assert.deepEqual(
    questions.map((i: { externalId: string }) => i.externalId),
    ['s2'],
  );
  assert.ok((await get('/api/v1/inbox?sentiment=negative&q=投诉')).json().items.some((i: { externalId: string }) => i.externalId === 's1'));
});

test('days are the workspace’s days (Asia/Shanghai): 23:00 and 01:00 Beijing fall on two days', async () => {
  await importItems([
    { externalId: 'd1', text: '深夜留言一', at: '2026-11-01T15:00:00Z' },
    { externalId: 'd2', text: '深夜留言二', at: '2026-11-01T17:00:00Z' },
  ]);
  assert.deepEqual(await texts('from=2026-11-02&to=2026-11-02&q=深夜留言'), ['深夜留言二']);
  assert.deepEqual(await texts('from=2026-11-01&to=2026-11-01&q=深夜留言'), ['深夜留言一']);
  assert.deepEqual(await texts('to=2026-11-02&q=深夜留言'), ['深夜留言一', '深夜留言二']);
});

test('bad input is refused with what is wrong', async () => {
  const future = await importItems([{ text: '来自未来', at: new Date(Date.now() + 3_600_000).toISOString() }]);
  assert.equal(future.statusCode, 400);
  assert.match(future.body, /时间晚于现在/);
  const empty = await importItems([{ text: '   ', at: at(40) }]);
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /内容不能为空/);
  assert.equal((await get('/api/v1/inbox?status=closed')).statusCode, 400);
});
