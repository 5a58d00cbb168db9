import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { appFor } from './grants';

const e = await testEnv();

test('platform apps: the secret is sealed, never answered nor audited; a change without it keeps it; guests refused', async () => {
  const team = await workspaceWithTeam(e);
  const secret = 'douyin-client-secret-0123456789';
  const first = await as(e, team.manager)({ method: 'PUT', url: '/api/v1/platform-apps/douyin', payload: { clientId: 'awkey1' } });
  assert.equal(first.statusCode, 400, first.body);
  const put = await as(e, team.manager)({ method: 'PUT', url: '/api/v1/platform-apps/douyin', payload: { clientId: 'awkey1', clientSecret: secret } });
  assert.equal(put.statusCode, 200, put.body);
  assert.deepEqual([put.json().hasSecret, put.json().clientId], [true, 'awkey1']);
  assert.ok(!put.body.includes(secret));
  const change = await as(e, team.manager)({ method: 'PUT', url: '/api/v1/platform-apps/douyin', payload: { clientId: 'awkey2', settings: { note: 'x' } } });
  assert.equal(change.statusCode, 200, change.body);
  const opened = await appFor(e.deps, team.workspaceId, 'douyin');
  assert.deepEqual(opened, { clientId: 'awkey2', clientSecret: secret, settings: { note: 'x' } });
  const list = await as(e, team.manager)({ method: 'GET', url: '/api/v1/platform-apps' });
  assert.equal(list.json().length, 1);
  assert.ok(!list.body.includes(secret));
  assert.equal((await as(e, team.guest)({ method: 'GET', url: '/api/v1/platform-apps' })).statusCode, 403);
  const audits = await e.deps.db.execute(sql`select * from audit_log where workspace_id = ${team.workspaceId} and action like 'platform_app.%'`);
  assert.equal(audits.rows.length, 2);
  assert.ok(!JSON.stringify(audits.rows).includes(secret));
  const other = await workspaceWithTeam(e);
  assert.equal(await appFor(e.deps, other.workspaceId, 'douyin'), null);
  assert.equal((await as(e, other.manager)({ method: 'DELETE', url: '/api/v1/platform-apps/douyin' })).statusCode, 404);
  assert.equal((await as(e, team.manager)({ method: 'DELETE', url: '/api/v1/platform-apps/douyin' })).statusCode, 200);
  assert.equal(await appFor(e.deps, team.workspaceId, 'douyin'), null);
});
