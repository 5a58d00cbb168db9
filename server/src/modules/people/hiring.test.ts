// Hiring as a manager runs it: a position, a candidate moved applied → trial → interview → offer →
// hired, each change audited with the candidate's id only; the trial piece screened like a post
// (a workspace banned word is flagged, blocking); interviews by several people, 1–5 per criterion;
// hiring invites the candidate, and when they accept they are a member with an onboarding
// checklist from the template. Erasing a candidate leaves nothing personal in any table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { ok } from '../../test/feedback';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const manager = as(t, team.manager);
const reviewer = as(t, team.reviewer);
const db = t.deps.db;

await ok(manager, { method: 'POST', url: '/api/v1/risk/words', payload: { term: '翻墙软件', category: 'sensitive' } });
await ok(manager, { method: 'PUT', url: '/api/v1/people/onboarding/template', payload: { items: ['熟悉三个公众号', '阅读品牌手册', '第一篇带教发布'] } });
const position = await ok<{ id: string }>(manager, { method: 'POST', url: '/api/v1/people/positions', payload: { title: '新媒体编辑' } });
type Detail = {
  candidate: { id: string; stage: string; averageScore: number | null; memberId: string | null; invitationId: string | null };
  trial: { blocked: boolean; findings: { term: string; category: string }[]; bodyHtml: string } | null;
  interviews: { interviewerName: string; scores: Record<string, number> }[];
  history: { from: string | null; to: string }[];
};
const add = (name: string) =>
  ok<{ id: string }>(manager, {
    method: 'POST',
    url: '/api/v1/people/candidates',
    payload: { positionId: position.id, name, contact: `${name}@mail.example`, source: '招聘网站', notes: `${name}的简历要点` },
  });
const move = (id: string, payload: Record<string, unknown>, call = manager) => call({ method: 'POST', url: `/api/v1/people/candidates/${id}/stage`, payload });

test('a candidate moves through the stages, each change audited with no personal data; a wrong move is refused', async () => {
  const c = await add('张晓雨');
  const skip = await move(c.id, { stage: 'interview' });
  assert.equal(skip.statusCode, 409, 'stages are taken in order');
  for (const stage of ['trial', 'interview', 'offer']) assert.equal((await move(c.id, { stage })).statusCode, 200);
  const noEmail = await move(c.id, { stage: 'hired' });
  assert.equal(noEmail.statusCode, 400);
  const audits = await db.execute<{ action: string; before: unknown; after: unknown }>(
    sql`select action, before, after from audit_log where entity_id = ${c.id} order by id`,
  );
  assert.deepEqual(
    audits.rows.map((r) => [r.action, r.before, r.after]),
    [
      ['candidate.create', null, { positionId: position.id, stage: 'applied' }],
      ['candidate.stage', { stage: 'applied' }, { stage: 'trial' }],
      ['candidate.stage', { stage: 'trial' }, { stage: 'interview' }],
      ['candidate.stage', { stage: 'interview' }, { stage: 'offer' }],
    ],
  );
  assert.ok(!JSON.stringify(audits.rows).includes('张晓雨'));
  const d = await ok<Detail>(reviewer, { method: 'GET', url: `/api/v1/people/candidates/${c.id}` });
  assert.deepEqual(
    d.history.map((h) => h.to),
    ['applied', 'trial', 'interview', 'offer'],
  );
  const rejected = await add('李四');
  assert.equal((await move(rejected.id, { stage: 'rejected' })).statusCode, 200);
  assert.equal((await move(rejected.id, { stage: 'trial' })).statusCode, 409, 'rejected is final');
});

