// The bench's child processes (emulator, worker, embedded PostgreSQL), their cleanup, and CPU accounting from /proc.
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmbeddedServer } from '../../server/src/db/embedded';
import { sleep } from './util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ---------------------------------------------------------------- processes and cleanup

export interface Child {
  name: string;
  proc: ChildProcess;
  exited: Promise<void>;
  log: string;
}

export const children: Child[] = [];
/** What cleanup must stop or delete; main() fills it in as it starts things. */
export const run: { embedded: EmbeddedServer | null; pgDataDir: string | null; tmpRoot: string | null } = { embedded: null, pgDataDir: null, tmpRoot: null };

export function startChild(name: string, args: string[], env: NodeJS.ProcessEnv, logFile: string, readyText: string, timeoutMs = 60_000): Promise<Child> {
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

export async function stopChild(c: Child, graceMs = 15_000) {
  if (c.proc.exitCode !== null || c.proc.signalCode !== null) return;
  c.proc.kill('SIGTERM');
  const timedOut = await Promise.race([c.exited.then(() => false), sleep(graceMs).then(() => true)]);
  if (timedOut) {
    c.proc.kill('SIGKILL');
    await c.exited;
  }
}

export let cleaning: Promise<void> | null = null;
export function cleanup(keepTmp = false): Promise<void> {
  cleaning ??= (async () => {
    // The worker first (it talks to the other two), then the emulator, then the database.
    for (const c of [...children].reverse()) await stopChild(c).catch(() => {});
    await run.embedded?.stop().catch(() => {});
    run.embedded = null;
    if (run.tmpRoot && !keepTmp) rmSync(run.tmpRoot, { recursive: true, force: true });
  })();
  return cleaning;
}

/** Last resort when the process exits without cleanup having finished: nothing stays running. */
export function exitFallback() {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  const pidFile = run.pgDataDir ? path.join(run.pgDataDir, 'postmaster.pid') : null;
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
  if (run.tmpRoot) rmSync(run.tmpRoot, { recursive: true, force: true });
}

// ---------------------------------------------------------------- CPU accounting (/proc)

export const CLK_TCK = (() => {
  try {
    return Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime, stime, cutime, cstime and ppid of a process, from /proc/<pid>/stat. */
export function procStat(pid: number): { own: number; reaped: number; ppid: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): utime is field 14 → f[11].
    return { ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}

export interface CpuSnap {
  at: number;
  worker: number;
  emulator: number;
  postgres: number;
  bench: number;
  machineBusy: number;
  machineTotal: number;
}

export function postmasterPid(): number | null {
  if (!run.pgDataDir) return null;
  try {
    return Number(readFileSync(path.join(run.pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  }
}

/** CPU seconds so far: each of our processes (PostgreSQL = postmaster, its reaped and live children), and the machine. */
export function cpuSnap(workerPid: number | undefined, emulatorPids: (number | undefined)[]): CpuSnap {
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
    emulator: emulatorPids.reduce<number>((a, pid) => a + own(pid), 0),
    postgres: postgres / CLK_TCK,
    bench: own(process.pid),
    machineBusy: (total - idle) / CLK_TCK,
    machineTotal: total / CLK_TCK,
  };
}
