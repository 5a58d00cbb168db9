import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { as, type Member, type TestEnv, testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount, createPost } from '../../test/fixtures';
import { posts } from '../content/tables';
import { backfill, pendingCount } from './archive';
import { normalizedText } from './originality';
import { originalitySignatures } from './originality-tables';
import { articleSentences, nearDuplicate, toHtml } from './originality-testdata';

const t: TestEnv = await testEnv();

interface Match {
  postId: string;
  title: string;
  status: string;
  similarity: number;
  coverage: number;
  text: string;
  passages: { draftStart: number; draftEnd: number; matchStart: number; matchEnd: number }[];
}
interface Result {
  maxSimilarity: number;
  threshold: number;
  warn: boolean;
  tooShort: boolean;
  pendingIndex: number;
  text: string;
  matches: Match[];
}

const article = (seed: number, chars = 2000) => toHtml(articleSentences(seed, chars));
const nearCopy = (seed: number, chars = 2000) => toHtml(nearDuplicate(articleSentences(seed, chars), seed + 1, 0.1).sentences);

async function check(m: Member, payload: Record<string, unknown>): Promise<Result> {
  const r = await as(t, m)({ method: 'POST', url: '/api/v1/originality/check', payload });
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
}
async function ofPost(m: Member, id: string): Promise<Result> {
  const r = await as(t, m)({ method: 'GET', url: `/api/v1/posts/${id}/originality` });
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
}

test('a near-duplicate draft is matched to the past post with its shared passages; an unrelated post is not', async () => {
  const team = await workspaceWithTeam(t);
  const old = await createPost(t, team.editor, { title: '春季新品发布会回顾', bodyHtml: article(11) });
  const unrelated = await createPost(t, team.editor, { title: '秋季活动预告', bodyHtml: article(12) });
  const r = await check(team.editor, { title: '春季新品发布会回顾', bodyHtml: nearCopy(11) });
  assert.equal(r.threshold, 0.6);
  assert.equal(r.tooShort, false);
  assert.equal(r.matches.length, 1, JSON.stringify(r.matches.map((m) => [m.title, m.similarity])));
  const [m] = r.matches;
  assert.equal(m.postId, old.id);
  assert.ok(m.similarity >= 0.6 && r.maxSimilarity === m.similarity && r.warn);
  assert.equal(m.status, 'draft');
  assert.ok(m.passages.length > 3);
  for (const p of m.passages) {
    assert.equal(normalizedText(r.text.slice(p.draftStart, p.draftEnd)), normalizedText(m.text.slice(p.matchStart, p.matchEnd)));
    assert.ok(normalizedText(r.text.slice(p.draftStart, p.draftEnd)).length >= 8);
  }
  assert.ok(!r.matches.some((x) => x.postId === unrelated.id));
  // Something new: no match at all, no warning.
  const fresh = await check(team.editor, { title: '全新选题', bodyHtml: article(13) });
  assert.deepEqual([fresh.matches, fresh.warn, fresh.maxSimilarity], [[], false, 0]);
  // Too short to judge.
  const short = await check(team.editor, { bodyHtml: '<p>正文</p>' });
  assert.deepEqual([short.tooShort, short.matches, short.warn], [true, [], false]);
});

test("the post itself and its earlier versions are never its own match; another workspace's archive never matches", async () => {
  const team = await workspaceWithTeam(t);
  const other = await workspaceWithTeam(t);
  const a = await createPost(t, team.editor, { title: '品牌故事', bodyHtml: article(21) });
  // Edited twice: versions 1–3 of the same post are not matches of one another.
  for (const [i, body] of [nearCopy(21), article(21)].entries()) {
    const r = await as(t, team.editor)({ method: 'PATCH', url: `/api/v1/posts/${a.id}`, payload: { bodyHtml: body, expectedVersion: i + 1 } });
    assert.equal(r.statusCode, 200, r.body);
  }
  assert.deepEqual((await ofPost(team.guest, a.id)).matches, []);
  // The editor's unsaved text of post a is checked without post a.
  assert.deepEqual((await check(team.editor, { title: '品牌故事', bodyHtml: nearCopy(21), postId: a.id })).matches, []);
  // The same article in another workspace: invisible from here, and the other way round.
  const theirs = await createPost(t, other.editor, { title: '品牌故事', bodyHtml: article(21) });
  assert.deepEqual((await ofPost(team.editor, a.id)).matches, []);
  assert.deepEqual((await ofPost(other.editor, theirs.id)).matches, []);
  const probe = await as(t, team.owner)({ method: 'GET', url: `/api/v1/posts/${theirs.id}/originality` });
  assert.equal(probe.statusCode, 404);
  // A second post in the same workspace is a match, both ways.
  const b = await createPost(t, team.editor, { title: '品牌故事（二）', bodyHtml: nearCopy(21) });
  assert.deepEqual(
    (await ofPost(team.analyst, a.id)).matches.map((m) => m.postId),
    [b.id],
  );
  assert.deepEqual(
    (await ofPost(team.analyst, b.id)).matches.map((m) => m.postId),
    [a.id],
  );
});

