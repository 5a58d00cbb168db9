// Publishing benchmark: N approved posts due at one instant T against the WeChat emulator,
// with the product's processes: the emulator and the worker each in a process of their own,
// the embedded PostgreSQL with its real settings. Measures lateness (submitted_at − T),
// throughput, time to all published, exactly-once at the emulator, and CPU per process.
//
//   npx tsx bench/publish.ts --posts 1000 [--accounts 10] [--lead-seconds 90] [--record]
//
// See bench/README.md for what is measured and the recorded results.
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../server/src/config';
import { type EmbeddedServer, freePort, startEmbeddedPostgres } from '../server/src/db/embedded';
import { runMigrations } from '../server/src/db/migrate';
import { ensureDatabase } from '../server/src/db/pool';
import { SecretBox } from '../server/src/lib/crypto';
import { LocalStorage } from '../server/src/lib/storage';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const README = path.join(ROOT, 'bench', 'README.md');
/** A 1×1 PNG, the cover of every post (the same bytes as the test fixture). */
const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const TERMINAL = new Set(['published', 'failed', 'needs_attention', 'missed', 'expired', 'canceled', 'paused']);

// ---------------------------------------------------------------- options

interface Options {
  posts: number;
  accounts: number;
  leadSeconds: number;
  publishDelayMs: number;
  timeoutSeconds: number;
  sampleMs: number;
  record: boolean;
  json: string | null;
  unsafeFast: boolean;
  env: Record<string, string>;
  note: string | null;
  prePrepared: boolean;
  pgStatStatements: boolean;
  workerNodeArgs: string[];
}

function usage(): never {
  process.stdout.write(`usage: npx tsx bench/publish.ts [options]
  --posts N              posts due at the same instant (default 1000)
  --accounts N           WeChat accounts they are spread over (default 10)
  --lead-seconds S       T = now + S after seeding; the worker prepares ahead meanwhile (default 90)
  --publish-delay-ms MS  emulator: submit → published delay (default 1000)
  --timeout-seconds S    give up waiting for all to be final this long after T (default 600)
  --sample-ms MS         state / CPU sampling interval (default 500)
  --env KEY=VALUE        extra worker setting, repeatable (default: the product's defaults)
  --unsafe-fast          PostgreSQL with fsync=off (NOT the product's settings; labelled in the output)
  --pre-prepared         diagnostic: the bench itself uploads covers and creates the drafts before T
                         (as a finished prepare-ahead would have), so only the due-time path is measured
  --pg-stat-statements   diagnostic: load pg_stat_statements and print the top statements from T
                         until all are submitted (adds a little PostgreSQL overhead)
  --worker-node-arg ARG  diagnostic: extra node option for the worker, repeatable (e.g. --cpu-prof)
  --note TEXT            a note stored with --record
  --json FILE            write raw results (per-publication times, timeline) to FILE
  --record               append a dated entry to bench/README.md
`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    posts: 1000,
    accounts: 10,
    leadSeconds: 90,
    publishDelayMs: 1000,
    timeoutSeconds: 600,
    sampleMs: 500,
    record: false,
    json: null,
    unsafeFast: false,
    env: {},
    note: null,
    prePrepared: false,
    pgStatStatements: false,
    workerNodeArgs: [],
  };
  const num = (v: string | undefined, name: string) => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0) {
      process.stderr.write(`${name} needs a number\n`);
      usage();
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--posts') o.posts = Math.floor(num(next(), a));
    else if (a === '--accounts') o.accounts = Math.max(1, Math.floor(num(next(), a)));
    else if (a === '--lead-seconds') o.leadSeconds = num(next(), a);
    else if (a === '--publish-delay-ms') o.publishDelayMs = num(next(), a);
    else if (a === '--timeout-seconds') o.timeoutSeconds = num(next(), a);
    else if (a === '--sample-ms') o.sampleMs = Math.max(100, num(next(), a));
    else if (a === '--record') o.record = true;
    else if (a === '--unsafe-fast') o.unsafeFast = true;
    else if (a === '--pre-prepared') o.prePrepared = true;
    else if (a === '--pg-stat-statements') o.pgStatStatements = true;
    else if (a === '--worker-node-arg') o.workerNodeArgs.push(next() ?? usage());
    else if (a === '--json') o.json = next() ?? usage();
    else if (a === '--note') o.note = next() ?? usage();
    else if (a === '--env') {
      const kv = next() ?? usage();
      const eq = kv.indexOf('=');
      if (eq <= 0) usage();
      o.env[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (a === '--help' || a === '-h') usage();
    else {
      process.stderr.write(`unknown option ${a}\n`);
      usage();
    }
  }
  if (o.posts < 1) usage();
  return o;
}

// ---------------------------------------------------------------- processes and cleanup

interface Child {
  name: string;
  proc: ChildProcess;
  exited: Promise<void>;
  log: string;
}

const children: Child[] = [];
let embedded: EmbeddedServer | null = null;
let pgDataDir: string | null = null;
let tmpRoot: string | null = null;

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv, logFile: string, readyText: string, timeoutMs = 60_000): Promise<Child> {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(logFile);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const child: Child = { name, proc, exited, log: logFile };
  children.push(child);
  return new Promise((resolve, reject) => {
    let seen = '';
    let ready = false;
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms; log: ${logFile}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out.write(chunk);
      if (ready) return;
      seen = (seen + chunk.toString()).slice(-10_000);
      if (seen.includes(readyText)) {
        ready = true;
        clearTimeout(timer);
        resolve(child);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (c: Buffer) => out.write(c));
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      out.end();
      reject(new Error(`${name} exited early (code ${code}, signal ${signal}); log: ${logFile}`));
    });
  });
}

