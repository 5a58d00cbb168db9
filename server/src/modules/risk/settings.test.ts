import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount } from '../../test/fixtures';

const t = await testEnv();

test('live screen: findings with offsets into the visible text of the HTML, per account, and nothing written', async () => {
  const team = await workspaceWithTeam(t);
  const acc = await createAccount(t, team.owner, { name: '品牌号' });
  await as(
    t,
    team.owner,
  )({ method: 'PUT', url: `/api/v1/accounts/${acc.id}/brand-kit`, payload: { toneNotes: '克制', requiredPhrases: ['广告'], bannedWords: ['秒杀'] } });
  await as(t, team.owner)({ method: 'POST', url: '/api/v1/risk/words', payload: { term: '内部价', category: 'sensitive', severity: 'high' } });
  const auditBefore = (await as(t, team.owner)({ method: 'GET', url: '/api/v1/audit' })).json().total;

  const body = { title: '最佳选择', digest: '', bodyHtml: '<h2>限&amp;量</h2><p>今日<b>内部</b>价，&nbsp;秒 杀</p>', accountIds: [acc.id] };
  const r = await as(t, team.editor)({ method: 'POST', url: '/api/v1/risk/screen', payload: body });
  assert.equal(r.statusCode, 200, r.body);
  const s = r.json();
  assert.equal(s.texts[0].body, '限&量\n今日内部价，\u00a0秒 杀');
  const brief = s.findings.map((f: { accountId: string | null; field: string; match: string; category: string; action: string; severity: string | null }) => [
    f.accountId,
    f.field,
    f.match,
    f.category,
    f.action,
    f.severity,
  ]);
  // 最佳 is reported once (the bare 最 inside it is not a second finding).
  assert.deepEqual(brief, [
    [null, 'title', '最佳', 'ad_law', 'warn', 'high'],
    [null, 'body', '内部价', 'sensitive', 'block', 'high'],
    [acc.id, 'body', '秒 杀', 'brand_banned', 'block', null],
    [acc.id, null, null, 'brand_required', 'warn', null],
  ]);
  for (const f of s.findings.filter((x: { field: string | null }) => x.field === 'body')) assert.equal(s.texts[0].body.slice(f.start, f.end), f.match);
  assert.equal(s.blocked, true);
  assert.deepEqual(s.accounts, [{ accountId: acc.id, accountName: '品牌号', toneNotes: '克制', requiredPhrases: ['广告'], missing: ['广告'] }]);

  // A variant's own text replaces the main text for that account.
  const v = await as(
    t,
    team.editor,
  )({
    method: 'POST',
    url: '/api/v1/risk/screen',
    payload: { title: '标题', accountIds: [acc.id], variants: [{ accountId: acc.id, title: '内部价 广告' }] },
  });
  assert.deepEqual(
    v.json().findings.map((f: { accountId: string; field: string; term: string }) => [f.accountId, f.field, f.term]),
    [[acc.id, 'title', '内部价']],
  );
  assert.equal((await as(t, team.owner)({ method: 'GET', url: '/api/v1/audit' })).json().total, auditBefore);

  for (const role of ['reviewer', 'analyst', 'guest'] as const) {
    assert.equal((await as(t, team[role])({ method: 'POST', url: '/api/v1/risk/screen', payload: { title: 'x' } })).statusCode, 403, role);
  }
  const other = await workspaceWithTeam(t);
  const foreign = await createAccount(t, other.owner);
  const bad = await as(t, team.editor)({ method: 'POST', url: '/api/v1/risk/screen', payload: { title: 'x', accountIds: [foreign.id] } });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /目标账号不存在/);
});

