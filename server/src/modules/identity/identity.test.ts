import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, PASSWORD, signIn, testEnv, workspaceWithTeam } from '../../test/app';

const t = await testEnv();

test('first run: setup creates the owner once, signs in, then refuses', async () => {
  // This file's database starts empty of users only if nothing else ran; check the flag honestly.
  const before = await t.app.inject({ method: 'GET', url: '/api/v1/setup' });
  assert.equal(before.statusCode, 200);
  assert.equal(before.json().needsOwner, true);
  const body = { workspaceName: '品牌部', name: '王主管', email: 'Boss@Example.com', password: PASSWORD };
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: body });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().role, 'owner');
  assert.equal(r.json().workspace.name, '品牌部');
  assert.ok(r.cookies.find((c) => c.name === 'meiyun_session' && c.httpOnly && c.sameSite === 'Lax'));
  const again = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { ...body, email: 'x@example.com' } });
  assert.equal(again.statusCode, 409);
  assert.match(again.json().error.message, /已初始化.*Already set up/);
  // Email is case-insensitive at sign-in.
  const cookie = await signIn(t.app, 'boss@example.com');
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
  assert.equal(me.json().user.email, 'boss@example.com');
  assert.ok(me.json().permissions.includes('audit.read'));
});

test('wrong password is 401 with a bilingual message; repeated failures are throttled', async () => {
  const team = await workspaceWithTeam(t);
  const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: team.editor.email, password: 'nope-nope' } });
  assert.equal(bad.statusCode, 401);
  assert.equal(bad.json().error.message, '邮箱或密码错误 / Wrong email or password');
  let last = 0;
  for (let i = 0; i < 11; i++) {
    last = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: team.editor.email, password: 'nope-nope' } })).statusCode;
  }
  assert.equal(last, 429);
  // Even the right password is refused while throttled.
  const right = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: team.editor.email, password: PASSWORD } });
  assert.equal(right.statusCode, 429);
});

test('no session: 401 on workspace data; sign-out ends the session', async () => {
  const team = await workspaceWithTeam(t);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/accounts' })).statusCode, 401);
  const cookie = await signIn(t.app, team.analyst.email);
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie } })).statusCode, 200);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode, 401);
});

test('invitation: a manager invites, the invitee joins with the invited role; the link works once', async () => {
  const team = await workspaceWithTeam(t);
  const mgr = as(t, team.manager);
  const inv = await mgr({ method: 'POST', url: '/api/v1/invitations', payload: { email: 'new.writer@example.com', role: 'editor' } });
  assert.equal(inv.statusCode, 200, inv.body);
  const token = inv.json().token;
  assert.ok(token.length > 20);
  // A manager cannot hand out ownership.
  const owner = await mgr({ method: 'POST', url: '/api/v1/invitations', payload: { email: 'x@example.com', role: 'owner' } });
  assert.equal(owner.statusCode, 403);
  const acc = await t.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token, name: '新作者', password: PASSWORD } });
  assert.equal(acc.statusCode, 200, acc.body);
  assert.equal(acc.json().role, 'editor');
  assert.equal(acc.json().workspace.id, team.workspaceId);
  const twice = await t.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token, name: '新作者', password: PASSWORD } });
  assert.equal(twice.statusCode, 404);
  const list = await as(t, team.owner)({ method: 'GET', url: '/api/v1/members' });
  assert.ok(list.json().items.some((m: { email: string; role: string }) => m.email === 'new.writer@example.com' && m.role === 'editor'));
});

test('members and invitations are paged, searched and filtered on the server', async () => {
  const team = await workspaceWithTeam(t);
  const own = as(t, team.owner);
  for (let i = 0; i < 3; i++) await own({ method: 'POST', url: '/api/v1/invitations', payload: { email: `page${i}@example.com`, role: 'guest' } });
  const first = (await own({ method: 'GET', url: '/api/v1/members?page=1&pageSize=4' })).json();
  const second = (await own({ method: 'GET', url: '/api/v1/members?page=2&pageSize=4' })).json();
  assert.deepEqual([first.total, first.items.length, second.items.length], [6, 4, 2]);
  const names = [...first.items, ...second.items].map((m: { name: string }) => m.name);
  assert.deepEqual(
    names,
    [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  assert.equal(new Set([...first.items, ...second.items].map((m: { userId: string }) => m.userId)).size, 6);
  const reviewers = (await own({ method: 'GET', url: '/api/v1/members?role=reviewer' })).json();
  assert.deepEqual(
    reviewers.items.map((m: { userId: string }) => m.userId),
    [team.reviewer.userId],
  );
  const byEmail = (await own({ method: 'GET', url: `/api/v1/members?q=${encodeURIComponent(team.editor.email.slice(0, 8).toUpperCase())}` })).json();
  assert.ok(byEmail.items.some((m: { userId: string }) => m.userId === team.editor.userId));
  assert.equal((await own({ method: 'GET', url: '/api/v1/members?q=%25' })).json().total, 0, 'a % is matched literally');
  const inv = (await own({ method: 'GET', url: '/api/v1/invitations?status=pending&pageSize=2' })).json();
  assert.deepEqual([inv.total, inv.items.length], [3, 2]);
  const bad = await own({ method: 'GET', url: '/api/v1/members?pageSize=1000' });
  assert.equal(bad.statusCode, 400);
});

test('roles: the last owner cannot be demoted; role changes are audited with before and after', async () => {
  const team = await workspaceWithTeam(t);
  const own = as(t, team.owner);
  const demote = await own({ method: 'PATCH', url: `/api/v1/members/${team.owner.userId}`, payload: { role: 'manager' } });
  assert.equal(demote.statusCode, 409);
  const ok = await own({ method: 'PATCH', url: `/api/v1/members/${team.guest.userId}`, payload: { role: 'analyst' } });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().role, 'analyst');
  const audit = await own({ method: 'GET', url: '/api/v1/audit?action=member.role' });
  assert.equal(audit.statusCode, 200);
  const e = audit.json().items[0];
  assert.deepEqual([e.before, e.after, e.entityId, e.actorId], [{ role: 'guest' }, { role: 'analyst' }, team.guest.userId, team.owner.userId]);
  // Editors cannot read the audit log.
  assert.equal((await as(t, team.editor)({ method: 'GET', url: '/api/v1/audit' })).statusCode, 403);
});

test('workspace switcher: only workspaces one belongs to', async () => {
  const a = await workspaceWithTeam(t);
  const b = await workspaceWithTeam(t);
  const r = await as(t, a.editor)({ method: 'POST', url: '/api/v1/me/workspace', payload: { workspaceId: b.workspaceId } });
  assert.equal(r.statusCode, 404);
  const created = await as(t, a.editor)({ method: 'POST', url: '/api/v1/workspaces', payload: { name: '个人空间' } });
  assert.equal(created.statusCode, 200);
  assert.equal(created.json().role, 'owner');
  assert.equal(created.json().workspaces.length, 2);
  const back = await as(t, a.editor)({ method: 'POST', url: '/api/v1/me/workspace', payload: { workspaceId: a.workspaceId } });
  assert.equal(back.json().role, 'editor');
});
