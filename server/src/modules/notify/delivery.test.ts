import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { sleep } from '../../lib/time';
import { as, type Member, testEnv, workspaceWithTeam } from '../../test/app';
import { runWebhookJob } from './delivery';
import * as repo from './repository';
import { notify } from './service';
import { startRobotReceiver } from './testing';
import { startNotifyWorker } from './worker';

const robots = await startRobotReceiver();
const t = await testEnv({
  MEIYUN_WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
  MEIYUN_WEBHOOK_RETRY_DELAY_SECONDS: '1',
  MEIYUN_WEBHOOK_TIMEOUT_MS: '800',
  MEIYUN_PUBLIC_URL: 'https://meiyun.example.com',
});
const worker = await startNotifyWorker(t.deps, { sweepIntervalMs: 200 });
t.cleanup(() => robots.close());
t.cleanup(() => worker.stop());

let n = 0;
const uid = (p: string) => `${p}${Date.now().toString(36)}${++n}abcdef`;

async function channel(owner: Member, payload: Record<string, unknown>) {
  const r = await as(t, owner)({ method: 'POST', url: '/api/v1/notify/channels', payload: { name: '群', ...payload } });
  assert.equal(r.statusCode, 201, r.body);
  return r.json() as { id: string };
}

async function deliveries(owner: Member, channelId: string) {
  const r = await as(t, owner)({ method: 'GET', url: `/api/v1/notify/channels/${channelId}/deliveries` });
  assert.equal(r.statusCode, 200, r.body);
  return (
    r.json().items as { status: string; attempt: number; responseCode: string | null; responseMessage: string | null; httpStatus: number | null }[]
  ).reverse();
}

async function until<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await sleep(100);
  }
}

const incident = (workspaceId: string, extra: Record<string, unknown> = {}) => ({
  workspaceId,
  kind: 'incident.opened',
  severity: 'critical' as const,
  title: { zh: '舆情事件：[点我](https://evil.example.com) <at user_id="all">', en: 'Incident: complaint' },
  body: { zh: '微博热搜第 12 位\n请尽快处理', en: 'No. 12 on Weibo hot search' },
  link: '/incidents/42',
  webhooks: true,
  ...extra,
});

test('WeCom: markdown in the documented shape, ≤ 4096 bytes, user text cannot inject markup; delivery logged ok', async () => {
  const team = await workspaceWithTeam(t);
  const key = uid('wk');
  const ch = await channel(team.owner, { type: 'wecom', url: robots.wecomUrl(key) });
  await notify(t.deps, incident(team.workspaceId, { body: { zh: '长'.repeat(3000), en: 'long' } }));
  const [got] = await until(
    'wecom message',
    async () => robots.of(key),
    (r) => r.length === 1,
  );
  assert.equal(got.body.msgtype, 'markdown');
  const content = (got.body.markdown as { content: string }).content;
  assert.ok(Buffer.byteLength(content) <= 4096, `${Buffer.byteLength(content)} bytes`);
  assert.match(content, /^\*\*<font color="warning">【严重】<\/font>舆情事件：/);
  assert.ok(!content.includes('[点我](') && !content.includes('<at'), content.slice(0, 200));
  assert.match(content, /\[查看详情\]\(https:\/\/meiyun\.example\.com\/incidents\/42\)/);
  assert.match(content, /媒运 Meiyun · incident\.opened/);
  const log = await until(
    'delivery row',
    () => deliveries(team.owner, ch.id),
    (d) => d.length === 1,
  );
  assert.deepEqual([log[0].status, log[0].responseCode, log[0].attempt, log[0].httpStatus], ['ok', '0', 1, 200]);
  const view = (await as(t, team.owner)({ method: 'GET', url: `/api/v1/notify/channels/${ch.id}` })).json();
  assert.equal(view.lastDeliveryOk, true);
});

