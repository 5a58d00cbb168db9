import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { as, type Member, PASSWORD, signIn, testEnv, workspaceWithTeam } from '../../test/app';
import { passwordResets } from './tables';
import { cookieOf, signInFrom } from './testing';

const t = await testEnv();
const NEW_PASSWORD = 'brand-new-pass-7';
const CHROME_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
type Ev = { kind: string; reason: string | null; email: string; ip: string | null; device: string | null; userId: string | null; actorName: string | null };

test('sign-ins, failures, sign-outs and credential changes are recorded; each person sees their own', async () => {
  const team = await workspaceWithTeam(t);
  const email = team.editor.email;
  await signInFrom(t, email, { ip: '198.51.100.1', password: 'not-it-at-all' });
  const ok = await signInFrom(t, email, { ip: '203.0.113.1', headers: { 'user-agent': CHROME_WIN } });
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie: cookieOf(ok) } });
  const mine = await as(t, team.editor)({ method: 'GET', url: '/api/v1/me/auth-events' });
  assert.equal(mine.statusCode, 200, mine.body);
  const items = mine.json().items as Ev[];
  assert.deepEqual(
    items.slice(0, 3).map((e) => [e.kind, e.reason, e.ip]),
    [
      ['sign_out', null, '127.0.0.1'],
      ['sign_in', null, '203.0.113.1'],
      ['sign_in_failed', 'wrong_password', '198.51.100.1'],
    ],
  );
  assert.equal(items[1].device, 'Chrome 126 · Windows');
  assert.ok(items.every((e) => e.userId === team.editor.userId));
  // The analyst sees only their own sign-in from the team fixture.
  const other = (await as(t, team.analyst)({ method: 'GET', url: '/api/v1/me/auth-events' })).json().items as Ev[];
  assert.deepEqual(
    other.map((e) => e.kind),
    ['sign_in'],
  );
});

test("owners and managers see their members' events, never another workspace's people, never unknown emails", async () => {
  const a = await workspaceWithTeam(t);
  const b = await workspaceWithTeam(t);
  await signInFrom(t, b.editor.email, { ip: '198.51.100.2', password: 'not-it-at-all' });
  await signInFrom(t, 'ghost@example.com', { ip: '198.51.100.2', password: 'not-it-at-all' });
  await signInFrom(t, a.editor.email, { ip: '198.51.100.3', password: 'not-it-at-all' });
  const list = await as(t, a.manager)({ method: 'GET', url: '/api/v1/auth-events?kind=sign_in_failed' });
  assert.equal(list.statusCode, 200, list.body);
  const emails = (list.json().items as Ev[]).map((e) => e.email);
  assert.deepEqual(emails, [a.editor.email]);
  const all = (await as(t, a.owner)({ method: 'GET', url: '/api/v1/auth-events?pageSize=200' })).json().items as Ev[];
  const aUsers = new Set([a.owner, a.manager, a.editor, a.reviewer, a.analyst, a.guest].map((m) => m.userId));
  assert.ok(all.length >= 7);
  assert.ok(all.every((e) => e.userId && aUsers.has(e.userId)));
  const byUser = (await as(t, a.owner)({ method: 'GET', url: `/api/v1/auth-events?userId=${b.editor.userId}` })).json();
  assert.equal(byUser.total, 0, "asking for another workspace's user finds nothing");
  // An unknown email's failure is kept, with no user, for the operators only.
  const ghost = (await t.deps.db.execute(sql`select user_id, reason from auth_events where email = 'ghost@example.com'`)).rows;
  assert.deepEqual(ghost, [{ user_id: null, reason: 'unknown_email' }]);
  for (const role of ['editor', 'reviewer', 'analyst', 'guest'] as const) {
    assert.equal((await as(t, a[role])({ method: 'GET', url: '/api/v1/auth-events' })).statusCode, 403, role);
  }
});

test('change password: the current one is required, every other session ends, the change is recorded', async () => {
  const team = await workspaceWithTeam(t);
  const laptop = team.editor.cookie;
  const phone = await signIn(t.app, team.editor.email);
  const wrong = await as(
    t,
    team.editor,
  )({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: 'guess-guess', newPassword: NEW_PASSWORD } });
  assert.equal(wrong.statusCode, 401);
  assert.match(wrong.json().error.message, /当前密码错误/);
  const r = await as(t, team.editor)({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().revoked, 1);
  assert.equal((await me(laptop)).statusCode, 200, 'this session stays');
  assert.equal((await me(phone)).statusCode, 401, 'the other one ended');
  assert.equal((await signInFrom(t, team.editor.email, { ip: '203.0.113.4' })).statusCode, 401, 'the old password is gone');
  assert.equal((await signInFrom(t, team.editor.email, { ip: '203.0.113.4', password: NEW_PASSWORD })).statusCode, 200);
  const events = (await as(t, team.editor)({ method: 'GET', url: '/api/v1/me/auth-events?kind=password_changed' })).json();
  assert.equal(events.total, 1);
  const short = await as(t, team.editor)({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: NEW_PASSWORD, newPassword: 'short' } });
  assert.equal(short.statusCode, 400);
});

