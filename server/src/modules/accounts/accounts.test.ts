import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as } from '../../test/app';
import { createAccount } from '../../test/fixtures';
import { publishingEnv } from '../../test/publishing';
import { workspaceWithTeam } from '../../test/app';

const e = await publishingEnv({ worker: false });

test('credentials are sealed at rest, never returned, never in the audit log', async () => {
  const team = await workspaceWithTeam(e);
  const acc = await createAccount(e, team.owner);
  const secret = 'topsecret-appsecret-1234567890';
  const r = await as(e, team.manager)({ method: 'PUT', url: `/api/v1/accounts/${acc.id}/credentials`, payload: { appId: 'wxabc', appSecret: secret } });
  assert.equal(r.statusCode, 200);
  assert.equal(r.json().hasCredentials, true);
  assert.equal(r.json().appId, 'wxabc');
  assert.ok(!r.body.includes(secret));
  const row = (await e.deps.db.execute(sql`select credentials_sealed from platform_accounts where id = ${acc.id}`)).rows[0] as { credentials_sealed: string };
  assert.match(row.credentials_sealed, /^v1:/);
  assert.ok(!row.credentials_sealed.includes(secret));
  assert.equal(JSON.parse(e.deps.secrets.open(row.credentials_sealed)).appSecret, secret);
  const everything = await e.deps.db.execute(sql`select * from audit_log where workspace_id = ${team.workspaceId}`);
  assert.ok(!JSON.stringify(everything.rows).includes(secret));
  const list = await as(e, team.guest)({ method: 'GET', url: '/api/v1/accounts' });
  assert.ok(!list.body.includes(secret));
});

test('test connection fetches a token from WeChat (the emulator) and reports a wrong secret clearly', async () => {
  const team = await workspaceWithTeam(e);
  await e.control('POST', '/wechat/apps', { appid: 'wxconn00000000001', secret: 'right-secret', type: 'service', entity: 'company', verified: true });
  const acc = await createAccount(e, team.owner);
  const put = (appSecret: string) =>
    as(e, team.owner)({ method: 'PUT', url: `/api/v1/accounts/${acc.id}/credentials`, payload: { appId: 'wxconn00000000001', appSecret } });
  await put('wrong-secret');
  const bad = await as(e, team.owner)({ method: 'POST', url: `/api/v1/accounts/${acc.id}/test-connection` });
  assert.equal(bad.statusCode, 200);
  assert.equal(bad.json().ok, false);
  assert.match(bad.json().message, /40125/);
  assert.ok(!bad.body.includes('wrong-secret'));
  await put('right-secret');
  const good = await as(e, team.owner)({ method: 'POST', url: `/api/v1/accounts/${acc.id}/test-connection` });
  assert.equal(good.json().ok, true, good.body);
  assert.ok(new Date(good.json().expiresAt).getTime() > Date.now());
  const shown = (await as(e, team.owner)({ method: 'GET', url: `/api/v1/accounts/${acc.id}` })).json();
  assert.deepEqual([shown.lastCheckOk, shown.lastCheckError], [true, null]);
  // The token is cached sealed in the database, shared by every process.
  const tok = (await e.deps.db.execute(sql`select token_sealed from platform_tokens`)).rows as { token_sealed: string }[];
  assert.ok(tok.length >= 1 && tok.every((x) => x.token_sealed.startsWith('v1:')));
});

test('health: missing credentials, verification expiring, and an account gone quiet against its cadence', async () => {
  const team = await workspaceWithTeam(e);
  // Ten calendar days from today in the workspace's time zone (Asia/Shanghai), whatever the UTC hour.
  const soon = new Date(Date.now() + 8 * 3600_000 + 10 * 86400_000).toISOString().slice(0, 10);
  const acc = await createAccount(e, team.owner, { verificationExpiresOn: soon, cadencePerWeek: 3 });
  const h = (await as(e, team.guest)({ method: 'GET', url: '/api/v1/accounts-health' })).json();
  const mine = h.find((x: { accountId: string }) => x.accountId === acc.id);
  assert.deepEqual(mine.issues.sort(), ['no_credentials', 'quiet', 'verification_expiring']);
  assert.equal(mine.verificationExpiresInDays, 10);
  assert.equal(mine.lastPublishedAt, null);
});

test("an account type must be one of its platform's: a Bilibili member is formal or not, WeChat 订阅号/服务号, others none", async () => {
  const team = await workspaceWithTeam(e);
  const post = (payload: object) => as(e, team.manager)({ method: 'POST', url: '/api/v1/accounts', payload });
  const bili = await post({ platform: 'bilibili', name: 'UP主', accountType: 'formal' });
  assert.equal(bili.statusCode, 201, bili.body);
  assert.equal(bili.json().accountType, 'formal');
  const wrong = await post({ platform: 'bilibili', name: 'UP主二', accountType: 'service' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.json().error.message, /该平台的账号类型只能是 formal、regular \/ The account type on this platform must be one of formal, regular/);
  const none = await post({ platform: 'weibo', name: '微博', accountType: 'formal' });
  assert.equal(none.statusCode, 400);
  assert.match(none.json().error.message, /该平台没有账号类型/);
  // Changing it later is checked against the account's platform too.
  const patched = await as(e, team.manager)({ method: 'PATCH', url: `/api/v1/accounts/${bili.json().id}`, payload: { accountType: 'subscription' } });
  assert.equal(patched.statusCode, 400);
  const ok = await as(e, team.manager)({ method: 'PATCH', url: `/api/v1/accounts/${bili.json().id}`, payload: { accountType: 'regular' } });
  assert.equal(ok.json().accountType, 'regular');
});
