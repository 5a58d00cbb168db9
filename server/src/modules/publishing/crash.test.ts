import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, test } from 'node:test';
import { publishingEnv, planBurst, stateCounts, waitFor, wechatWorkspace } from '../../test/publishing';

// The worker runs as a real separate process here, so it can be killed without warning.
const e = await publishingEnv({ worker: false, publishDelayMs: 200 });
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) c.kill('SIGKILL');
});

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'worker'], {
    env: {
      ...process.env,
      DATABASE_URL: e.deps.config.DATABASE_URL,
      MEIYUN_DATA_DIR: e.dataDir,
      MEIYUN_SECRET_KEY: '07'.repeat(32),
      MEIYUN_WECHAT_API_BASE: e.deps.config.MEIYUN_WECHAT_API_BASE,
      MEIYUN_DISPATCH_INTERVAL_MS: '200',
      MEIYUN_JOB_EXPIRE_SECONDS: '30',
      MEIYUN_JOB_MAINTENANCE_SECONDS: '1',
      MEIYUN_PLATFORM_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'fatal',
    },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

test('worker killed with SIGKILL mid-burst and restarted: none lost, none duplicated', async () => {
  const ws = await wechatWorkspace(e, 10);
  await planBurst(e, ws, 300, new Date(), { prefix: 'crash' });
  const first = startWorkerProcess();
  await waitFor('the burst is under way', () => stateCounts(e, ws.team.workspaceId), (c) => (c.published ?? 0) >= 30, 60_000);
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  const midway = await stateCounts(e, ws.team.workspaceId);
  assert.ok((midway.published ?? 0) < 300, `killed too late to prove anything: ${JSON.stringify(midway)}`);
  startWorkerProcess();
  const final = await waitFor('all published', () => stateCounts(e, ws.team.workspaceId), (c) => c.published === 300, 120_000);
  assert.deepEqual(final, { published: 300 });
  const titles = (await Promise.all(ws.accounts.map((a) => e.published(a.appid)))).flat().map((s) => s.title);
  assert.equal(titles.length, 300, 'submits counted at the emulator');
  assert.equal(new Set(titles).size, 300);
});
