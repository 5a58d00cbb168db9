import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, type Member, testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount } from '../../test/fixtures';
import { screenIncoming } from './monitor';

const t = await testEnv();
type Team = Awaited<ReturnType<typeof workspaceWithTeam>>;
let seq = 0;

const call = (m: Member, method: string, url: string, payload?: unknown) =>
  as(t, m)({ method: method as 'GET', url, ...(payload === undefined ? {} : { payload: payload as object }) });
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const comment = (text: string, at = ago(0), extra: Record<string, unknown> = {}) => ({ source: 'comment', externalId: `c-${++seq}`, text, at, ...extra });

async function feed(team: Team, items: unknown[]) {
  const r = await call(team.manager, 'POST', '/api/v1/monitor/items', { items });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as { received: number; stored: number; duplicates: number; alertsRaised: string[] };
}
async function alerts(team: Team, q = '') {
  return (await call(team.guest, 'GET', `/api/v1/alerts${q}`)).json() as { total: number; items: Record<string, unknown>[] };
}
const NEGATIVE = ['太失望了，再也不买了', '客服态度很差，投诉无门', '质量太差，垃圾产品', '发货太慢了，非常不满', '骗人的东西，恶心', '包装破损，难用死了'];
const CALM = ['物流很快，包装也不错', '请问什么时候上新？', '支持一下', '今天下单了', '颜色很好看', '已收到'];

test('a keyword written with junk and zero-width characters raises one alert; more hits join it', async () => {
  const team = await workspaceWithTeam(t);
  const first = await feed(team, [comment('你们这是虚*假 宣传，我要维\u200b权！'), comment('本品全网最 佳，推荐')]);
  assert.equal(first.stored, 2);
  assert.equal(first.alertsRaised.length, 1, 'one alert for the crisis words; the ad-law word alone does not alert');
  const a = (await alerts(team)).items[0];
  assert.deepEqual([a.kind, a.rule, a.status, a.itemCount], ['keyword', 'keyword:crisis', 'open', 1]);
  assert.deepEqual((a.evidence as { terms: string[] }).terms.sort(), ['维权', '虚假宣传'].sort());
  assert.match(String(a.summaryZh), /评论命中预警词/);

  const more = await feed(team, [comment('已经打了12315投诉', ago(-1000)), comment('集体诉讼走起'), comment('维 权群在这里')]);
  assert.deepEqual(more.alertsRaised, [], 'hits within the window join the open alert');
  const after = await alerts(team);
  assert.equal(after.total, 1);
  assert.equal(after.items[0].itemCount, 4);
  const stored = (await call(team.guest, 'GET', `/api/v1/monitor/items?alertId=${a.id}`)).json();
  assert.equal(stored.total, 4);
  assert.ok(stored.items.every((i: { hits: { action: string }[] }) => i.hits.some((h) => h.action === 'block')));

  // A hit an hour later is a new wave: a new alert.
  await t.deps.db.execute(
    sql`update monitor_alerts set first_seen_at = first_seen_at - interval '2 hours', last_seen_at = last_seen_at - interval '2 hours' where workspace_id = ${team.workspaceId}`,
  );
  assert.equal((await feed(team, [comment('又一个要维权的')])).alertsRaised.length, 1);
  // Notified in-app to the owners and managers.
  const n = await t.deps.db.execute(
    sql`select count(distinct user_id)::int as n from notifications where workspace_id = ${team.workspaceId} and kind = 'alert.raised'`,
  );
  assert.equal((n.rows[0] as { n: number }).n, 2);
});

