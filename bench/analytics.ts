// Analytics benchmark (issue 8): account days and post days loaded into the embedded PostgreSQL
// through the product's own ingestion path (modules/analytics/ingest.ts), then the dashboard
// queries and the monthly report of one workspace timed on that data.
//
//   npx tsx bench/analytics.ts [--accounts 1000] [--per-workspace 100] [--account-days 730]
//                              [--posts 100000] [--post-days 90] [--concurrency 3] [--record]
//
// See bench/README.md ("analytics") for what is measured and the recorded results.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../server/src/db/embedded';
import { runMigrations } from '../server/src/db/migrate';
import { createDb, ensureDatabase } from '../server/src/db/pool';
import { addWritten, ingestAccountDays, ingestPostDays, NOTHING_WRITTEN, type Written } from '../server/src/modules/analytics/ingest';
import { timeDashboards, timeMonthlyReport } from './analytics-lib/queries';
import { accountDays, postDays, seedFixture } from './analytics-lib/seed';
import { ROOT } from './publish-lib/procs';
import { sh } from './publish-lib/util';

interface Options {
  accounts: number;
  perWorkspace: number;
  accountDays: number;
  posts: number;
  postDays: number;
  concurrency: number;
  batch: number;
  runs: number;
  record: boolean;
}

function parse(argv: string[]): Options {
  const o: Options = {
    accounts: 1000,
    perWorkspace: 100,
    accountDays: 730,
    posts: 100_000,
    postDays: 90,
    concurrency: 3,
    batch: 20_000,
    runs: 20,
    record: false,
  };
  const keys: Record<string, keyof Options> = {
    '--accounts': 'accounts',
    '--per-workspace': 'perWorkspace',
    '--account-days': 'accountDays',
    '--posts': 'posts',
    '--post-days': 'postDays',
    '--concurrency': 'concurrency',
    '--batch': 'batch',
    '--runs': 'runs',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--record') o.record = true;
    else if (keys[a]) {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a whole number above 0`);
      (o[keys[a]] as number) = n;
    } else throw new Error(`unknown option ${a} (see the head of bench/analytics.ts)`);
  }
  return o;
}

const log = (m: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 23)}] ${m}\n`);

/** Runs the batches `concurrency` at a time through `write`; answers the rows and the seconds. */
async function ingest<T>(batches: Generator<T[]>, concurrency: number, write: (rows: T[]) => Promise<Written>) {
  let rows = 0;
  let written = NOTHING_WRITTEN;
  const started = performance.now();
  let last = started;
  const lane = async () => {
    for (let b = batches.next(); !b.done; b = batches.next()) {
      const w = await write(b.value);
      rows += b.value.length;
      written = addWritten(written, w);
      if (performance.now() - last > 10_000) {
        last = performance.now();
        log(`  ${rows.toLocaleString('en')} rows, ${Math.round(rows / ((last - started) / 1000)).toLocaleString('en')} rows/s`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { rows, written, seconds: (performance.now() - started) / 1000 };
}

async function main() {
  const o = parse(process.argv.slice(2));
  const command = `npx tsx bench/analytics.ts ${process.argv.slice(2).join(' ')}`.trim();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'meiyun-bench-analytics-'));
  chmodSync(tmp, 0o711);
  const embedded = await startEmbeddedPostgres({ dir: tmp, unsafeFast: false });
  try {
    const url = embedded.url('meiyun');
    await ensureDatabase(url);
    await runMigrations(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const end = Date.UTC(2026, 10, 30);
    const t0 = performance.now();
    const f = await seedFixture(client, { accounts: o.accounts, perWorkspace: o.perWorkspace, posts: o.posts, end, postSpanDays: 365 });
    log(
      `setup: ${f.workspaces.length} workspaces, ${o.accounts} accounts, ${f.pubs.length} published posts in ${((performance.now() - t0) / 1000).toFixed(1)} s (not measured)`,
    );
    const db = createDb(url, o.concurrency + 2);

    log(`ingesting ${(o.accounts * o.accountDays).toLocaleString('en')} account days …`);
    const acc = await ingest(accountDays(f, o.accountDays, end, o.batch), o.concurrency, (rows) => ingestAccountDays(db, rows, 'sync'));
    log(`ingesting ${(f.pubs.length * o.postDays).toLocaleString('en')} post days …`);
    const post = await ingest(postDays(f, o.postDays, o.batch), o.concurrency, (rows) => ingestPostDays(db, rows, 'sync'));
    // A re-sync of the last 30 days of every account: the same figures, nothing rewritten.
    const again = await ingest(accountDays(f, o.accountDays, end, o.batch, 30), o.concurrency, (rows) => ingestAccountDays(db, rows, 'sync'));
    const total = acc.rows + post.rows;
    const seconds = acc.seconds + post.seconds;
    await client.query('vacuum analyze account_metrics, post_metrics, post_metrics_months, publications, posts');
    const ws = f.workspaces[0];
    const first = f.pubs.find((p) => p.workspace === ws.id) as (typeof f.pubs)[number];
    const period = { from: new Date(end - 364 * 86_400_000).toISOString().slice(0, 10), to: new Date(end).toISOString().slice(0, 10) };
    log(`dashboard queries of one workspace (${ws.accounts.length} accounts), ${period.from} – ${period.to}, ${o.runs} runs each …`);
    const target = { id: ws.id, accountId: first.account, postId: first.post };
    const timed = await timeDashboards(db, target, period, o.runs);
    // A year that does not start on a month's first day: the post-level queries then also read
    // the edge months' days (modules/analytics/post-sums.ts).
    const rolling = { from: new Date(end - 369 * 86_400_000).toISOString().slice(0, 10), to: new Date(end - 5 * 86_400_000).toISOString().slice(0, 10) };
    log(`the same, ${rolling.from} – ${rolling.to} …`);
    const timedRolling = await timeDashboards(db, target, rolling, o.runs);
    log('monthly report …');
    const report = await timeMonthlyReport(db, ws, `${period.to.slice(0, 7)}-01`, Math.min(o.runs, 5));
    const sizes = (
      await client.query(
        `select pg_size_pretty(pg_total_relation_size('post_metrics')) as post, pg_size_pretty(pg_total_relation_size('post_metrics_months')) as months, pg_size_pretty(pg_total_relation_size('account_metrics')) as acc`,
      )
    ).rows[0];

    const lines = [
      `Command: \`${command}\` (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; commit ${sh(`git -C "${ROOT}" rev-parse --short HEAD`)}; Node ${process.version}; ${os.cpus().length} cores; load average before ${os.loadavg()[0].toFixed(2)}).`,
      '',
      '| step | rows | seconds | rows/s | written (inserted / replaced / unchanged) |',
      '|---|--:|--:|--:|---|',
      `| account days | ${acc.rows.toLocaleString('en')} | ${acc.seconds.toFixed(1)} | ${Math.round(acc.rows / acc.seconds).toLocaleString('en')} | ${acc.written.inserted} / ${acc.written.replaced} / ${acc.written.unchanged} |`,
      `| post days | ${post.rows.toLocaleString('en')} | ${post.seconds.toFixed(1)} | ${Math.round(post.rows / post.seconds).toLocaleString('en')} | ${post.written.inserted} / ${post.written.replaced} / ${post.written.unchanged} |`,
      `| **all** | ${total.toLocaleString('en')} | ${seconds.toFixed(1)} | **${Math.round(total / seconds).toLocaleString('en')}** | target ≥ 100,000 rows/s: ${total / seconds >= 100_000 ? 'met' : 'NOT MET'} |`,
      `| re-sync, 30 days × ${o.accounts} accounts, same figures | ${again.rows.toLocaleString('en')} | ${again.seconds.toFixed(1)} | ${Math.round(again.rows / again.seconds).toLocaleString('en')} | ${again.written.inserted} / ${again.written.replaced} / ${again.written.unchanged} |`,
      '',
      `Table sizes after: post_metrics ${sizes.post}, post_metrics_months ${sizes.months}, account_metrics ${sizes.acc}.`,
      '',
      `Dashboard queries of one workspace (${ws.accounts.length} accounts, ${f.pubs.filter((p) => p.workspace === ws.id).length} posts), ${period.from} – ${period.to}, after one warm-up, ${o.runs} runs each (ms):`,
      '',
      '| query | p50 | p95 | max |',
      '|---|--:|--:|--:|',
      ...timed.map((q) => `| ${q.name} | ${q.p50.toFixed(1)} | ${q.p95.toFixed(1)} | ${q.max.toFixed(1)} |`),
      ...timedRolling.map((q) => `| ${q.name}, ${rolling.from} – ${rolling.to} | ${q.p50.toFixed(1)} | ${q.p95.toFixed(1)} | ${q.max.toFixed(1)} |`),
      `| **worst p95** | | **${Math.max(...[...timed, ...timedRolling].map((q) => q.p95)).toFixed(1)}** | target ≤ 150 ms: ${[...timed, ...timedRolling].every((q) => q.p95 <= 150) ? 'met' : 'NOT MET'} |`,
      '',
      '| report | p50 (s) | p95 (s) | max (s) | |',
      '|---|--:|--:|--:|---|',
      `| ${report.name}, ${Math.min(o.runs, 5)} runs | ${(report.p50 / 1000).toFixed(2)} | ${(report.p95 / 1000).toFixed(2)} | ${(report.max / 1000).toFixed(2)} | target ≤ 10 s: ${report.p95 <= 10_000 ? 'met' : 'NOT MET'} |`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
    await client.end();
    await db.$client.end();
    if (o.record) log('--record: paste the table above into bench/README.md (analytics)');
  } finally {
    await embedded.stop().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
