import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { accountFigures, postFigures, seedAccountDays, seedAccounts, seedPostDays, seedPublished, seedTopic } from '../../test/analytics-seed';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const db = t.deps.db;
const ws = team.workspaceId;

// Two accounts over 2026-03-01…07 (the range), the week before (环比) and the same week of 2025 (同比).
const [A] = await seedAccounts(db, ws, 1, 'wechat_oa', '公众号');
const [B] = await seedAccounts(db, ws, 1, 'douyin', '抖音号');
await seedAccountDays(db, ws, [A.id], '2026-03-01', 7, (_, d) =>
  accountFigures({
    followers: 1000 + 10 * (d + 1),
    followersGained: 12,
    followersLost: 2,
    views: 100 * (d + 1),
    likes: 5,
    comments: 3,
    shares: 2,
    favorites: 1,
  }),
);
await seedAccountDays(db, ws, [B.id], '2026-03-01', 7, (_, d) =>
  accountFigures({ followers: 500 + 5 * (d + 1), followersGained: 6, followersLost: 1, views: 50, likes: 10, comments: null, shares: 0 }),
);
await seedAccountDays(db, ws, [A.id], '2026-02-22', 7, () => accountFigures({ followers: 990, views: 10, likes: 1 }));
await seedAccountDays(db, ws, [A.id], '2025-03-01', 7, () => accountFigures({ followers: 800, views: 1 }));
// The other workspace's figures on the same days must never show.
const [X] = await seedAccounts(db, other.workspaceId, 1, 'wechat_oa');
await seedAccountDays(db, other.workspaceId, [X.id], '2026-03-01', 7, () => accountFigures({ followers: 99999, views: 99999, likes: 99999 }));

// Posts: a Tuesday-evening article of topic 新品评测 (pillar 干货) and a Monday-morning video without topic.
const topic = await seedTopic(db, ws, team.owner.userId, '新品评测', ['干货', '评测']);
const [p1, p2] = await seedPublished(db, ws, team.owner.userId, [
  { accountId: A.id, title: '春季新品评测', publishedAt: new Date('2026-03-03T12:00:00Z'), topicId: topic, author: '小王' },
  { accountId: B.id, title: '开箱视频', publishedAt: new Date('2026-03-02T01:00:00Z'), format: 'video' },
]);
await seedPostDays(db, ws, [p1], '2026-03-03', 2, (_, d) =>
  d === 0 ? postFigures({ views: 1000, likes: 50, comments: 10, shares: 5, zaikan: 5, favorites: 9 }) : postFigures({ views: 100001, likes: 30 }),
);
await seedPostDays(db, ws, [p2], '2026-03-02', 1, () => postFigures({ views: 200, likes: 2 }));

const get = (url: string, m = team.analyst) => as(t, m)({ method: 'GET', url });
const RANGE = 'from=2026-03-01&to=2026-03-07';

test('overview: totals, 环比 and 同比 against hand-computed sums; engagement with its definition', async () => {
  const r = await get(`/api/v1/analytics/overview?${RANGE}`);
  assert.equal(r.statusCode, 200, r.body);
  const o = r.json();
  assert.deepEqual(o.previous, { from: '2026-02-22', to: '2026-02-28' });
  assert.deepEqual(o.lastYear, { from: '2025-03-01', to: '2025-03-07' });
  // followers: each account's last day (1070 + 535); views 100·(1+…+7) + 7·50; interactions A 10/day, B 10/day.
  assert.equal(o.totals.followers, 1605);
  assert.equal(o.totals.followersGained, 126);
  assert.equal(o.totals.followersLost, 21);
  assert.equal(o.totals.netFollowers, 105);
  assert.equal(o.totals.views, 3150);
  assert.equal(o.totals.interactions, 140);
  assert.equal(o.totals.engagementRate, 140 / 3150);
  assert.equal(o.totals.conversionRate, null, 'no link clicks: no rate');
  assert.equal(o.previousTotals.views, 70);
  assert.equal(o.previousTotals.interactions, 7);
  assert.equal(o.previousTotals.followersGained, null, 'not known is null, not 0');
  assert.equal(o.lastYearTotals.views, 7);
  assert.equal(o.lastYearTotals.followers, 800);
  assert.match(o.engagementDefinition.zh, /互动 ÷ 阅读/);
  assert.equal(o.series.length, 7);
  assert.deepEqual(o.series[0], {
    period: '2026-03-01',
    followers: 1515,
    followersGained: 18,
    followersLost: 3,
    views: 150,
    interactions: 20,
    engagementRate: 20 / 150,
  });
  const byPlatform = Object.fromEntries(o.byPlatform.map((p: { key: string; views: number; followers: number }) => [p.key, [p.views, p.followers]]));
  assert.deepEqual(byPlatform, { wechat_oa: [2800, 1070], douyin: [350, 535] });
  const byAccount = o.byAccount.map((a: { label: string; interactions: number }) => [a.label, a.interactions]);
  assert.deepEqual(byAccount, [
    [A.name, 70],
    [B.name, 70],
  ]);
});

