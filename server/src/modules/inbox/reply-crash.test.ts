// The worker as a real separate process (`main.ts worker`), SIGKILLed while replies are going out
// (WeChat slowed to 300 ms a reply, so the kill falls mid-send: the reply reaches WeChat, its
// worker is gone) and started again: every comment ends with exactly one reply at the platform,
// none lost, none twice. The reply the dead worker left `sending` is read back, not resent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as } from '../../test/app';
import { replyStates, wechatCommented } from '../../test/inbox-replies';
import { publishingEnv, waitFor } from '../../test/publishing';
import { workerProcesses } from '../../test/worker-process';

const N = 20;
const e = await publishingEnv({ worker: false });
const workers = workerProcesses(e, { MEIYUN_PLATFORM_TIMEOUT_MS: '1000' });

test('worker killed with SIGKILL mid-send and restarted: one reply per comment at WeChat, all recorded sent', async () => {
  const c = await wechatCommented(e, N);
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/comment/reply/add', mode: 'latency', latencyMs: 300, probability: 1 });
  for (const [i, item] of c.items.entries()) {
    const r = await as(e, c.team.editor)({ method: 'POST', url: `/api/v1/inbox/${item.id}/replies`, payload: { text: `回复 ${i}` } });
    assert.equal(r.statusCode, 200, r.body);
  }
  const ws = c.team.workspaceId;
  const first = workers.start();
  // Killed while a reply is in flight (the sends take 300 ms each), not between two of them.
  await waitFor(
    'replies under way, one in flight',
    () => replyStates(e, ws),
    (s) => (s.sent ?? 0) >= 4 && (s.sending ?? 0) >= 1,
    60_000,
  );
  await workers.kill(first);
  const midway = await replyStates(e, ws);
  assert.ok((midway.sent ?? 0) < N, `killed too late to prove anything: ${JSON.stringify(midway)}`);
  assert.ok((midway.sending ?? 0) >= 1, `a reply was in flight at the kill: ${JSON.stringify(midway)}`);
  workers.start();
  const final = await waitFor(
    'all sent',
    () => replyStates(e, ws),
    (s) => s.sent === N,
    120_000,
  );
  assert.deepEqual(final, { sent: N });
  const at = await c.replies();
  assert.equal(at.length, N, `replies WeChat took: ${at.length}`);
  assert.equal(new Set(at.map((x) => x.userCommentId)).size, N, 'one reply per comment');
  assert.deepEqual(at.map((x) => x.content).sort(), c.items.map((_, i) => `回复 ${i}`).sort());
});
