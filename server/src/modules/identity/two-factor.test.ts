import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { as, PASSWORD, testEnv, workspaceWithTeam } from '../../test/app';
import { authEvents, users } from './tables';
import { codeAt, cookieOf, enrolTotp, signInFrom } from './testing';

const t = await testEnv();

test('two-factor: enrol with a confirming code, then sign-in needs the code; wrong, replayed and reused codes fail; disable needs password and code', async () => {
  const team = await workspaceWithTeam(t);
  const ed = as(t, team.editor);
  const setup = await ed({ method: 'POST', url: '/api/v1/me/totp/setup' });
  assert.equal(setup.statusCode, 200, setup.body);
  const { secret, uri } = setup.json();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.ok(uri.startsWith('otpauth://totp/Meiyun%3A') && uri.includes(`secret=${secret}`));
  // Not on until a code confirms it.
  assert.equal((await signInFrom(t, team.editor.email, { ip: '203.0.113.20' })).statusCode, 200);
  const wrongCode = String((Number(codeAt(secret)) + 1) % 1_000_000).padStart(6, '0');
  assert.equal((await ed({ method: 'POST', url: '/api/v1/me/totp/enable', payload: { code: wrongCode } })).statusCode, 401);
  const on = await ed({ method: 'POST', url: '/api/v1/me/totp/enable', payload: { code: codeAt(secret, -1) } });
  assert.equal(on.statusCode, 200, on.body);
  const recovery = on.json().recoveryCodes as string[];
  assert.equal(recovery.length, 10);
  // Sealed at rest: the stored value is not the secret.
  const [row] = await t.deps.db.select().from(users).where(eq(users.id, team.editor.userId));
  assert.ok(row.totpSecretSealed?.startsWith('v1:') && !row.totpSecretSealed.includes(secret));
  assert.equal(t.deps.secrets.open(row.totpSecretSealed as string), secret);
  assert.equal((await ed({ method: 'POST', url: '/api/v1/me/totp/setup' })).statusCode, 409);
  assert.equal((await ed({ method: 'GET', url: '/api/v1/me' })).json().user.totpEnabled, true);

  const ip = '203.0.113.21';
  const noCode = await signInFrom(t, team.editor.email, { ip });
  assert.deepEqual([noCode.statusCode, noCode.json().error.code, noCode.cookies.length], [401, 'totp_required', 0]);
  assert.equal(noCode.json().error.message, '请输入两步验证码 / Enter your two-factor code');
  const bad = await signInFrom(t, team.editor.email, { ip, totpCode: wrongCode });
  assert.deepEqual([bad.statusCode, bad.json().error.code], [401, 'totp_invalid']);
  const wrongPassword = await signInFrom(t, team.editor.email, { ip, password: 'not-it-at-all', totpCode: codeAt(secret) });
  assert.deepEqual([wrongPassword.statusCode, wrongPassword.json().error.code], [401, 'unauthenticated']);
  const code = codeAt(secret);
  const good = await signInFrom(t, team.editor.email, { ip, totpCode: code });
  assert.equal(good.statusCode, 200, good.body);
  assert.ok(cookieOf(good));
  const replay = await signInFrom(t, team.editor.email, { ip: '203.0.113.22', totpCode: code });
  assert.deepEqual([replay.statusCode, replay.json().error.code], [401, 'totp_invalid'], 'the same code never works twice');
  assert.equal((await signInFrom(t, team.editor.email, { ip: '203.0.113.22', totpCode: codeAt(secret, -1) })).statusCode, 401, 'nor an older one');
  // A recovery code works once in place of a code, written any way.
  const rc = await signInFrom(t, team.editor.email, { ip: '203.0.113.23', totpCode: recovery[0].toUpperCase() });
  assert.equal(rc.statusCode, 200, rc.body);
  assert.equal((await signInFrom(t, team.editor.email, { ip: '203.0.113.23', totpCode: recovery[0] })).statusCode, 401);
  assert.equal((await ed({ method: 'GET', url: '/api/v1/me/security' })).json().recoveryCodesLeft, 9);

  const off = (body: object) => ed({ method: 'POST', url: '/api/v1/me/totp/disable', payload: body });
  assert.equal((await off({ password: 'not-it-at-all', code: codeAt(secret, 1) })).statusCode, 401);
  assert.equal((await off({ password: PASSWORD, code: wrongCode })).statusCode, 401);
  assert.equal((await off({ password: PASSWORD, code: recovery[1] })).statusCode, 200);
  assert.equal((await signInFrom(t, team.editor.email, { ip: '203.0.113.24' })).statusCode, 200, 'no code needed any more');
  const kinds = await t.deps.db
    .select({ kind: authEvents.kind, reason: authEvents.reason })
    .from(authEvents)
    .where(and(eq(authEvents.userId, team.editor.userId)));
  assert.equal(kinds.filter((k) => k.kind === 'totp_enabled').length, 1);
  assert.equal(kinds.filter((k) => k.kind === 'totp_disabled').length, 1);
  assert.ok(kinds.filter((k) => k.reason === 'totp_wrong').length >= 3);
});

