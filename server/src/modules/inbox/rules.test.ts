// Inbox rules: each condition type read by the dry run over the last 30 days (keywords folded as
// the search folds them, sentiment, platform, account, kind, author, weekday/hour windows and the
// workspace's business hours, question/complaint; the account's own replies and older items never
// match); the dry run finds exactly what the live path applies to the same items; the actions
// (assign, tags, priority, notify with the item's link, a risk alert, stop after) and the hits in
// the thread view; a broken rule loses no item; bad input; other workspaces; permissions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { CHINA_HOLIDAYS, CHINA_MAKEUP_DAYS } from '../../lib/workcalendar/china';
import { as, type Member, testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount } from '../../test/fixtures';
import { memberships } from '../identity/tables';
import { monitorAlerts } from '../incidents/tables';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const acc = await createAccount(t, team.owner, { platform: 'xiaohongshu', name: '小红书号' });
const weibo = await createAccount(t, team.owner, { platform: 'weibo', name: '微博号' });

const DAY = 86_400_000;
/** A Wednesday 3+ days ago (a working day in China, its Saturday before not a make-up day); times are Shanghai (UTC+8). */
const wed = (() => {
  for (let k = 3; ; k++) {
    const d = new Date(Date.now() - k * DAY);
    const day = d.toISOString().slice(0, 10);
    const sat = new Date(d.getTime() - 4 * DAY).toISOString().slice(0, 10);
    if (d.getUTCDay() === 3 && !CHINA_HOLIDAYS.has(day) && !CHINA_MAKEUP_DAYS.has(sat) && !CHINA_HOLIDAYS.has(sat)) return day;
  }
})();
const local = (dayOffset: number, hour: number) => new Date(Date.parse(`${wed}T00:00:00Z`) + dayOffset * DAY + (hour - 8) * 3_600_000).toISOString();

type Api = ReturnType<typeof as>;
const call = (m: Member) => {
  const a: Api = as(t, m);
  return {
    post: (url: string, payload: unknown) => a({ method: 'POST', url, payload: payload as never }),
    patch: (url: string, payload: unknown) => a({ method: 'PATCH', url, payload: payload as never }),
    get: (url: string) => a({ method: 'GET', url }),
    del: (url: string) => a({ method: 'DELETE', url }),
  };
};
const owner = call(team.owner);
const editor = call(team.editor);
const imp = async (items: unknown[], accountId = acc.id, by = editor) => {
  const r = await by.post('/api/v1/inbox/import', { accountId, items });
  assert.equal(r.statusCode, 200, r.body);
};

await imp([
  { externalId: 'a', authorId: 'u1', authorName: '小李', text: '我要退款，太慢了', at: local(0, 10) },
  { externalId: 'b', authorId: 'u2', authorName: '阿花', text: '什么时候发货？', at: local(0, 20) },
  { externalId: 'c', authorId: 'u3', authorName: '老王', text: '包装很用心，好评', at: local(-4, 11) },
  { externalId: 'd', authorName: '小红书号', fromAccount: true, text: '退款已处理', at: local(0, 11) },
  { externalId: 'e', authorId: 'u1', authorName: '小李', text: '还是要退款', at: new Date(Date.now() - 40 * DAY).toISOString() },
  { externalId: 'g', kind: 'message', authorId: 'u4', authorName: '私信用户', text: '在吗', at: local(0, 9) },
]);
await imp([{ externalId: 'f', authorId: 'w1', authorName: '微博网友', text: '退 款 怎么办', at: local(0, 15) }], weibo.id);

const dry = async (conditions: unknown, by = owner) => {
  const r = await by.post('/api/v1/inbox/rules/dry-run', { conditions });
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json() as { matched: number; items: { externalId: string; at: string }[] };
  assert.equal(body.matched, body.items.length);
  return body.items.map((i) => i.externalId).sort();
};
/** The list's own filter over the same items (from the public, last 30 days). */
const listed = async (query: string) =>
  ((await editor.get(`/api/v1/inbox?${query}&pageSize=100`)).json().items as { externalId: string; fromAccount: boolean; at: string }[])
    .filter((i) => !i.fromAccount && Date.parse(i.at) > Date.now() - 30 * DAY)
    .map((i) => i.externalId)
    .sort();

