import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { sleep } from '../../lib/time';
import { as } from '../../test/app';
import { exactlyOnce, INTERVAL_MS, planBurst, publishingEnv, stateCounts, waitFor, wechatWorkspace } from '../../test/publishing';

const e = await publishingEnv({ env: { MEIYUN_PLATFORM_TIMEOUT_MS: '1500' } });

test('the incident pause stops a publishing burst within one interval; its resume sends the rest exactly once', async () => {
  const ws = await wechatWorkspace(e, 6);
  const { team } = ws;
  // Slow submits, so the burst is still going when the button is pressed.
  for (const a of ws.accounts) {
    await e.control('POST', '/wechat/faults', { path: '/cgi-bin/freepublish/submit', appid: a.appid, mode: 'latency', latencyMs: 600, probability: 1 });
  }
  const opened = await as(e, team.editor)({ method: 'POST', url: '/api/v1/incidents', payload: { title: '误发了未审核的内容', severity: 'sev1' } });
  assert.equal(opened.statusCode, 201, opened.body);
  const url = `/api/v1/incidents/${opened.json().id}`;

  await planBurst(e, ws, 300, new Date(), { prefix: 'crisis' });
  const submits = async () => (await Promise.all(ws.accounts.map((a) => e.published(a.appid)))).flat();
  await waitFor(
    'the first submits',
    async () => (await submits()).length,
    (n) => n >= 10,
    60_000,
  );

  assert.equal((await as(e, team.editor)({ method: 'POST', url: `${url}/pause`, payload: { reason: 'x' } })).statusCode, 403, 'an editor cannot pause');
  const beforePause = (await submits()).length;
  const paused = await as(e, team.manager)({ method: 'POST', url: `${url}/pause`, payload: { reason: '误发，先停' } });
  assert.equal(paused.statusCode, 200, paused.body);
  const p = paused.json();
  assert.equal(p.publishing.workspacePaused, true);
  assert.ok(beforePause < 300, 'paused mid-burst');

  // Submits already on the wire finish (600 ms each); nothing new starts after one dispatch
  // interval plus that margin.
  await sleep(INTERVAL_MS + 600 + 1500);
  const settled = (await submits()).length;
  await sleep(INTERVAL_MS * 10);
  assert.equal((await submits()).length, settled, 'no submit reached the platform after the pause took effect');
  assert.ok(settled < 300, `${settled} submitted`);

  // Claimed ones still waiting for a job slot find the workspace paused when their job runs.
  const held = await waitFor(
    'nothing left dispatching',
    () => stateCounts(e, team.workspaceId),
    (c) => !c.dispatching,
    30_000,
  );
  assert.equal((await submits()).length, settled, 'still no new submit');
  assert.ok((held.paused ?? 0) > 0, JSON.stringify(held));
  assert.equal(held.scheduled ?? 0, 0);
  assert.equal((held.paused ?? 0) + (held.published ?? 0) + (held.submitted ?? 0), 300, JSON.stringify(held));
  const during = (await as(e, team.guest)({ method: 'GET', url })).json();
  assert.equal(during.publishing.paused, held.paused, 'the incident page shows what the pause holds');
  assert.equal(during.publishing.scheduled, 0);
  const pausedEntry = during.timeline.find((x: { kind: string }) => x.kind === 'paused');
  assert.equal(pausedEntry.actorId, team.manager.userId);
  assert.equal(pausedEntry.data.reason, '误发，先停');
  // What it held at that moment: queued ones paused at once, claimed ones paused by their job.
  assert.ok(pausedEntry.data.held + pausedEntry.data.inFlight > 0, JSON.stringify(pausedEntry.data));
  const banner = (await as(e, team.guest)({ method: 'GET', url: '/api/v1/me' })).json().workspace;
  assert.match(banner.pauseReason, /^事件 #1：误发了未审核的内容 — 误发，先停$/);

  assert.equal((await as(e, team.editor)({ method: 'POST', url: `${url}/resume` })).statusCode, 403, 'an editor cannot resume');
  const resumed = await as(e, team.owner)({ method: 'POST', url: `${url}/resume` });
  assert.equal(resumed.statusCode, 200, resumed.body);
  assert.equal(resumed.json().publishing.workspacePaused, false);
  await waitFor(
    'all published',
    () => stateCounts(e, team.workspaceId),
    (c) => c.published === 300,
    120_000,
  );

  const all = await submits();
  const expected = Array.from({ length: 300 }, (_, i) => `crisis-${i}`);
  assert.deepEqual(exactlyOnce(all, expected), { duplicates: [], missing: [] });
  assert.equal(all.length, 300);

  const timeline = (await as(e, team.guest)({ method: 'GET', url })).json().timeline as { kind: string; actorId: string; data: { released?: number } }[];
  assert.deepEqual(
    timeline.map((x) => x.kind),
    ['created', 'paused', 'resumed'],
  );
  assert.equal(timeline[2].actorId, team.owner.userId);
  assert.equal(timeline[2].data.released, held.paused);
  // Audited like the header's pause button, and as incident actions.
  const audit = await e.deps.db.execute(
    sql`select action from audit_log where workspace_id = ${team.workspaceId} and action in ('workspace.pause', 'workspace.resume', 'incident.pause', 'incident.resume') order by id`,
  );
  assert.deepEqual(
    (audit.rows as { action: string }[]).map((r) => r.action),
    ['workspace.pause', 'incident.pause', 'workspace.resume', 'incident.resume'],
  );
});
