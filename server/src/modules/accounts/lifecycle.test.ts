import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { as, workspaceWithTeam } from '../../test/app';
import { connect, enterApp } from '../../test/oauth';
import { publishingEnv, waitFor } from '../../test/publishing';
import { notifications } from '../notify/tables';
import { openGrant } from './grants';
import { LIFECYCLE_QUEUE, runLifecycle, startLifecycleWorker } from './lifecycle';
import { platformAccounts } from './tables';

const e = await publishingEnv({ worker: false });
const DAY = 86_400_000;

const row = async (id: string) => (await e.deps.db.select().from(platformAccounts).where(eq(platformAccounts.id, id)))[0];
const grantOf = async (id: string) => {
  const g = openGrant(e.deps, (await row(id)).credentialsSealed);
  assert.ok(g);
  return g;
};
const inbox = (workspaceId: string, kind: string) =>
  e.deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.kind, kind)));
const douyinCalls = async (what: string) => ((await e.control('GET', '/douyin/calls')) as { path: string }[]).filter((c) => c.path.includes(what)).length;
const at = (iso: string, plusMs: number) => new Date(new Date(iso).getTime() + plusMs);

test('refresh: an access token near its expiry is refreshed ahead, the refresh token kept; one not due is left alone', async () => {
  const team = await workspaceWithTeam(e);
  await enterApp(e, team.manager, 'douyin');
  const id = await connect(e, team.manager, 'douyin', { fields: { open_id: `open-r-${Date.now()}` } });
  const before = await grantOf(id);
  const calls = await douyinCalls('/oauth/refresh_token');
  await runLifecycle(e.deps, { workspaceId: team.workspaceId });
  assert.equal(await douyinCalls('/oauth/refresh_token'), calls, 'a 15-day token is not refreshed on its first day');

  // Half a day before the 15-day token expires.
  const r = await runLifecycle(e.deps, { workspaceId: team.workspaceId, now: at(before.expiresAt, -DAY / 2) });
  assert.ok(r.refreshed >= 1);
  const after = await grantOf(id);
  assert.notEqual(after.accessToken, before.accessToken);
  assert.equal(after.refreshToken, before.refreshToken, 'Douyin keeps the refresh token on refresh');
  assert.equal(after.refreshExpiresAt, before.refreshExpiresAt);
  assert.equal((await row(id)).grantExpiresAt?.toISOString(), new Date(after.expiresAt).toISOString());
});