test('DingTalk 加签: timestamp and sign in the query verify; markdown with title, text and at', async () => {
  const team = await workspaceWithTeam(t);
  const token = uid('dt');
  const secret = `SEC${uid('s')}+/=`;
  robots.setSecret(token, secret);
  const ch = await channel(team.owner, { type: 'dingtalk', url: robots.dingtalkUrl(token), secret, language: 'both' });
  await notify(t.deps, incident(team.workspaceId));
  const [got] = await until(
    'dingtalk message',
    async () => robots.of(token),
    (r) => r.length === 1,
  );
  assert.equal(got.signature, 'ok');
  assert.equal(got.body.msgtype, 'markdown');
  const md = got.body.markdown as { title: string; text: string };
  assert.match(md.title, /^【严重 Critical】舆情事件/);
  assert.match(md.text, /Incident: complaint/);
  assert.match(md.text, /> 微博热搜第 12 位/);
  assert.deepEqual(got.body.at, { atMobiles: [], isAtAll: false });
  assert.equal(
    (
      await until(
        'delivery',
        () => deliveries(team.owner, ch.id),
        (d) => d.length === 1,
      )
    )[0].status,
    'ok',
  );
});

test('Feishu 签名校验: timestamp (s) and sign in the body verify; an interactive card', async () => {
  const team = await workspaceWithTeam(t);
  const hook = uid('fs');
  const secret = uid('fsecret');
  robots.setSecret(hook, secret);
  const ch = await channel(team.owner, { type: 'feishu', url: robots.feishuUrl(hook), secret, language: 'en' });
  await notify(t.deps, incident(team.workspaceId));
  const [got] = await until(
    'feishu message',
    async () => robots.of(hook),
    (r) => r.length === 1,
  );
  assert.equal(got.signature, 'ok');
  assert.equal(got.body.msg_type, 'interactive');
  assert.match(String(got.body.timestamp), /^\d{10}$/);
  const card = got.body.card as { header: { title: { content: string }; template: string }; elements: { tag: string; actions?: { url: string }[] }[] };
  assert.equal(card.header.title.content, '【Critical】Incident: complaint');
  assert.equal(card.header.template, 'red');
  assert.equal(card.elements.find((e) => e.tag === 'action')?.actions?.[0].url, 'https://meiyun.example.com/incidents/42');
  assert.equal(
    (
      await until(
        'delivery',
        () => deliveries(team.owner, ch.id),
        (d) => d.length === 1,
      )
    )[0].status,
    'ok',
  );
});

test('a wrong signing secret is a permanent error: 310000 / 19021 recorded once, never retried', async () => {
  const team = await workspaceWithTeam(t);
  const token = uid('dt');
  const hook = uid('fs');
  robots.setSecret(token, 'SECthe-real-one');
  robots.setSecret(hook, 'the-real-one');
  const ding = await channel(team.owner, { type: 'dingtalk', url: robots.dingtalkUrl(token), secret: 'SECa-stale-one' });
  const fei = await channel(team.owner, { type: 'feishu', url: robots.feishuUrl(hook), secret: 'a-stale-one' });
  await notify(t.deps, incident(team.workspaceId));
  const d1 = await until(
    'dingtalk failure',
    () => deliveries(team.owner, ding.id),
    (d) => d.length === 1,
  );
  const f1 = await until(
    'feishu failure',
    () => deliveries(team.owner, fei.id),
    (d) => d.length === 1,
  );
  assert.deepEqual([d1[0].status, d1[0].responseCode], ['failed', '310000']);
  assert.match(d1[0].responseMessage ?? '', /sign not match/);
  assert.deepEqual([f1[0].status, f1[0].responseCode], ['failed', '19021']);
  // Longer than the first two backoffs: still one attempt each.
  await sleep(4000);
  assert.equal(robots.of(token).length, 1);
  assert.equal(robots.of(hook).length, 1);
  assert.equal((await deliveries(team.owner, ding.id)).length, 1);
  const view = (await as(t, team.owner)({ method: 'GET', url: `/api/v1/notify/channels/${ding.id}` })).json();
  assert.equal(view.lastDeliveryOk, false);
  assert.match(view.lastError, /sign not match/);
});