test('word lists: add, duplicate, search, filter, page, change severity, delete; only managers change them', async () => {
  const team = await workspaceWithTeam(t);
  const mgr = as(t, team.manager);
  for (const term of ['竞品甲', '竞品乙', '竞品丙'])
    assert.equal((await mgr({ method: 'POST', url: '/api/v1/risk/words', payload: { term, category: 'competitor' } })).statusCode, 201);
  const w = (await mgr({ method: 'POST', url: '/api/v1/risk/words', payload: { term: '敏感甲', category: 'sensitive', note: '公关要求' } })).json();
  const dup = await mgr({ method: 'POST', url: '/api/v1/risk/words', payload: { term: '竞品甲', category: 'competitor' } });
  assert.equal(dup.statusCode, 409);
  assert.match(dup.json().error.message, /「竞品甲」已在这个词表里/);
  const list = (q: string) => as(t, team.guest)({ method: 'GET', url: `/api/v1/risk/words?${q}` }).then((r) => r.json());
  assert.deepEqual([(await list('category=competitor')).total, (await list('q=%E7%94%B2')).total], [3, 2]);
  const page2 = await list('category=competitor&pageSize=2&page=2');
  assert.deepEqual([page2.items.length, page2.total], [1, 3]);
  const up = await mgr({ method: 'PATCH', url: `/api/v1/risk/words/${w.id}`, payload: { severity: 'low' } });
  assert.deepEqual([up.json().severity, up.json().note], ['low', '公关要求']);
  assert.equal((await as(t, team.editor)({ method: 'DELETE', url: `/api/v1/risk/words/${w.id}` })).statusCode, 403);
  assert.equal((await mgr({ method: 'DELETE', url: `/api/v1/risk/words/${w.id}` })).statusCode, 200);
  assert.equal((await mgr({ method: 'DELETE', url: `/api/v1/risk/words/${w.id}` })).statusCode, 404);
  const blank = await mgr({ method: 'POST', url: '/api/v1/risk/words', payload: { term: '  ', category: 'custom' } });
  assert.match(blank.json().error.message, /词条不能为空/);
  const actions = (await as(t, team.owner)({ method: 'GET', url: '/api/v1/audit?action=risk.word&pageSize=50' }))
    .json()
    .items.map((e: { action: string }) => e.action);
  assert.deepEqual(actions.sort(), ['risk.word.create', 'risk.word.create', 'risk.word.create', 'risk.word.create', 'risk.word.delete', 'risk.word.update']);
});

test('import a pasted list: severities per line, bad lines named and nothing imported, re-import updates', async () => {
  const team = await workspaceWithTeam(t);
  const imp = (text: string, extra: Record<string, string> = {}) =>
    as(t, team.owner)({ method: 'POST', url: '/api/v1/risk/words/import', payload: { category: 'sensitive', text, ...extra } });
  const bad = await imp('甲词\n乙词,urgent\n\n' + '长'.repeat(51));
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /2 行有误，未导入任何词/);
  assert.deepEqual(
    bad.json().error.details.map((d: { message: string }) => d.message),
    [
      '第 2 行：无法识别的级别「urgent」（可用 high/medium/low 或 高/中/低） / line 2: unknown severity "urgent" (use high/medium/low or 高/中/低)',
      '第 4 行：词条超过 50 字（51 字） / line 4: the term is longer than 50 characters (51)',
    ],
  );
  assert.equal((await as(t, team.owner)({ method: 'GET', url: '/api/v1/risk/words' })).json().total, 0);

  const ok = await imp('甲词\r\n乙词，高\n丙词\tlow\n甲词\n', { severity: 'medium' });
  assert.deepEqual(ok.json(), { added: 3, updated: 0, unchanged: 0 });
  const again = await imp('甲词,high\n乙词,high\n丁词');
  assert.deepEqual(again.json(), { added: 1, updated: 1, unchanged: 1 });
  const items = (await as(t, team.owner)({ method: 'GET', url: '/api/v1/risk/words?pageSize=10' })).json().items;
  assert.deepEqual(items.map((w: { term: string; severity: string }) => `${w.term}:${w.severity}`).sort(), [
    '丁词:medium',
    '丙词:low',
    '乙词:high',
    '甲词:high',
  ]);
  assert.equal((await imp('\n  \n')).statusCode, 400);
  assert.equal(
    (await as(t, team.editor)({ method: 'POST', url: '/api/v1/risk/words/import', payload: { category: 'sensitive', text: '甲' } })).statusCode,
    403,
  );
});

