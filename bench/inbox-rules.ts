// Inbox rules benchmark (issue 9 §4): ingestion through the inbox's own path (ingest.ts) with no
// rules, then with 5 enabled rules (tags, priority, assignee, a risk alert), and the dry run
// (rules.ts `dryRun`, the compiled condition over the last 30 days) on that data.
//
//   npx tsx bench/inbox-rules.ts [--messages 200000] [--accounts 50] [--batch 1000] [--lanes 2] [--runs 10]
//
// The messages are bench/inbox's (real review texts, threaded), their times squeezed from 90 days
// into the last 29, so that every one is inside the dry run's window (from a git worktree in
// /work/wt/<name>, the labelled reviews are read from /work/shared). The first half is ingested
// with no rule, the second half with the 5 rules. See bench/README.md ("inbox rules").
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../server/src/config';
import { startEmbeddedPostgres } from '../server/src/db/embedded';
import type { NewItem } from '../server/src/modules/inbox/ingest';
import { ingestItems } from '../server/src/modules/inbox/ingest';
import { createRule, dryRun } from '../server/src/modules/inbox/rules';
import { startRuntime } from '../server/src/runtime';
import { benchWorkspace, messages, reviewTexts } from './inbox-lib/fixture';
import { ROOT } from './publish-lib/procs';
import { pct, sh } from './publish-lib/util';

function parse(argv: string[]) {
  const o = { messages: 200_000, accounts: 50, batch: 1000, runs: 10, lanes: 2 };
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i].replace(/^--/, '') as keyof typeof o;
    const n = Number(argv[i + 1]);
    if (!(k in o) || !Number.isInteger(n) || n < 2) throw new Error(`bad option ${argv[i]} ${argv[i + 1] ?? ''} (see the head of bench/inbox-rules.ts)`);
    o[k] = n;
  }
  return o;
}