test('transient errors (45009, 11232, HTTP 500, timeout) are retried with backoff and every attempt is logged', async () => {
  const team = await workspaceWithTeam(t);
  const wk = uid('wk');
  const fs = uid('fs');
  const wk500 = uid('wk');
  const slow = uid('wk');
  robots.script(wk, [{ json: { errcode: 45009, errmsg: 'api freq out of limit' } }]);
  robots.script(fs, [{ json: { code: 11232, msg: 'frequency limited psm[lark.oapi.app_platform_runtime]appID[1234]', data: {} } }]);
  robots.script(wk500, [
    { status: 500, json: 'upstream error' },
    { status: 502, json: 'bad gateway' },
  ]);
  robots.script(slow, [{ delayMs: 1500 }]);
  const a = await channel(team.owner, { type: 'wecom', url: robots.wecomUrl(wk) });
  const b = await channel(team.owner, { type: 'feishu', url: robots.feishuUrl(fs) });
  const c = await channel(team.owner, { type: 'wecom', url: robots.wecomUrl(wk500) });
  const d = await channel(team.owner, { type: 'wecom', url: robots.wecomUrl(slow) });
  await notify(t.deps, incident(team.workspaceId));
  const la = await until(
    'wecom retry',
    () => deliveries(team.owner, a.id),
    (x) => x.length === 2,
    30_000,
  );
  assert.deepEqual(
    la.map((x) => [x.status, x.responseCode, x.attempt]),
    [
      ['retrying', '45009', 1],
      ['ok', '0', 2],
    ],
  );
  const lb = await until(
    'feishu retry',
    () => deliveries(team.owner, b.id),
    (x) => x.length === 2,
    30_000,
  );
  assert.deepEqual(
    lb.map((x) => [x.status, x.responseCode]),
    [
      ['retrying', '11232'],
      ['ok', '0'],
    ],
  );
  const lc = await until(
    '5xx retry',
    () => deliveries(team.owner, c.id),
    (x) => x.length === 3,
    30_000,
  );
  assert.deepEqual(
    lc.map((x) => [x.status, x.httpStatus]),
    [
      ['retrying', 500],
      ['retrying', 502],
      ['ok', 200],
    ],
  );
  const ld = await until(
    'timeout retry',
    () => deliveries(team.owner, d.id),
    (x) => x.length === 2,
    30_000,
  );
  assert.equal(ld[0].status, 'retrying');
  assert.match(ld[0].responseMessage ?? '', /no answer within 800 ms/);
  assert.equal(ld[1].status, 'ok');
  // The same message each time: one event, one message per robot once it goes through.
  assert.equal(robots.of(wk).filter((r) => r.answer.status === 200 && (r.answer.json as { errcode: number }).errcode === 0).length, 1);
});

test('the last allowed attempt of a transient error is recorded as failed and ends the job', async () => {
  const team = await workspaceWithTeam(t);
  const wk = uid('wk');
  robots.script(wk, [{ json: { errcode: 45009, errmsg: 'api freq out of limit' } }, { json: { errcode: 45009, errmsg: 'api freq out of limit' } }]);
  const ch = await channel(team.owner, { type: 'wecom', url: robots.wecomUrl(wk), enabled: false });
  const job = (retryCount: number) => ({
    data: {
      channelId: ch.id,
      workspaceId: team.workspaceId,
      event: { kind: 'alert.raised', severity: 'warning', title: { zh: '预警', en: 'Alert' }, body: { zh: '', en: '' }, link: null },
    },
    retryCount,
    retryLimit: 5,
  });
  // A disabled channel sends nothing.
  assert.equal(await runWebhookJob(t.deps, job(0)), 'done');
  assert.equal(robots.of(wk).length, 0);
  await as(t, team.owner)({ method: 'PATCH', url: `/api/v1/notify/channels/${ch.id}`, payload: { enabled: true } });
  assert.equal(await runWebhookJob(t.deps, job(4)), 'retry');
  assert.equal(await runWebhookJob(t.deps, job(5)), 'done');
  const log = await deliveries(team.owner, ch.id);
  assert.deepEqual(
    log.map((x) => [x.status, x.attempt]),
    [
      ['retrying', 5],
      ['failed', 6],
    ],
  );
});