test('a category the workspace marks alerting raises alerts; the same externalId is stored once', async () => {
  const team = await workspaceWithTeam(t);
  const s = await call(team.manager, 'PUT', '/api/v1/monitor/settings', {
    keywords: [{ term: '某竞品', category: 'competitor', severity: 'warn' }],
    alertCategories: [],
  });
  assert.equal(s.statusCode, 200, s.body);
  assert.equal((await feed(team, [comment('某竞品更好用')])).alertsRaised.length, 0, 'a warn keyword is recorded, not alerted');
  await call(team.manager, 'PUT', '/api/v1/monitor/settings', { alertCategories: ['competitor'] });
  assert.equal((await feed(team, [comment('还是某竞品好')])).alertsRaised.length, 1);
  assert.equal((await call(team.editor, 'PUT', '/api/v1/monitor/settings', { spikeMinCount: 1 })).statusCode, 403);

  const input = { workspaceId: team.workspaceId, source: 'message' as const, externalId: 'dm-42', author: '用户A', text: '你们太差劲了', at: new Date() };
  const one = await screenIncoming(t.deps, input);
  const two = await screenIncoming(t.deps, { ...input, text: '改过的内容' });
  assert.equal(one.duplicate, false);
  assert.equal(two.duplicate, true);
  assert.equal(two.itemId, one.itemId);
  assert.equal(one.negative, true);
  // The same id from a comment is a different item; a batch repeating an id stores it once.
  const batch = await feed(team, [
    { source: 'message', externalId: 'dm-42', text: 'x', at: ago(0) },
    { source: 'comment', externalId: 'dm-42', text: 'y', at: ago(0) },
    { source: 'comment', externalId: 'dm-42', text: 'z', at: ago(0) },
  ]);
  assert.deepEqual([batch.received, batch.stored, batch.duplicates], [3, 1, 2]);
  const rows = await t.deps.db.execute(
    sql`select source, text from monitor_items where workspace_id = ${team.workspaceId} and external_id = 'dm-42' order by source`,
  );
  assert.deepEqual(rows.rows, [
    { source: 'comment', text: 'y' },
    { source: 'message', text: '你们太差劲了' },
  ]);
});

test('a negative spike raises exactly one alert, however the comments arrive', async () => {
  const team = await workspaceWithTeam(t);
  // 40 negative comments in 6 minutes: in three batches and ten at once from the inbox.
  const items = Array.from({ length: 40 }, (_, i) => comment(NEGATIVE[i % NEGATIVE.length], ago(6 * 60_000 - i * 9000)));
  for (const chunk of [items.slice(0, 8), items.slice(8, 20), items.slice(20, 30)]) await feed(team, chunk);
  await Promise.all(items.slice(30).map((it) => screenIncoming(t.deps, { ...it, workspaceId: team.workspaceId, source: 'comment', at: new Date(it.at) })));
  const list = await alerts(team, '?kind=negative_spike');
  assert.equal(list.total, 1, JSON.stringify(list.items));
  const a = list.items[0];
  assert.equal(a.severity, 'critical');
  assert.equal(a.itemCount, 40, 'the comments after the threshold join the alert');
  assert.equal((a.evidence as { itemIds: string[] }).itemIds.length, 40);
  assert.match(String(a.summaryZh), /15 分钟内 11 条负面/);
  assert.equal((await alerts(team, '?kind=keyword')).total, 1, 'the crisis word 投诉 in one of them is a separate keyword alert');
});

test('a calm stream raises none, and a busy but normal day needs M × its baseline to alert', async () => {
  const calm = await workspaceWithTeam(t);
  // A day of comments, mostly fine, a few negative ones every hour.
  const day = Array.from({ length: 300 }, (_, i) => comment(i % 10 === 0 ? NEGATIVE[i % NEGATIVE.length] : CALM[i % CALM.length], ago(i * 4.8 * 60_000)));
  assert.deepEqual((await feed(calm, day)).alertsRaised, []);
  assert.equal((await alerts(calm)).total, 0);

  // 8 negative comments per 15 minutes, all day and now too, is this workspace's normal: the
  // threshold is max(K, M × expected) = max(10, 3 × 7.9) ≈ 23.7, so 20 in a window is not a spike
  // (though over K), and 30 is.
  const busy = await workspaceWithTeam(t);
  await call(busy.manager, 'PUT', '/api/v1/monitor/settings', { keywords: [] });
  const step = (24 * 3600_000) / (8 * 96);
  const base = Array.from({ length: 8 * 96 }, (_, i) => comment(NEGATIVE[i % NEGATIVE.length], ago(i * step)));
  for (let i = 0; i < base.length; i += 500) assert.deepEqual((await feed(busy, base.slice(i, i + 500))).alertsRaised, []);
  const twelve = Array.from({ length: 12 }, (_, i) => comment(NEGATIVE[i % NEGATIVE.length], ago(10 * 60_000 - i * 40_000)));
  assert.deepEqual((await feed(busy, twelve)).alertsRaised, [], '20 in the window, under 3 × the baseline');
  const ten = Array.from({ length: 10 }, (_, i) => comment(NEGATIVE[i % NEGATIVE.length], ago(60_000 - i * 1000)));
  const spike = await feed(busy, ten);
  assert.equal(spike.alertsRaised.length, 1);
  assert.match(String((await alerts(busy)).items[0].summaryEn), /threshold 23\.\d/);
});

