import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount, createPost } from '../../test/fixtures';

const t = await testEnv();
const tomorrowAt = (h: number, dayOffset = 1) => {
  const d = new Date(Date.now() + dayOffset * 86400_000);
  d.setUTCHours(h, 0, 0, 0);
  return d.toISOString();
};

test('approval: nobody approves their own post; rejection needs a reason and sends it back', async () => {
  const team = await workspaceWithTeam(t);
  const acc = await createAccount(t, team.owner);
  // The manager writes; as a reviewer the manager cannot approve it.
  const p = await createPost(t, team.manager, { accountIds: [acc.id] });
  assert.equal((await as(t, team.manager)({ method: 'POST', url: `/api/v1/posts/${p.id}/submit` })).json().status, 'in_review');
  const self = await as(t, team.manager)({ method: 'POST', url: `/api/v1/posts/${p.id}/review`, payload: { decision: 'approved' } });
  assert.equal(self.statusCode, 403);
  assert.match(self.json().error.message, /不能审核自己的稿件/);
  // The review queue does not offer one's own posts.
  assert.equal((await as(t, team.manager)({ method: 'GET', url: '/api/v1/review-queue' })).json().total, 0);
  assert.equal((await as(t, team.reviewer)({ method: 'GET', url: '/api/v1/review-queue' })).json().total, 1);
  const noReason = await as(t, team.reviewer)({ method: 'POST', url: `/api/v1/posts/${p.id}/review`, payload: { decision: 'rejected' } });
  assert.equal(noReason.statusCode, 400);
  const rej = await as(t, team.reviewer)({ method: 'POST', url: `/api/v1/posts/${p.id}/review`, payload: { decision: 'rejected', comment: '标题太长' } });
  assert.equal(rej.json().status, 'changes_requested');
  assert.equal(rej.json().approvals[0].comment, '标题太长');
});

test('approval steps per account: two steps need two different reviewers', async () => {
  const team = await workspaceWithTeam(t);
  const acc = await createAccount(t, team.owner, { approvalSteps: 2 });
  const p = await createPost(t, team.editor, { accountIds: [acc.id] });
  await as(t, team.editor)({ method: 'POST', url: `/api/v1/posts/${p.id}/submit` });
  const one = await as(t, team.reviewer)({ method: 'POST', url: `/api/v1/posts/${p.id}/review`, payload: { decision: 'approved' } });
  assert.deepEqual([one.json().status, one.json().approvalsGiven, one.json().approvalsNeeded], ['in_review', 1, 2]);
  const again = await as(t, team.reviewer)({ method: 'POST', url: `/api/v1/posts/${p.id}/review`, payload: { decision: 'approved' } });
  assert.equal(again.statusCode, 409);
  const two = await as(t, team.manager)({ method: 'POST', url: `/api/v1/posts/${p.id}/review`, payload: { decision: 'approved' } });
  assert.equal(two.json().status, 'approved');
});

test('editing an approved post resets its approval and keeps a version history', async () => {
  const team = await workspaceWithTeam(t);
  const acc = await createAccount(t, team.owner);
  const p = await createPost(t, team.editor, { accountIds: [acc.id] });
  await as(t, team.editor)({ method: 'POST', url: `/api/v1/posts/${p.id}/submit` });
  await as(t, team.reviewer)({ method: 'POST', url: `/api/v1/posts/${p.id}/review`, payload: { decision: 'approved' } });
  const edited = await as(t, team.editor)({ method: 'PATCH', url: `/api/v1/posts/${p.id}`, payload: { title: '春季新品发布（修订）', expectedVersion: 1 } });
  assert.equal(edited.statusCode, 200);
  assert.deepEqual([edited.json().status, edited.json().version, edited.json().approvalsGiven], ['draft', 2, 0]);
  const stale = await as(t, team.manager)({ method: 'PATCH', url: `/api/v1/posts/${p.id}`, payload: { title: '别人的修改', expectedVersion: 1 } });
  assert.equal(stale.statusCode, 409);
  const versions = (await as(t, team.guest)({ method: 'GET', url: `/api/v1/posts/${p.id}/versions` })).json();
  assert.deepEqual(
    versions.map((v: { version: number; snapshot: { title: string } }) => [v.version, v.snapshot.title]),
    [
      [2, '春季新品发布（修订）'],
      [1, '春季新品发布'],
    ],
  );
  // Comments on drafts, in order, with the author's name.
  await as(t, team.reviewer)({ method: 'POST', url: `/api/v1/posts/${p.id}/comments`, payload: { body: '第二段再精简一些' } });
  const comments = (await as(t, team.editor)({ method: 'GET', url: `/api/v1/posts/${p.id}/comments` })).json();
  assert.deepEqual([comments[0].body, comments[0].authorName], ['第二段再精简一些', 'reviewer']);
});