test('channels filter by kind prefix and minimum severity', async () => {
  const team = await workspaceWithTeam(t);
  const [all, pubs, crit] = [uid('wk'), uid('wk'), uid('wk')];
  await channel(team.owner, { type: 'wecom', url: robots.wecomUrl(all) });
  await channel(team.owner, { type: 'wecom', url: robots.wecomUrl(pubs), kinds: ['publication.'] });
  await channel(team.owner, { type: 'wecom', url: robots.wecomUrl(crit), minSeverity: 'critical' });
  await notify(t.deps, incident(team.workspaceId, { severity: 'warning' }));
  await notify(t.deps, incident(team.workspaceId, { kind: 'publication.failed', severity: 'critical' }));
  await notify(t.deps, incident(team.workspaceId, { webhooks: false }));
  await until(
    'deliveries',
    async () => robots.of(all),
    (r) => r.length === 2,
  );
  await sleep(1500);
  assert.equal(robots.of(all).length, 2);
  assert.equal(robots.of(pubs).length, 1);
  assert.equal(robots.of(crit).length, 1);
});

test('send test message; no key, token or secret in any answer, delivery log or audit entry', async () => {
  const team = await workspaceWithTeam(t);
  const token = uid('leaky-token-');
  const secret = `SEC${uid('leaky-secret-')}`;
  robots.setSecret(token, secret);
  const ch = await channel(team.owner, { type: 'dingtalk', url: robots.dingtalkUrl(token), secret });
  const editorTry = await as(t, team.editor)({ method: 'POST', url: `/api/v1/notify/channels/${ch.id}/test` });
  assert.equal(editorTry.statusCode, 403);
  const ok = await as(t, team.manager)({ method: 'POST', url: `/api/v1/notify/channels/${ch.id}/test` });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual([ok.json().ok, ok.json().delivery.status, ok.json().delivery.eventKind], [true, 'ok', 'test']);
  assert.match(JSON.stringify(robots.of(token)[0].body), /测试消息/);
  // A platform answer that echoes the URL (as some proxies do) is scrubbed before it is stored.
  robots.script(token, [{ status: 404, json: { errcode: 300001, errmsg: `token ${token} is invalid, url=${robots.dingtalkUrl(token)}` } }]);
  const bad = await as(t, team.manager)({ method: 'POST', url: `/api/v1/notify/channels/${ch.id}/test` });
  assert.equal(bad.json().ok, false);
  assert.match(bad.json().message, /300001/);
  const log = await deliveries(team.owner, ch.id);
  assert.equal(log.length, 2);
  const audit = await t.deps.db.execute(sql`select * from audit_log where workspace_id = ${team.workspaceId}`);
  const rows = await t.deps.db.execute(sql`select * from notify_deliveries where channel_id = ${ch.id}`);
  const channelList = (await as(t, team.owner)({ method: 'GET', url: '/api/v1/notify/channels' })).json();
  const everything = JSON.stringify([ok.json(), bad.json(), log, audit.rows, rows.rows, channelList]);
  assert.ok(!everything.includes(token), 'token leaked');
  assert.ok(!everything.includes(secret), 'secret leaked');
  assert.ok(!everything.includes(encodeURIComponent(secret)), 'secret leaked (encoded)');
  const stored = await repo.findChannel(t.deps.db, team.workspaceId, ch.id);
  assert.ok(stored && !stored.urlSealed.includes(token) && !stored.secretSealed?.includes(secret), 'sealed at rest');
});