test('each condition type, as the dry run reads the last 30 days (own replies and older items never match)', async () => {
  assert.deepEqual(await dry({ keywords: { anyOf: ['退款'] } }), ['a', 'f'], '退 款 folds to 退款; d is the account’s, e is 40 days old');
  assert.deepEqual(await dry({ keywords: { anyOf: ['退款'], noneOf: ['怎么办'] } }), ['a']);
  assert.deepEqual(await dry({ keywords: { anyOf: ['好评', '在'] } }), ['c', 'g'], 'any of, a one-character word on the raw text');
  assert.deepEqual(await dry({ sentiment: ['negative'] }), await listed('sentiment=negative'));
  assert.deepEqual(await dry({ platforms: ['weibo'] }), ['f']);
  assert.deepEqual(await dry({ accountIds: [acc.id] }), ['a', 'b', 'c', 'g']);
  assert.deepEqual(await dry({ kind: 'message' }), ['g']);
  assert.deepEqual(await dry({ author: { id: 'u2' } }), ['b']);
  assert.deepEqual(await dry({ author: { nameContains: '老' } }), ['c']);
  assert.deepEqual(await dry({ time: { weekdays: [6] } }), ['c'], 'Saturday in Shanghai');
  assert.deepEqual(await dry({ time: { hours: { from: 18, to: 24 } } }), ['b']);
  assert.deepEqual(await dry({ time: { hours: { from: 22, to: 10 } } }), ['g'], 'a window past midnight: 09:00 in, 10:00 out');
  assert.deepEqual(await dry({ time: { businessHours: 'inside' } }), ['a', 'f', 'g'], 'Mon–Fri 09:00–18:00 by default (g at 09:00 is inside)');
  assert.deepEqual(await dry({ time: { businessHours: 'outside' } }), ['b', 'c']);
  assert.deepEqual(await dry({ isQuestion: true }), await listed('question=yes'));
  assert.deepEqual(await dry({ isComplaint: true }), await listed('complaint=yes'));
  assert.deepEqual(await dry({ keywords: { anyOf: ['退款'] }, time: { businessHours: 'inside' }, platforms: ['xiaohongshu'] }), ['a'], 'all must hold');
});

type Rule = { id: string; name: string; enabled: boolean; position: number; hits: number };
const makeRule = async (body: Record<string, unknown>, by = owner) => {
  const r = await by.post('/api/v1/inbox/rules', { name: `规则 ${Math.random().toString(36).slice(2, 8)}`, ...body });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as Rule;
};
type Thread = {
  item: { id: string; externalId: string; tags: string[]; assigneeId: string | null; priority: string };
  ruleHits: { ruleName: string; actions: string[] }[];
};
const itemsOf = async (ws: Awaited<ReturnType<typeof workspaceWithTeam>>) => {
  const r = await t.deps.db.execute<{ id: string; external_id: string }>(sql`select id, external_id from inbox_items where workspace_id = ${ws.workspaceId}`);
  return new Map(r.rows.map((x) => [x.external_id, x.id]));
};
const thread = async (m: Member, id: string) => (await call(m).get(`/api/v1/inbox/${id}`)).json() as Thread;

test('the dry run matches exactly the items the live path applies the rule to, on the same items', async () => {
  const ws = await workspaceWithTeam(t);
  const a1 = await createAccount(t, ws.owner, { platform: 'xiaohongshu', name: 'A' });
  const a2 = await createAccount(t, ws.owner, { platform: 'weibo', name: 'B' });
  const conditions = { keywords: { anyOf: ['退款', '投诉'], noneOf: ['已解决'] }, time: { businessHours: 'outside' }, accountIds: [a1.id, a2.id] };
  const rule = await makeRule({ enabled: true, conditions, actions: { addTags: ['售后'] } }, call(ws.owner));
  const texts = ['退款！', '投诉你们', '退款已解决', '好评', '退 款', '我要投訴', '發貨慢，退款'];
  const items = texts.flatMap((text, i) =>
    [0, 1].map((j) => ({ externalId: `x${i}-${j}`, authorName: `用户${i}`, text, at: local(j ? -4 : 0, [8, 12, 19, 23][(i + j) % 4]) })),
  );
  await imp(items.slice(0, 8), a1.id, call(ws.editor));
  await imp(items.slice(8), a2.id, call(ws.editor));
  const ids = await itemsOf(ws);
  const hit = await t.deps.db.execute<{ item_id: string }>(sql`select item_id from inbox_rule_hits where rule_id = ${rule.id}`);
  const live = [...ids]
    .filter(([, id]) => hit.rows.some((h) => h.item_id === id))
    .map(([x]) => x)
    .sort();
  assert.ok(live.length >= 3 && live.length < items.length, `a real split: ${live.join(',')}`);
  assert.deepEqual(await dry(conditions, call(ws.owner)), live);
  const listedTagged = ((await call(ws.editor).get('/api/v1/inbox?tag=售后&pageSize=100')).json().items as { externalId: string }[])
    .map((i) => i.externalId)
    .sort();
  assert.deepEqual(listedTagged, live, 'the tag went on exactly the items hit');
  const [listedRule] = (await call(ws.owner).get('/api/v1/inbox/rules')).json() as Rule[];
  assert.equal(listedRule.hits, live.length);
});

