// Publishing benchmark: N approved posts due at one instant T against the emulator (WeChat, or
// with --platforms spread over WeChat, Weibo, Douyin, Bilibili and Kuaishou accounts),
// with the product's processes: the emulator and the worker each in a process of their own,
// the embedded PostgreSQL with its real settings. Measures lateness (submitted_at − T),
// throughput, time to all published, exactly-once at the emulator, and CPU per process.
//
//   npx tsx bench/publish.ts --posts 1000 [--accounts 10] [--platforms] [--lead-seconds 90] [--record]
//
// See bench/README.md for what is measured and the recorded results.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from '../server/src/db/embedded';
import { runMigrations } from '../server/src/db/migrate';
import { ensureDatabase } from '../server/src/db/pool';
import { SecretBox } from '../server/src/lib/crypto';
import { parseArgs } from './publish-lib/options';
import { ROOT, children, cleanup, cpuSnap, exitFallback, run, startChild } from './publish-lib/procs';
import { type AttemptStat, type Job, type Machine, type Pub, type RunData, type Sample, type Statement, compute, report } from './publish-lib/report';
import { type BenchPlatform, platformBases, publishedEverywhere, seedPlatforms } from './publish-lib/platforms';
import { seed } from './publish-lib/seed';
import { control, sec, sh, sleep } from './publish-lib/util';

const TERMINAL = new Set(['published', 'failed', 'needs_attention', 'missed', 'expired', 'canceled', 'paused']);

// ---------------------------------------------------------------- the run

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const quote = (a: string) => (/^[\w./=:,@+-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  const command = `npx tsx bench/publish.ts ${process.argv.slice(2).map(quote).join(' ')}`.trim();
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const log = (m: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 23)}] ${m}\n`);

  const machine: Machine = {
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

  const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'meiyun-bench-'));
  run.tmpRoot = tmpRoot;
  // As root, PostgreSQL runs as the `postgres` user: it must be able to pass through.
  chmodSync(tmpRoot, 0o711);
  const dataDir = path.join(tmpRoot, 'data');
  mkdirSync(dataDir, { recursive: true });
  run.pgDataDir = path.join(tmpRoot, 'pg');

  log(`temp dir ${tmpRoot}; starting embedded PostgreSQL${o.unsafeFast ? ' (UNSAFE: fsync=off)' : ''}`);
  const pgOpts = { dir: tmpRoot, unsafeFast: o.unsafeFast };
  let embedded = await startEmbeddedPostgres(pgOpts);
  run.embedded = embedded;
  // Its postmaster.pid gives PostgreSQL's CPU; the cluster may have been kept outside the temp dir.
  run.pgDataDir = embedded.clusterDir;
  if (o.pgStatStatements) {
    // The module must be preloaded: set it, then restart the server on the same cluster.
    const c = new pg.Client({ connectionString: embedded.url() });
    await c.connect();
    await c.query(`alter system set shared_preload_libraries = 'pg_stat_statements'`);
    await c.end();
    await embedded.stop();
    embedded = await startEmbeddedPostgres(pgOpts);
    run.embedded = embedded;
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

  // One emulator process per platform (as each platform is a host of its own: its own connections,
  // its own CPU); WeChat alone without --platforms.
  const emuPlatforms: BenchPlatform[] = o.platforms ?? ['wechat'];
  const emulators: Awaited<ReturnType<typeof startChild>>[] = [];
  const urls = {} as Record<BenchPlatform, string>;
  for (const p of emuPlatforms) {
    const emuPort = await freePort();
    log(`starting the ${p} emulator on port ${emuPort} (publish delay ${o.publishDelayMs} ms)`);
    emulators.push(
      await startChild(
        `emulator-${p}`,
        [...o.emulatorNodeArgs, '--import', 'tsx', 'emulator/src/main.ts', '--port', String(emuPort), '--publish-delay-ms', String(o.publishDelayMs)],
        { ...process.env },
        path.join(tmpRoot, `emulator-${p}.log`),
        'listening on',
      ),
    );
    urls[p] = `http://127.0.0.1:${emuPort}`;
  }
  const emulatorUrl = urls[emuPlatforms[0]];

  const secretKey = randomBytes(32).toString('hex');
  const workerEnv: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('MEIYUN_') && !['DATABASE_URL', 'LOG_LEVEL', 'HOST', 'PORT'].includes(k)),
  );
  Object.assign(workerEnv, {
    DATABASE_URL: url,
    MEIYUN_DATA_DIR: dataDir,
    MEIYUN_SECRET_KEY: secretKey,
    MEIYUN_WECHAT_API_BASE: urls.wechat ?? emulatorUrl,
    ...platformBases(urls),
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

  const snap = () =>
    cpuSnap(
      worker.proc.pid,
      emulators.map((e) => e.proc.pid),
    );

  // Seed: T is fixed first, so seeding time eats into the lead, as a late schedule would.
  const T = new Date(Math.ceil((Date.now() + o.leadSeconds * 1000) / 1000) * 1000);
  const seedStart = Date.now();
  const secrets = new SecretBox(Buffer.from(secretKey, 'hex'));
  const seeded = o.platforms ? await seedPlatforms(db, urls, secrets, dataDir, o, T, runId) : await seed(db, emulatorUrl, secrets, dataDir, o, T, runId);
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
  let topStatements: Statement[] = [];
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
      `select p.id, po.title, p.state, p.attempt_count, p.dispatch_seq, pa.platform,
              extract(epoch from p.submitted_at) * 1000 as submitted_ms,
              extract(epoch from p.submit_started_at) * 1000 as submit_started_ms,
              extract(epoch from p.published_at) * 1000 as published_ms
       from publications p join posts po on po.id = p.post_id join platform_accounts pa on pa.id = p.account_id where p.workspace_id = $1`,
      [seeded.workspaceId],
    )
  ).rows as Pub[];
  const jobs = (
    await db.query(
      `select name, state, retry_count, data->>'publicationId' as pub,
              extract(epoch from created_on) * 1000 as created_ms,
              extract(epoch from started_on) * 1000 as started_ms,
              extract(epoch from completed_on) * 1000 as completed_ms
       from pgboss.job where name in ('publish', 'prepare', 'publish-poll')`,
    )
  ).rows as Job[];
  const attempts = (
    await db.query(
      `select step, outcome, count(*)::int as n,
              count(*) filter (where at < $2)::int as before_t,
              percentile_disc(0.5) within group (order by duration_ms) as p50_ms,
              percentile_disc(0.99) within group (order by duration_ms) as p99_ms
       from publish_attempts where workspace_id = $1 group by step, outcome order by step, outcome`,
      [seeded.workspaceId, T],
    )
  ).rows as AttemptStat[];
  const emuRows = o.platforms
    ? await publishedEverywhere(urls, o.platforms)
    : ((await control(emulatorUrl, 'GET', '/wechat/published')) as { title: string; submitted_at: string | null }[]);
  const emuCalls = (await control(urls.wechat ?? emulatorUrl, 'GET', '/wechat/calls?limit=1')) as { total: number; counts: Record<string, number> };
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

  // ---------------------------------------------------------------- compute, report
  const data: RunData = {
    o,
    command,
    machine,
    T,
    seedStart,
    seedEnd,
    seeded,
    samples,
    seedSample,
    atT,
    endSample,
    pubs,
    jobs,
    attempts,
    emuRows,
    emuCalls,
    workerLogLevels,
    workerErrors,
    pgVersion,
    pgSettings,
    topStatements,
    statementTotals,
  };
  const ok = report(data, compute(data), log);

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