async function issue(actor: Member, target: Member) {
  return as(t, actor)({ method: 'POST', url: `/api/v1/members/${target.userId}/password-reset` });
}
const useLink = (token: string, password = NEW_PASSWORD, ip = '203.0.113.5') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', remoteAddress: ip, payload: { token, password } });

test('reset link: a manager issues it once, it works once, ends every session and signs the member in', async () => {
  const team = await workspaceWithTeam(t);
  const r = await issue(team.manager, team.editor);
  assert.equal(r.statusCode, 200, r.body);
  const link = r.json();
  assert.equal(link.path, `/reset-password?token=${link.token}`);
  assert.equal(link.url, null);
  assert.ok(Date.parse(link.expiresAt) - Date.now() > 23.9 * 3600_000);
  const [stored] = await t.deps.db.select().from(passwordResets).where(eq(passwordResets.userId, team.editor.userId));
  assert.notEqual(stored.tokenHash, link.token, 'only the hash is stored');
  const info = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/check', payload: { token: link.token } });
  const { expiresAt, ...whose } = info.json() as Record<string, unknown>;
  assert.deepEqual(whose, { email: team.editor.email, name: 'editor', totpRequired: false });
  assert.equal(expiresAt, link.expiresAt);
  const used = await useLink(link.token);
  assert.equal(used.statusCode, 200, used.body);
  assert.equal(used.json().user.id, team.editor.userId);
  assert.equal((await me(cookieOf(used))).statusCode, 200, 'signed in by the link');
  assert.equal((await me(team.editor.cookie)).statusCode, 401, 'the old session ended');
  assert.equal((await useLink(link.token, 'another-pass-99')).statusCode, 404, 'one use');
  assert.equal((await signInFrom(t, team.editor.email, { ip: '203.0.113.6', password: NEW_PASSWORD })).statusCode, 200);
  const kinds = ((await as(t, team.owner)({ method: 'GET', url: `/api/v1/auth-events?userId=${team.editor.userId}` })).json().items as Ev[]).map((e) => e.kind);
  assert.deepEqual(kinds.slice(0, 3), ['sign_in', 'password_reset_used', 'password_reset_issued']);
  const audit = (await as(t, team.owner)({ method: 'GET', url: '/api/v1/audit?action=member.password_reset' })).json().items;
  assert.deepEqual([audit[0].entityId, audit[0].actorId], [team.editor.userId, team.manager.userId]);
});

test('reset link: expires after 24 h, a new one replaces the old, and the link is absolute with MEIYUN_PUBLIC_URL', async () => {
  const team = await workspaceWithTeam(t);
  const first = (await issue(team.owner, team.analyst)).json();
  const second = (await issue(team.owner, team.analyst)).json();
  assert.equal((await useLink(first.token)).statusCode, 404, 'the earlier link was replaced');
  await t.deps.db.execute(sql`update password_resets set expires_at = now() - interval '1 minute' where user_id = ${team.analyst.userId}`);
  assert.equal((await useLink(second.token)).statusCode, 404, 'expired');
  assert.equal((await signInFrom(t, team.analyst.email, { ip: '203.0.113.7' })).statusCode, 200, 'the password is unchanged');
  const pub = await testEnv({ MEIYUN_PUBLIC_URL: 'https://meiyun.example.com/' });
  const p = await workspaceWithTeam(pub);
  const link = (await as(pub, p.owner)({ method: 'POST', url: `/api/v1/members/${p.guest.userId}/password-reset` })).json();
  assert.equal(link.url, `https://meiyun.example.com/reset-password?token=${link.token}`);
});

test('reset link: a manager cannot reset an owner, nor anyone outside the workspace or also in one they do not manage', async () => {
  const a = await workspaceWithTeam(t);
  const b = await workspaceWithTeam(t);
  assert.equal((await issue(a.manager, a.owner)).statusCode, 403);
  assert.equal((await issue(a.editor, a.guest)).statusCode, 403, 'editors have no members.manage');
  assert.equal((await issue(a.manager, b.editor)).statusCode, 404, 'another workspace’s member is not found');
  // a's reviewer joins b as well: a's manager does not manage b, so cannot take over that account.
  const inv = (await as(t, b.owner)({ method: 'POST', url: '/api/v1/invitations', payload: { email: a.reviewer.email, role: 'guest' } })).json();
  await t.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token: inv.token, name: 'x', password: PASSWORD } });
  const both = await issue(a.manager, a.reviewer);
  assert.equal(both.statusCode, 403);
  assert.match(both.json().error.message, /也属于你无权管理的工作区/);
  assert.equal((await issue(a.owner, a.manager)).statusCode, 200, 'an owner can reset a manager');
  const bad = await useLink('z'.repeat(43));
  assert.equal(bad.statusCode, 404);
});

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete childEnv.NODE_TEST_CONTEXT; // else the child reports to this test runner and its exit code is lost
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