test('actions: assign, tags, priority, notify with the item’s link, a risk alert; stop after skips later rules; hits in the thread', async () => {
  const ws = await workspaceWithTeam(t);
  const a = await createAccount(t, ws.owner, { platform: 'xiaohongshu', name: 'A' });
  const first = await makeRule(
    {
      enabled: true,
      stopAfter: true,
      conditions: { keywords: { anyOf: ['曝光'] } },
      actions: { assigneeId: ws.editor.userId, addTags: ['危机'], priority: 'urgent', notifyUserIds: [ws.manager.userId], alert: true },
    },
    call(ws.owner),
  );
  const second = await makeRule({ enabled: true, conditions: { keywords: { anyOf: ['曝光', '发货'] } }, actions: { addTags: ['物流'] } }, call(ws.owner));
  await imp(
    [
      { externalId: 'p', authorName: '甲', text: '再不发货我就去曝光', at: local(0, 10) },
      { externalId: 'q', authorName: '乙', text: '发货了吗', at: local(0, 11) },
    ],
    a.id,
    call(ws.editor),
  );
  const ids = await itemsOf(ws);
  const p = await thread(ws.editor, ids.get('p') as string);
  assert.deepEqual([p.item.assigneeId, p.item.tags, p.item.priority], [ws.editor.userId, ['危机'], 'urgent']);
  assert.deepEqual(
    p.ruleHits.map((h) => [h.ruleName, h.actions]),
    [[first.name, ['assign', 'tags', 'priority', 'notify', 'alert']]],
    'the second rule is skipped after the first',
  );
  const q = await thread(ws.editor, ids.get('q') as string);
  assert.deepEqual([q.item.tags, q.ruleHits.map((h) => h.ruleName)], [['物流'], [second.name]]);
  const notes = (await call(ws.manager).get('/api/v1/notifications?pageSize=50')).json() as { items: { kind: string; link: string }[] };
  assert.deepEqual(
    notes.items.filter((n) => n.kind === 'inbox.rule').map((n) => n.link),
    [`/inbox?item=${ids.get('p')}`],
  );
  const alerts = await t.deps.db
    .select()
    .from(monitorAlerts)
    .where(and(eq(monitorAlerts.workspaceId, ws.workspaceId), eq(monitorAlerts.kind, 'rule')));
  assert.deepEqual(
    alerts.map((x) => [x.rule, x.itemCount]),
    [[`rule:${first.id}`, 1]],
  );
  const audit = await t.deps.db.execute(sql`select 1 from audit_log where workspace_id = ${ws.workspaceId} and action = 'inbox.rule'`);
  assert.equal(audit.rows.length, 2);
});

test('a rule whose action breaks (its assignee left) loses no item; the other rules still apply', async () => {
  const ws = await workspaceWithTeam(t);
  const a = await createAccount(t, ws.owner, { platform: 'xiaohongshu', name: 'A' });
  await makeRule({ enabled: true, conditions: { keywords: { anyOf: ['退款'] } }, actions: { assigneeId: ws.analyst.userId } }, call(ws.owner));
  const ok = await makeRule({ enabled: true, conditions: { keywords: { anyOf: ['退款'] } }, actions: { priority: 'high' } }, call(ws.owner));
  await t.deps.db.delete(memberships).where(and(eq(memberships.workspaceId, ws.workspaceId), eq(memberships.userId, ws.analyst.userId)));
  const r = await call(ws.editor).post('/api/v1/inbox/import', { accountId: a.id, items: [{ externalId: 'z', text: '我要退款', at: local(0, 10) }] });
  assert.deepEqual(r.json(), { received: 1, stored: 1, duplicates: 0 });
  const th = await thread(ws.editor, (await itemsOf(ws)).get('z') as string);
  assert.deepEqual([th.item.assigneeId, th.item.priority], [null, 'high']);
  assert.deepEqual(
    th.ruleHits.map((h) => h.ruleName),
    [ok.name],
  );
});