async function stopChild(c: Child, graceMs = 15_000) {
  if (c.proc.exitCode !== null || c.proc.signalCode !== null) return;
  c.proc.kill('SIGTERM');
  const timedOut = await Promise.race([c.exited.then(() => false), sleep(graceMs).then(() => true)]);
  if (timedOut) {
    c.proc.kill('SIGKILL');
    await c.exited;
  }
}

let cleaning: Promise<void> | null = null;
function cleanup(keepTmp = false): Promise<void> {
  cleaning ??= (async () => {
    // The worker first (it talks to the other two), then the emulator, then the database.
    for (const c of [...children].reverse()) await stopChild(c).catch(() => {});
    await embedded?.stop().catch(() => {});
    embedded = null;
    if (tmpRoot && !keepTmp) rmSync(tmpRoot, { recursive: true, force: true });
  })();
  return cleaning;
}

/** Last resort when the process exits without cleanup having finished: nothing stays running. */
function exitFallback() {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  const pidFile = pgDataDir ? path.join(pgDataDir, 'postmaster.pid') : null;
  if (pidFile && existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid > 0 && existsSync(`/proc/${pid}`)) {
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {}
      const wait = new Int32Array(new SharedArrayBuffer(4));
      for (let i = 0; i < 50 && existsSync(`/proc/${pid}`); i++) Atomics.wait(wait, 0, 0, 100);
    }
  }
  if (tmpRoot) rmSync(tmpRoot, { recursive: true, force: true });
}

// ---------------------------------------------------------------- CPU accounting (/proc)

