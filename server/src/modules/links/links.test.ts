import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount, createPost } from '../../test/fixtures';
import { createLink, visit } from '../../test/links';
import { redirectUrl } from './codes';
import { classify } from './visitors';

const t = await testEnv();
const team = await workspaceWithTeam(t);

const clickRows = async (linkId: string) =>
  (
    await t.deps.db.execute<{ day: string; clicks: number; uniques: number; previews: number; bots: number }>(
      sql`select * from link_clicks where link_id = ${linkId}`,
    )
  ).rows;

test('UTM merge: the target query and fragment are kept, a utm_* already in the target wins', () => {
  const utm = { source: 'wechat_oa', medium: 'social', campaign: '618', content: 'v1' };
  assert.equal(
    redirectUrl('https://shop.example.com/p?q=a%20b&utm_medium=email#top', utm),
    'https://shop.example.com/p?q=a%20b&utm_medium=email&utm_source=wechat_oa&utm_campaign=618&utm_content=v1#top',
  );
  assert.equal(
    redirectUrl('https://shop.example.com/', { ...utm, campaign: null, content: null }),
    'https://shop.example.com/?utm_source=wechat_oa&utm_medium=social',
  );
});

test('a link for a variant: unguessable code, UTM source from the platform, /l/<code> redirects there with the query kept', async () => {
  const account = await createAccount(t, team.owner);
  const post = await createPost(t, team.editor);
  const link = await createLink(t, team.editor, {
    targetUrl: 'https://shop.example.com/item?id=7',
    postId: post.id,
    accountId: account.id,
    campaign: '春季上新',
  });
  assert.match(link.code, /^[0-9A-Za-z]{8}$/);
  const r = await visit(t, link.code);
  assert.equal(r.statusCode, 302);
  assert.equal(r.headers.location, `https://shop.example.com/item?id=7&utm_source=wechat_oa&utm_medium=social&utm_campaign=${encodeURIComponent('春季上新')}`);
  assert.equal(r.headers['set-cookie'], undefined, 'the redirect sets no cookie');
  assert.equal(r.headers['cache-control'], 'no-store');
});

test('unknown and archived codes get the 404 page in Chinese and English, never a redirect', async () => {
  const link = await createLink(t, team.editor);
  const off = await as(t, team.editor)({ method: 'PATCH', url: `/api/v1/links/${link.id}`, payload: { archived: true } });
  assert.equal(off.statusCode, 200, off.body);
  for (const code of [link.code, 'Zz9Zz9Zz', 'https:--evil.example']) {
    const r = await visit(t, code);
    assert.equal(r.statusCode, 404, code);
    assert.equal(r.headers.location, undefined);
    assert.match(r.body, /链接不存在/);
    assert.match(r.body, /Link not found/);
  }
});

test('a target that is not http(s) is refused with a field error in both languages', async () => {
  for (const targetUrl of ['javascript:alert(1)', 'ftp://files.example.com/a', '/relative', 'https://user:pw@example.com/']) {
    const r = await as(t, team.editor)({ method: 'POST', url: '/api/v1/links', payload: { targetUrl } });
    assert.equal(r.statusCode, 400, targetUrl);
    assert.equal(r.json().error.details[0].path, 'targetUrl');
    assert.match(r.json().error.message, /目标地址.* \/ .*target/);
  }
});

test('200 parallel clicks: clicks = 200 in one (link, day) row, one unique visitor', async () => {
  const link = await createLink(t, team.editor);
  const answers = await Promise.all(Array.from({ length: 200 }, () => visit(t, link.code)));
  assert.deepEqual([...new Set(answers.map((a) => a.statusCode))], [302]);
  const rows = await clickRows(link.id);
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0].clicks, rows[0].uniques, rows[0].previews, rows[0].bots], [200, 1, 0, 0]);
});