test('an invitation or a reset link signs in a two-factor account only with its code', async () => {
  const a = await workspaceWithTeam(t);
  const b = await workspaceWithTeam(t);
  const { secret } = await enrolTotp(t, b.analyst);
  // The reset first: once the analyst is also in a, b's owner no longer manages all their workspaces.
  const link = (await as(t, b.owner)({ method: 'POST', url: `/api/v1/members/${b.analyst.userId}/password-reset` })).json();
  const check = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/check', payload: { token: link.token } });
  assert.equal(check.json().totpRequired, true);
  const use = (totpCode?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      remoteAddress: '203.0.113.31',
      payload: { token: link.token, password: 'after-reset-9', totpCode },
    });
  assert.equal((await use()).json().error.code, 'totp_required');
  const done = await use(codeAt(secret));
  assert.equal(done.statusCode, 200, done.body);
  const inv = (await as(t, a.owner)({ method: 'POST', url: '/api/v1/invitations', payload: { email: b.analyst.email, role: 'guest' } })).json();
  const accept = (totpCode?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      remoteAddress: '203.0.113.30',
      payload: { token: inv.token, name: 'x', password: 'after-reset-9', totpCode },
    });
  assert.equal((await accept()).json().error.code, 'totp_required');
  const joined = await accept(codeAt(secret, 1));
  assert.equal(joined.statusCode, 200, joined.body);
});

test('a workspace that requires two-factor keeps members without it out of workspace APIs until they enrol', async () => {
  const team = await workspaceWithTeam(t);
  const require = (m: typeof team.owner, on: boolean) => as(t, m)({ method: 'PUT', url: '/api/v1/workspace/security', payload: { requireTotp: on } });
  assert.equal((await require(team.manager, true)).statusCode, 403, 'owner only');
  const first = await require(team.owner, true);
  assert.equal(first.statusCode, 409, 'the owner enrols first, or they would lock themselves out');
  await enrolTotp(t, team.owner);
  const on = await require(team.owner, true);
  assert.equal(on.statusCode, 200, on.body);
  assert.equal(on.json().requireTotp, true);
  const audit = (await as(t, team.owner)({ method: 'GET', url: '/api/v1/audit?action=workspace.require_totp' })).json().items;
  assert.deepEqual([audit[0].before, audit[0].after], [{ requireTotp: false }, { requireTotp: true }]);

  const ed = as(t, team.editor);
  const blocked = await ed({ method: 'GET', url: '/api/v1/accounts' });
  assert.deepEqual([blocked.statusCode, blocked.json().error.code], [403, 'totp_setup_required']);
  assert.equal((await ed({ method: 'POST', url: '/api/v1/topics', payload: { title: 'x' } })).statusCode, 403);
  const me = await ed({ method: 'GET', url: '/api/v1/me' });
  assert.deepEqual([me.statusCode, me.json().totpSetupRequired, me.json().workspace.requireTotp], [200, true, true]);
  assert.equal((await as(t, team.owner)({ method: 'GET', url: '/api/v1/accounts' })).statusCode, 200, 'the owner has it on');
  // Workspace switching stays open: in a workspace of their own the editor works as before.
  const own = await ed({ method: 'POST', url: '/api/v1/workspaces', payload: { name: '个人空间' } });
  assert.equal(own.json().totpSetupRequired, false);
  assert.equal((await ed({ method: 'GET', url: '/api/v1/accounts' })).statusCode, 200);
  const back = await ed({ method: 'POST', url: '/api/v1/me/workspace', payload: { workspaceId: team.workspaceId } });
  assert.equal(back.json().totpSetupRequired, true);
  assert.equal((await ed({ method: 'GET', url: '/api/v1/accounts' })).statusCode, 403);
  // Enrolment is reachable while blocked, and lifts the block.
  await enrolTotp(t, team.editor);
  assert.equal((await ed({ method: 'GET', url: '/api/v1/accounts' })).statusCode, 200);
  assert.equal((await ed({ method: 'GET', url: '/api/v1/me' })).json().totpSetupRequired, false);
  // Sign-out is always possible.
  assert.equal((await as(t, team.guest)({ method: 'POST', url: '/api/v1/auth/sign-out' })).statusCode, 200);
  assert.equal((await require(team.owner, false)).json().requireTotp, false);
  assert.equal((await as(t, team.reviewer)({ method: 'GET', url: '/api/v1/accounts' })).statusCode, 200);
});