const CLK_TCK = (() => {
  try {
    return Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime, stime, cutime, cstime and ppid of a process, from /proc/<pid>/stat. */
function procStat(pid: number): { own: number; reaped: number; ppid: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): utime is field 14 → f[11].
    return { ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}

interface CpuSnap {
  at: number;
  worker: number;
  emulator: number;
  postgres: number;
  bench: number;
  machineBusy: number;
  machineTotal: number;
}

function postmasterPid(): number | null {
  if (!pgDataDir) return null;
  try {
    return Number(readFileSync(path.join(pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  }
}

/** CPU seconds so far: each of our processes (PostgreSQL = postmaster, its reaped and live children), and the machine. */
function cpuSnap(workerPid: number | undefined, emulatorPid: number | undefined): CpuSnap {
  const own = (pid: number | undefined) => (pid ? (procStat(pid)?.own ?? 0) : 0) / CLK_TCK;
  let postgres = 0;
  const pm = postmasterPid();
  if (pm) {
    const st = procStat(pm);
    if (st) postgres += st.own + st.reaped;
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      const c = procStat(Number(d));
      if (c && c.ppid === pm) postgres += c.own;
    }
  }
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = line.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = line[3] + line[4];
  return {
    at: Date.now(),
    worker: own(workerPid),
    emulator: own(emulatorPid),
    postgres: postgres / CLK_TCK,
    bench: own(process.pid),
    machineBusy: (total - idle) / CLK_TCK,
    machineTotal: total / CLK_TCK,
  };
}

// ---------------------------------------------------------------- helpers

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function dist(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, min: s[0] ?? Number.NaN, p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99), max: s.at(-1) ?? Number.NaN };
}

const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const sec = (ms: number) => ms / 1000;

async function control(base: string, method: string, p: string, body?: unknown) {
  const r = await fetch(`${base}/__control${p}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`emulator control ${method} ${p}: ${r.status} ${await r.text()}`);
  return r.json();
}

function sh(cmd: string): string {
  try {
    // Only trailing space goes: `free -h` right-aligns its header.
    return execSync(cmd, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trimEnd();
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------- seeding

interface Seeded {
  workspaceId: string;
  titles: string[];
  accounts: { id: string; appid: string }[];
}

async function seed(client: pg.Client, emulatorUrl: string, secrets: SecretBox, dataDir: string, o: Options, dueAt: Date, runId: string): Promise<Seeded> {
  const accounts: { id: string; appid: string; sealed: string }[] = [];
  for (let i = 0; i < o.accounts; i++) {
    const appid = `wx${randomBytes(8).toString('hex')}`;
    await control(emulatorUrl, 'POST', '/wechat/apps', { appid, secret: `s-${appid}`, type: 'service', entity: 'company', verified: true });
    accounts.push({ id: randomUUID(), appid, sealed: secrets.seal(JSON.stringify({ appId: appid, appSecret: `s-${appid}` })) });
  }
  // The cover in the media library, stored the way the product stores an upload.
  const { key, sha256 } = await new LocalStorage(path.join(dataDir, 'media')).put(PNG_1x1);
  const coverId = randomUUID();
  const postIds = Array.from({ length: o.posts }, () => randomUUID());
  const titles = postIds.map((_, i) => `bench-${runId}-${i}`);
  const accountOf = (i: number) => i % accounts.length;
  const prepared = o.prePrepared ? await prepareOnEmulator(emulatorUrl, accounts, titles, accountOf, coverId) : null;

  await client.query('begin');
  const u = await client.query(`insert into users (email, name, password_hash) values ($1, 'bench', 'not-a-login') returning id`, [
    `bench-${runId}@example.com`,
  ]);
  const userId = u.rows[0].id as string;
  const w = await client.query(`insert into workspaces (name) values ($1) returning id`, [`bench ${runId}`]);
  const workspaceId = w.rows[0].id as string;
  await client.query(`insert into memberships (workspace_id, user_id, role) values ($1, $2, 'owner')`, [workspaceId, userId]);
  await client.query(
    `insert into platform_accounts (id, workspace_id, platform, name, app_id, account_type, verification, credentials_sealed, credentials_updated_at)
     select id, $1, 'wechat_oa', '号 ' || n, app_id, 'service', 'verified', sealed, now()
     from unnest($2::uuid[], $3::text[], $4::text[]) with ordinality as t(id, app_id, sealed, n)`,
    [workspaceId, accounts.map((a) => a.id), accounts.map((a) => a.appid), accounts.map((a) => a.sealed)],
  );
  await client.query(
    `insert into media (id, workspace_id, filename, content_type, size, sha256, storage_key, uploaded_by) values ($1, $2, 'cover.png', 'image/png', $3, $4, $5, $6)`,
    [coverId, workspaceId, PNG_1x1.length, sha256, key, userId],
  );

  const CHUNK = 2000;
  for (let i = 0; i < o.posts; i += CHUNK) {
    const idx = Array.from({ length: Math.min(CHUNK, o.posts - i) }, (_, k) => i + k);
    const ids = idx.map((k) => postIds[k]);
    const acc = idx.map((k) => accounts[accountOf(k)].id);
    await client.query(
      `insert into posts (id, workspace_id, title, body_html, cover_media_id, status, scheduled_at, owner_id, created_by)
       select id, $1, title, '<p>' || title || '</p>', $2, 'approved', $3, $4, $4 from unnest($5::uuid[], $6::text[]) as t(id, title)`,
      [workspaceId, coverId, dueAt, userId, ids, idx.map((k) => titles[k])],
    );
    await client.query(`insert into post_variants (workspace_id, post_id, account_id) select $1, p, a from unnest($2::uuid[], $3::uuid[]) as t(p, a)`, [
      workspaceId,
      ids,
      acc,
    ]);
    await client.query(
      `insert into publications (workspace_id, post_id, account_id, due_at, cover_remote_id, draft_remote_id, prepared_version)
       select $1, p, a, $4, c, d, case when d is null then null else 1 end from unnest($2::uuid[], $3::uuid[], $5::text[], $6::text[]) as t(p, a, c, d)`,
      [workspaceId, ids, acc, dueAt, idx.map((k) => prepared?.covers[accountOf(k)] ?? null), idx.map((k) => prepared?.drafts[k] ?? null)],
    );
  }
  await client.query('commit');
  return { workspaceId, titles, accounts: accounts.map(({ id, appid }) => ({ id, appid })) };
}

/**
 * --pre-prepared: what the prepare-ahead step leaves behind (a cover per account, a draft per
 * publication), made by the bench through the same WeChat API calls.
 */
async function prepareOnEmulator(base: string, accounts: { appid: string }[], titles: string[], accountOf: (i: number) => number, coverId: string) {
  const call = async (p: string, init: RequestInit) => {
    const r = (await (await fetch(`${base}${p}`, { method: 'POST', ...init })).json()) as Record<string, string>;
    if (r.errcode && Number(r.errcode) !== 0) throw new Error(`emulator ${p}: ${JSON.stringify(r)}`);
    return r;
  };
  const json = (body: unknown): RequestInit => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const tokens: string[] = [];
  const covers: string[] = [];
  for (const a of accounts) {
    const t = await call('/cgi-bin/stable_token', json({ grant_type: 'client_credential', appid: a.appid, secret: `s-${a.appid}`, force_refresh: false }));
    tokens.push(t.access_token);
    const form = new FormData();
    form.append('media', new Blob([PNG_1x1], { type: 'image/png' }), 'cover.png');
    const up = await call(`/cgi-bin/material/add_material?type=image&access_token=${t.access_token}`, { body: form });
    covers.push(`${coverId}:${up.media_id}`);
  }
  const drafts: string[] = new Array(titles.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < titles.length) {
        const i = next++;
        const a = accountOf(i);
        const thumb = covers[a].slice(covers[a].indexOf(':') + 1);
        const d = await call(
          `/cgi-bin/draft/add?access_token=${tokens[a]}`,
          json({ articles: [{ title: titles[i], content: `<p>${titles[i]}</p>`, thumb_media_id: thumb, need_open_comment: 1 }] }),
        );
        drafts[i] = d.media_id;
      }
    }),
  );
  return { covers, drafts };
}

// ---------------------------------------------------------------- the run

interface Sample {
  at: number;
  states: Record<string, number>;
  prepared: number;
  cpu: CpuSnap;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const quote = (a: string) => (/^[\w./=:,@+-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  const command = `npx tsx bench/publish.ts ${process.argv.slice(2).map(quote).join(' ')}`.trim();
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const log = (m: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 23)}] ${m}\n`);

  const machine = {
    nproc: sh('nproc'),
    cpu: sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").trim(),
    free: sh('free -h'),
    node: process.version,
    loadBefore: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
    topBefore: sh('ps -eo pcpu,etime,args --sort=-pcpu | head -8 | cut -c1-160'),
    commit: sh(`git -C "${ROOT}" rev-parse --short HEAD`) || '(not a git checkout)',
    dirty: sh(`git -C "${ROOT}" status --porcelain -- server emulator contract package.json`)
      .split('\n')
      .filter(Boolean)
      .map((l) => l.trim()),
  };

  tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'meiyun-bench-'));
  // As root, PostgreSQL runs as the `postgres` user: it must be able to pass through.
  chmodSync(tmpRoot, 0o711);
  const dataDir = path.join(tmpRoot, 'data');
  mkdirSync(dataDir, { recursive: true });
  pgDataDir = path.join(tmpRoot, 'pg');

  log(`temp dir ${tmpRoot}; starting embedded PostgreSQL${o.unsafeFast ? ' (UNSAFE: fsync=off)' : ''}`);
  const pgOpts = { dir: tmpRoot, unsafeFast: o.unsafeFast };
  embedded = await startEmbeddedPostgres(pgOpts);
  if (o.pgStatStatements) {
    // The module must be preloaded: set it, then restart the server on the same cluster.
    const c = new pg.Client({ connectionString: embedded.url() });
    await c.connect();
    await c.query(`alter system set shared_preload_libraries = 'pg_stat_statements'`);
    await c.end();
    await embedded.stop();
    embedded = await startEmbeddedPostgres(pgOpts);
  }
  const url = embedded.url('meiyun');
  await ensureDatabase(url);
  await runMigrations(url);
  const db = new pg.Client({ connectionString: url, application_name: 'bench' });
  // PostgreSQL going away during cleanup must not crash the bench before it has cleaned up.
  db.on('error', () => {});
  await db.connect();
  if (o.pgStatStatements) await db.query('create extension if not exists pg_stat_statements');
  const pgSettings = Object.fromEntries(
    (
      await db.query(
        `select name, setting, unit from pg_settings where name in ('fsync','synchronous_commit','full_page_writes','shared_buffers','max_connections','wal_buffers','max_wal_size','checkpoint_timeout')`,
      )
    ).rows.map((r) => [r.name, `${r.setting}${r.unit ? ` ${r.unit}` : ''}`]),
  );
  const pgVersion = (await db.query('show server_version')).rows[0].server_version as string;

  const emuPort = await freePort();
  log(`starting emulator on port ${emuPort} (publish delay ${o.publishDelayMs} ms)`);
  const emulator = await startChild(
    'emulator',
    ['--import', 'tsx', 'emulator/src/main.ts', '--port', String(emuPort), '--publish-delay-ms', String(o.publishDelayMs)],
    { ...process.env },
    path.join(tmpRoot, 'emulator.log'),
    'listening on',
  );
  const emulatorUrl = `http://127.0.0.1:${emuPort}`;

  const secretKey = randomBytes(32).toString('hex');
  const workerEnv: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('MEIYUN_') && !['DATABASE_URL', 'LOG_LEVEL', 'HOST', 'PORT'].includes(k)),
  );
  Object.assign(workerEnv, {
    DATABASE_URL: url,
    MEIYUN_DATA_DIR: dataDir,
    MEIYUN_SECRET_KEY: secretKey,
    MEIYUN_WECHAT_API_BASE: emulatorUrl,
    LOG_LEVEL: 'warn',
    ...o.env,
  });
  log(
    `starting worker${Object.keys(o.env).length ? ` with ${JSON.stringify(o.env)}` : ' (product defaults)'}${o.workerNodeArgs.length ? ` node ${o.workerNodeArgs.join(' ')}` : ''}`,
  );
  const worker = await startChild(
    'worker',
    [...o.workerNodeArgs, '--import', 'tsx', 'server/src/main.ts', 'worker'],
    workerEnv,
    path.join(tmpRoot, 'worker.log'),
    'worker running',
  );

  const snap = () => cpuSnap(worker.proc.pid, emulator.proc.pid);

  // Seed: T is fixed first, so seeding time eats into the lead, as a late schedule would.
  const T = new Date(Math.ceil((Date.now() + o.leadSeconds * 1000) / 1000) * 1000);
  const seedStart = Date.now();
  const seeded = await seed(db, emulatorUrl, new SecretBox(Buffer.from(secretKey, 'hex')), dataDir, o, T, runId);
  const seedEnd = Date.now();
  log(
    `seeded ${o.posts} posts over ${o.accounts} accounts in ${sec(seedEnd - seedStart).toFixed(1)} s; T = ${T.toISOString()} (in ${sec(T.getTime() - seedEnd).toFixed(1)} s)`,
  );

  const samples: Sample[] = [];
  // CPU is read every sample (from /proc, free); the state counts, a query, at most once a
  // second after T and every 2 s before it, so the bench adds little load to PostgreSQL.
  let lastStates: { at: number; states: Record<string, number>; prepared: number } = { at: 0, states: {}, prepared: 0 };
  const takeSample = async (force = false) => {
    const every = Date.now() < T.getTime() ? 2000 : 1000;
    if (force || Date.now() - lastStates.at >= every) {
      const r = await db.query(
        `select state, count(*)::int as n, count(*) filter (where prepared_version is not null)::int as prepared from publications where workspace_id = $1 group by state`,
        [seeded.workspaceId],
      );
      const states: Record<string, number> = {};
      let prepared = 0;
      for (const row of r.rows) {
        states[row.state] = row.n;
        prepared += row.prepared;
      }
      lastStates = { at: Date.now(), states, prepared };
    }
    const s = { at: Date.now(), states: lastStates.states, prepared: lastStates.prepared, cpu: snap() };
    samples.push(s);
    return s;
  };
  const seedSample = await takeSample(true);

  // Until T: sample, and take one exactly at T.
  let atT: Sample | null = null;
  let lastPrint = 0;
  while (Date.now() < T.getTime()) {
    const left = T.getTime() - Date.now();
    await sleep(Math.min(o.sampleMs, left));
    const s = await takeSample(Date.now() >= T.getTime());
    if (s.at >= T.getTime() && !atT) atT = s;
    if (s.at - lastPrint > 10_000) {
      lastPrint = s.at;
      log(`T${sec(s.at - T.getTime()).toFixed(0)} s: prepared ${s.prepared}/${o.posts}, states ${JSON.stringify(s.states)}`);
    }
  }
  atT ??= await takeSample(true);
  if (o.pgStatStatements) await db.query('select pg_stat_statements_reset()');
  log(`at T: prepared ${atT.prepared}/${o.posts}`);
  let topStatements: { calls: number; total_ms: number; mean_ms: number; rows: number; query: string }[] = [];
  let statementTotals: { calls: number; total_ms: number } | null = null;

  // Until every publication is final (or the timeout).
  const deadline = T.getTime() + o.timeoutSeconds * 1000;
  let allSubmittedSeenAt: number | null = null;
  let last = atT;
  for (;;) {
    await sleep(o.sampleMs);
    last = await takeSample();
    const final = Object.entries(last.states).reduce((a, [k, n]) => a + (TERMINAL.has(k) ? n : 0), 0);
    const submittedOrLater = (last.states.submitted ?? 0) + (last.states.published ?? 0);
    if (allSubmittedSeenAt === null && submittedOrLater >= o.posts) {
      allSubmittedSeenAt = last.at;
      if (o.pgStatStatements) {
        const r = await db.query(
          `select calls::int, round(total_exec_time::numeric, 1)::float as total_ms, round(mean_exec_time::numeric, 3)::float as mean_ms, rows::int,
                  left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query
           from pg_stat_statements order by total_exec_time desc limit 20`,
        );
        topStatements = r.rows;
        statementTotals = (
          await db.query(`select sum(calls)::int as calls, round(sum(total_exec_time)::numeric, 1)::float as total_ms from pg_stat_statements`)
        ).rows[0];
      }
    }
    if (last.at - lastPrint > 5_000) {
      lastPrint = last.at;
      log(`T+${sec(last.at - T.getTime()).toFixed(0)} s: ${JSON.stringify(last.states)}`);
    }
    if (final >= o.posts) break;
    if (last.at > deadline) {
      log(`timed out ${o.timeoutSeconds} s after T with ${final}/${o.posts} final`);
      break;
    }
  }
  const endSample = last;

  // ---------------------------------------------------------------- collect
  const pubs = (
    await db.query(
      `select p.id, po.title, p.state, p.attempt_count, p.dispatch_seq,
              extract(epoch from p.submitted_at) * 1000 as submitted_ms,
              extract(epoch from p.submit_started_at) * 1000 as submit_started_ms,
              extract(epoch from p.published_at) * 1000 as published_ms
       from publications p join posts po on po.id = p.post_id where p.workspace_id = $1`,
      [seeded.workspaceId],
    )
  ).rows as {
    id: string;
    title: string;
    state: string;
    attempt_count: number;
    dispatch_seq: number;
    submitted_ms: number | null;
    submit_started_ms: number | null;
    published_ms: number | null;
  }[];
  const jobs = (
    await db.query(
      `select name, state, retry_count, data->>'publicationId' as pub,
              extract(epoch from created_on) * 1000 as created_ms,
              extract(epoch from started_on) * 1000 as started_ms,
              extract(epoch from completed_on) * 1000 as completed_ms
       from pgboss.job where name in ('publish', 'prepare', 'publish-poll')`,
    )
  ).rows as { name: string; state: string; retry_count: number; pub: string; created_ms: number; started_ms: number | null; completed_ms: number | null }[];
  const attempts = (
    await db.query(
      `select step, outcome, count(*)::int as n,
              count(*) filter (where at < $2)::int as before_t,
              percentile_disc(0.5) within group (order by duration_ms) as p50_ms,
              percentile_disc(0.99) within group (order by duration_ms) as p99_ms
       from publish_attempts where workspace_id = $1 group by step, outcome order by step, outcome`,
      [seeded.workspaceId, T],
    )
  ).rows as { step: string; outcome: string; n: number; before_t: number; p50_ms: number; p99_ms: number }[];
  const emuRows = (await control(emulatorUrl, 'GET', '/wechat/published')) as { title: string; submitted_at: string; status: number }[];
  const emuCalls = (await control(emulatorUrl, 'GET', '/wechat/calls?limit=1')) as { total: number; counts: Record<string, number> };
  const workerLog = readFileSync(worker.log, 'utf8');
  const workerLogLevels: Record<string, number> = {};
  for (const line of workerLog.split('\n')) {
    const m = /"level":(\d+)/.exec(line);
    if (m) workerLogLevels[m[1]] = (workerLogLevels[m[1]] ?? 0) + 1;
  }
  const workerErrors = workerLog
    .split('\n')
    .filter((l) => /"level":(50|60)/.test(l))
    .slice(0, 3);

  // ---------------------------------------------------------------- compute
  const t0 = T.getTime();
  const states: Record<string, number> = {};
  for (const p of pubs) states[p.state] = (states[p.state] ?? 0) + 1;
  const submitted = pubs.filter((p) => p.submitted_ms !== null);
  const submittedTimes = submitted.map((p) => p.submitted_ms as number);
  const lateness = dist(submittedTimes.map((t) => sec(t - t0)));
  const firstSubmit = Math.min(...submittedTimes);
  const lastSubmit = Math.max(...submittedTimes);
  const publishedTimes = pubs.filter((p) => p.published_ms !== null).map((p) => p.published_ms as number);
  const lastPublished = publishedTimes.length ? Math.max(...publishedTimes) : Number.NaN;

  const expected = new Set(seeded.titles);
  const seen = new Map<string, { title: string; submitted_at: string }[]>();
  for (const r of emuRows) {
    if (!expected.has(r.title)) continue;
    const l = seen.get(r.title) ?? [];
    l.push(r);
    seen.set(r.title, l);
  }
  const duplicates = [...seen.values()].filter((l) => l.length > 1).length;
  const missing = seeded.titles.filter((t) => !seen.has(t)).length;
  const emuLateness = dist([...seen.values()].map((l) => sec(Date.parse(l[0].submitted_at) - t0)));

  const byPub = new Map(pubs.map((p) => [p.id, p]));
  const publishJobs = jobs.filter((j) => j.name === 'publish');
  const claim = dist(publishJobs.map((j) => sec(j.created_ms - t0)));
  const queueWait = dist(publishJobs.filter((j) => j.started_ms !== null).map((j) => sec((j.started_ms as number) - j.created_ms)));
  const toFence = dist(
    publishJobs.flatMap((j) => {
      const fencedAt = byPub.get(j.pub)?.submit_started_ms;
      return j.started_ms !== null && fencedAt != null ? [sec(fencedAt - j.started_ms)] : [];
    }),
  );
  const submitCall = dist(submitted.filter((p) => p.submit_started_ms !== null).map((p) => sec((p.submitted_ms as number) - (p.submit_started_ms as number))));
  const prepareJobs = jobs.filter((j) => j.name === 'prepare');
  const pollJobs = jobs.filter((j) => j.name === 'publish-poll');
  const preparedBeforeT = atT.prepared;
  const inlinePrepares = attempts.filter((a) => a.step === 'prepare' && a.outcome === 'ok').reduce((n, a) => n + (a.n - a.before_t), 0);

  const cpuAt = (t: number): Sample => samples.find((s) => s.at >= t) ?? samples[samples.length - 1];
  const cpuWindow = (from: CpuSnap, to: CpuSnap) => {
    const wall = sec(to.at - from.at);
    const d = (k: keyof CpuSnap) => to[k] - from[k];
    const busy = d('machineBusy');
    const ours = d('worker') + d('emulator') + d('postgres') + d('bench');
    return {
      wall,
      worker: d('worker'),
      emulator: d('emulator'),
      postgres: d('postgres'),
      bench: d('bench'),
      other: Math.max(0, busy - ours),
      machineBusyPct: (100 * busy) / Math.max(1e-9, d('machineTotal')),
    };
  };
  const prepWindow = cpuWindow(seedSample.cpu, atT.cpu);
  const burstWindow = cpuWindow(atT.cpu, cpuAt(Number.isFinite(lastSubmit) ? lastSubmit : endSample.at).cpu);
  const pollWindow = cpuWindow(cpuAt(Number.isFinite(lastSubmit) ? lastSubmit : endSample.at).cpu, endSample.cpu);

  // Per-second timeline after T: cumulative claims (publish jobs created), starts, fences, submits.
  const count = (arr: number[], t: number) => {
    let n = 0;
    for (const x of arr) if (x <= t) n++;
    return n;
  };
  const created = publishJobs.map((j) => j.created_ms);
  const started = publishJobs.filter((j) => j.started_ms !== null).map((j) => j.started_ms as number);
  const fenced = pubs.filter((p) => p.submit_started_ms !== null).map((p) => p.submit_started_ms as number);
  const timelineEnd = Number.isFinite(lastSubmit) ? lastSubmit : endSample.at;
  const span = Math.max(1, Math.ceil(sec(timelineEnd - t0)));
  const step = span <= 30 ? 1 : span <= 120 ? 5 : 10;
  const timeline: {
    t: number;
    claimed: number;
    started: number;
    fenced: number;
    submitted: number;
    workerCpuPct: number;
    pgCpuPct: number;
    emuCpuPct: number;
  }[] = [];
  for (let s = 0; s <= span + step - 1; s += step) {
    const at = t0 + s * 1000;
    const a = cpuAt(at - step * 1000).cpu;
    const b = cpuAt(at).cpu;
    const w = Math.max(1e-9, sec(b.at - a.at));
    timeline.push({
      t: s,
      claimed: count(created, at),
      started: count(started, at),
      fenced: count(fenced, at),
      submitted: count(submittedTimes, at),
      workerCpuPct: (100 * (b.worker - a.worker)) / w,
      pgCpuPct: (100 * (b.postgres - a.postgres)) / w,
      emuCpuPct: (100 * (b.emulator - a.emulator)) / w,
    });
  }

  // ---------------------------------------------------------------- report
  const ok = submitted.length === o.posts && duplicates === 0 && missing === 0 && lateness.p99 <= 5;
  const rows: [string, string][] = [
    ['posts / accounts', `${o.posts} / ${o.accounts}`],
    ['code', `${machine.commit}${machine.dirty.length ? ` + uncommitted: ${machine.dirty.join(', ')}` : ''}`],
    ...(o.prePrepared ? ([['mode', 'PRE-PREPARED by the bench (diagnostic): covers and drafts made before T']] as [string, string][]) : []),
    ...(o.unsafeFast ? ([['PostgreSQL', 'UNSAFE fsync=off, synchronous_commit=off (not the product settings)']] as [string, string][]) : []),
    ['lead (seed end → T)', `${f1(sec(t0 - seedEnd))} s (seeding took ${f1(sec(seedEnd - seedStart))} s)`],
    ['prepared before T', `${preparedBeforeT} / ${o.posts}`],
    ['prepared inside the publish job (after T)', String(inlinePrepares)],
    ['submitted', `${submitted.length} / ${o.posts}`],
    ['lateness p50 / p90 / p99 / max (DB submitted_at − T)', `${f2(lateness.p50)} / ${f2(lateness.p90)} / ${f2(lateness.p99)} / ${f2(lateness.max)} s`],
    ['lateness p50 / p99 / max (emulator submitted_at − T)', `${f2(emuLateness.p50)} / ${f2(emuLateness.p99)} / ${f2(emuLateness.max)} s`],
    ['first / last submit after T', `${f2(sec(firstSubmit - t0))} / ${f2(sec(lastSubmit - t0))} s`],
    ['throughput N / (last − first submit)', `${f1(o.posts / Math.max(1e-9, sec(lastSubmit - firstSubmit)))} /s`],
    ['throughput N / (last submit − T)', `${f1(o.posts / Math.max(1e-9, sec(lastSubmit - t0)))} /s`],
    ['all published after T', `${f2(sec(lastPublished - t0))} s (${publishedTimes.length} published)`],
    ['final states', JSON.stringify(states)],
    ['duplicates / missing at the emulator', `${duplicates} / ${missing}`],
    ['claim: publish job created − T, p50 / p99 / max', `${f2(claim.p50)} / ${f2(claim.p99)} / ${f2(claim.max)} s`],
    ['queue wait: job started − created, p50 / p99 / max', `${f2(queueWait.p50)} / ${f2(queueWait.p99)} / ${f2(queueWait.max)} s`],
    ['job start → submit fence, p50 / p99', `${f2(toFence.p50)} / ${f2(toFence.p99)} s`],
    ['fence → submitted (HTTP submit + commit), p50 / p99', `${f2(submitCall.p50)} / ${f2(submitCall.p99)} s`],
    ['jobs: publish / prepare / poll', `${publishJobs.length} / ${prepareJobs.length} / ${pollJobs.length}`],
    [
      `CPU s before T (${f1(prepWindow.wall)} s): worker / emulator / postgres / bench / other`,
      `${f1(prepWindow.worker)} / ${f1(prepWindow.emulator)} / ${f1(prepWindow.postgres)} / ${f1(prepWindow.bench)} / ${f1(prepWindow.other)} (machine ${f1(prepWindow.machineBusyPct)} % busy)`,
    ],
    [
      `CPU s T → last submit (${f1(burstWindow.wall)} s): worker / emulator / postgres / bench / other`,
      `${f1(burstWindow.worker)} / ${f1(burstWindow.emulator)} / ${f1(burstWindow.postgres)} / ${f1(burstWindow.bench)} / ${f1(burstWindow.other)} (machine ${f1(burstWindow.machineBusyPct)} % busy)`,
    ],
    [
      `CPU s last submit → all final (${f1(pollWindow.wall)} s): worker / emulator / postgres / bench / other`,
      `${f1(pollWindow.worker)} / ${f1(pollWindow.emulator)} / ${f1(pollWindow.postgres)} / ${f1(pollWindow.bench)} / ${f1(pollWindow.other)} (machine ${f1(pollWindow.machineBusyPct)} % busy)`,
    ],
    ['emulator calls', JSON.stringify(emuCalls.counts)],
    ['worker log lines by level (40 warn, 50 error)', JSON.stringify(workerLogLevels)],
    [`target: all submitted, p99 ≤ 5 s, 0 dup, 0 missing${o.posts === 10_000 ? '' : ' (set for 10,000 posts)'}`, ok ? 'MET' : 'NOT MET'],
  ];
  const table = ['| metric | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`)].join('\n');
  const attemptsTable = [
    '| step | outcome | count | before T | p50 ms | p99 ms |',
    '|---|---|---|---|---|---|',
    ...attempts.map((a) => `| ${a.step} | ${a.outcome} | ${a.n} | ${a.before_t} | ${a.p50_ms} | ${a.p99_ms} |`),
  ].join('\n');
  const timelineTable = [
    '| T+s | claimed | job started | fenced | submitted | worker CPU % | postgres CPU % | emulator CPU % |',
    '|---|---|---|---|---|---|---|---|',
    ...timeline.map(
      (r) =>
        `| ${r.t} | ${r.claimed} | ${r.started} | ${r.fenced} | ${r.submitted} | ${r.workerCpuPct.toFixed(0)} | ${r.pgCpuPct.toFixed(0)} | ${r.emuCpuPct.toFixed(0)} |`,
    ),
  ].join('\n');
  const statementsTable = topStatements.length
    ? [
        `pg_stat_statements from T until all were submitted: ${statementTotals?.calls} calls, ${statementTotals?.total_ms} ms executing in all. Top 20 by time:`,
        '',
        '| calls | total ms | mean ms | rows | statement |',
        '|---|---|---|---|---|',
        ...topStatements.map((r) => `| ${r.calls} | ${r.total_ms} | ${r.mean_ms} | ${r.rows} | \`${r.query.replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`),
      ].join('\n')
    : '';
  const settings = {
    worker: { ...productDefaults(), LOG_LEVEL: 'warn', ...o.env },
    emulator: { publishDelayMs: o.publishDelayMs },
    postgres: { version: pgVersion, ...pgSettings },
  };

  process.stdout.write(
    `\n${table}\n\nAttempts (publish_attempts):\n\n${attemptsTable}\n\nTimeline (cumulative counts at T + s; CPU % of one core over the step):\n\n${timelineTable}\n`,
  );
  if (statementsTable) process.stdout.write(`\n${statementsTable}\n`);
  if (workerErrors.length) process.stdout.write(`\nfirst worker errors:\n${workerErrors.join('\n')}\n`);

  if (o.json) {
    writeFileSync(
      o.json,
      JSON.stringify(
        {
          options: o,
          command,
          machine,
          settings,
          T: T.toISOString(),
          seedStart,
          seedEnd,
          rows,
          attempts,
          timeline,
          topStatements,
          statementTotals,
          samples,
          pubs,
          jobs,
          emuRows: emuRows.length,
        },
        null,
        1,
      ),
    );
    log(`raw results written to ${o.json}`);
  }

  if (o.record) {
    const when = new Date().toISOString().replace('T', ' ').slice(0, 16);
    const entry = [
      '',
      `### ${when} UTC — ${o.posts.toLocaleString('en')} posts, ${o.accounts} accounts${o.unsafeFast ? ' — UNSAFE fsync=off' : ''}`,
      '',
      '```',
      command,
      '```',
      '',
      ...(o.note ? [`Note: ${o.note}`, ''] : []),
      `Code: commit ${machine.commit}${machine.dirty.length ? `, with uncommitted changes: ${machine.dirty.join(', ')}` : ', no uncommitted changes under server/, emulator/, contract/'}.`,
      '',
      `Machine: ${machine.nproc} cores (${machine.cpu}), Node ${machine.node}, PostgreSQL ${pgVersion} (embedded). Load average before: ${machine.loadBefore}.`,
      '',
      '<details><summary>free -h, top processes before the run</summary>',
      '',
      '```',
      machine.free,
      '',
      machine.topBefore,
      '```',
      '</details>',
      '',
      `Settings: worker ${JSON.stringify(settings.worker)}; emulator publish delay ${o.publishDelayMs} ms; PostgreSQL ${JSON.stringify(pgSettings)}.`,
      '',
      table,
      '',
      attemptsTable,
      '',
      '<details><summary>Timeline after T</summary>',
      '',
      timelineTable,
      '',
      '</details>',
      '',
      ...(statementsTable ? ['<details><summary>pg_stat_statements</summary>', '', statementsTable, '', '</details>', ''] : []),
    ].join('\n');
    const END = '<!-- publish:results:end -->';
    const text = existsSync(README) ? readFileSync(README, 'utf8') : '';
    if (text.includes(END))
      writeFileSync(
        README,
        text.replace(END, () => `${entry.replace(/^\n/, '')}\n${END}`),
      );
    else appendFileSync(README, entry);
    log(`recorded in ${path.relative(ROOT, README)}`);
  }

  await db.end();
  return ok;
}

