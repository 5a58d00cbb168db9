import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { accountFigures, postFigures, seedAccountDays, seedAccounts, seedPostDays, seedPublished } from '../../test/analytics-seed';
import { createLink, postSigned, webhookOf } from '../../test/links';
import { buildReportData } from '../reports/data';
import { followLink } from './redirect';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const db = t.deps.db;
const ws = team.workspaceId;

// Two accounts with a published post each, figures on 2–3 March 2026 (so both rank as top posts
// and appear by account).
const [A, B] = [...(await seedAccounts(db, ws, 1, 'wechat_oa', '公众号')), ...(await seedAccounts(db, ws, 1, 'weibo', '微博'))];
const [p1, p2] = await seedPublished(db, ws, team.owner.userId, [
  { accountId: A.id, title: '春季新品', publishedAt: new Date('2026-03-02T02:00:00Z') },
  { accountId: B.id, title: '春季转发', publishedAt: new Date('2026-03-02T03:00:00Z') },
]);
await seedPostDays(db, ws, [p1, p2], '2026-03-02', 2, () => postFigures({ views: 100, likes: 10 }));
await seedAccountDays(db, ws, [A.id, B.id], '2026-03-02', 2, () => accountFigures({ views: 100 }));
const l1 = await createLink(t, team.editor, { postId: p1.postId, accountId: A.id, campaign: '春季' });
const l2 = await createLink(t, team.editor, { publicationId: p2.id, campaign: '春季' });
const l3 = await createLink(t, team.editor, { campaign: '会员' });

// Clicks on 3 March (Shanghai): 4 on l1, 2 on l2, each from its own visitor.
const march3 = new Date('2026-03-03T04:00:00Z');
const click = (code: string, i: number) => followLink(t.deps, code, { ip: `198.51.100.${i}`, userAgent: 'Mozilla/5.0 (iPhone) Safari' }, march3);
for (let i = 0; i < 4; i++) await click(l1.code, i);
for (let i = 0; i < 2; i++) await click(l2.code, i);
const hook = await webhookOf(t, team.manager);
const convert = async (event_id: string, occurred_at: string, code?: string) => {
  const r = await postSigned(t, hook, { event_id, kind: 'order', value: 100, occurred_at, ...(code ? { code } : {}) });
  assert.equal(r.statusCode, 200, r.body);
};
await convert('o-1', '2026-03-03T10:00:00+08:00', l1.code);
await convert('o-2', '2026-03-04T10:00:00+08:00', l2.code);
await convert('o-3', '2026-03-05T10:00:00+08:00', l3.code);
await convert('o-4', '2026-03-05T11:00:00+08:00');
await convert('o-5', '2026-02-25T11:00:00+08:00', l1.code);

const get = (url: string) =>
  as(
    t,
    team.analyst,
  )({ method: 'GET', url }).then((r) => {
    assert.equal(r.statusCode, 200, r.body);
    return r.json();
  });

test('overview: clicks, conversions and conversion rate in the totals, by account and by campaign', async () => {
  const o = await get('/api/v1/analytics/overview?from=2026-03-01&to=2026-03-07');
  // 6 clicks; 4 conversions (l1, l2, l3 and one the site sent without a link).
  assert.deepEqual([o.totals.clicks, o.totals.conversions, o.totals.conversionRate], [6, 4, 4 / 6]);
  assert.deepEqual([o.previousTotals.clicks, o.previousTotals.conversions, o.previousTotals.conversionRate], [0, 1, null], 'no clicks: no rate');
  const acc = Object.fromEntries(
    o.byAccount.map((r: { key: string; clicks: number; conversions: number; conversionRate: number }) => [r.key, [r.clicks, r.conversions, r.conversionRate]]),
  );
  assert.deepEqual(acc[A.id], [4, 1, 0.25]);
  assert.deepEqual(acc[B.id], [2, 1, 0.5]);
  const camp = Object.fromEntries(
    o.byCampaign.map((r: { campaign: string; clicks: number; conversions: number; conversionRate: number | null }) => [
      r.campaign,
      [r.clicks, r.conversions, r.conversionRate],
    ]),
  );
  assert.deepEqual(camp, { 春季: [6, 2, 2 / 6], 会员: [0, 1, null] });
  assert.match(o.conversionDefinition.zh, /转化率 = 转化数 ÷ 点击数/);
  const one = await get(`/api/v1/analytics/overview?from=2026-03-01&to=2026-03-07&accountId=${A.id}`);
  assert.deepEqual([one.totals.clicks, one.totals.conversions], [4, 1], 'one account: its links only, no unlinked conversions');
});

test('top posts and the post page carry each post’s clicks and conversion rate', async () => {
  const top = await get('/api/v1/analytics/posts?from=2026-03-01&to=2026-03-07');
  const row = (id: string) => top.rows.find((r: { publicationId: string }) => r.publicationId === id);
  assert.deepEqual([row(p1.id).clicks, row(p1.id).conversions, row(p1.id).conversionRate], [4, 1, 0.25]);
  assert.deepEqual([row(p2.id).clicks, row(p2.id).conversions, row(p2.id).conversionRate], [2, 1, 0.5]);
  const page = await get(`/api/v1/analytics/posts/${p1.postId}`);
  assert.deepEqual([page.publications[0].clicks, page.publications[0].conversions], [4, 2], 'all its days: the February conversion too');
});

test('the weekly report’s conversions KPI with 环比', async () => {
  const d = await buildReportData(db, {
    workspaceId: ws,
    workspaceName: '测试',
    timezone: 'Asia/Shanghai',
    accountId: null,
    period: 'week',
    start: '2026-03-02',
  });
  const k = d.kpis.find((x) => x.key === 'conversions');
  // This week (2–8 March): o-1…o-4; the week before (23 Feb–1 Mar): o-5.
  assert.deepEqual([k?.current, k?.previous, k?.mom], [4, 1, 3]);
});

test('content analysis: each group carries the clicks and conversions of its variants’ links', async () => {
  const c = await get('/api/v1/analytics/content?from=2026-03-01&to=2026-03-07&by=platform');
  const row = (key: string) => c.rows.find((r: { key: string }) => r.key === key);
  assert.deepEqual([row('wechat_oa').clicks, row('wechat_oa').conversions, row('wechat_oa').conversionRate], [4, 1, 0.25]);
  assert.deepEqual([row('weibo').clicks, row('weibo').conversions, row('weibo').conversionRate], [2, 1, 0.5]);
});
