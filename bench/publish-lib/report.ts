// The compute and report phases of bench/publish.ts: from what a run collected to the printed
// tables, the --json file and the --record entry in bench/README.md.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../server/src/config';
import type { Options } from './options';
import { type CpuSnap, ROOT } from './procs';
import type { Seeded } from './seed';
import { dist, f1, f2, sec } from './util';

const README = path.join(ROOT, 'bench', 'README.md');

export type Sample = { at: number; states: Record<string, number>; prepared: number; cpu: CpuSnap };

export interface Machine {
  nproc: string;
  cpu: string;
  free: string;
  node: string;
  loadBefore: string;
  topBefore: string;
  commit: string;
  dirty: string[];
}

export interface Pub {
  id: string;
  title: string;
  state: string;
  attempt_count: number;
  dispatch_seq: number;
  submitted_ms: number | null;
  submit_started_ms: number | null;
  published_ms: number | null;
  platform: string;
}

export type Job = { name: string; state: string; retry_count: number; pub: string; created_ms: number; started_ms: number | null; completed_ms: number | null };

export type AttemptStat = { step: string; outcome: string; n: number; before_t: number; p50_ms: number; p99_ms: number };

export type Statement = { calls: number; total_ms: number; mean_ms: number; rows: number; query: string };

/** Everything a run set up, sampled and read back at the end. */
export interface RunData {
  o: Options;
  command: string;
  machine: Machine;
  T: Date;
  seedStart: number;
  seedEnd: number;
  seeded: Seeded;
  samples: Sample[];
  seedSample: Sample;
  atT: Sample;
  endSample: Sample;
  pubs: Pub[];
  jobs: Job[];
  attempts: AttemptStat[];
  emuRows: { title: string; submitted_at: string | null; platform?: string }[];
  emuCalls: { total: number; counts: Record<string, number> };
  workerLogLevels: Record<string, number>;
  workerErrors: string[];
  pgVersion: string;
  pgSettings: Record<string, string>;
  topStatements: Statement[];
  statementTotals: { calls: number; total_ms: number } | null;
}

export type Metrics = ReturnType<typeof compute>;

/** Lateness, throughput, exactly-once, the queue's timings, CPU per window and the timeline. */
export function compute(d: RunData) {
  const { T, pubs, seeded, emuRows, jobs, attempts, atT, samples, seedSample, endSample } = d;
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
  const seen = new Map<string, { title: string; submitted_at: string | null }[]>();
  for (const r of emuRows) {
    if (!expected.has(r.title)) continue;
    const l = seen.get(r.title) ?? [];
    l.push(r);
    seen.set(r.title, l);
  }
  const duplicates = [...seen.values()].filter((l) => l.length > 1).length;
  const missing = seeded.titles.filter((t) => !seen.has(t)).length;
  // Only the WeChat part records when it accepted a submit.
  const emuLateness = dist([...seen.values()].flatMap((l) => (l[0].submitted_at ? [sec(Date.parse(l[0].submitted_at) - t0)] : [])));
  const perPlatform = [...new Set(pubs.map((p) => p.platform))].sort().map((platform) => {
    const mine = pubs.filter((p) => p.platform === platform);
    const times = mine.flatMap((p) => (p.submitted_ms === null ? [] : [sec(p.submitted_ms - t0)]));
    return { platform, posts: mine.length, submitted: times.length, lateness: dist(times) };
  });

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

  return {
    t0,
    perPlatform,
    states,
    submitted,
    submittedTimes,
    lateness,
    firstSubmit,
    lastSubmit,
    publishedTimes,
    lastPublished,
    duplicates,
    missing,
    emuLateness,
    publishJobs,
    claim,
    queueWait,
    toFence,
    submitCall,
    prepareJobs,
    pollJobs,
    preparedBeforeT,
    inlinePrepares,
    prepWindow,
    burstWindow,
    pollWindow,
    timeline,
  };
}

/** Prints the report; writes the --json file and the --record entry. True when the target was met. */
export function report(d: RunData, m: Metrics, log: (line: string) => void): boolean {
  const { o, command, machine, T, seedStart, seedEnd, samples, pubs, jobs, attempts, emuRows, emuCalls, workerLogLevels, workerErrors } = d;
  const { pgVersion, pgSettings, topStatements, statementTotals } = d;
  const { t0, states, submitted, lateness, firstSubmit, lastSubmit, publishedTimes, lastPublished, duplicates, missing, emuLateness } = m;
  const { publishJobs, claim, queueWait, toFence, submitCall, prepareJobs, pollJobs, preparedBeforeT, inlinePrepares, prepWindow, burstWindow, pollWindow } = m;
  const { timeline, perPlatform } = m;
  const ok = submitted.length === o.posts && duplicates === 0 && missing === 0 && lateness.p99 <= 5;
  const rows: [string, string][] = [
    ['posts / accounts', `${o.posts} / ${o.accounts}${o.platforms ? ` over ${o.platforms.join(', ')}` : ''}`],
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
    ...(perPlatform.length > 1
      ? perPlatform.map((x): [string, string] => [
          `${x.platform}: submitted, lateness p50 / p99 / max`,
          `${x.submitted} / ${x.posts}, ${f2(x.lateness.p50)} / ${f2(x.lateness.p99)} / ${f2(x.lateness.max)} s`,
        ])
      : []),
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
  return ok;
}

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