let aborting = false;
process.on('exit', exitFallback);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    if (aborting) return;
    aborting = true;
    process.stderr.write(`\n${sig}: stopping the worker, the emulator and PostgreSQL…\n`);
    cleanup().finally(() => process.exit(130));
  });
}

main()
  .then(async (ok) => {
    await cleanup();
    process.exit(ok ? 0 : 1);
  })
  .catch(async (e) => {
    // After a signal the run breaks off as its processes go away: that is not a failure to report.
    if (aborting) return;
    process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    for (const c of children) {
      try {
        const tail = readFileSync(c.log, 'utf8').split('\n').slice(-15).join('\n');
        process.stderr.write(`--- ${c.name} log tail ---\n${tail}\n`);
      } catch {}
    }
    await cleanup();
    process.exit(3);
  });

/** The publishing settings the worker runs with when nothing overrides them (read from the config schema). */
function productDefaults(): Record<string, string> {
  const c = loadConfig({});
  const keys = [
    'MEIYUN_PUBLISH_CONCURRENCY',
    'MEIYUN_ARM_AHEAD_SECONDS',
    'MEIYUN_DISPATCH_INTERVAL_MS',
    'MEIYUN_PREPARE_AHEAD_MINUTES',
    'MEIYUN_JOB_EXPIRE_SECONDS',
    'MEIYUN_JOB_MAINTENANCE_SECONDS',
    'MEIYUN_PLATFORM_TIMEOUT_MS',
  ] as const;
  return Object.fromEntries(keys.map((k) => [k, String(c[k])]));
}