test('overview by week (Monday first), by platform filter and for one account; another workspace’s account is 404', async () => {
  const w = (await get(`/api/v1/analytics/overview?${RANGE}&granularity=week`)).json();
  // 2026-03-01 is a Sunday: its week starts 02-23; the rest fall in the week of 03-02.
  assert.deepEqual(
    w.series.map((s: { period: string; views: number; followers: number }) => [s.period, s.views, s.followers]),
    [
      ['2026-02-23', 150, 1515],
      ['2026-03-02', 3000, 1605],
    ],
  );
  const dy = (await get(`/api/v1/analytics/overview?${RANGE}&platform=douyin`)).json();
  assert.equal(dy.totals.views, 350);
  const one = (await get(`/api/v1/analytics/overview?${RANGE}&accountId=${A.id}`)).json();
  assert.equal(one.totals.views, 2800);
  assert.equal((await get(`/api/v1/analytics/overview?${RANGE}&accountId=${X.id}`)).statusCode, 404);
  const theirs = (await get(`/api/v1/analytics/overview?${RANGE}`, other.owner)).json();
  assert.equal(theirs.totals.views, 7 * 99999);
});

test('bad ranges are refused with a clear 400', async () => {
  const back = await get('/api/v1/analytics/overview?from=2026-03-07&to=2026-03-01');
  assert.equal(back.statusCode, 400);
  assert.match(back.json().error.message, /开始日期不能晚于结束日期/);
  assert.equal((await get('/api/v1/analytics/overview?from=2020-01-01&to=2026-01-01')).statusCode, 400);
  assert.equal((await get('/api/v1/analytics/overview?from=2026-02-30&to=2026-03-01')).statusCode, 400);
});

test('audience growth: start, end, gained, lost, net and growth rate per account', async () => {
  const a = (await get(`/api/v1/analytics/audience?${RANGE}`)).json();
  const rowA = a.byAccount.find((x: { accountId: string }) => x.accountId === A.id);
  assert.deepEqual(
    { start: rowA.start, end: rowA.end, gained: rowA.gained, lost: rowA.lost, net: rowA.net, growthRate: rowA.growthRate },
    { start: 1010, end: 1070, gained: 84, lost: 14, net: 70, growthRate: 70 / 1010 },
  );
  assert.deepEqual(a.series[6], { period: '2026-03-07', followers: 1605, gained: 18, lost: 3, net: 15 });
});

test('a post tagged with a strategy pillar is grouped under it, by the pillar’s latest name; untagged posts keep their topic’s first tag', async () => {
  const save = (pillars: { id?: string; name: string; share: number }[], expectedVersion?: number) =>
    as(t, team.manager)({ method: 'PUT', url: '/api/v1/strategies/current', payload: { accountId: null, positioning: '测评', pillars, expectedVersion } });
  const first = await save([
    { name: '开箱', share: 60 },
    { name: '教程', share: 40 },
  ]);
  assert.equal(first.statusCode, 200, first.body);
  const [unbox, howto] = first.json().content.pillars as { id: string; name: string }[];
  const videoPost = p2.postId;
  await db.execute(sql`update posts set pillar_id = ${unbox.id} where id = ${videoPost}`);
  const by = async () =>
    (await get(`/api/v1/analytics/content?${RANGE}&by=pillar`)).json().rows.map((r: { label: string; views: number }) => [r.label, r.views]);
  assert.deepEqual(await by(), [
    ['干货', 101001],
    ['开箱', 200],
  ]);
  const renamed = await save(
    [
      { id: unbox.id, name: '开箱测评', share: 60 },
      { id: howto.id, name: '教程', share: 40 },
    ],
    1,
  );
  assert.equal(renamed.statusCode, 200, renamed.body);
  assert.deepEqual((await by())[1], ['开箱测评', 200]);
  await db.execute(sql`update posts set pillar_id = null where id = ${videoPost}`);
});

test('content analysis by topic, pillar, format, author, weekday and hour (workspace time)', async () => {
  const by = async (d: string) =>
    (await get(`/api/v1/analytics/content?${RANGE}&by=${d}`))
      .json()
      .rows.map((r: { key: string; label: string; views: number; interactions: number }) => [r.label, r.views, r.interactions]);
  assert.deepEqual(await by('topic'), [
    ['新品评测', 101001, 100],
    ['未关联选题 No topic', 200, 2],
  ]);
  assert.deepEqual((await by('pillar'))[0], ['干货', 101001, 100]);
  assert.deepEqual(await by('format'), [
    ['文章 Article', 101001, 100],
    ['视频 Video', 200, 2],
  ]);
  assert.deepEqual((await by('author'))[0], ['小王', 101001, 100]);
  // 2026-03-03T12:00Z is Tuesday 20:00 in Shanghai; 2026-03-02T01:00Z Monday 09:00.
  assert.deepEqual(await by('weekday'), [
    ['周一 Mon', 200, 2],
    ['周二 Tue', 101001, 100],
  ]);
  assert.deepEqual(await by('hour'), [
    ['09:00', 200, 2],
    ['20:00', 101001, 100],
  ]);
});

