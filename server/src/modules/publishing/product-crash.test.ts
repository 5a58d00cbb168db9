// The whole product (`meiyun start`: API, worker and the embedded PostgreSQL in one process group)
// killed with SIGKILL twice during a 300-post due minute and restarted on the same data folder.
// Counted at the platform (the emulator): no post is ever submitted twice; what was in flight at a
// kill is found on the platform and recorded within seconds of the restart, not after the queue's
// 90 s expiry. A submit marked as started whose request never reached the platform (the kill fell
// between the mark's commit and the write) cannot be told apart, by anything WeChat documents, from
// one still publishing: it goes to a person after the reconcile window, who confirms it was not
// sent, and it then goes out once.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { seed } from '../../../../bench/publish-lib/seed';
import { startEmulator } from '../../../../emulator/src/server';
import { freePort } from '../../db/embedded';
import { SecretBox } from '../../lib/crypto';
import { sleep } from '../../lib/time';
import { hashPassword } from '../identity/service';

const POSTS = 300;
const ACCOUNTS = 10;
const KEY = '07'.repeat(32);

const emulator = await startEmulator({ publishDelayMs: 200 });
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meiyun-crash-'));
const port = await freePort();
const pgPort = await freePort();
const logFile = path.join(os.tmpdir(), `meiyun-crash-${process.pid}.log`);
const running = new Set<ChildProcess>();
after(async () => {
  for (const c of running) killGroup(c);
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(logFile, { force: true });
});

const env: Record<string, string | undefined> = {
  ...process.env,
  MEIYUN_DATA_DIR: dataDir,
  PORT: String(port),
  MEIYUN_PG_PORT: String(pgPort),
  MEIYUN_SECRET_KEY: KEY,
  MEIYUN_WECHAT_API_BASE: emulator.url,
  MEIYUN_DISPATCH_INTERVAL_MS: '200',
  // The product's default expiry: recovery must not wait for it.
  MEIYUN_JOB_EXPIRE_SECONDS: '90',
  MEIYUN_RECONCILE_WINDOW_SECONDS: '15',
  LOG_LEVEL: 'fatal',
};
delete env.DATABASE_URL;