test('alerts: acknowledge, open an incident from one, and the feed validates its input', async () => {
  const team = await workspaceWithTeam(t);
  const other = await workspaceWithTeam(t);
  const [id] = (await feed(team, [comment('食物中毒了，要曝光你们')])).alertsRaised;
  assert.equal((await call(team.guest, 'POST', `/api/v1/alerts/${id}/acknowledge`)).statusCode, 403);
  const ack = await call(team.analyst, 'POST', `/api/v1/alerts/${id}/acknowledge`);
  assert.deepEqual([ack.statusCode, ack.json().status, ack.json().acknowledgedBy], [200, 'acknowledged', team.analyst.userId]);
  assert.equal((await call(other.owner, 'POST', `/api/v1/alerts/${id}/incident`, {})).statusCode, 404);

  const pb = (await call(team.guest, 'GET', '/api/v1/playbooks')).json().find((p: { key: string }) => p.key === 'negative_publicity');
  const inc = await call(team.editor, 'POST', `/api/v1/alerts/${id}/incident`, { playbookId: pb.id });
  assert.equal(inc.statusCode, 201, inc.body);
  const i = inc.json();
  assert.deepEqual([i.trigger, i.alertId, i.severity, i.checklist.length], ['alert', id, 'sev2', 8]);
  assert.deepEqual(
    i.timeline.map((e: { kind: string }) => e.kind),
    ['created', 'alert_linked'],
  );
  const a = (await call(team.guest, 'GET', `/api/v1/alerts/${id}`)).json();
  assert.deepEqual([a.status, a.incidentId], ['escalated', i.id]);
  assert.equal((await call(team.editor, 'POST', `/api/v1/alerts/${id}/incident`, {})).statusCode, 409);
  assert.equal((await alerts(team, '?status=escalated')).total, 1);
  assert.equal((await alerts(team, '?status=open')).total, 0);

  // The feed: managers only, at most 500, not in the future, accounts of this workspace only.
  assert.equal((await call(team.editor, 'POST', '/api/v1/monitor/items', { items: [comment('x')] })).statusCode, 403);
  const big = await call(team.manager, 'POST', '/api/v1/monitor/items', { items: Array.from({ length: 501 }, () => comment('x')) });
  assert.equal(big.statusCode, 400);
  assert.match(big.json().error.message, /每批最多 500 条/);
  const future = await call(team.manager, 'POST', '/api/v1/monitor/items', { items: [comment('x', new Date(Date.now() + 3600_000).toISOString())] });
  assert.equal(future.statusCode, 400);
  assert.match(future.json().error.message, /晚于现在.*future/);
  const acc = await createAccount(t, other.owner);
  assert.equal((await call(team.manager, 'POST', '/api/v1/monitor/items', { items: [comment('x', ago(0), { accountId: acc.id })] })).statusCode, 400);
  const noText = await call(team.manager, 'POST', '/api/v1/monitor/items', { items: [{ source: 'comment', externalId: 'e', text: '', at: ago(0) }] });
  assert.equal(noText.statusCode, 400);
  assert.match(noText.json().error.message, /内容不能为空/);
  const before = await t.deps.db.execute(sql`select count(*)::int as n from monitor_items where workspace_id = ${team.workspaceId}`);
  assert.equal((before.rows[0] as { n: number }).n, 1, 'nothing of a refused batch is stored');
  const neg = (await call(team.guest, 'GET', '/api/v1/monitor/items?sentiment=negative&hits=yes')).json();
  assert.equal(neg.total, 1);
  assert.ok(neg.items[0].sentiment < 0);
});

test('two batches naming the same items (in opposite orders) sent at once: each item stored once, a duplicate for the other', async () => {
  const team = await workspaceWithTeam(t);
  const items = Array.from({ length: 60 }, (_, i) => comment(i % 2 ? NEGATIVE[i % NEGATIVE.length] : '挺好的，下次还来', ago(i * 1000)));
  const [a, b] = await Promise.all([feed(team, items), feed(team, [...items].reverse())]);
  assert.equal(a.stored + b.stored, 60, 'every item stored by one of them');
  assert.equal(a.duplicates + b.duplicates, 60, 'and found as a duplicate by the other');
  const [{ n }] = (await t.deps.db.execute(sql`select count(*)::int as n from monitor_items where workspace_id = ${team.workspaceId}`)).rows as { n: number }[];
  assert.equal(n, 60);
});
