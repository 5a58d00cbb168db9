// Publishing benchmark: N approved posts due at one instant T against the WeChat emulator,
// with the product's processes: the emulator and the worker each in a process of their own,
// the embedded PostgreSQL with its real settings. Measures lateness (submitted_at − T),
// throughput, time to all published, exactly-once at the emulator, and CPU per process.
//
//   npx tsx bench/publish.ts --posts 1000 [--accounts 10] [--lead-seconds 90] [--record]
//
// See bench/README.md for what is measured and the recorded results.
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../server/src/config';
import { freePort, startEmbeddedPostgres } from '../server/src/db/embedded';
import { runMigrations } from '../server/src/db/migrate';
import { ensureDatabase } from '../server/src/db/pool';
import { SecretBox } from '../server/src/lib/crypto';
import { parseArgs } from './publish-lib/options';
import { children, cleanup, type CpuSnap, cpuSnap, exitFallback, run, startChild } from './publish-lib/procs';
import { control, dist, f1, f2, sec, sh, sleep } from './publish-lib/util';
import { seed } from './publish-lib/seed';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const README = path.join(ROOT, 'bench', 'README.md');
const TERMINAL = new Set(['published', 'failed', 'needs_attention', 'missed', 'expired', 'canceled', 'paused']);

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
