// The strategy as its writers and readers depend on it: shares must add up to 100 (refused with
// a message that says so), every save is version n+1 with who and what changed, the diff names
// the changed fields, linked goals are the workspace's and show their progress, the real mix of
// tagged posts against the plan with its gap in points, the roles and the workspace walls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, type Member, testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount, createPost } from '../../test/fixtures';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const manager = as(t, team.manager);
const acc = await createAccount(t, team.owner, { name: '品牌服务号' });

type Pillar = { id: string; name: string; share: number };
type View = {
  id: string;
  version: number;
  content: { pillars: Pillar[]; postsPerWeek: number | null };
  goals: { goalId: string; name: string; state: string }[];
};
const base = { accountId: null, positioning: '做年轻人的护肤顾问', postsPerWeek: 3 };
const save = (body: Record<string, unknown>, who: Member = team.manager) =>
  as(t, who)({ method: 'PUT', url: '/api/v1/strategies/current', payload: { ...base, ...body } });
const saved = async (body: Record<string, unknown>, who: Member = team.manager) => {
  const r = await save(body, who);
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as View;
};
const at = (days: number, hour = 2) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

test('pillar and format shares must add up to 100%: refused with the sum in words', async () => {
  const r = await save({
    pillars: [
      { name: '成分科普', share: 60 },
      { name: '好物测评', share: 30 },
    ],
  });
  assert.equal(r.statusCode, 400);
  assert.match(r.json().error.message, /内容支柱的占比合计须为 100%，现在是 90% \/ The pillars' shares must add up to 100%/);
  const formats = await save({
    formats: [
      { format: 'short_video', share: 70 },
      { format: 'image_text', share: 40 },
    ],
  });
  assert.equal(formats.statusCode, 400);
  assert.match(formats.json().error.message, /内容形式的占比合计须为 100%，现在是 110%/);
  const dup = await save({
    formats: [
      { format: 'live', share: 50 },
      { format: 'live', share: 50 },
    ],
  });
  assert.equal(dup.statusCode, 400);
  assert.match(dup.json().error.message, /内容形式不能重复/);
  const age = await save({ personas: [{ name: '学生党', ageMin: 25, ageMax: 18 }] });
  assert.equal(age.statusCode, 400);
  assert.match(age.json().error.message, /最小年龄大于最大年龄/);
  const fresh = await manager({ method: 'GET', url: '/api/v1/strategies/current' });
  assert.equal(fresh.json(), null, 'nothing refused was kept');
});

test('every save is a new version with who and when; the diff names the changed fields; old versions stay readable', async () => {
  const ws = await workspaceWithTeam(t);
  const v1 = await saved(
    {
      pillars: [
        { name: '成分科普', share: 50 },
        { name: '好物测评', share: 50 },
      ],
      personas: [{ name: '学生党', ageMin: 18, ageMax: 24 }],
    },
    ws.manager,
  );
  assert.equal(v1.version, 1);
  const [a, b] = v1.content.pillars;
  const v2 = await saved(
    {
      expectedVersion: 1,
      postsPerWeek: 5,
      pillars: [
        { ...a, share: 70 },
        { ...b, share: 30 },
      ],
      personas: [{ name: '学生党', ageMin: 18, ageMax: 24 }],
      note: '测评效果更好',
    },
    ws.owner,
  );
  assert.equal(v2.version, 2);
  const stale = await save({ expectedVersion: 1 }, ws.manager);
  assert.equal(stale.statusCode, 409, 'a save on top of an older version is refused');
  const list = (await as(t, ws.guest)({ method: 'GET', url: '/api/v1/strategies/versions' })).json();
  assert.equal(list.total, 2);
  assert.deepEqual(
    list.items.map((v: { version: number; createdByName: string; note: string }) => [v.version, v.createdByName, v.note]),
    [
      [2, '所有者', '测评效果更好'],
      [1, 'manager', ''],
    ],
  );
  const diff = (await as(t, ws.guest)({ method: 'GET', url: '/api/v1/strategies/diff?from=1&to=2' })).json();
  const paths = diff.changes.map((c: { path: string }) => c.path);
  // The persona was sent again without its id: a new persona (added), the old one removed.
  assert.deepEqual(
    paths.filter((p: string) => !p.startsWith('personas')),
    [`pillars[${a.id}].share`, `pillars[${b.id}].share`, 'postsPerWeek'],
  );
  const share = diff.changes.find((c: { path: string }) => c.path === `pillars[${a.id}].share`);
  assert.deepEqual([share.label, share.before, share.after], ['内容支柱「成分科普」的占比', 50, 70]);
  assert.deepEqual(list.items[0].changed, paths, 'the version lists what it changed');
  // Version 1 is still there as it was.
  const back = (await as(t, ws.guest)({ method: 'GET', url: '/api/v1/strategies/diff?from=2&to=1' })).json();
  assert.equal(back.changes.find((c: { path: string }) => c.path === 'postsPerWeek').after, 3);
  assert.equal((await as(t, ws.guest)({ method: 'GET', url: '/api/v1/strategies/diff?from=1&to=9' })).statusCode, 404);
});

test('only owners and managers write it; every member reads it', async () => {
  for (const role of ['editor', 'reviewer', 'analyst', 'guest'] as const) {
    const r = await save({}, team[role]);
    assert.equal(r.statusCode, 403, role);
  }
  await saved({});
  assert.equal((await as(t, team.guest)({ method: 'GET', url: '/api/v1/strategies/current' })).json().content.postsPerWeek, 3);
});

test('linked goals must be the workspace’s and show their live progress', async () => {
  const g = await manager({
    method: 'POST',
    url: '/api/v1/goals',
    payload: {
      name: '本月发布 12 篇',
      metric: 'posts_published',
      scope: 'workspace',
      period: 'month',
      startDay: at(0).slice(0, 10),
      target: 12,
      ownerId: team.manager.userId,
    },
  });
  assert.equal(g.statusCode, 201, g.body);
  const goalId = g.json().id;
  const s = await saved({ goals: [{ goalId, horizon: 'short' }] });
  assert.deepEqual(
    s.goals.map((x) => [x.goalId, x.name]),
    [[goalId, '本月发布 12 篇']],
  );
  assert.ok(['too_early', 'on_track', 'at_risk', 'met', 'missed'].includes(s.goals[0].state));
  const theirs = await as(t, other.manager)({ method: 'PUT', url: '/api/v1/strategies/current', payload: { ...base, goals: [{ goalId, horizon: 'long' }] } });
  assert.equal(theirs.statusCode, 400);
  assert.match(theirs.json().error.message, /关联的目标不存在/);
});

test('the real mix: 10 tagged posts, 6 pillar A and 4 pillar B against 50/50 are +10 and −10 points; cadence against plan', async () => {
  const ws = await workspaceWithTeam(t);
  const a1 = await createAccount(t, ws.owner, { name: '号一' });
  const s = await saved(
    {
      pillars: [
        { name: 'A', share: 50 },
        { name: 'B', share: 50 },
      ],
      formats: [
        { format: 'short_video', share: 80 },
        { format: 'image_text', share: 20 },
      ],
      postsPerWeek: 3,
    },
    ws.manager,
  );
  const [A, B] = s.content.pillars;
  const editor = as(t, ws.editor);
  for (let i = 0; i < 11; i++) {
    const p = await createPost(t, ws.editor, {
      accountIds: [a1.id],
      pillarId: i < 6 ? A.id : i < 10 ? B.id : null,
      format: i < 5 ? 'short_video' : i < 10 ? 'image_text' : null,
    });
    const r = await editor({ method: 'POST', url: `/api/v1/posts/${p.id}/schedule`, payload: { scheduledAt: at(1 + (i % 6), 1 + i) } });
    assert.equal(r.statusCode, 200, r.body);
  }
  await createPost(t, ws.editor, { pillarId: A.id }); // not scheduled: not in the mix
  const q = `from=${encodeURIComponent(at(0, 0))}&to=${encodeURIComponent(at(14, 0))}`;
  const mix = (await as(t, ws.guest)({ method: 'GET', url: `/api/v1/strategies/mix?${q}` })).json();
  assert.equal(mix.total, 11);
  assert.equal(mix.untaggedPillar, 1);
  assert.deepEqual(
    mix.pillars.map((p: { name: string; target: number; count: number; actual: number; gap: number }) => [p.name, p.target, p.count, p.actual, p.gap]),
    [
      ['A', 50, 6, 60, 10],
      ['B', 50, 4, 40, -10],
    ],
  );
  assert.deepEqual(
    mix.formats.map((f: { format: string; actual: number; gap: number }) => [f.format, f.actual, f.gap]),
    [
      ['short_video', 50, -30],
      ['image_text', 50, 30],
    ],
  );
  assert.equal(mix.cadence.planned, 3);
  assert.deepEqual(
    mix.cadence.accounts.map((x: { accountName: string; count: number; perWeek: number }) => [x.accountName, x.count, x.perWeek]),
    [['号一', 11, 5.5]],
  );
  // An account's own strategy is measured on that account's posts.
  const own = await saved({ accountId: a1.id, pillars: [{ name: '只做 A', share: 100 }] }, ws.manager);
  const byAccount = (await as(t, ws.guest)({ method: 'GET', url: `/api/v1/strategies/mix?${q}&accountId=${a1.id}` })).json();
  assert.deepEqual([byAccount.version, byAccount.pillars.map((p: { name: string }) => p.name), byAccount.untaggedPillar], [own.version, ['只做 A'], 11]);
  const choices = (await editor({ method: 'GET', url: '/api/v1/strategies/pillars' })).json();
  assert.deepEqual(
    choices.map((c: { name: string; accountName: string | null }) => [c.name, c.accountName]),
    [
      ['A', null],
      ['B', null],
      ['只做 A', '号一'],
    ],
  );
});

test('posts carry a pillar and a format: set and changed without a new post version; an unknown format is refused', async () => {
  const s = await saved({ pillars: [{ name: '成分科普', share: 100 }] });
  const pillarId = s.content.pillars[0].id;
  const p = await createPost(t, team.editor, { pillarId, format: 'image_text' });
  const editor = as(t, team.editor);
  const read = async () => (await editor({ method: 'GET', url: `/api/v1/posts/${p.id}` })).json();
  assert.deepEqual([(await read()).pillarId, (await read()).format], [pillarId, 'image_text']);
  const changed = await editor({ method: 'PATCH', url: `/api/v1/posts/${p.id}`, payload: { format: 'live', pillarId: null } });
  assert.equal(changed.statusCode, 200, changed.body);
  assert.deepEqual([changed.json().pillarId, changed.json().format, changed.json().version], [null, 'live', 1], 'tagging is not an edit of the content');
  const bad = await editor({ method: 'PATCH', url: `/api/v1/posts/${p.id}`, payload: { format: 'podcast' } });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /未知的内容形式|unknown content format/);
});

