import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, type Member, type TestEnv, testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount, createPost } from '../../test/fixtures';

const t = await testEnv();
type Team = Awaited<ReturnType<typeof workspaceWithTeam>>;

const submit = (m: Member, id: string) => as(t, m)({ method: 'POST', url: `/api/v1/posts/${id}/submit` });
const approve = (m: Member, id: string) => as(t, m)({ method: 'POST', url: `/api/v1/posts/${id}/review`, payload: { decision: 'approved' } });
const addWord = async (m: Member, term: string, category = 'sensitive') => {
  const r = await as(t, m)({ method: 'POST', url: '/api/v1/risk/words', payload: { term, category } });
  assert.equal(r.statusCode, 201, r.body);
  return r.json();
};
const setPolicy = async (m: Member, policy: Record<string, string>) => {
  const r = await as(t, m)({ method: 'PATCH', url: '/api/v1/risk/policy', payload: policy });
  assert.equal(r.statusCode, 200, r.body);
};
const override = (m: Member, id: string, reason = '已与法务确认，可以发布') =>
  as(t, m)({ method: 'POST', url: `/api/v1/posts/${id}/screening/override`, payload: { reason } });
async function auditOf(env: TestEnv, team: Team, action: string) {
  const r = await as(env, team.owner)({ method: 'GET', url: `/api/v1/audit?action=${action}&pageSize=50` });
  return r.json().items as { action: string; actorId: string; entityId: string; after: Record<string, unknown> }[];
}

test('a blocking term stops submit and approval with a 409 naming the term; a warning passes and is recorded', async () => {
  const team = await workspaceWithTeam(t);
  await addWord(team.manager, '内部价');
  const bad = await createPost(t, team.editor, { title: '春季上新', bodyHtml: '<p>本周<b>内部价</b>开放</p>' });
  const r = await submit(team.editor, bad.id);
  assert.equal(r.statusCode, 409, r.body);
  assert.equal(r.json().error.code, 'screening_blocked');
  assert.match(r.json().error.message, /「内部价」（正文）.* \/ .*"内部价" \(body\)/);
  assert.equal((await as(t, team.editor)({ method: 'GET', url: `/api/v1/posts/${bad.id}` })).json().status, 'draft');

  // An ad-law term is a warning by default: the post goes through and the finding is in the audit log.
  const warn = await createPost(t, team.editor, { title: '国家级工艺', bodyHtml: '<p>放心选</p>' });
  const ok = await submit(team.editor, warn.id);
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().status, 'in_review');
  const [entry] = await auditOf(t, team, 'post.screening.submit');
  assert.equal(entry.entityId, warn.id);
  assert.deepEqual(entry.after.findings, [{ accountId: null, field: 'title', term: '国家级', category: 'ad_law', action: 'warn' }]);

  // A word added while the post waits for review blocks the approval (the screener cache sees the change).
  await addWord(team.owner, '放心选');
  const blocked = await approve(team.reviewer, warn.id);
  assert.equal(blocked.statusCode, 409, blocked.body);
  assert.match(blocked.json().error.message, /放心选/);
  assert.equal((await as(t, team.editor)({ method: 'GET', url: `/api/v1/posts/${warn.id}` })).json().approvalsGiven, 0);
});

test('override: a manager with a reason lets this version through, audited with the findings; editing voids it', async () => {
  const team = await workspaceWithTeam(t);
  await addWord(team.manager, '内部价');
  const p = await createPost(t, team.editor, { title: '内部价专场' });
  assert.equal((await submit(team.editor, p.id)).statusCode, 409);

  const byEditor = await override(team.editor, p.id);
  assert.equal(byEditor.statusCode, 403);
  const byReviewer = await override(team.reviewer, p.id);
  assert.equal(byReviewer.statusCode, 403);
  const noReason = await override(team.manager, p.id, '  好 ');
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.json().error.message, /至少 5 个字/);
  const before = (await as(t, team.editor)({ method: 'GET', url: `/api/v1/posts/${p.id}/screening` })).json();
  assert.deepEqual([before.blocked, before.passes, before.override], [true, false, null]);

  const o = await override(team.manager, p.id, '员工内购活动，法务已确认');
  assert.equal(o.statusCode, 200, o.body);
  assert.deepEqual([o.json().passes, o.json().override.reason, o.json().override.actorName], [true, '员工内购活动，法务已确认', 'manager']);
  const [entry] = await auditOf(t, team, 'post.screening.override');
  assert.deepEqual([entry.actorId, entry.entityId, entry.after.reason, entry.after.version], [team.manager.userId, p.id, '员工内购活动，法务已确认', 1]);
  assert.deepEqual(entry.after.findings, [{ accountId: null, field: 'title', term: '内部价', category: 'sensitive', action: 'block' }]);

  assert.equal((await submit(team.editor, p.id)).statusCode, 200);
  const ap = await approve(team.reviewer, p.id);
  assert.equal(ap.statusCode, 200, ap.body);
  assert.equal(ap.json().status, 'approved');
  const passed = await auditOf(t, team, 'post.screening.approve');
  assert.equal(passed[0].after.overrideBy, team.manager.userId);

  // Any edit makes a new version: the override was for version 1 only.
  const edited = await as(t, team.editor)({ method: 'PATCH', url: `/api/v1/posts/${p.id}`, payload: { digest: '限时' } });
  assert.equal(edited.json().version, 2);
  const again = await submit(team.editor, p.id);
  assert.equal(again.statusCode, 409);
  assert.equal((await as(t, team.guest)({ method: 'GET', url: `/api/v1/posts/${p.id}/screening` })).json().override, null);

  // An override covers the findings it saw: a term added later still blocks.
  assert.equal((await override(team.owner, p.id)).statusCode, 200);
  await addWord(team.owner, '限时');
  const newTerm = await submit(team.editor, p.id);
  assert.equal(newTerm.statusCode, 409);
  assert.match(newTerm.json().error.message, /限时/);
  assert.doesNotMatch(newTerm.json().error.message, /内部价/);

  // Nothing blocked, nothing to override.
  const clean = await createPost(t, team.editor, { title: '干净的标题' });
  assert.equal((await override(team.manager, clean.id)).statusCode, 409);
});