function killGroup(c: ChildProcess) {
  try {
    if (c.pid) process.kill(-c.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Starts the product in a process group of its own and waits until it answers. */
async function startProduct(): Promise<{ child: ChildProcess; readyAt: number }> {
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'start'], { env, detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  running.add(child);
  child.once('exit', () => running.delete(child));
  const end = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return { child, readyAt: Date.now() };
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`the product did not come up within 60 s; its output ends with:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
    await sleep(100);
  }
}

async function killProduct(c: ChildProcess) {
  const gone = new Promise((r) => c.once('exit', r));
  killGroup(c);
  await gone;
  // PostgreSQL's processes are in the same group; give the kernel a moment to reap them.
  await sleep(300);
}

const submittedAtEmulator = async () => {
  const r = await fetch(`${emulator.url}/__control/wechat/published`);
  return (await r.json()) as { title: string; status: number }[];
};

async function db() {
  const password = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const c = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/meiyun` });
  await c.connect();
  return c;
}

test('killed twice during a 300-post due minute and restarted: 300 out exactly once, in seconds after each restart', { timeout: 240_000 }, async () => {
  let { child } = await startProduct();
  const client = await db();
  const due = new Date(Date.now() + 12_000);
  const seeded = await seed(
    client,
    emulator.url,
    new SecretBox(Buffer.from(KEY, 'hex')),
    dataDir,
    { posts: POSTS, accounts: ACCOUNTS, prePrepared: false } as Parameters<typeof seed>[4],
    due,
    `crash${Date.now().toString(36)}`,
  );
  await client.end();
  // Slow submits, so that each kill lands in the middle of the minute.
  for (const a of seeded.accounts) {
    await fetch(`${emulator.url}/__control/wechat/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/cgi-bin/freepublish/submit', appid: a.appid, mode: 'latency', latencyMs: 400, probability: 1 }),
    });
  }

  const restarts: number[] = [];
  for (const killAt of [40, 160]) {
    const end = Date.now() + 60_000;
    while ((await submittedAtEmulator()).length < killAt) {
      if (Date.now() > end) throw new Error(`fewer than ${killAt} submits within 60 s`);
      await sleep(20);
    }
    await killProduct(child);
    const atKill = (await submittedAtEmulator()).length;
    assert.ok(atKill < POSTS, `killed too late to prove anything (${atKill} submitted)`);
    ({ child } = await startProduct());
    restarts.push(Date.now());
  }

  const check = await db();
  const end = Date.now() + 120_000;
  let counts: Record<string, number> = {};
  const settled = (c: Record<string, number>) => (c.published ?? 0) + (c.needs_attention ?? 0) === POSTS;
  for (;;) {
    const r = await check.query('select state, count(*)::int as n from publications where workspace_id = $1 group by state', [seeded.workspaceId]);
    counts = Object.fromEntries(r.rows.map((x: { state: string; n: number }) => [x.state, x.n]));
    if (settled(counts) || Date.now() > end) break;
    await sleep(200);
  }
  const allFinalAfter = (Date.now() - restarts[1]) / 1000;
  const rows = await check.query(
    `select po.title, p.state, p.state_reason,
       (select string_agg(a.step || ':' || a.outcome, ' ' order by a.id) from publish_attempts a where a.publication_id = p.id) as steps
     from publications p join posts po on po.id = p.post_id where p.workspace_id = $1`,
    [seeded.workspaceId],
  );
  const subs = await submittedAtEmulator();
  const times = new Map<string, number>();
  for (const x of subs) times.set(x.title, (times.get(x.title) ?? 0) + 1);
  assert.deepEqual([...times].filter(([, n]) => n > 1), [], 'no post submitted twice');
  assert.ok(settled(counts), `not all settled: ${JSON.stringify(counts)}; e.g. ${JSON.stringify(rows.rows.filter((x) => !['published', 'needs_attention'].includes(x.state)).slice(0, 3))}`);
  // The platform has exactly the published ones; those for a person never reached it.
  for (const x of rows.rows as { title: string; state: string; state_reason: string }[]) {
    assert.equal(times.has(x.title), x.state === 'published', `${x.title}: ${x.state} (${x.state_reason}), at the platform: ${times.has(x.title)}`);
  }
  assert.ok(allFinalAfter < 45, `all settled ${allFinalAfter.toFixed(1)} s after the last restart (the queue's expiry is 90 s)`);
  const unsure = (rows.rows as { title: string; state: string }[]).filter((x) => x.state === 'needs_attention');
  console.log(`# after two kills: ${counts.published} published, ${unsure.length} handed to a person, settled ${allFinalAfter.toFixed(1)} s after the last restart`);

  // A person checks the account, finds them missing, and sends them again: each goes out once.
  if (unsure.length) {
    await check.query(`update users set password_hash = $1 where email like 'bench-%'`, [await hashPassword('correct-horse-9')]);
    const email = ((await check.query(`select email from users where email like 'bench-%' limit 1`)).rows[0] as { email: string }).email;
    const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct-horse-9' }),
    });
    assert.equal(signIn.status, 200, await signIn.clone().text());
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const ids = await check.query(`select id from publications where workspace_id = $1 and state = 'needs_attention'`, [seeded.workspaceId]);
    for (const { id } of ids.rows as { id: string }[]) {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/publications/${id}/resolve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ outcome: 'not_published' }),
      });
      assert.equal(r.status, 200, await r.text());
    }
    const until = Date.now() + 60_000;
    while (((await check.query(`select count(*)::int as n from publications where workspace_id = $1 and state = 'published'`, [seeded.workspaceId])).rows[0] as { n: number }).n < POSTS) {
      if (Date.now() > until) assert.fail('the confirmed ones did not go out within 60 s');
      await sleep(200);
    }
  }
  await check.end();
  const final = (await submittedAtEmulator()).map((x) => x.title);
  assert.equal(final.length, POSTS, 'submits counted at the platform');
  assert.equal(new Set(final).size, POSTS, 'each post exactly once');
  await killProduct(child);
});