test('editing a post updates its signature: the old text no longer finds it, the new text does', async () => {
  const team = await workspaceWithTeam(t);
  const p = await createPost(t, team.editor, { title: '旧文章', bodyHtml: article(31) });
  const [before] = await t.deps.db.select().from(originalitySignatures).where(eq(originalitySignatures.postId, p.id));
  assert.equal(before.version, 1);
  const r = await as(t, team.editor)({ method: 'PATCH', url: `/api/v1/posts/${p.id}`, payload: { title: '新文章', bodyHtml: article(32) } });
  assert.equal(r.statusCode, 200, r.body);
  const [after] = await t.deps.db.select().from(originalitySignatures).where(eq(originalitySignatures.postId, p.id));
  assert.equal(after.version, 2);
  assert.notDeepEqual(after.signature, before.signature);
  assert.deepEqual((await check(team.editor, { title: '旧文章', bodyHtml: nearCopy(31) })).matches, []);
  assert.deepEqual(
    (await check(team.editor, { title: '新文章', bodyHtml: nearCopy(32) })).matches.map((m) => m.title),
    ['新文章'],
  );
});

test('posts saved before the archive existed are indexed lazily by the next check', async () => {
  const team = await workspaceWithTeam(t);
  const p = await createPost(t, team.editor, { title: '老文章', bodyHtml: article(41) });
  await t.deps.db.delete(originalitySignatures).where(eq(originalitySignatures.workspaceId, team.workspaceId));
  // Changed behind the service's back too (another version than any signature).
  await t.deps.db.update(posts).set({ version: 5 }).where(eq(posts.id, p.id));
  assert.equal(await pendingCount(t.deps.db, team.workspaceId), 1);
  const r = await check(team.editor, { title: '老文章', bodyHtml: nearCopy(41) });
  assert.equal(r.pendingIndex, 0);
  assert.deepEqual(
    r.matches.map((m) => m.postId),
    [p.id],
  );
  const [sig] = await t.deps.db.select().from(originalitySignatures).where(eq(originalitySignatures.postId, p.id));
  assert.equal(sig.version, 5);
});

