import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { createLink, postSigned, webhookOf } from '../../test/links';
import { sign } from './webhook';

const t = await testEnv();
const team = await workspaceWithTeam(t);

const conversionsOf = async (workspaceId: string) =>
  (
    await t.deps.db.execute<{ event_id: string; kind: string; value: number | null; link_id: string | null; source: string }>(
      sql`select event_id, kind, value::float8 as value, link_id, source from conversions where workspace_id = ${workspaceId} order by received_at`,
    )
  ).rows;

test('the secret is shown once, sealed at rest, and only managers see or rotate the webhook', async () => {
  const hook = await webhookOf(t, team.manager);
  assert.match(hook.secret, /^whsec_/);
  const [row] = (await t.deps.db.execute<{ secret_sealed: string }>(sql`select secret_sealed from link_settings where workspace_id = ${team.workspaceId}`))
    .rows;
  assert.ok(!row.secret_sealed.includes(hook.secret), 'stored sealed, not in clear');
  assert.equal(t.deps.secrets.open(row.secret_sealed), hook.secret);
  const shown = await as(t, team.owner)({ method: 'GET', url: '/api/v1/links/webhook' });
  assert.equal(shown.json().key, hook.key);
  assert.equal(shown.json().secret, undefined);
  for (const m of [team.editor, team.analyst]) {
    assert.equal((await as(t, m)({ method: 'POST', url: '/api/v1/links/webhook/rotate' })).statusCode, 403);
    assert.equal((await as(t, m)({ method: 'GET', url: '/api/v1/links/webhook' })).statusCode, 403);
  }
  const rotated = await webhookOf(t, team.manager);
  assert.equal(rotated.key, hook.key, 'the URL stays');
  assert.notEqual(rotated.secret, hook.secret);
  const old = await postSigned(t, hook, { event_id: 'after-rotation', kind: 'signup' });
  assert.equal(old.statusCode, 401, 'the old secret stops working at once');
});

test('a good signature is accepted; a replay of the same event_id is 200 duplicate with no second row', async () => {
  const link = await createLink(t, team.editor);
  const hook = await webhookOf(t, team.manager);
  const body = { event_id: 'order-1001', kind: 'order', value: 199.5, currency: 'CNY', code: link.code };
  const first = await postSigned(t, hook, body);
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(first.json().duplicate, false);
  const again = await postSigned(t, hook, body);
  assert.equal(again.statusCode, 200);
  assert.deepEqual([again.json().duplicate, again.json().id], [true, first.json().id]);
  const rows = (await conversionsOf(team.workspaceId)).filter((r) => r.event_id === 'order-1001');
  assert.deepEqual(rows, [{ event_id: 'order-1001', kind: 'order', value: 199.5, link_id: link.id, source: 'webhook' }]);
});

test('a bad signature, a missing one and one older than 300 s are refused with 401 in both languages', async () => {
  const hook = await webhookOf(t, team.manager);
  const body = { event_id: 'lead-1', kind: 'lead' };
  const raw = JSON.stringify(body);
  const now = Math.floor(Date.now() / 1000);
  const cases: [string, Record<string, string>][] = [
    ['wrong secret', { 'x-meiyun-signature': `t=${now},v1=${sign('whsec_wrong', now, raw)}` }],
    ['missing', {}],
    ['body changed after signing', { 'x-meiyun-signature': `t=${now},v1=${sign(hook.secret, now, raw.replace('lead-1', 'lead-2'))}` }],
    ['too old', { 'x-meiyun-signature': `t=${now - 301},v1=${sign(hook.secret, now - 301, raw)}` }],
    ['from the future', { 'x-meiyun-signature': `t=${now + 301},v1=${sign(hook.secret, now + 301, raw)}` }],
  ];
  for (const [what, headers] of cases) {
    const r = await t.app.inject({ method: 'POST', url: hook.path, payload: raw, headers: { 'content-type': 'application/json', ...headers } });
    assert.equal(r.statusCode, 401, what);
    assert.match(r.json().error.message, /[\u4e00-\u9fff].* \/ [A-Za-z]/, what);
  }
  assert.equal((await postSigned(t, hook, body, now - 299)).statusCode, 200, 'within 300 s');
  assert.equal((await conversionsOf(team.workspaceId)).filter((r) => r.event_id === 'lead-1').length, 1);
});

test('a bad body is a 400 naming the field; an unknown workspace key is a 404', async () => {
  const hook = await webhookOf(t, team.manager);
  const r = await postSigned(t, hook, { event_id: 'x', kind: 'Big Order', value: -1 });
  assert.equal(r.statusCode, 400);
  assert.deepEqual(
    r
      .json()
      .error.details.map((d: { path: string }) => d.path)
      .sort(),
    ['kind', 'value'],
  );
  assert.match(r.json().error.message, /类型须为小写英文单词.*kind must be a lower-case word/);
  const unknown = await postSigned(t, { path: '/api/v1/conversions/NoSuchKey123', secret: hook.secret }, { event_id: 'y', kind: 'signup' });
  assert.equal(unknown.statusCode, 404);
});

test('workspace scoping: another workspace’s link code is refused; its secret cannot post into this workspace', async () => {
  const other = await workspaceWithTeam(t);
  const theirLink = await createLink(t, other.editor);
  const ours = await webhookOf(t, team.manager);
  const theirs = await webhookOf(t, other.manager);
  const r = await postSigned(t, ours, { event_id: 'cross-1', kind: 'signup', code: theirLink.code });
  assert.equal(r.statusCode, 400);
  assert.equal(r.json().error.details[0].path, 'code');
  const forged = await postSigned(t, { path: ours.path, secret: theirs.secret }, { event_id: 'cross-2', kind: 'signup' });
  assert.equal(forged.statusCode, 401);
  const rows = [...(await conversionsOf(team.workspaceId)), ...(await conversionsOf(other.workspaceId))];
  assert.deepEqual(
    rows.filter((x) => x.event_id.startsWith('cross-')),
    [],
  );
});

test('the pixel answers a 1×1 GIF and records one conversion per event_id for the link’s workspace', async () => {
  const link = await createLink(t, team.editor);
  const url = `/px/${link.code}.gif?event_id=px-1&kind=signup&value=0`;
  for (let i = 0; i < 3; i++) {
    const r = await t.app.inject({ method: 'GET', url });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-type'], 'image/gif');
    assert.equal(r.rawPayload.subarray(0, 6).toString('latin1'), 'GIF89a');
    assert.equal(r.headers['set-cookie'], undefined);
  }
  const rows = (await conversionsOf(team.workspaceId)).filter((x) => x.event_id === 'px-1');
  assert.deepEqual(rows, [{ event_id: 'px-1', kind: 'signup', value: 0, link_id: link.id, source: 'pixel' }]);
  const unknown = await t.app.inject({ method: 'GET', url: '/px/Zz9Zz9Zz.gif?event_id=px-2&kind=signup' });
  assert.equal(unknown.statusCode, 200, 'a page embedding a stale pixel still gets an image');
  assert.equal((await t.deps.db.execute(sql`select 1 from conversions where event_id = 'px-2'`)).rows.length, 0);
});