test('bad input is a clear 400: empty rule, no action, unknown member, a guest, bad template, hour out of range, foreign account', async () => {
  const bad = async (body: Record<string, unknown>, re: RegExp) => {
    const r = await owner.post('/api/v1/inbox/rules', { name: 'x', conditions: { kind: 'comment' }, actions: { priority: 'high' }, ...body });
    assert.equal(r.statusCode, 400, `${JSON.stringify(body)}: ${r.body}`);
    assert.match(r.body, re);
  };
  await bad({ conditions: {} }, /至少需要一个条件.*at least one condition|at least one condition/s);
  await bad({ actions: {} }, /至少需要一个动作/);
  await bad({ actions: { assigneeId: other.editor.userId } }, /必须是本工作区成员/);
  await bad({ actions: { assigneeId: team.guest.userId } }, /不能处理收件箱/);
  await bad({ actions: { notifyUserIds: [other.manager.userId] } }, /must be a member/);
  await bad({ actions: { replyTemplateId: '00000000-0000-4000-8000-000000000000' } }, /回复模板不存在/);
  await bad({ conditions: { time: { hours: { from: 9, to: 25 } } } }, /小时应为 0–24/);
  await bad({ conditions: { time: { hours: { from: 9, to: 9 } } } }, /不能相同/);
  await bad({ conditions: { keywords: {} } }, /关键词条件为空/);
  await bad({ conditions: { accountIds: [(await createAccount(t, other.owner)).id] } }, /不属于本工作区/);
  const dryEmpty = await owner.post('/api/v1/inbox/rules/dry-run', { conditions: {} });
  assert.equal(dryEmpty.statusCode, 400);
});

test('rules: order, reorder, switch off; another workspace’s rule or reply is 404; managers only', async () => {
  const ws = await workspaceWithTeam(t);
  const o = call(ws.owner);
  const r1 = await makeRule({ conditions: { kind: 'comment' }, actions: { priority: 'low' } }, o);
  const r2 = await makeRule({ conditions: { kind: 'message' }, actions: { priority: 'low' } }, o);
  assert.deepEqual([r1.position, r2.position, r1.enabled], [1, 2, false]);
  const re = await o.post('/api/v1/inbox/rules/reorder', { ids: [r2.id, r1.id] });
  assert.deepEqual(
    (re.json() as Rule[]).map((r) => r.id),
    [r2.id, r1.id],
  );
  assert.equal((await o.post('/api/v1/inbox/rules/reorder', { ids: [r2.id] })).statusCode, 400, 'every rule once');
  assert.equal((await o.patch(`/api/v1/inbox/rules/${r1.id}`, { enabled: true })).json().enabled, true);
  assert.equal((await owner.patch(`/api/v1/inbox/rules/${r1.id}`, { enabled: false })).statusCode, 404);
  assert.equal((await owner.del(`/api/v1/inbox/rules/${r1.id}`)).statusCode, 404);
  assert.equal((await call(team.manager).post(`/api/v1/inbox/replies/${r1.id}/approve`, {})).statusCode, 404);
  for (const m of [ws.editor, ws.analyst, ws.guest]) {
    assert.equal((await call(m).get('/api/v1/inbox/rules')).statusCode, 403, m.role);
    assert.equal((await call(m).post('/api/v1/inbox/rules/dry-run', { conditions: { kind: 'comment' } })).statusCode, 403, m.role);
  }
  assert.equal((await call(ws.manager).post('/api/v1/inbox/rules/dry-run', { conditions: { kind: 'comment' } })).statusCode, 200);
  assert.equal((await o.del(`/api/v1/inbox/rules/${r1.id}`)).statusCode, 200);
  assert.deepEqual(
    ((await o.get('/api/v1/inbox/rules')).json() as Rule[]).map((r) => r.id),
    [r2.id],
  );
});