test('meiyun admin reset-password prints a working link, or sets the password with --password', { timeout: 120_000 }, async () => {
  const team = await workspaceWithTeam(t);
  const env = { DATABASE_URL: t.deps.config.DATABASE_URL as string, HOST: '127.0.0.1', PORT: '8123', LOG_LEVEL: 'silent', MEIYUN_DATA_DIR: t.dataDir };
  const linkRun = await cli(['admin', 'reset-password', '--email', team.guest.email.toUpperCase()], env);
  assert.equal(linkRun.code, 0, linkRun.out);
  const m = /http:\/\/127\.0\.0\.1:8123\/reset-password\?token=([\w-]+)/.exec(linkRun.out);
  assert.ok(m, linkRun.out);
  assert.equal((await useLink(m[1])).statusCode, 200);
  const direct = await cli(['admin', 'reset-password', '--email', team.reviewer.email, '--password', 'set-by-admin-1'], env);
  assert.equal(direct.code, 0, direct.out);
  assert.match(direct.out, /password set; 1 session\(s\) ended/);
  assert.equal((await me(team.reviewer.cookie)).statusCode, 401);
  assert.equal((await signInFrom(t, team.reviewer.email, { ip: '203.0.113.8', password: 'set-by-admin-1' })).statusCode, 200);
  const nobody = await cli(['admin', 'reset-password', '--email', 'nobody@example.com'], env);
  assert.equal(nobody.code, 1, nobody.out);
  assert.match(nobody.out, /没有这个邮箱的用户/);
});

test('sessions page: each device with browser, OS and IP, this one marked; revoke one, the others, or all', async () => {
  const team = await workspaceWithTeam(t);
  const email = team.manager.email;
  const laptop = cookieOf(await signInFrom(t, email, { ip: '203.0.113.10', headers: { 'user-agent': CHROME_WIN } }));
  const phone = cookieOf(await signInFrom(t, email, { ip: '203.0.113.11', headers: { 'user-agent': SAFARI_IPHONE } }));
  const list = await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { cookie: laptop } });
  assert.equal(list.statusCode, 200, list.body);
  type S = { id: string; device: string; ip: string; current: boolean; createdAt: string; lastSeenAt: string };
  const sessions = list.json() as S[];
  assert.equal(sessions.length, 3, 'the fixture sign-in, the laptop and the phone');
  const cur = sessions.find((s) => s.current) as S;
  assert.deepEqual([cur.device, cur.ip], ['Chrome 126 · Windows', '203.0.113.10']);
  const ph = sessions.find((s) => s.device === 'Safari 17 · iOS') as S;
  assert.equal(ph.ip, '203.0.113.11');
  assert.ok(!JSON.stringify(sessions).includes(phone.split('=')[1]), 'no token in the answer');
  // Another user cannot end it.
  assert.equal((await as(t, team.owner)({ method: 'DELETE', url: `/api/v1/me/sessions/${ph.id}` })).statusCode, 404);
  const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${ph.id}`, headers: { cookie: laptop } });
  assert.equal(del.statusCode, 200);
  assert.equal((await me(phone)).statusCode, 401);
  const others = await t.app.inject({ method: 'POST', url: '/api/v1/me/sessions/revoke-others', headers: { cookie: laptop } });
  assert.equal(others.json().revoked, 1);
  assert.equal((await me(team.manager.cookie)).statusCode, 401);
  assert.equal((await me(laptop)).statusCode, 200);
  const tablet = cookieOf(await signInFrom(t, email, { ip: '203.0.113.12' }));
  const everywhere = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out-everywhere', headers: { cookie: laptop } });
  assert.equal(everywhere.json().revoked, 2);
  assert.ok(
    everywhere.cookies.some((c) => c.name === 'meiyun_session' && c.value === ''),
    'the cookie is cleared',
  );
  assert.equal((await me(laptop)).statusCode, 401);
  assert.equal((await me(tablet)).statusCode, 401);
  const reasons = (await t.deps.db.execute(sql`select reason from auth_events where user_id = ${team.manager.userId} and kind = 'session_revoked' order by id`))
    .rows;
  assert.deepEqual(reasons, [{ reason: 'one' }, { reason: 'others' }, { reason: 'all' }]);
});
