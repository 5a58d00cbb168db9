import assert from 'node:assert/strict';
import { test } from 'node:test';
import { publishingEnv, planBurst, stateCounts, waitFor, wechatWorkspace } from '../../test/publishing';
import { workerProcesses } from '../../test/worker-process';

// The worker runs as a real separate process here, so it can be killed without warning.
const e = await publishingEnv({ worker: false, publishDelayMs: 200 });
const workers = workerProcesses(e);

test('worker killed with SIGKILL mid-burst and restarted: none lost, none duplicated', async () => {
  const ws = await wechatWorkspace(e, 10);
  await planBurst(e, ws, 300, new Date(), { prefix: 'crash' });
  const first = workers.start();
  await waitFor(
    'the burst is under way',
    () => stateCounts(e, ws.team.workspaceId),
    (c) => (c.published ?? 0) >= 30,
    60_000,
  );
  await workers.kill(first);
  const midway = await stateCounts(e, ws.team.workspaceId);
  assert.ok((midway.published ?? 0) < 300, `killed too late to prove anything: ${JSON.stringify(midway)}`);
  workers.start();
  // A job the dead worker had fetched but not yet leased waits for its expiry (30 s here); an
  // outcome cut off mid-submit is reconciled by reruns 2, 4, 8, … s apart: minutes, on a busy machine.
  const final = await waitFor(
    'all published',
    () => stateCounts(e, ws.team.workspaceId),
    (c) => c.published === 300,
    300_000,
  );
  assert.deepEqual(final, { published: 300 });
  const titles = (await Promise.all(ws.accounts.map((a) => e.published(a.appid)))).flat().map((s) => s.title);
  assert.equal(titles.length, 300, 'submits counted at the emulator');
  assert.equal(new Set(titles).size, 300);
});