test('top and bottom posts, and a post page with engagement by views and by followers on the day', async () => {
  const top = (await get(`/api/v1/analytics/posts?${RANGE}&sort=views`)).json();
  assert.deepEqual(
    top.rows.map((r: { title: string; views: number }) => [r.title, r.views]),
    [
      ['春季新品评测', 101001],
      ['开箱视频', 200],
    ],
  );
  const bottom = (await get(`/api/v1/analytics/posts?${RANGE}&sort=engagement&order=asc&limit=1`)).json();
  assert.deepEqual(
    bottom.rows.map((r: { title: string; engagementRate: number }) => [r.title, r.engagementRate]),
    [['春季新品评测', 100 / 101001]],
  );
  const page = (await get(`/api/v1/analytics/posts/${p1.postId}`)).json();
  assert.deepEqual(page.post, { id: p1.postId, title: '春季新品评测', author: '小王', topic: '新品评测' });
  const pub = page.publications[0];
  // Followers of account A at the end of 2026-03-03 (the day it went out, Shanghai time).
  assert.equal(pub.followersAtPublish, 1030);
  assert.equal(pub.interactions, 100);
  assert.equal(pub.engagementByFollowers, 100 / 1030);
  assert.deepEqual(
    page.series.map((d: { day: string; views: number; interactions: number }) => [d.day, d.views, d.interactions]),
    [
      ['2026-03-03', 1000, 70],
      ['2026-03-04', 100001, 30],
    ],
  );
  assert.equal((await get(`/api/v1/analytics/posts/${p1.postId}`, other.owner)).statusCode, 404);
});

test('one account: its posts only, over a week (read by day) and a whole month (read from the monthly roll-up)', async () => {
  for (const range of [RANGE, 'from=2026-03-01&to=2026-03-31', 'from=2026-02-15&to=2026-03-31']) {
    const views = async (accountId: string, by: string) =>
      (await get(`/api/v1/analytics/content?${range}&by=${by}&accountId=${accountId}`)).json().rows.map((r: { views: number }) => r.views);
    assert.deepEqual(await views(A.id, 'platform'), [101001], range);
    assert.deepEqual(await views(B.id, 'platform'), [200], range);
    const posts = async (accountId: string) =>
      (await get(`/api/v1/analytics/posts?${range}&sort=views&accountId=${accountId}`)).json().rows.map((r: { title: string }) => r.title);
    assert.deepEqual(await posts(A.id), ['春季新品评测'], range);
    assert.deepEqual(await posts(B.id), ['开箱视频'], range);
  }
  const theirs = await get(`/api/v1/analytics/content?${RANGE}&by=platform&accountId=${X.id}`);
  assert.equal(theirs.statusCode, 404, 'another workspace’s account');
});

test('export: the accounts table as xlsx has real number cells; the overview as CSV has a BOM and both languages', async () => {
  const x = await get(`/api/v1/analytics/export?${RANGE}&chart=accounts&format=xlsx`);
  assert.equal(x.statusCode, 200, x.body);
  assert.match(String(x.headers['content-disposition']), /meiyun-accounts-2026-03-01-2026-03-07\.xlsx/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const head = (sheet.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(head.slice(0, 3), ['账号 Account', '账号数 Accounts', '粉丝数 Followers']);
  const rows = [2, 3].map((i) => (sheet.getRow(i).values as unknown[]).slice(1));
  const viewsAt = head.indexOf('阅读/播放 Views');
  assert.deepEqual(
    rows.map((r) => [r[0], r[2], r[viewsAt]]),
    [
      [A.name, 1070, 2800],
      [B.name, 535, 350],
    ],
  );
  assert.equal(typeof rows[0][viewsAt], 'number');
  const rateAt = head.indexOf('互动率 Engagement rate');
  assert.equal(rows[0][rateAt], 70 / 2800);
  assert.equal(sheet.getRow(2).getCell(rateAt + 1).numFmt, '0.00%');

  const c = await get(`/api/v1/analytics/export?${RANGE}&chart=overview&format=csv`);
  assert.equal(c.statusCode, 200);
  const lines = c.body.split(/\r?\n/);
  assert.ok(lines[0].startsWith('\uFEFF日期 Period,粉丝数 Followers'), lines[0]);
  assert.equal(lines[1], '2026-03-01,1515,18,3,150,20,0.13333333333333333');

  // A WeChat article's 100001 reads stay a number in the cell, shown as 10万+ by its format.
  const top = await get(`/api/v1/analytics/export?${RANGE}&chart=posts&format=xlsx`);
  const tw = new ExcelJS.Workbook();
  await tw.xlsx.load(top.rawPayload as unknown as ArrayBuffer);
  const cell = tw.worksheets[0].getRow(2).getCell(5);
  assert.equal(cell.value, 101001);
  assert.equal(cell.numFmt, '[>=100001]"10万+";0');
  assert.equal((await get(`/api/v1/analytics/export?${RANGE}&chart=post&format=csv`)).statusCode, 400);
});