test('the periodic job refreshes through pg-boss (Kuaishou: a new refresh token each time)', async () => {
  const team = await workspaceWithTeam(e);
  await enterApp(e, team.manager, 'kuaishou');
  const id = await connect(e, team.manager, 'kuaishou');
  const g = await grantOf(id);
  // The token is 47 hours old: an hour left.
  const aged = { ...g, obtainedAt: new Date(Date.now() - 47 * 3_600_000).toISOString(), expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
  await e.deps.db
    .update(platformAccounts)
    .set({ credentialsSealed: e.deps.secrets.seal(JSON.stringify({ grant: aged })) })
    .where(eq(platformAccounts.id, id));
  const worker = await startLifecycleWorker(e.deps);
  e.cleanup(() => worker.stop());
  await e.deps.boss.send(LIFECYCLE_QUEUE, {});
  const after = await waitFor(
    'the job to refresh',
    () => grantOf(id),
    (x) => x.accessToken !== g.accessToken,
    30_000,
  );
  assert.notEqual(after.refreshToken, g.refreshToken);
  assert.ok(new Date(after.expiresAt).getTime() > Date.now() + 40 * 3_600_000);
});

test('Douyin renew limit: the refresh token is renewed 5 times, the 6th is not attempted and the operators are warned once; a reconnect re-arms', async () => {
  const team = await workspaceWithTeam(e);
  await enterApp(e, team.manager, 'douyin');
  const id = await connect(e, team.manager, 'douyin', { fields: { open_id: `open-n-${Date.now()}` } });
  await as(e, team.manager)({ method: 'PATCH', url: `/api/v1/accounts/${id}`, payload: { operatorIds: [team.editor.userId] } });
  const renewCalls = await douyinCalls('renew_refresh_token');
  for (let i = 1; i <= 5; i++) {
    const g = await grantOf(id);
    // Two days before the refresh token expires (inside the 7-day warning window).
    const r = await runLifecycle(e.deps, { workspaceId: team.workspaceId, now: at(g.refreshExpiresAt as string, -2 * DAY) });
    assert.ok(r.renewed >= 1, `renewal ${i}`);
    const after = await grantOf(id);
    assert.notEqual(after.refreshToken, g.refreshToken);
    assert.equal(after.renewalsLeft, 5 - i);
    if (i < 5) assert.equal((await inbox(team.workspaceId, 'account.refresh_expiring')).length, 0, 'no warning while it can be renewed');
  }
  const last = await grantOf(id);
  for (let run = 0; run < 2; run++) await runLifecycle(e.deps, { workspaceId: team.workspaceId, now: at(last.refreshExpiresAt as string, -2 * DAY) });
  assert.equal(await douyinCalls('renew_refresh_token'), renewCalls + 5, 'the 6th renewal is never sent');
  const warned = await inbox(team.workspaceId, 'account.refresh_expiring');
  assert.equal(warned.length, 1, 'one warning per expiry, to the operator');
  assert.equal(warned[0].userId, team.editor.userId);
  assert.match(warned[0].bodyZh, /不能再续期.*重新授权/);
  assert.equal((await row(id)).expiryWarnings.refresh, last.refreshExpiresAt);

  // Reconnecting gives a new refresh token with 5 renewals: the warning marker goes.
  await connect(e, team.manager, 'douyin', { accountId: id, fields: { open_id: last.openId } });
  const fresh = await grantOf(id);
  assert.equal(fresh.renewalsLeft, 5);
  assert.equal((await row(id)).expiryWarnings.refresh, undefined);
});

test('Weibo expiry warning: no refresh for server apps, so the operators are warned before the access token expires, once per expiry', async () => {
  const team = await workspaceWithTeam(e);
  await enterApp(e, team.manager, 'weibo');
  const uid = String(6_500_000_000 + Math.floor(Math.random() * 1e9));
  await e.control('POST', '/weibo/users', { uid, name: '官方微博' });
  const id = await connect(e, team.manager, 'weibo', { fields: { uid } });
  const g = await grantOf(id);
  await runLifecycle(e.deps, { workspaceId: team.workspaceId, now: at(g.expiresAt, -10 * DAY) });
  assert.equal((await inbox(team.workspaceId, 'account.access_expiring')).length, 0, 'not yet: 10 days left, warning at 7');
  await runLifecycle(e.deps, { workspaceId: team.workspaceId, now: at(g.expiresAt, -3 * DAY) });
  await runLifecycle(e.deps, { workspaceId: team.workspaceId, now: at(g.expiresAt, -2 * DAY) });
  const warned = await inbox(team.workspaceId, 'account.access_expiring');
  // No operators: the owner and the manager.
  assert.deepEqual(warned.map((n) => n.userId).sort(), [team.owner.userId, team.manager.userId].sort());
  assert.match(warned[0].bodyEn, /cannot refresh it: use Reconnect/);
  assert.equal(warned[0].link, '/accounts');

  // Re-authorised in time: a new expiry, warned again only when that one nears.
  await connect(e, team.manager, 'weibo', { accountId: id, fields: { uid } });
  const renewed = await grantOf(id);
  assert.equal((await row(id)).expiryWarnings.access, undefined);
  await runLifecycle(e.deps, { workspaceId: team.workspaceId, now: at(renewed.expiresAt, -1 * DAY) });
  assert.equal((await inbox(team.workspaceId, 'account.access_expiring')).length, 4);
});

test('verification expiry warning: once per expiry date, again when the date moves', async () => {
  const team = await workspaceWithTeam(e);
  const manager = as(e, team.manager);
  const on = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
  const a = (
    await manager({
      method: 'POST',
      url: '/api/v1/accounts',
      payload: { platform: 'wechat_oa', name: '服务号', verification: 'verified', verificationExpiresOn: on(45) },
    })
  ).json();
  await runLifecycle(e.deps, { workspaceId: team.workspaceId });
  assert.equal((await inbox(team.workspaceId, 'account.verification_expiring')).length, 0, '45 days away');
  await manager({ method: 'PATCH', url: `/api/v1/accounts/${a.id}`, payload: { verificationExpiresOn: on(12), operatorIds: [team.reviewer.userId] } });
  await runLifecycle(e.deps, { workspaceId: team.workspaceId });
  await runLifecycle(e.deps, { workspaceId: team.workspaceId });
  const warned = await inbox(team.workspaceId, 'account.verification_expiring');
  assert.equal(warned.length, 1);
  assert.equal(warned[0].userId, team.reviewer.userId);
  assert.match(warned[0].bodyZh, new RegExp(on(12)));
  await manager({ method: 'PATCH', url: `/api/v1/accounts/${a.id}`, payload: { verificationExpiresOn: on(20) } });
  await runLifecycle(e.deps, { workspaceId: team.workspaceId });
  assert.equal((await inbox(team.workspaceId, 'account.verification_expiring')).length, 2);
});

test('a refused refresh marks the account (needs reconnect, connection failed) and tells its people once; a reconnect clears it', async () => {
  const team = await workspaceWithTeam(e);
  await enterApp(e, team.manager, 'douyin');
  const id = await connect(e, team.manager, 'douyin', { fields: { open_id: `open-f-${Date.now()}` } });
  const g = await grantOf(id);
  await e.control('POST', '/douyin/expire', { refresh_token: g.refreshToken });
  const r = await runLifecycle(e.deps, { workspaceId: team.workspaceId, now: at(g.expiresAt, -DAY / 2) });
  assert.equal(r.failed, 1);
  const calls = await douyinCalls('/oauth/refresh_token');
  await runLifecycle(e.deps, { workspaceId: team.workspaceId, now: at(g.expiresAt, -DAY / 4) });
  assert.equal(await douyinCalls('/oauth/refresh_token'), calls, 'not retried after the platform refused it');
  const view = (await as(e, team.analyst)({ method: 'GET', url: `/api/v1/accounts/${id}` })).json();
  assert.equal(view.needsReconnect, true);
  assert.equal(view.lastCheckOk, false);
  assert.match(view.lastCheckError, /10010/);
  const told = await inbox(team.workspaceId, 'account.refresh_failed');
  assert.equal(told.length, 2, 'the owner and the manager, once');
  const health = (await as(e, team.manager)({ method: 'GET', url: '/api/v1/accounts-health' })).json();
  assert.ok(health.find((h: { accountId: string }) => h.accountId === id).issues.includes('connection_failed'));

  await connect(e, team.manager, 'douyin', { accountId: id, fields: { open_id: g.openId } });
  const back = (await as(e, team.analyst)({ method: 'GET', url: `/api/v1/accounts/${id}` })).json();
  assert.equal(back.needsReconnect, false);
  assert.equal(back.lastCheckOk, true);
});
