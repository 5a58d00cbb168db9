// Customer-service replies and a worker killed with SIGKILL mid-send (WeChat slowed to 300 ms a
// message, so the kill falls while one is on its way), then started again: custom/send cannot be
// read back, so the reply the dead worker left `sending` is never resent by the new worker; it
// waits for a person, who checks with the user and decides (sent, or send again). In the end every
// user has exactly one message at WeChat and every reply is recorded sent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as } from '../../test/app';
import { replyStates } from '../../test/inbox-replies';
import { wechatMessaging } from '../../test/inbox-messages';
import { publishingEnv, waitFor } from '../../test/publishing';
import { workerProcesses } from '../../test/worker-process';

const N = 12;
const e = await publishingEnv({ worker: false });
const base = await e.app.listen({ host: '127.0.0.1', port: 0 });
const workers = workerProcesses(e, { MEIYUN_PLATFORM_TIMEOUT_MS: '1000' });

test('worker SIGKILLed mid-send: the reply in flight waits for a person, nothing is sent twice; after the decisions one message per user', async (t) => {
  const m = await wechatMessaging(e, base);
  const users = Array.from({ length: N }, () => m.openid());
  for (const [i, openid] of users.entries()) {
    await m.send({ openid, content: `问题 ${i}` });
    await m.delivered();
  }
  const items = await m.items();
  assert.equal(items.length, N);
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/message/custom/send', mode: 'latency', latencyMs: 300, probability: 1 });
  for (const it of items) {
    const r = await as(e, m.team.editor)({ method: 'POST', url: `/api/v1/inbox/${it.id}/replies`, payload: { text: `答复 ${it.author_id}` } });
    assert.equal(r.statusCode, 200, r.body);
  }
  const ws = m.team.workspaceId;
  const first = workers.start();
  // Killed while a send is on the wire (its fence written, WeChat not yet answered).
  const onTheWire = async () =>
    (
      await e.deps.db.execute<{ sent: number; wire: number }>(sql`
        select count(*) filter (where state = 'sent')::int as sent, count(*) filter (where state = 'sending' and send_started_at is not null)::int as wire
        from inbox_replies where workspace_id = ${ws}`)
    ).rows[0];
  await waitFor('a send on the wire', onTheWire, (s) => s.sent >= 3 && s.wire >= 1, 60_000);
  await workers.kill(first);
  const midway = await replyStates(e, ws);
  assert.ok((midway.sent ?? 0) < N, `killed too late to prove anything: ${JSON.stringify(midway)}`);
  assert.ok((midway.sending ?? 0) >= 1, `a reply was in flight at the kill: ${JSON.stringify(midway)}`);
  workers.start();
  const settled = await waitFor(
    'all sent or waiting for a person',
    () => replyStates(e, ws),
    (s) => (s.sent ?? 0) + (s.unknown ?? 0) === N,
    120_000,
  );
  assert.ok((settled.unknown ?? 0) >= 1, JSON.stringify(settled));
  t.diagnostic(`at the kill ${JSON.stringify(midway)}; after the restart ${JSON.stringify(settled)}`);
  // A person checks with each user whose reply is unknown: got it → sent, did not → resend.
  const waiting = await e.deps.db.execute<{ id: string; author_id: string }>(sql`
    select r.id, i.author_id from inbox_replies r join inbox_items i on i.id = r.item_id
    where r.workspace_id = ${ws} and r.state = 'unknown' and r.awaiting_decision`);
  assert.equal(waiting.rows.length, settled.unknown);
  const atWechat = new Set((await m.kfSent()).map((x) => x.touser));
  for (const w of waiting.rows) {
    const outcome = atWechat.has(w.author_id) ? 'sent' : 'resend';
    const d = await as(e, m.team.editor)({ method: 'POST', url: `/api/v1/inbox/replies/${w.id}/decide`, payload: { outcome } });
    assert.equal(d.statusCode, 200, d.body);
  }
  const final = await waitFor(
    'all sent',
    () => replyStates(e, ws),
    (s) => s.sent === N,
    60_000,
  );
  assert.deepEqual(final, { sent: N });
  const sent = await m.kfSent();
  assert.equal(sent.length, N, `messages WeChat sent: ${sent.length}`);
  assert.deepEqual(sent.map((x) => x.touser).sort(), [...users].sort(), 'one message per user');
  assert.ok(sent.every((x) => x.content === `答复 ${x.touser}`));
});