test('the trial piece is sanitised and screened: a workspace banned word is flagged and blocking', async () => {
  const c = await add('王小明');
  const d = await ok<Detail>(manager, {
    method: 'PUT',
    url: `/api/v1/people/candidates/${c.id}/trial`,
    payload: { title: '试稿：春季新品', bodyHtml: '<p>推荐大家用翻 墙软件看海外测评<script>alert(1)</script></p><img src=x onerror=alert(2)>' },
  });
  assert.ok(d.trial);
  assert.equal(d.trial.blocked, true);
  assert.deepEqual(
    d.trial.findings.map((f) => [f.term, f.category]),
    [['翻墙软件', 'sensitive']],
  );
  assert.doesNotMatch(d.trial.bodyHtml, /script|onerror/);
  const clean = await ok<Detail>(manager, {
    method: 'PUT',
    url: `/api/v1/people/candidates/${c.id}/trial`,
    payload: { title: '试稿：春季新品', bodyHtml: '<p>春天来了，我们的新品上线。</p>' },
  });
  assert.equal(clean.trial?.blocked, false);
  assert.deepEqual(clean.trial?.findings, []);
  const [audit] = (
    await db.execute<{ after: unknown }>(sql`select after from audit_log where entity_id = ${c.id} and action = 'candidate.trial' order by id limit 1`)
  ).rows;
  assert.deepEqual(audit.after, { blocked: true, findings: 1, maxSimilarity: 0 });
});

test('several interviewers score 1–5 per criterion; the average counts all of them; editors and guests are refused', async () => {
  const c = await add('赵六');
  await ok(manager, { method: 'PUT', url: `/api/v1/people/candidates/${c.id}/interview`, payload: { scores: { 文字: 5, 数据: 3 }, notes: '文字好' } });
  const d = await ok<Detail>(reviewer, { method: 'PUT', url: `/api/v1/people/candidates/${c.id}/interview`, payload: { scores: { 文字: 4, 数据: 2 } } });
  assert.equal(d.interviews.length, 2);
  assert.equal(d.candidate.averageScore, 3.5);
  const again = await ok<Detail>(reviewer, { method: 'PUT', url: `/api/v1/people/candidates/${c.id}/interview`, payload: { scores: { 文字: 4, 数据: 4 } } });
  assert.equal(again.interviews.length, 2, 'giving scores again replaces one’s own');
  assert.equal(again.candidate.averageScore, 4);
  const six = await reviewer({ method: 'PUT', url: `/api/v1/people/candidates/${c.id}/interview`, payload: { scores: { 文字: 6 } } });
  assert.equal(six.statusCode, 400);
  for (const m of [team.editor, team.guest, team.analyst]) {
    assert.equal((await as(t, m)({ method: 'GET', url: '/api/v1/people/candidates' })).statusCode, 403, m.role);
    assert.equal((await as(t, m)({ method: 'GET', url: `/api/v1/people/candidates/${c.id}` })).statusCode, 403, m.role);
  }
  assert.equal((await move(c.id, { stage: 'trial' }, reviewer)).statusCode, 403, 'interviewers do not move candidates');
  assert.equal((await as(t, other.owner)({ method: 'GET', url: `/api/v1/people/candidates/${c.id}` })).statusCode, 404);
  const list = await ok<{ items: { id: string }[] }>(reviewer, { method: 'GET', url: `/api/v1/people/candidates?q=${encodeURIComponent('赵')}` });
  assert.deepEqual(
    list.items.map((i) => i.id),
    [c.id],
  );
});

