import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { as, workspaceWithTeam } from '../../test/app';
import { approve, callback, connect, enterApp, type OAuthPlatform, start } from '../../test/oauth';
import { publishingEnv } from '../../test/publishing';
import { auditLog } from '../identity/tables';
import { openGrant } from './grants';
import { oauthStates, platformAccounts } from './tables';

const e = await publishingEnv({ worker: false });

const accountRow = async (id: string) => (await e.deps.db.select().from(platformAccounts).where(eq(platformAccounts.id, id)))[0];
const accountCount = async (workspaceId: string) =>
  (await e.deps.db.execute(sql`select count(*)::int as n from platform_accounts where workspace_id = ${workspaceId}`)).rows[0].n as number;

const expected: Record<OAuthPlatform, { fields: () => Promise<Record<string, string>>; route: string; refresh: boolean }> = {
  weibo: {
    fields: async () => {
      const uid = String(6_000_000_000 + Math.floor(Math.random() * 1e9));
      await e.control('POST', '/weibo/users', { uid, name: '官方微博' });
      return { uid };
    },
    route: 'api',
    refresh: false,
  },
  douyin: { fields: async () => ({ open_id: `open-${Date.now()}` }), route: 'api', refresh: true },
  bilibili: { fields: async () => ({}), route: 'api', refresh: true },
  kuaishou: { fields: async () => ({}), route: 'api', refresh: true },
};

for (const platform of Object.keys(expected) as OAuthPlatform[]) {
  test(`connect ${platform}: authorize page approved, the code traded, a new account with its sealed grant, scopes and expiries`, async () => {
    const team = await workspaceWithTeam(e);
    const clientId = await enterApp(e, team.manager, platform);
    const s = await start(e, team.manager, platform);
    assert.equal(s.statusCode, 200, s.body);
    const url = new URL(s.json().url);
    const state = url.searchParams.get('state') as string;
    assert.ok(state.length >= 43, 'the state carries at least 32 random bytes');
    assert.match(url.toString(), new RegExp(clientId));
    const fields = await expected[platform].fields();
    const id = await connect(e, team.manager, platform, { fields });

    const row = await accountRow(id);
    assert.equal(row.workspaceId, team.workspaceId);
    assert.equal(row.platform, platform);
    const grant = openGrant(e.deps, row.credentialsSealed);
    assert.ok(grant?.accessToken, 'the access token is stored, sealed');
    assert.ok(!row.credentialsSealed?.includes(grant.accessToken), 'never in the clear');
    assert.equal(row.platformId, grant.openId);
    if (fields.uid) assert.equal(grant.openId, fields.uid);
    if (fields.open_id) assert.equal(grant.openId, fields.open_id);
    assert.equal(Boolean(grant.refreshToken), expected[platform].refresh);
    assert.deepEqual(row.scopes, grant.scopes);
    assert.equal(row.grantExpiresAt?.toISOString(), new Date(grant.expiresAt).toISOString());

    const view = (await as(e, team.analyst)({ method: 'GET', url: `/api/v1/accounts/${id}` })).json();
    assert.equal(view.connect, 'oauth');
    assert.equal(view.publishRoute, expected[platform].route);
    assert.ok(view.capabilities.includes('publish'), JSON.stringify(view));
    assert.equal(view.grantExpiresAt, new Date(grant.expiresAt).toISOString());
    assert.ok(!JSON.stringify(view).includes(grant.accessToken));
    const [a] = await e.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'account.connect')));
    assert.equal(a.actorId, team.manager.userId);
    assert.ok(!JSON.stringify(a).includes(grant.accessToken), 'no token in the audit log');
  });
}

test('the start needs the workspace app and a manager; a reused, unknown, expired or foreign state is refused and stores nothing', async () => {
  const team = await workspaceWithTeam(e);
  const none = await start(e, team.manager, 'douyin');
  assert.equal(none.statusCode, 409);
  assert.match(none.json().error.message, /开放平台.*\/ .*open platform/);
  await enterApp(e, team.manager, 'douyin');
  assert.equal((await start(e, team.editor, 'douyin')).statusCode, 403);

  // Unknown state (a forged callback).
  const forged = await callback(e, team.manager, new URL(`http://x/api/v1/oauth/douyin/callback?code=c&state=${'A'.repeat(43)}`));
  assert.equal(forged.statusCode, 400);
  assert.match(forged.json().error.message, /授权请求无效.*\/ .*unknown/);

  // Another member of the workspace (or nobody) brings the code back: refused, the state kept for its owner.
  const to = await approve((await start(e, team.manager, 'douyin')).json().url, { open_id: 'open-other-user' });
  const other = await callback(e, team.owner, to);
  assert.equal(other.statusCode, 403, other.body);
  assert.match(other.json().error.message, /发起连接的成员/);
  assert.equal((await callback(e, null, to)).statusCode, 403);
  const page = await callback(e, team.owner, to, { html: true });
  assert.equal(page.statusCode, 403);
  assert.match(String(page.headers['content-type']), /text\/html/);
  assert.match(page.body, /连接账号失败.*Connecting the account failed/s);
  assert.match(page.body, /href="\/accounts"/);
  assert.equal(await accountCount(team.workspaceId), 0, 'nothing stored');

  // The same state on another platform's callback.
  const wrongPlatform = await callback(e, team.manager, new URL(to.toString().replace('/douyin/', '/kuaishou/')));
  assert.equal(wrongPlatform.statusCode, 400);
  assert.match(wrongPlatform.json().error.message, /另一个平台|another platform|平台不符/);

  // Its owner: accepted once; the second time refused.
  assert.equal((await callback(e, team.manager, to)).statusCode, 302);
  const again = await callback(e, team.manager, to);
  assert.equal(again.statusCode, 400);
  assert.match(again.json().error.message, /已使用过.*\/ .*already used/);
  assert.equal(await accountCount(team.workspaceId), 1);

  // Expired (over 10 minutes old).
  const late = await approve((await start(e, team.manager, 'douyin')).json().url, { open_id: 'open-late' });
  await e.deps.db
    .update(oauthStates)
    .set({ expiresAt: sql`now() - interval '1 second'` })
    .where(eq(oauthStates.state, late.searchParams.get('state') as string));
  const expired = await callback(e, team.manager, late);
  assert.equal(expired.statusCode, 400);
  assert.match(expired.json().error.message, /已过期.*\/ .*expired/);
  assert.equal(await accountCount(team.workspaceId), 1);

  // A manager of another workspace cannot finish this one's connect.
  const elsewhere = await workspaceWithTeam(e);
  const stolen = await approve((await start(e, team.manager, 'douyin')).json().url, { open_id: 'open-stolen' });
  assert.equal((await callback(e, elsewhere.owner, stolen)).statusCode, 403);
  assert.equal(await accountCount(elsewhere.workspaceId), 0);
});

