// The publishing worker as a real separate process (`main.ts worker`) against a test environment's
// database, media folder and emulator, so a test can kill it without warning (SIGKILL) mid-burst and
// start another. Every process started is killed when the test file ends.
import { type ChildProcess, spawn } from 'node:child_process';
import { after } from 'node:test';
import { sql } from 'drizzle-orm';
import { resolvePublication } from '../modules/publishing/service';
import { type PubEnv, stateCounts, waitFor } from './publishing';

/** The test environment's platform hosts (the emulator's), passed on to the worker process. */
const HOSTS = [
  'MEIYUN_WECHAT_API_BASE',
  'MEIYUN_WEIBO_API_BASE',
  'MEIYUN_DOUYIN_API_BASE',
  'MEIYUN_KUAISHOU_API_BASE',
  'MEIYUN_BILIBILI_API_BASE',
  'MEIYUN_BILIBILI_UPLOAD_BASE',
  'MEIYUN_BILIBILI_AUTH_BASE',
  'MEIYUN_BILIBILI_AUTHORIZE_BASE',
] as const;

export function workerProcesses(e: PubEnv, env: Record<string, string> = {}) {
  const children: ChildProcess[] = [];
  after(() => {
    for (const c of children) c.kill('SIGKILL');
  });
  return {
    start(): ChildProcess {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'worker'], {
        env: {
          ...process.env,
          DATABASE_URL: e.deps.config.DATABASE_URL,
          MEIYUN_DATA_DIR: e.dataDir,
          // The key of the test environment's SecretBox (server/src/test/app.ts): 32 bytes of 7.
          MEIYUN_SECRET_KEY: '07'.repeat(32),
          ...Object.fromEntries(HOSTS.map((k) => [k, e.deps.config[k]])),
          MEIYUN_DISPATCH_INTERVAL_MS: '200',
          MEIYUN_JOB_EXPIRE_SECONDS: '30',
          MEIYUN_JOB_MAINTENANCE_SECONDS: '1',
          MEIYUN_PLATFORM_TIMEOUT_MS: '2000',
          LOG_LEVEL: 'fatal',
          ...env,
        },
        stdio: 'ignore',
      });
      children.push(child);
      return child;
    },
    /** SIGKILL: no shutdown hook runs, in-flight requests and jobs are cut where they are. */
    async kill(child: ChildProcess): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * The crash run every platform's suite makes: a worker process starts on a planned burst, is
 * SIGKILLed once `minDone` are submitted or published, and a second one finishes. Returns what the
 * platform received (at the emulator), for the caller to check exactly once against the titles.
 */
/**
 * How long the restarted worker may take: a job the dead one had fetched but not leased waits for
 * its expiry (30 s), and an outcome cut off mid-submit is reconciled by reruns 2, 4, 8, … s apart.
 */
const FINISH_MS = 300_000;

export async function killMidBurst<T extends { title: string }>(
  e: PubEnv,
  workers: ReturnType<typeof workerProcesses>,
  q: { workspaceId: string; count: number; sent: () => Promise<T[]>; minDone?: number; finishMs?: number },
): Promise<T[]> {
  const first = workers.start();
  await waitFor(
    'the burst is under way',
    () => stateCounts(e, q.workspaceId),
    (c) => (c.published ?? 0) + (c.submitted ?? 0) >= (q.minDone ?? 15),
    60_000,
  );
  await workers.kill(first);
  const midway = await stateCounts(e, q.workspaceId);
  if ((midway.published ?? 0) >= q.count) throw new Error(`killed too late to prove anything: ${JSON.stringify(midway)}`);
  const second = workers.start();
  const settled = (c: Record<string, number>) => (c.published ?? 0) + (c.needs_attention ?? 0) === q.count;
  await waitFor('all published or held for a person', () => stateCounts(e, q.workspaceId), settled, q.finishMs ?? FINISH_MS);
  // A kill between the fence and the request leaves a submit nobody can prove either way on a
  // platform without an idempotent submit: after the reconcile window it waits for a person
  // (needs_attention), which is what the product promises. The person finds it absent at the
  // platform and sends it again; were it there, the reconcile would have missed it: a failure.
  await resendHeld(e, q);
  const final = await waitFor(
    'all published',
    () => stateCounts(e, q.workspaceId),
    (c) => c.published === q.count,
    q.finishMs ?? FINISH_MS,
  );
  await workers.kill(second);
  if (JSON.stringify(final) !== JSON.stringify({ published: q.count })) throw new Error(`not all published: ${JSON.stringify(final)}`);
  return q.sent();
}

async function resendHeld<T extends { title: string }>(e: PubEnv, q: { workspaceId: string; sent: () => Promise<T[]> }) {
  const held = await e.deps.db.execute<{ id: string; title: string }>(sql`
    select p.id, po.title from publications p join posts po on po.id = p.post_id where p.workspace_id = ${q.workspaceId} and p.state = 'needs_attention'`);
  if (!held.rows.length) return;
  const there = new Set((await q.sent()).map((s) => s.title));
  const found = held.rows.filter((h) => there.has(h.title));
  if (found.length) throw new Error(`held for a person although the platform has them: ${found.map((h) => h.title).join(', ')}`);
  const [owner] = (
    await e.deps.db.execute<{ user_id: string }>(sql`select user_id from memberships where workspace_id = ${q.workspaceId} and role = 'owner' limit 1`)
  ).rows;
  const actor = { workspaceId: q.workspaceId, userId: owner.user_id, role: 'owner' as const };
  for (const h of held.rows) await resolvePublication(e.deps, actor, h.id, { outcome: 'not_published' });
}