test('brand kit: banned words and missing disclaimers apply to that account only, on its variant text', async () => {
  const team = await workspaceWithTeam(t);
  const a = await createAccount(t, team.owner, { name: '品牌号' });
  const b = await createAccount(t, team.owner, { name: '福利号' });
  const kitBody = { toneNotes: '亲切，不用感叹号', requiredPhrases: ['#品牌日#', '广告'], bannedWords: ['便宜货'] };
  assert.equal((await as(t, team.editor)({ method: 'PUT', url: `/api/v1/accounts/${a.id}/brand-kit`, payload: kitBody })).statusCode, 403);
  const put = await as(t, team.manager)({ method: 'PUT', url: `/api/v1/accounts/${a.id}/brand-kit`, payload: kitBody });
  assert.equal(put.statusCode, 200, put.body);
  assert.deepEqual((await as(t, team.guest)({ method: 'GET', url: `/api/v1/accounts/${a.id}/brand-kit` })).json().requiredPhrases, ['#品牌日#', '广告']);

  const p = await createPost(t, team.editor, { title: '新品上市', bodyHtml: '<p>欢迎选购。广告</p>', accountIds: [a.id, b.id] });
  // Both variants say 便宜货; only the account whose kit bans it is flagged.
  for (const acc of [a, b]) {
    const v = await as(t, team.editor)({ method: 'PUT', url: `/api/v1/posts/${p.id}/variants/${acc.id}`, payload: { bodyHtml: '<p>不是便宜货。广告</p>' } });
    assert.equal(v.statusCode, 200, v.body);
  }
  const s = (await as(t, team.editor)({ method: 'GET', url: `/api/v1/posts/${p.id}/screening` })).json();
  const brief = s.findings.map((f: { accountId: string; field: string; term: string; category: string; action: string }) => [
    f.accountId,
    f.field,
    f.term,
    f.category,
    f.action,
  ]);
  assert.deepEqual(brief, [
    [a.id, 'body', '便宜货', 'brand_banned', 'block'],
    [a.id, null, '#品牌日#', 'brand_required', 'warn'],
  ]);
  const textA = s.texts.find((x: { accountId: string }) => x.accountId === a.id);
  const f = s.findings[0];
  assert.equal(textA.body.slice(f.start, f.end), '便宜货');
  const viewA = s.accounts.find((x: { accountId: string }) => x.accountId === a.id);
  assert.deepEqual([viewA.toneNotes, viewA.missing], ['亲切，不用感叹号', ['#品牌日#']]);
  assert.deepEqual(s.accounts.find((x: { accountId: string }) => x.accountId === b.id).missing, []);

  const r = await submit(team.editor, p.id);
  assert.equal(r.statusCode, 409);
  assert.match(r.json().error.message, /「便宜货」（账号「品牌号」的正文）/);
  assert.doesNotMatch(r.json().error.message, /福利号/);

  // By policy a missing disclaimer can block too; once the variant carries it, the post goes through.
  await setPolicy(team.owner, { brand_banned: 'warn', brand_required: 'block' });
  const missing = await submit(team.editor, p.id);
  assert.equal(missing.statusCode, 409);
  assert.match(missing.json().error.message, /缺少必含内容「#品牌日#」（账号「品牌号」）/);
  await as(t, team.editor)({ method: 'PUT', url: `/api/v1/posts/${p.id}/variants/${a.id}`, payload: { bodyHtml: '<p>不是便宜货。广告 #品牌日#</p>' } });
  assert.equal((await submit(team.editor, p.id)).statusCode, 200);
});

test('policy: block → warn lets the same post through; off drops the category', async () => {
  const team = await workspaceWithTeam(t);
  await addWord(team.manager, '竞品甲', 'competitor');
  await setPolicy(team.manager, { competitor: 'block' });
  const p = await createPost(t, team.editor, { title: '对比竞品甲' });
  assert.equal((await submit(team.editor, p.id)).statusCode, 409);
  await setPolicy(team.manager, { competitor: 'warn' });
  assert.equal((await submit(team.editor, p.id)).statusCode, 200);
  await setPolicy(team.manager, { competitor: 'off' });
  const s = (await as(t, team.editor)({ method: 'GET', url: `/api/v1/posts/${p.id}/screening` })).json();
  assert.deepEqual(s.findings, []);
  assert.equal((await as(t, team.editor)({ method: 'PATCH', url: '/api/v1/risk/policy', payload: { competitor: 'block' } })).statusCode, 403);
  const policy = (await as(t, team.guest)({ method: 'GET', url: '/api/v1/risk/policy' })).json().policy;
  assert.deepEqual(policy, { ad_law: 'warn', sensitive: 'block', brand_banned: 'block', competitor: 'off', custom: 'warn', brand_required: 'warn' });
  const [entry] = await auditOf(t, team, 'risk.policy.update');
  assert.deepEqual([(entry as unknown as { before: { competitor: string } }).before.competitor, entry.after.competitor], ['warn', 'off']);
});

test("workspace isolation: another workspace's word list never applies", async () => {
  const one = await workspaceWithTeam(t);
  const two = await workspaceWithTeam(t);
  await addWord(two.owner, '内部价');
  const p = await createPost(t, one.editor, { title: '内部价专场' });
  assert.equal((await submit(one.editor, p.id)).statusCode, 200);
  const q = await createPost(t, two.editor, { title: '内部价专场' });
  assert.equal((await submit(two.editor, q.id)).statusCode, 409);
  // Nor can one workspace read, screen or override the other's post.
  assert.equal((await as(t, one.owner)({ method: 'GET', url: `/api/v1/posts/${q.id}/screening` })).statusCode, 404);
  assert.equal((await override(one.owner, q.id)).statusCode, 404);
  assert.equal((await as(t, one.owner)({ method: 'GET', url: '/api/v1/risk/words' })).json().total, 0);
});

test('obfuscated terms are caught through the gate: spaces, full width, traditional, tags and entities', async () => {
  const team = await workspaceWithTeam(t);
  await setPolicy(team.owner, { ad_law: 'block' });
  await addWord(team.owner, 'VIP价');
  const cases: [Record<string, string>, RegExp][] = [
    [{ title: '国 家 级 认证' }, /国家级/],
    [{ title: '全网 ＶＩＰ价 专享' }, /VIP价/],
    [{ title: '國家級品質' }, /国家级/],
    [{ title: '标题', bodyHtml: '<p>国<b>家</b>&#x7EA7;品质</p>' }, /「国家级」（正文）/],
    [{ title: '标题', bodyHtml: '<p>国\n家级</p>' }, /「国家级」（正文）/],
    // HTML5 named references the browser shows as nothing must not split a term.
    [{ title: '标题', bodyHtml: '<p>本店最&NoBreak;佳之选</p>' }, /「最佳」（正文）/],
    [{ title: '标题', bodyHtml: '<p>国&ZeroWidthSpace;家&InvisibleComma;级</p>' }, /「国家级」（正文）/],
  ];
  for (const [body, term] of cases) {
    const p = await createPost(t, team.editor, body);
    const r = await submit(team.editor, p.id);
    assert.equal(r.statusCode, 409, `${JSON.stringify(body)}: ${r.body}`);
    assert.match(r.json().error.message, term);
  }
  // A body stored before the sanitiser keeps its references as written (the API now stores the
  // decoded characters); the gate and the live screen of unsaved text decode them all the same.
  const legacy = await createPost(t, team.editor, { title: '标题' });
  await t.deps.db.execute(sql`update posts set body_html = ${'<p>本店最&NoBreak;佳之选</p>'} where id = ${legacy.id}`);
  const blocked = await submit(team.editor, legacy.id);
  assert.equal(blocked.statusCode, 409, blocked.body);
  assert.match(blocked.json().error.message, /「最佳」（正文）/);
  const live = await as(t, team.editor)({ method: 'POST', url: '/api/v1/risk/screen', payload: { title: '标题', bodyHtml: '<p>最&NoBreak;佳</p>' } });
  assert.deepEqual(
    live.json().findings.map((f: { term: string; action: string; field: string }) => [f.term, f.action, f.field]),
    [['最佳', 'block', 'body']],
  );
  // Two paragraphs are not one term; a disabled ad-law term no longer matches.
  const split = await createPost(t, team.editor, { title: '标题', bodyHtml: '<p>国家</p><p>级别</p>' });
  assert.equal((await submit(team.editor, split.id)).statusCode, 200);
  const off = await as(t, team.owner)({ method: 'PUT', url: '/api/v1/risk/ad-law', payload: { terms: ['国家级'], enabled: false } });
  assert.equal(off.statusCode, 200, off.body);
  const p = await createPost(t, team.editor, { title: '国家级认证' });
  assert.equal((await submit(team.editor, p.id)).statusCode, 200);
});