test('hired: an invitation goes out; accepting it makes a member with an onboarding checklist they tick', async () => {
  const c = await add('钱七');
  for (const stage of ['trial', 'interview', 'offer']) await move(c.id, { stage });
  const hired = await move(c.id, { stage: 'hired', email: 'qianqi@mail.example', role: 'editor' });
  assert.equal(hired.statusCode, 200, hired.body);
  const { invitationToken, candidate } = hired.json() as { invitationToken: string; candidate: Detail['candidate'] };
  assert.ok(invitationToken && candidate.invitationId);
  const accept = await t.app.inject({
    method: 'POST',
    url: '/api/v1/invitations/accept',
    payload: { token: invitationToken, name: '钱七', password: 'correct-horse-9' },
  });
  assert.equal(accept.statusCode, 200, accept.body);
  const cookie = accept.cookies.find((x) => x.name === 'meiyun_session')?.value;
  const newcomer = (opts: Parameters<typeof manager>[0]) => t.app.inject({ ...opts, headers: { cookie: `meiyun_session=${cookie}` } });
  const mine = await ok<{ id: string; done: number; total: number; items: { id: string; title: string }[] }>(newcomer, {
    method: 'GET',
    url: '/api/v1/people/onboarding/me',
  });
  assert.deepEqual(
    mine.items.map((i) => i.title),
    ['熟悉三个公众号', '阅读品牌手册', '第一篇带教发布'],
  );
  const ticked = await ok<{ done: number; items: { doneByName: string | null }[] }>(newcomer, {
    method: 'PATCH',
    url: `/api/v1/people/onboarding/items/${mine.items[0].id}`,
    payload: { done: true },
  });
  assert.equal(ticked.done, 1);
  assert.equal(ticked.items[0].doneByName, '钱七');
  await ok(manager, { method: 'PATCH', url: `/api/v1/people/onboarding/items/${mine.items[1].id}`, payload: { done: true } });
  const all = await ok<{ name: string; done: number; total: number }[]>(manager, { method: 'GET', url: '/api/v1/people/onboarding' });
  assert.deepEqual(
    all.map((x) => [x.name, x.done, x.total]),
    [['钱七', 2, 3]],
  );
  const d = await ok<Detail>(manager, { method: 'GET', url: `/api/v1/people/candidates/${c.id}` });
  assert.ok(d.candidate.memberId, 'the candidate record knows the member they became');
  const othersItem = await as(t, team.editor)({ method: 'PATCH', url: `/api/v1/people/onboarding/items/${mine.items[2].id}`, payload: { done: true } });
  assert.equal(othersItem.statusCode, 404, "a member cannot tick another member's checklist");
  assert.equal((await as(t, team.editor)({ method: 'GET', url: '/api/v1/people/onboarding' })).statusCode, 403);
});

test('erasing a candidate leaves nothing personal in the database; the anonymised audit trail stays', async () => {
  const c = await add('孙悟净');
  await move(c.id, { stage: 'trial' });
  await ok(manager, {
    method: 'PUT',
    url: `/api/v1/people/candidates/${c.id}/trial`,
    payload: { title: '孙悟净的试稿标题', bodyHtml: '<p>孙悟净写的独特正文内容</p>' },
  });
  await ok(manager, { method: 'PATCH', url: `/api/v1/people/candidates/${c.id}`, payload: { notes: '孙悟净 电话 13800001111' } });
  await ok(reviewer, { method: 'PUT', url: `/api/v1/people/candidates/${c.id}/interview`, payload: { scores: { 文字: 4 }, notes: '孙悟净表达清楚' } });
  assert.equal((await as(t, team.editor)({ method: 'DELETE', url: `/api/v1/people/candidates/${c.id}` })).statusCode, 403);
  await ok(manager, { method: 'DELETE', url: `/api/v1/people/candidates/${c.id}` });
  // Every row of every table as text: none may still carry the name, contact, notes or texts.
  const tables = await db.execute<{ t: string }>(
    sql`select quote_ident(table_name) as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  for (const needle of ['孙悟净', '13800001111', '独特正文', '表达清楚']) {
    for (const { t: table } of tables.rows) {
      const r = await db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table} x where x::text like '%${needle}%'`));
      assert.equal(r.rows[0].n, 0, `${needle} still in ${table}`);
    }
  }
  const trail = await db.execute<{ action: string }>(sql`select action from audit_log where entity_id = ${c.id} order by id`);
  assert.deepEqual(
    trail.rows.map((r) => r.action),
    ['candidate.create', 'candidate.stage', 'candidate.trial', 'candidate.update', 'candidate.interview', 'candidate.erase'],
  );
  assert.equal((await manager({ method: 'GET', url: `/api/v1/people/candidates/${c.id}` })).statusCode, 404);
});