test('reconnect keeps the stored refresh token when the answer has none, and refuses another platform user', async () => {
  const team = await workspaceWithTeam(e);
  await enterApp(e, team.manager, 'weibo');
  const uid = String(7_000_000_000 + Math.floor(Math.random() * 1e9));
  await e.control('POST', '/weibo/users', { uid, name: '官方微博' });
  const id = await connect(e, team.manager, 'weibo', { fields: { uid } });
  // A refresh token obtained elsewhere (Weibo's mobile SDK) is in the stored grant.
  const before = openGrant(e.deps, (await accountRow(id)).credentialsSealed);
  assert.ok(before);
  const withRefresh = { ...before, refreshToken: 'sdk-refresh-token', refreshExpiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString() };
  await e.deps.db
    .update(platformAccounts)
    .set({ credentialsSealed: e.deps.secrets.seal(JSON.stringify({ grant: withRefresh })) })
    .where(eq(platformAccounts.id, id));

  assert.equal(await connect(e, team.manager, 'weibo', { accountId: id, fields: { uid } }), id);
  const after = openGrant(e.deps, (await accountRow(id)).credentialsSealed);
  assert.ok(after);
  assert.notEqual(after.accessToken, before.accessToken, 'a new access token');
  assert.equal(after.refreshToken, 'sdk-refresh-token', 'the stored refresh token survives the reconnect');
  assert.equal(after.refreshExpiresAt, withRefresh.refreshExpiresAt);
  const [audited] = await e.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'account.reconnect')));
  assert.equal((audited.after as { keptRefreshToken: boolean }).keptRefreshToken, true);

  // Reconnecting it as someone else on Weibo.
  const stranger = String(8_000_000_000 + Math.floor(Math.random() * 1e9));
  await e.control('POST', '/weibo/users', { uid: stranger, name: '别人' });
  const s = await start(e, team.manager, 'weibo', id);
  const r = await callback(e, team.manager, await approve(s.json().url, { uid: stranger }));
  assert.equal(r.statusCode, 400);
  assert.match(r.json().error.message, /另一个平台账号.*\/ .*different platform account/);
  const kept = openGrant(e.deps, (await accountRow(id)).credentialsSealed);
  assert.equal(kept?.openId, uid, 'the account keeps its grant');

  // "Connect" for a platform user the workspace already has updates that account instead of adding one.
  assert.equal(await connect(e, team.manager, 'weibo', { fields: { uid } }), id);
  assert.equal(await accountCount(team.workspaceId), 1);
});

test('capabilities: what the Douyin grant has and lacks, and its publishing route', async () => {
  const team = await workspaceWithTeam(e);
  await enterApp(e, team.manager, 'douyin');
  const full = await connect(e, team.manager, 'douyin', { fields: { open_id: `open-full-${Date.now()}` } });
  const get = async (id: string) => (await as(e, team.editor)({ method: 'GET', url: `/api/v1/accounts/${id}` })).json();
  const a = await get(full);
  assert.equal(a.publishRoute, 'api');
  assert.deepEqual([...a.capabilities].sort(), ['data', 'publish']);
  assert.ok(!a.lacks.some((l: { capability: string }) => l.capability === 'publish' || l.capability === 'handoff'));
  assert.deepEqual(
    a.lacks.find((l: { capability: string }) => l.capability === 'comments'),
    { capability: 'comments', scopes: ['video.comment'] },
    'comment management is closed to new apps: lacking, naming the scope an approved app holds',
  );

  // A grant without the enterprise publish scope (a personal account).
  const s = await start(e, team.manager, 'douyin');
  const url = new URL(s.json().url);
  url.searchParams.set('scope', 'user_info,video.list.bind');
  const basic = new URL(
    (await callback(e, team.manager, await approve(url.toString(), { open_id: `open-basic-${Date.now()}` }))).headers.location as string,
    'http://x',
  ).searchParams.get('connected') as string;
  const b = await get(basic);
  assert.equal(b.publishRoute, 'handoff');
  assert.ok(b.capabilities.includes('handoff'));
  assert.deepEqual(
    b.lacks.find((l: { capability: string }) => l.capability === 'publish'),
    { capability: 'publish', scopes: ['video.create.bind'] },
  );
  assert.ok(
    b.lacks.some((l: { capability: string }) => l.capability === 'data'),
    'listing videos is not their data',
  );
});