test('ad-law list: filtered and paged, switched term by term, unknown terms refused', async () => {
  const team = await workspaceWithTeam(t);
  const get = (q: string) => as(t, team.guest)({ method: 'GET', url: `/api/v1/risk/ad-law?${q}` }).then((r) => r.json());
  const high = await get('severity=high&pageSize=5');
  assert.equal(high.items.length, 5);
  assert.ok(high.total > 20);
  assert.ok(high.items.every((i: { severity: string; enabled: boolean }) => i.severity === 'high' && i.enabled));
  const put = (payload: unknown) => as(t, team.owner)({ method: 'PUT', url: '/api/v1/risk/ad-law', payload: payload as object });
  assert.deepEqual((await put({ terms: ['最佳', '首选'], enabled: false })).json(), { disabled: 2 });
  assert.deepEqual((await get('enabled=false')).items.map((i: { term: string }) => i.term).sort(), ['最佳', '首选'].sort());
  assert.equal((await as(t, team.guest)({ method: 'GET', url: '/api/v1/risk/policy' })).json().adLawDisabled, 2);
  const unknown = await put({ terms: ['没有这个词'], enabled: false });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json().error.message, /不在广告法词表中：没有这个词/);
  assert.deepEqual((await put({ terms: ['最佳'], enabled: true })).json(), { disabled: 1 });
  // The bare 最 still warns, but 最佳 itself is switched back on and found as one phrase.
  const s = await as(t, team.editor)({ method: 'POST', url: '/api/v1/risk/screen', payload: { title: '首选最佳' } });
  assert.deepEqual(
    s.json().findings.map((f: { term: string }) => f.term),
    ['最佳'],
  );
  assert.equal((await as(t, team.editor)({ method: 'PUT', url: '/api/v1/risk/ad-law', payload: { terms: ['最佳'], enabled: false } })).statusCode, 403);
});

test('brand kits: listed for every live account, validated, unknown account 404', async () => {
  const team = await workspaceWithTeam(t);
  const a = await createAccount(t, team.owner, { name: '甲号' });
  await createAccount(t, team.owner, { name: '乙号' });
  const put = (id: string, payload: unknown) => as(t, team.owner)({ method: 'PUT', url: `/api/v1/accounts/${id}/brand-kit`, payload: payload as object });
  const r = await put(a.id, { requiredPhrases: [' 广告 ', '广告', '#品牌#'], bannedWords: ['便宜'] });
  assert.deepEqual([r.json().requiredPhrases, r.json().toneNotes], [['广告', '#品牌#'], '']);
  const list = (await as(t, team.guest)({ method: 'GET', url: '/api/v1/risk/brand-kits' })).json();
  assert.deepEqual(
    list.items.map((k: { accountName: string; bannedWords: string[]; updatedAt: string | null }) => [k.accountName, k.bannedWords, k.updatedAt === null]),
    [
      ['乙号', [], true],
      ['甲号', ['便宜'], false],
    ],
  );
  const long = await put(a.id, { bannedWords: ['x'.repeat(51)] });
  assert.equal(long.statusCode, 400);
  assert.match(long.json().error.message, /词条最多 50 字/);
  assert.equal((await put('00000000-0000-4000-8000-000000000000', {})).statusCode, 404);
  const other = await workspaceWithTeam(t);
  assert.equal((await as(t, other.owner)({ method: 'PUT', url: `/api/v1/accounts/${a.id}/brand-kit`, payload: {} })).statusCode, 404);
  assert.equal((await as(t, other.owner)({ method: 'GET', url: `/api/v1/accounts/${a.id}/brand-kit` })).statusCode, 404);
});