test('another visitor counts as unique; link previewers and crawlers are redirected but not counted as clicks', async () => {
  const link = await createLink(t, team.editor);
  await visit(t, link.code);
  await visit(t, link.code, { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Chrome/126 Mobile' });
  for (const ua of ['facebookexternalhit/1.1', 'Mozilla/5.0 (compatible; WechatShareExtension)', 'WeiboSpider/1.0']) {
    assert.equal((await visit(t, link.code, { 'user-agent': ua })).statusCode, 302);
  }
  for (const ua of ['Mozilla/5.0 (compatible; Googlebot/2.1)', 'curl/8.5.0', 'Baiduspider']) await visit(t, link.code, { 'user-agent': ua });
  const [row] = await clickRows(link.id);
  assert.deepEqual([row.clicks, row.uniques, row.previews, row.bots], [2, 2, 3, 3]);
  assert.equal(classify(undefined), 'bot');
  assert.equal(classify('Mozilla/5.0 (iPhone) MicroMessenger/8.0.47 NetType/WIFI'), 'click', 'a person in WeChat’s browser is a click');
});

test('no personal data: the click table has counters only, and no stored value holds the IP or the user agent', async () => {
  const link = await createLink(t, team.editor);
  const ua = 'Mozilla/5.0 (X11; Linux) UniqueAgent/42';
  await visit(t, link.code, { 'user-agent': ua, 'x-forwarded-for': '203.0.113.77' });
  const cols = await t.deps.db.execute<{ column_name: string }>(
    sql`select column_name from information_schema.columns where table_name = 'link_clicks' order by ordinal_position`,
  );
  assert.deepEqual(
    cols.rows.map((c) => c.column_name),
    ['link_id', 'day', 'clicks', 'uniques', 'previews', 'bots'],
  );
  for (const table of ['link_clicks', 'links', 'conversions']) {
    const all = await t.deps.db.execute(sql.raw(`select row_to_json(x)::text as j from ${table} x`));
    for (const r of all.rows as { j: string }[]) {
      assert.doesNotMatch(r.j, /UniqueAgent|203\.0\.113\.77|127\.0\.0\.1/, table);
    }
  }
});

test('list: search, filters, pagination, and never another workspace’s links', async () => {
  const other = await workspaceWithTeam(t);
  const theirs = await createLink(t, other.editor, { targetUrl: 'https://other.example.com/x', campaign: '双十一' });
  const post = await createPost(t, team.editor, { title: '双十一预热' });
  const a = await createLink(t, team.editor, { targetUrl: 'https://shop.example.com/double11', postId: post.id, campaign: '双十一' });
  const b = await createLink(t, team.editor, { targetUrl: 'https://shop.example.com/double11-b', campaign: '双十一' });
  const list = (q: string) => as(t, team.guest)({ method: 'GET', url: `/api/v1/links?${q}` }).then((r) => r.json());
  const byCampaign = await list(`campaign=${encodeURIComponent('双十一')}`);
  assert.deepEqual(byCampaign.items.map((l: { id: string }) => l.id).sort(), [a.id, b.id].sort());
  assert.deepEqual(
    (await list(`postId=${post.id}`)).items.map((l: { postTitle: string }) => l.postTitle),
    ['双十一预热'],
  );
  assert.deepEqual(
    (await list(`q=${a.code}`)).items.map((l: { id: string }) => l.id),
    [a.id],
  );
  assert.equal((await list(`q=other.example.com`)).total, 0);
  const page = await list(`campaign=${encodeURIComponent('双十一')}&pageSize=1&page=2`);
  assert.deepEqual([page.total, page.items.length, page.page], [2, 1, 2]);
  const stats = await as(t, team.owner)({ method: 'GET', url: `/api/v1/links/${theirs.id}/stats` });
  assert.equal(stats.statusCode, 404);
  const edit = await as(t, team.owner)({ method: 'PATCH', url: `/api/v1/links/${theirs.id}`, payload: { archived: true } });
  assert.equal(edit.statusCode, 404);
  const refs = await as(
    t,
    team.editor,
  )({ method: 'POST', url: '/api/v1/links', payload: { targetUrl: 'https://a.example.com', postId: (await createPost(t, other.editor)).id } });
  assert.equal(refs.statusCode, 404, 'another workspace’s post cannot be linked');
});

test('per-link stats by day and the CSV export carry the clicks', async () => {
  const link = await createLink(t, team.editor, { campaign: '导出测试' });
  await visit(t, link.code);
  await visit(t, link.code);
  const s = (await as(t, team.analyst)({ method: 'GET', url: `/api/v1/links/${link.id}/stats` })).json();
  assert.equal(s.days.length, 1);
  assert.deepEqual([s.totals.clicks, s.totals.conversions, s.totals.conversionRate], [2, 0, 0]);
  const csv = await as(t, team.analyst)({ method: 'GET', url: `/api/v1/links/export?campaign=${encodeURIComponent('导出测试')}` });
  assert.equal(csv.statusCode, 200);
  const [, row] = csv.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  assert.match(row, new RegExp(`^${link.code},.*,导出测试,2,0,0,`));
});