const log = (m: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 23)}] ${m}\n`);

const RULES = [
  { name: '售后', conditions: { keywords: { anyOf: ['退款', '退货'] } }, actions: { addTags: ['售后'], priority: 'high' } },
  { name: '负面投诉', conditions: { sentiment: ['negative'], isComplaint: true }, actions: { assigneeId: 'OWNER' } },
  { name: '微博客服', conditions: { platforms: ['weibo'], kind: 'comment', keywords: { anyOf: ['客服'] } }, actions: { addTags: ['客服'] } },
  { name: '非工作时间提问', conditions: { time: { businessHours: 'outside' }, isQuestion: true }, actions: { addTags: ['非工作时间'] } },
  { name: '质量预警', conditions: { keywords: { anyOf: ['质量'], noneOf: ['不错'] }, sentiment: ['negative'] }, actions: { alert: true } },
] as const;

const DRY_RUNS: [string, Record<string, unknown>][] = [
  ['keyword 退款 or 退货', RULES[0].conditions],
  ['negative complaints', RULES[1].conditions],
  ['weibo comments with 客服', RULES[2].conditions],
  ['outside business hours, questions', RULES[3].conditions],
  ['质量 but not 不错, negative', RULES[4].conditions],
  ['weekday Sat/Sun 20–24 h, not 好评', { time: { weekdays: [6, 7], hours: { from: 20, to: 24 } }, keywords: { noneOf: ['好评'] } }],
];

async function main() {
  const o = parse(process.argv.slice(2));
  const command = `npx tsx bench/inbox-rules.ts ${process.argv.slice(2).join(' ')}`.trim();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'meiyun-bench-rules-'));
  chmodSync(tmp, 0o711);
  const embedded = await startEmbeddedPostgres({ dir: path.join(tmp, 'pg') });
  try {
    const config = loadConfig({ DATABASE_URL: embedded.url('meiyun'), MEIYUN_DATA_DIR: tmp, LOG_LEVEL: 'warn' });
    const rt = await startRuntime(config, { serve: false, worker: false });
    const { deps } = rt;
    const c = new pg.Client({ connectionString: embedded.url('meiyun') });
    c.on('error', () => {});
    await c.connect();
    const { workspaceId, userId, accounts } = await benchWorkspace(c, 'rules', o.accounts);
    const end = Date.now() - 60_000;
    // bench/inbox's 90 days squeezed into the last 29.
    const squeeze = (items: NewItem[]) => items.map((it) => ({ ...it, at: new Date(end - ((end - it.at.getTime()) * 29) / 90) }));
    const gen = messages({
      total: o.messages,
      accounts,
      batch: o.batch,
      end,
      texts: reviewTexts(existsSync(path.join(ROOT, '..', 'shared')) ? ROOT : path.dirname(ROOT)),
    });
    const half = Math.floor(o.messages / o.batch / 2);

    const ingest = async (batches: number) => {
      let n = 0;
      let taken = 0;
      const t0 = performance.now();
      const lane = async () => {
        while (taken < batches) {
          taken++;
          const b = gen.next();
          if (b.done) return;
          await deps.db.transaction((tx) => ingestItems(deps, tx, workspaceId, b.value.accountId, 'sync', squeeze(b.value.items)));
          n += b.value.items.length;
        }
      };
      await Promise.all(Array.from({ length: o.lanes }, lane));
      const s = (performance.now() - t0) / 1000;
      return { n, s, rate: n / s };
    };
    log(`ingesting ${(half * o.batch).toLocaleString('en')} messages with no rule …`);
    const none = await ingest(half);
    const actor = { userId, workspaceId, role: 'owner' as const };
    for (const r of RULES) {
      const actions = 'assigneeId' in r.actions ? { assigneeId: userId } : r.actions;
      await createRule(deps, actor, { name: r.name, enabled: true, stopAfter: false, conditions: r.conditions as never, actions: actions as never });
    }
    log(`ingesting ${(o.messages - half * o.batch).toLocaleString('en')} messages with ${RULES.length} rules …`);
    const five = await ingest(Number.POSITIVE_INFINITY);
    const hits = (
      await c.query(
        `select count(*)::int as hits, count(distinct item_id)::int as items, (select count(*)::int from monitor_alerts where kind = 'rule') as alerts from inbox_rule_hits`,
      )
    ).rows[0];
    await c.query('vacuum analyze inbox_items');

    const rows: string[] = [];
    let worst = 0;
    for (const [name, conditions] of DRY_RUNS) {
      const first = await dryRun(deps, actor, { conditions: conditions as never });
      const ms: number[] = [];
      for (let i = 0; i < o.runs; i++) {
        const t = performance.now();
        await dryRun(deps, actor, { conditions: conditions as never });
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      worst = Math.max(worst, pct(ms, 95));
      rows.push(
        `| ${name} | ${first.matched.toLocaleString('en')} | ${pct(ms, 50).toFixed(1)} | ${pct(ms, 95).toFixed(1)} | ${ms[ms.length - 1].toFixed(1)} |`,
      );
    }
    const inWindow = (await c.query(`select count(*)::int as n from inbox_items where at > now() - interval '30 days'`)).rows[0].n as number;
    const lines = [
      `Command: \`${command}\` (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; commit ${sh(`git -C "${ROOT}" rev-parse --short HEAD`)}; Node ${process.version}; ${os.cpus().length} cores; load average before ${os.loadavg()[0].toFixed(2)}).`,
      '',
      '| ingestion | messages | seconds | messages/s |',
      '|---|--:|--:|--:|',
      `| no rule | ${none.n.toLocaleString('en')} | ${none.s.toFixed(1)} | **${Math.round(none.rate).toLocaleString('en')}** |`,
      `| ${RULES.length} enabled rules | ${five.n.toLocaleString('en')} | ${five.s.toFixed(1)} | **${Math.round(five.rate).toLocaleString('en')}** (${((five.rate / none.rate - 1) * 100).toFixed(0)} %) |`,
      '',
      `The rules hit ${hits.items.toLocaleString('en')} items (${hits.hits.toLocaleString('en')} hits), ${hits.alerts} rule alerts raised.`,
      '',
      `Dry run over the last 30 days (${inWindow.toLocaleString('en')} items), count + newest 50, after one warm-up, ${o.runs} runs each (ms):`,
      '',
      '| conditions | matched | p50 | p95 | max |',
      '|---|--:|--:|--:|--:|',
      ...rows,
      `| **worst p95** | | | **${worst.toFixed(1)}** | |`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
    await c.end();
    await rt.stop();
  } finally {
    await embedded.stop().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