test('workspace walls: another workspace’s strategy, account and posts are not seen', async () => {
  await saved({ positioning: '我们的定位' });
  const theirs = await as(t, other.guest)({ method: 'GET', url: '/api/v1/strategies/current' });
  assert.equal(theirs.json(), null);
  assert.deepEqual((await as(t, other.guest)({ method: 'GET', url: '/api/v1/strategies' })).json(), []);
  assert.equal((await as(t, other.guest)({ method: 'GET', url: `/api/v1/strategies/current?accountId=${acc.id}` })).statusCode, 404);
  const w = await as(t, other.manager)({ method: 'PUT', url: '/api/v1/strategies/current', payload: { ...base, accountId: acc.id } });
  assert.equal(w.statusCode, 404);
  const mix = (await as(t, other.guest)({ method: 'GET', url: '/api/v1/strategies/mix' })).json();
  assert.deepEqual([mix.total, mix.version], [0, null]);
});

test("a post can carry only a pillar one of its workspace's strategies named", async () => {
  const ws = await workspaceWithTeam(t);
  const s = await saved({ pillars: [{ name: '成分科普', share: 100 }] }, ws.manager);
  const theirs = await saved({ pillars: [{ name: '别家的', share: 100 }] }, (await workspaceWithTeam(t)).manager);
  const post = await createPost(t, ws.editor, { pillarId: s.content.pillars[0].id });
  assert.equal((post as { pillarId?: string }).pillarId, s.content.pillars[0].id);
  const editor = as(t, ws.editor);
  for (const pillarId of [theirs.content.pillars[0].id, '00000000-0000-4000-8000-000000000000']) {
    const r = await editor({ method: 'PATCH', url: `/api/v1/posts/${post.id}`, payload: { pillarId, expectedVersion: post.version } });
    assert.equal(r.statusCode, 400, r.body);
    assert.match(r.json().error.message, /内容支柱不存在.*The content pillar does not exist/s);
  }
  const cleared = await editor({ method: 'PATCH', url: `/api/v1/posts/${post.id}`, payload: { pillarId: null, expectedVersion: post.version } });
  assert.equal(cleared.statusCode, 200, cleared.body);
  assert.equal(cleared.json().pillarId, null);
});