test("scheduling creates one publication per account; 发布 is not 群发: only mass sends count against a subscription account's one a day", async () => {
  const team = await workspaceWithTeam(t);
  const sub = await createAccount(t, team.owner, { accountType: 'subscription' });
  const svc = await createAccount(t, team.owner, { accountType: 'service' });
  const mass = { mode: 'mass_send' };
  const p1 = await createPost(t, team.editor, { accountIds: [sub.id, svc.id] });
  const s1 = await as(
    t,
    team.editor,
  )({ method: 'POST', url: `/api/v1/posts/${p1.id}/schedule`, payload: { scheduledAt: tomorrowAt(2), deliveries: { [sub.id]: mass } } });
  assert.equal(s1.statusCode, 200, s1.body);
  assert.deepEqual(
    s1.json().publications.map((x: { state: string }) => x.state),
    ['scheduled', 'scheduled'],
  );
  const modes = Object.fromEntries(s1.json().publications.map((x: { accountId: string; delivery: { mode: string } }) => [x.accountId, x.delivery.mode]));
  assert.deepEqual(modes, { [sub.id]: 'mass_send', [svc.id]: 'publish' });
  // Two more plain publishes (发布) the same day are fine: they push to nobody and spend no allowance.
  for (const hour of [3, 5]) {
    const p = await createPost(t, team.editor, { accountIds: [sub.id] });
    const s = await as(t, team.editor)({ method: 'POST', url: `/api/v1/posts/${p.id}/schedule`, payload: { scheduledAt: tomorrowAt(hour) } });
    assert.equal(s.statusCode, 200, s.body);
  }
  // A second mass send (群发) the same day is refused.
  const p2 = await createPost(t, team.editor, { accountIds: [sub.id] });
  const s2 = await as(
    t,
    team.editor,
  )({
    method: 'POST',
    url: `/api/v1/posts/${p2.id}/schedule`,
    payload: { scheduledAt: tomorrowAt(4), deliveries: { [sub.id]: { mode: 'mass_send', tagId: 2 } } },
  });
  assert.equal(s2.statusCode, 409);
  assert.match(s2.json().error.message, /订阅号每天只能群发 1 次/);
  // The next day is free.
  const s3 = await as(
    t,
    team.editor,
  )({ method: 'POST', url: `/api/v1/posts/${p2.id}/schedule`, payload: { scheduledAt: tomorrowAt(4, 2), deliveries: { [sub.id]: mass } } });
  assert.equal(s3.statusCode, 200);
  // A delivery for an account the post does not target is refused.
  const stray = await as(
    t,
    team.editor,
  )({ method: 'POST', url: `/api/v1/posts/${p2.id}/schedule`, payload: { scheduledAt: tomorrowAt(6, 2), deliveries: { [svc.id]: mass } } });
  assert.equal(stray.statusCode, 400);
  // Dropping an account from the post cancels its publication; unscheduling cancels the rest.
  await as(t, team.editor)({ method: 'PATCH', url: `/api/v1/posts/${p1.id}`, payload: { accountIds: [svc.id] } });
  const after = (await as(t, team.editor)({ method: 'GET', url: `/api/v1/posts/${p1.id}` })).json();
  assert.deepEqual(
    after.publications.map((x: { accountId: string }) => x.accountId),
    [svc.id],
  );
  const un = await as(t, team.editor)({ method: 'POST', url: `/api/v1/posts/${p1.id}/unschedule` });
  assert.deepEqual([un.json().scheduledAt, un.json().publications.length], [null, 0]);
});

test('calendar: posts in range with their publications, filtered by account, status and owner', async () => {
  const team = await workspaceWithTeam(t);
  const a1 = await createAccount(t, team.owner);
  const a2 = await createAccount(t, team.owner);
  const p1 = await createPost(t, team.editor, { title: '一号', accountIds: [a1.id] });
  const p2 = await createPost(t, team.manager, { title: '二号', accountIds: [a2.id] });
  await as(t, team.editor)({ method: 'POST', url: `/api/v1/posts/${p1.id}/schedule`, payload: { scheduledAt: tomorrowAt(3) } });
  await as(t, team.manager)({ method: 'POST', url: `/api/v1/posts/${p2.id}/schedule`, payload: { scheduledAt: tomorrowAt(5) } });
  const from = encodeURIComponent(new Date().toISOString());
  const to = encodeURIComponent(new Date(Date.now() + 7 * 86400_000).toISOString());
  const cal = (q = '') => as(t, team.guest)({ method: 'GET', url: `/api/v1/calendar?from=${from}&to=${to}${q}` });
  assert.deepEqual(
    (await cal()).json().items.map((i: { title: string }) => i.title),
    ['一号', '二号'],
  );
  assert.deepEqual(
    (await cal(`&accountId=${a2.id}`)).json().items.map((i: { title: string }) => i.title),
    ['二号'],
  );
  assert.deepEqual(
    (await cal(`&ownerId=${team.editor.userId}`)).json().items.map((i: { title: string }) => i.title),
    ['一号'],
  );
  assert.equal((await cal('&status=approved')).json().items.length, 0);
  assert.equal((await cal()).json().items[0].publications[0].state, 'scheduled');
  const tooWide = await as(t, team.guest)({ method: 'GET', url: `/api/v1/calendar?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z` });
  assert.equal(tooWide.statusCode, 400);
});

test('topic pool: create, filter by status, search, owner name shown', async () => {
  const team = await workspaceWithTeam(t);
  const ed = as(t, team.editor);
  const a = (await ed({ method: 'POST', url: '/api/v1/topics', payload: { title: '双十一复盘', tags: ['电商'] } })).json();
  assert.equal(a.ownerName, 'editor');
  await ed({ method: 'POST', url: '/api/v1/topics', payload: { title: '新年祝福', status: 'planned' } });
  await ed({ method: 'PATCH', url: `/api/v1/topics/${a.id}`, payload: { status: 'used' } });
  const planned = (await ed({ method: 'GET', url: '/api/v1/topics?status=planned' })).json();
  assert.deepEqual(
    planned.items.map((x: { title: string }) => x.title),
    ['新年祝福'],
  );
  const found = (await ed({ method: 'GET', url: `/api/v1/topics?q=${encodeURIComponent('复盘')}` })).json();
  assert.deepEqual([found.total, found.items[0].status, found.items[0].ownerName], [1, 'used', 'editor']);
  // A literal % in a search is not a wildcard.
  assert.equal((await ed({ method: 'GET', url: '/api/v1/topics?q=%25' })).json().total, 0);
  assert.equal((await as(t, team.analyst)({ method: 'POST', url: '/api/v1/topics', payload: { title: 'x' } })).statusCode, 403);
});
