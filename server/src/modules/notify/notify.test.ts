import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { notify } from './service';

const t = await testEnv({ MEIYUN_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' });
const BILINGUAL = /[\u4e00-\u9fff].* \/ [A-Za-z]/;

const event = (workspaceId: string, extra: Record<string, unknown> = {}) => ({
  workspaceId,
  kind: 'incident.opened',
  severity: 'critical' as const,
  title: { zh: '舆情事件：产品质量投诉', en: 'Incident: product quality complaint' },
  body: { zh: '微博热搜第 12 位', en: 'No. 12 on Weibo hot search' },
  link: '/incidents/abc',
  ...extra,
});

test('notify() reaches the owners and managers by default; the bell counts, the list pages and filters', async () => {
  const team = await workspaceWithTeam(t);
  await notify(t.deps, event(team.workspaceId));
  for (let i = 0; i < 3; i++) {
    await notify(t.deps, { ...event(team.workspaceId), kind: 'alert.raised', severity: 'warning', title: { zh: `预警 ${i}`, en: `Alert ${i}` } });
  }
  for (const m of [team.owner, team.manager]) {
    const count = await as(t, m)({ method: 'GET', url: '/api/v1/notifications/unread-count' });
    assert.equal(count.json().count, 4);
  }
  for (const m of [team.editor, team.reviewer, team.analyst, team.guest]) {
    assert.equal((await as(t, m)({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json().count, 0, m.role);
  }
  const call = as(t, team.manager);
  const page1 = (await call({ method: 'GET', url: '/api/v1/notifications?pageSize=2' })).json();
  assert.equal(page1.total, 4);
  assert.equal(page1.items.length, 2);
  // Newest first: the last alert.
  assert.deepEqual(page1.items[0].title, { zh: '预警 2', en: 'Alert 2' });
  const page2 = (await call({ method: 'GET', url: '/api/v1/notifications?pageSize=2&page=2' })).json();
  assert.deepEqual(
    page2.items.map((n: { kind: string }) => n.kind),
    ['alert.raised', 'incident.opened'],
  );
  const incident = page2.items[1];
  assert.equal(incident.severity, 'critical');
  assert.equal(incident.link, '/incidents/abc');
  assert.equal(incident.readAt, null);
  const onlyIncidents = (await call({ method: 'GET', url: '/api/v1/notifications?kind=incident.' })).json();
  assert.equal(onlyIncidents.total, 1);
  const bad = await call({ method: 'GET', url: '/api/v1/notifications?kind=DROP%20TABLE' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, BILINGUAL);
});

test('mark read, mark all read (optionally by kind); another user cannot touch my notifications', async () => {
  const team = await workspaceWithTeam(t);
  await notify(t.deps, event(team.workspaceId, { userIds: [team.editor.userId] }));
  await notify(t.deps, event(team.workspaceId, { userIds: [team.editor.userId], kind: 'alert.raised' }));
  await notify(t.deps, event(team.workspaceId, { userIds: [team.editor.userId], kind: 'alert.raised' }));
  const me = as(t, team.editor);
  const list = (await me({ method: 'GET', url: '/api/v1/notifications' })).json();
  const incident = list.items.find((n: { kind: string }) => n.kind === 'incident.opened');

  // The owner of the workspace still cannot read or mark someone else's notification.
  const theirs = await as(t, team.owner)({ method: 'POST', url: `/api/v1/notifications/${incident.id}/read` });
  assert.equal(theirs.statusCode, 404);
  assert.match(theirs.json().error.message, BILINGUAL);

  const read = await me({ method: 'POST', url: `/api/v1/notifications/${incident.id}/read` });
  assert.equal(read.statusCode, 200);
  assert.ok(read.json().readAt);
  // Marking again keeps the first read time.
  const again = await me({ method: 'POST', url: `/api/v1/notifications/${incident.id}/read` });
  assert.equal(again.json().readAt, read.json().readAt);
  assert.equal((await me({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json().count, 2);
  const unread = (await me({ method: 'GET', url: '/api/v1/notifications?unread=true' })).json();
  assert.deepEqual(
    unread.items.map((n: { kind: string }) => n.kind),
    ['alert.raised', 'alert.raised'],
  );

  const byKind = await me({ method: 'POST', url: '/api/v1/notifications/read-all', payload: { kind: 'incident.' } });
  assert.equal(byKind.json().updated, 0);
  const all = await me({ method: 'POST', url: '/api/v1/notifications/read-all', payload: {} });
  assert.equal(all.json().updated, 2);
  assert.equal((await me({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json().count, 0);
  assert.equal((await me({ method: 'GET', url: '/api/v1/notifications?unread=true' })).json().total, 0);
});

test('recipients outside the workspace are dropped; a rolled-back transaction notifies nobody', async () => {
  const a = await workspaceWithTeam(t);
  const b = await workspaceWithTeam(t);
  await notify(t.deps, event(a.workspaceId, { userIds: [a.editor.userId, b.editor.userId] }));
  assert.equal((await as(t, a.editor)({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json().count, 1);
  assert.equal((await as(t, b.editor)({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json().count, 0);

  const ch = await as(
    t,
    a.owner,
  )({
    method: 'POST',
    url: '/api/v1/notify/channels',
    payload: { type: 'wecom', name: '运营群', url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=rollback-key-0001' },
  });
  assert.equal(ch.statusCode, 201, ch.body);
  const jobsBefore = await webhookJobs();
  await assert.rejects(
    t.deps.db.transaction(async (tx) => {
      await notify(t.deps, event(a.workspaceId, { userIds: [a.reviewer.userId] }), tx);
      throw new Error('the incident could not be saved');
    }),
  );
  assert.equal((await as(t, a.reviewer)({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json().count, 0);
  assert.equal(await webhookJobs(), jobsBefore);
  // Committed, the same call queues one delivery for the channel.
  await t.deps.db.transaction((tx) => notify(t.deps, event(a.workspaceId, { userIds: [a.reviewer.userId] }), tx));
  assert.equal(await webhookJobs(), jobsBefore + 1);
  assert.equal((await as(t, a.reviewer)({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json().count, 1);
});

async function webhookJobs() {
  const r = await t.deps.db.execute(sql`select count(*)::int as n from pgboss.job where name = 'notify-webhook'`);
  return (r.rows[0] as { n: number }).n;
}

test('channels: only owners and managers change them; bad URLs get a clear 400; secrets never come back', async () => {
  const team = await workspaceWithTeam(t);
  const key = 'd1c2b3a4-aaaa-bbbb-cccc-0123456789ab';
  const body = { type: 'wecom', name: '企业微信运营群', url: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}` };
  for (const m of [team.editor, team.reviewer, team.analyst, team.guest]) {
    const r = await as(t, m)({ method: 'POST', url: '/api/v1/notify/channels', payload: body });
    assert.equal(r.statusCode, 403, m.role);
  }
  const created = await as(t, team.manager)({ method: 'POST', url: '/api/v1/notify/channels', payload: body });
  assert.equal(created.statusCode, 201, created.body);
  const ch = created.json();
  assert.equal(ch.urlMasked, 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****89ab');
  assert.deepEqual([ch.kinds, ch.minSeverity, ch.enabled, ch.hasSecret], [[], 'info', true, false]);

  const ding = await as(
    t,
    team.owner,
  )({
    method: 'POST',
    url: '/api/v1/notify/channels',
    payload: {
      type: 'dingtalk',
      name: '钉钉值班群',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=tok123456789secret',
      secret: 'SECsigningsecret0001',
      kinds: ['publication.', 'incident.'],
      minSeverity: 'warning',
    },
  });
  assert.equal(ding.statusCode, 201, ding.body);
  assert.equal(ding.json().hasSecret, true);
  // Editors may look at the channels (masked), not change them.
  const listed = await as(t, team.editor)({ method: 'GET', url: '/api/v1/notify/channels' });
  assert.equal(listed.json().total, 2);
  const patchAsEditor = await as(t, team.editor)({ method: 'PATCH', url: `/api/v1/notify/channels/${ch.id}`, payload: { enabled: false } });
  assert.equal(patchAsEditor.statusCode, 403);
  const patched = await as(t, team.manager)({ method: 'PATCH', url: `/api/v1/notify/channels/${ding.json().id}`, payload: { secret: null, enabled: false } });
  assert.deepEqual([patched.json().hasSecret, patched.json().enabled], [false, false]);

  const everything = JSON.stringify([listed.json(), created.json(), ding.json(), patched.json(), await auditOf(team.workspaceId)]);
  for (const secret of [key, 'tok123456789secret', 'SECsigningsecret0001']) assert.ok(!everything.includes(secret), `${secret} leaked`);
  const actions = (await auditOf(team.workspaceId)).map((a) => a.action);
  assert.deepEqual(actions.sort(), ['notify_channel.create', 'notify_channel.create', 'notify_channel.update']);

  const cases: [Record<string, unknown>, RegExp][] = [
    [{ ...body, url: 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc' }, /https/],
    [{ ...body, url: 'https://evil.example.com/cgi-bin/webhook/send?key=abc' }, /企业微信/],
    [{ ...body, url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' }, /key/],
    [{ ...body, type: 'dingtalk' }, /钉钉/],
    [{ ...body, type: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/' }, /飞书/],
    [{ ...body, url: 'not a url' }, /qyapi\.weixin\.qq\.com/],
    [{ ...body, secret: 'SECabc' }, /企业微信群机器人没有签名密钥/],
    [{ ...body, url: 'http://10.0.0.5/cgi-bin/webhook/send?key=abc' }, /https/],
    [{ ...body, kinds: ['Publication'] }, /kind prefix/],
    [{ ...body, type: 'slack' }, /type/],
  ];
  for (const [payload, message] of cases) {
    const r = await as(t, team.owner)({ method: 'POST', url: '/api/v1/notify/channels', payload });
    assert.equal(r.statusCode, 400, `${JSON.stringify(payload)}: ${r.body}`);
    assert.match(r.json().error.message, message, JSON.stringify(payload));
  }
  // The documented shapes of the other two platforms are accepted.
  const feishu = await as(
    t,
    team.owner,
  )({
    method: 'POST',
    url: '/api/v1/notify/channels',
    payload: {
      type: 'feishu',
      name: '飞书群',
      url: 'https://open.feishu.cn/open-apis/bot/v2/hook/5e3d587e-d78e-4a07-bd07-265f269f86fd',
      secret: 'feishu-secret',
    },
  });
  assert.equal(feishu.statusCode, 201, feishu.body);
  assert.equal(feishu.json().urlMasked, 'https://open.feishu.cn/open-apis/bot/v2/hook/****86fd');

  const del = await as(t, team.owner)({ method: 'DELETE', url: `/api/v1/notify/channels/${ch.id}` });
  assert.equal(del.statusCode, 200);
  assert.equal((await as(t, team.owner)({ method: 'GET', url: `/api/v1/notify/channels/${ch.id}` })).statusCode, 404);
});

async function auditOf(workspaceId: string) {
  const r = await t.deps.db.execute(sql`select action, before, after from audit_log where workspace_id = ${workspaceId} and entity_type = 'notify_channel'`);
  return r.rows as { action: string }[];
}

test("another workspace's channels answer 404 and stay as they were", async () => {
  const a = await workspaceWithTeam(t);
  const b = await workspaceWithTeam(t);
  const ch = (
    await as(
      t,
      b.owner,
    )({
      method: 'POST',
      url: '/api/v1/notify/channels',
      payload: { type: 'wecom', name: 'B 的群', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=b-key-123456' },
    })
  ).json();
  const probes: [string, string, unknown?][] = [
    ['GET', `/api/v1/notify/channels/${ch.id}`],
    ['PATCH', `/api/v1/notify/channels/${ch.id}`, { name: 'hijacked' }],
    ['POST', `/api/v1/notify/channels/${ch.id}/test`],
    ['GET', `/api/v1/notify/channels/${ch.id}/deliveries`],
    ['DELETE', `/api/v1/notify/channels/${ch.id}`],
  ];
  for (const [method, url, payload] of probes) {
    const r = await as(t, a.owner)({ method: method as 'GET', url, ...(payload === undefined ? {} : { payload: payload as object }) });
    assert.equal(r.statusCode, 404, `${method} ${url}: ${r.body}`);
  }
  assert.equal((await as(t, a.owner)({ method: 'GET', url: '/api/v1/notify/channels' })).json().total, 0);
  const still = (await as(t, b.owner)({ method: 'GET', url: `/api/v1/notify/channels/${ch.id}` })).json();
  assert.equal(still.name, 'B 的群');
  assert.equal(still.lastDeliveryAt, null);
});
