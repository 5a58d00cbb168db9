// Command-line options of bench/publish.ts.
import { ALL_PLATFORMS, type BenchPlatform } from './platforms';

// ---------------------------------------------------------------- options

export interface Options {
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
  emulatorNodeArgs: string[];
  /** --platforms: the platforms the burst is spread over; null = WeChat only (the original bench). */
  platforms: BenchPlatform[] | null;
}

export function usage(): never {
  process.stdout.write(`usage: npx tsx bench/publish.ts [options]
  --posts N              posts due at the same instant (default 1000)
  --accounts N           accounts they are spread over (default 10; with --platforms, in all, split evenly)
  --platforms [LIST]     spread the posts over these platforms' accounts, round robin (comma-separated;
                         alone: ${ALL_PLATFORMS.join(',')}); without it WeChat only
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
  --emulator-node-arg ARG  diagnostic: the same for every emulator process
  --note TEXT            a note stored with --record
  --json FILE            write raw results (per-publication times, timeline) to FILE
  --record               append a dated entry to bench/README.md
`);
  process.exit(2);
}

export function parseArgs(argv: string[]): Options {
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
    emulatorNodeArgs: [],
    platforms: null,
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
    else if (a === '--platforms') {
      const list = argv[i + 1] && !argv[i + 1].startsWith('--') ? next().split(',') : [...ALL_PLATFORMS];
      const bad = list.filter((p) => !(ALL_PLATFORMS as readonly string[]).includes(p));
      if (bad.length || !list.length) {
        process.stderr.write(`--platforms: unknown ${bad.join(', ')}; known: ${ALL_PLATFORMS.join(', ')}\n`);
        usage();
      }
      o.platforms = [...new Set(list)] as BenchPlatform[];
    } else if (a === '--worker-node-arg') o.workerNodeArgs.push(next() ?? usage());
    else if (a === '--emulator-node-arg') o.emulatorNodeArgs.push(next() ?? usage());
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
  if (o.platforms && o.prePrepared) {
    process.stderr.write('--pre-prepared makes WeChat drafts only; it cannot be combined with --platforms\n');
    usage();
  }
  return o;
}