test('submit and schedule answers carry a warning for a near-duplicate, never a block; the threshold is the workspace’s', async () => {
  const team = await workspaceWithTeam(t);
  const acc = await createAccount(t, team.owner, { approvalSteps: 0 });
  await createPost(t, team.editor, { title: '618 大促攻略', bodyHtml: article(51) });
  const dup = await createPost(t, team.editor, { title: '618 大促攻略', bodyHtml: nearCopy(51), accountIds: [acc.id] });
  const fresh = await createPost(t, team.editor, { title: '双十一预热', bodyHtml: article(52), accountIds: [acc.id] });
  const submit = await as(t, team.editor)({ method: 'POST', url: `/api/v1/posts/${dup.id}/submit` });
  assert.equal(submit.statusCode, 200, submit.body);
  assert.equal(submit.json().status, 'approved');
  const w = submit.json().originalityWarning;
  assert.equal(w.threshold, 0.6);
  assert.ok(w.maxSimilarity >= 0.6);
  assert.deepEqual(
    w.matches.map((m: { title: string }) => m.title),
    ['618 大促攻略'],
  );
  const at = new Date(Date.now() + 86400_000).toISOString();
  const sched = await as(t, team.editor)({ method: 'POST', url: `/api/v1/posts/${dup.id}/schedule`, payload: { scheduledAt: at } });
  assert.equal(sched.statusCode, 200, sched.body);
  assert.ok(sched.json().originalityWarning.maxSimilarity >= 0.6);
  const ok = await as(t, team.editor)({ method: 'POST', url: `/api/v1/posts/${fresh.id}/submit` });
  assert.equal(ok.json().originalityWarning, null);

  // A manager raises the threshold above this pair's similarity: no more warning; audited.
  const denied = await as(t, team.editor)({ method: 'PATCH', url: '/api/v1/originality/settings', payload: { threshold: 0.95 } });
  assert.equal(denied.statusCode, 403);
  const low = await as(t, team.manager)({ method: 'PATCH', url: '/api/v1/originality/settings', payload: { threshold: 0.1 } });
  assert.equal(low.statusCode, 400);
  assert.match(low.json().error.message, /阈值不能低于 0.3 \/ threshold must be at least 0.3/);
  const set = await as(t, team.manager)({ method: 'PATCH', url: '/api/v1/originality/settings', payload: { threshold: 0.95 } });
  assert.equal(set.statusCode, 200, set.body);
  assert.equal(set.json().threshold, 0.95);
  assert.equal((await as(t, team.guest)({ method: 'GET', url: '/api/v1/originality/settings' })).json().threshold, 0.95);
  const again = await as(t, team.editor)({ method: 'POST', url: `/api/v1/posts/${dup.id}/schedule`, payload: { scheduledAt: at } });
  assert.equal(again.json().originalityWarning, null);
  const r = await ofPost(team.editor, dup.id);
  assert.deepEqual([r.threshold, r.warn, r.matches.length], [0.95, false, 1]);
  const audit = (await as(t, team.owner)({ method: 'GET', url: '/api/v1/audit?action=originality.settings' })).json();
  assert.equal(audit.total, 1);
  assert.deepEqual([audit.items[0].before, audit.items[0].after], [{ threshold: 0.6 }, { threshold: 0.95 }]);
});

test('scale: with 2,000 archived posts the lookup still returns the right top match', async () => {
  const team = await workspaceWithTeam(t);
  const started = Date.now();
  const rows = Array.from({ length: 2000 }, (_, i) => ({
    workspaceId: team.workspaceId,
    title: `历史文章 ${i}`,
    bodyHtml: article(1000 + i, 400),
    ownerId: team.editor.userId,
    createdBy: team.editor.userId,
  }));
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 500)
    ids.push(
      ...(
        await t.deps.db
          .insert(posts)
          .values(rows.slice(i, i + 500))
          .returning({ id: posts.id })
      ).map((r) => r.id),
    );
  assert.equal(await backfill(t.deps.db, team.workspaceId, { budgetMs: 60_000 }), 0);
  const indexed = Date.now();
  const target = 1234;
  const r = await check(team.editor, { title: `历史文章 ${target}`, bodyHtml: nearCopy(1000 + target, 400) });
  const looked = Date.now();
  assert.equal(r.matches[0]?.postId, ids[target], JSON.stringify(r.matches.map((m) => [m.title, m.similarity])));
  assert.ok(r.warn);
  assert.equal(r.matches.length, 1);
  assert.ok(looked - indexed < 3000, `lookup took ${looked - indexed} ms`);
  assert.ok(looked - started < 10_000, `whole test took ${looked - started} ms`);
});

test('bad input: 400 with a bilingual message; a guest cannot run the draft check', async () => {
  const team = await workspaceWithTeam(t);
  const missing = await as(t, team.editor)({ method: 'POST', url: '/api/v1/originality/check', payload: { title: 'x' } });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.json().error.message, /bodyHtml/);
  const badId = await as(t, team.editor)({ method: 'POST', url: '/api/v1/originality/check', payload: { bodyHtml: '<p>x</p>', postId: 'nope' } });
  assert.equal(badId.statusCode, 400);
  const word = await as(t, team.manager)({ method: 'PATCH', url: '/api/v1/originality/settings', payload: { threshold: 'high' } });
  assert.equal(word.statusCode, 400);
  assert.match(word.json().error.message, /阈值必须是 0.3 到 1 之间的数/);
  const guest = await as(t, team.guest)({ method: 'POST', url: '/api/v1/originality/check', payload: { bodyHtml: '<p>x</p>' } });
  assert.equal(guest.statusCode, 403);
  const nobody = await as(t, null)({ method: 'GET', url: '/api/v1/originality/settings' });
  assert.equal(nobody.statusCode, 401);
});
