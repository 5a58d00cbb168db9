// Browser end-to-end harness: the real product (`meiyun start`, embedded PostgreSQL inside), the
// WeChat emulator in this process, and Debian's Chromium driven by playwright-core.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { startEmulator } from '../emulator/src/server';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ARTIFACTS = path.join(ROOT, 'e2e', 'artifacts');
const WEB_INDEX = path.join(ROOT, 'web', 'dist', 'index.html');

/** A free loopback port (the OS picks it; the tiny race until the server binds it is accepted). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value; throws `what` with the last value on timeout. */
export async function until<T>(what: string, check: () => Promise<T> | T, { timeoutMs = 15_000, intervalMs = 200 } = {}): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await sleep(intervalMs);
  }
}

export interface Product {
  /** The web UI and API, e.g. http://127.0.0.1:PORT */
  url: string;
  /** The in-process platform emulator (WeChat at its root, Douyin under /douyin …). */
  emulatorUrl: string;
  /** The product's embedded database, for tests that must plant rows no API would write (legacy data). */
  databaseUrl: string;
  /** A scratch folder for files the test hands to the browser (removed at stop). */
  filesDir: string;
  logFile: string;
  /** SIGINT (as Ctrl-C), wait for the exit, check the database is down, remove the folders. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// Last resort if the test process dies without `stop()`: never leave a server behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

// Ctrl-C reaches the whole process group: the servers stop themselves (and their databases);
// this process waits for them, removes the data folders, and leaves. Browsers are closed by
// playwright's exit handler (they run in their own process group).
const interruptible = new Set<(signalled: boolean) => Promise<void>>();
let interruptHandled = false;
function onInterruptOnce() {
  if (interruptHandled) return;
  interruptHandled = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      console.error(`[e2e] ${sig}: stopping the servers…`);
      void Promise.allSettled([...interruptible].map((stop) => stop(true))).finally(() => process.exit(130));
    });
  }
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The embedded PostgreSQL's postmaster pid while it runs (from its pid file), else null. */
function livePostmaster(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!(pid > 0)) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // no pid file, or no such process: the database is down
  }
}

/**
 * Starts the product as a user runs it, with a fresh data folder, and the emulator it publishes to.
 * `name` labels the server log in e2e/artifacts.
 */
export async function startProduct(name: string): Promise<Product> {
  if (!existsSync(WEB_INDEX)) {
    throw new Error('web/dist/index.html is missing: build the web UI first with `npm run build:web`, then run `npm run e2e` again.');
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meiyun-e2e-data-'));
  // As root the embedded server runs as `postgres`, which must be able to reach the folder.
  chmodSync(dataDir, 0o711);
  const filesDir = mkdtempSync(path.join(os.tmpdir(), 'meiyun-e2e-files-'));
  const emulator = await startEmulator({ publishDelayMs: 300 });
  const [port, pgPort] = [await freePort(), await freePort()];
  const logFile = path.join(ARTIFACTS, `${name}-server.log`);
  const logFd = openSync(logFile, 'w');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MEIYUN_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    MEIYUN_PG_PORT: String(pgPort),
    MEIYUN_WECHAT_API_BASE: emulator.url,
    // The OAuth platforms too: their authorize pages are the emulator's, opened in the browser.
    MEIYUN_DOUYIN_API_BASE: `${emulator.url}/douyin`,
    MEIYUN_WEIBO_API_BASE: `${emulator.url}/weibo`,
    MEIYUN_KUAISHOU_API_BASE: `${emulator.url}/kuaishou`,
    MEIYUN_BILIBILI_API_BASE: `${emulator.url}/bilibili`,
    MEIYUN_BILIBILI_UPLOAD_BASE: `${emulator.url}/bilibili`,
    MEIYUN_BILIBILI_AUTHORIZE_BASE: `${emulator.url}/bilibili`,
    MEIYUN_BILIBILI_AUTH_BASE: `${emulator.url}/bilibili-api`,
    MEIYUN_DISPATCH_INTERVAL_MS: '300',
    MEIYUN_PREPARE_AHEAD_MINUTES: '0',
  };
  delete env.DATABASE_URL; // always the embedded database, as on a fresh machine
  delete env.NODE_TEST_CONTEXT; // the server is not a test file
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'start'], { cwd: ROOT, env, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  running.add(child);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitP = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(child);
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;

  const exitWithin = async (ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([exitP.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)))]);
    clearTimeout(timer);
    return done;
  };
  /** `signalled`: Ctrl-C already reached the server (same process group), so give it time first. */
  const shutdown = async (signalled: boolean) => {
    if (!exited && !(signalled && (await exitWithin(10_000)))) {
      child.kill('SIGINT'); // what Ctrl-C does: the server stops its worker and the embedded database
      if (!(await exitWithin(30_000))) {
        console.error(`[e2e] ${name}: server did not stop within 30 s of SIGINT; killing it`);
        child.kill('SIGKILL');
        await exitP;
      }
    }
    const status = exited as { code: number | null; signal: NodeJS.Signals | null } | null;
    if (status?.code !== 0) console.error(`[e2e] ${name}: server exited with ${JSON.stringify(status)}; see ${logFile}`);
    // Ctrl-C must take the embedded database down too; never leave one running.
    const stillUp = await until('the embedded PostgreSQL to stop', () => livePostmaster(dataDir) === null, { timeoutMs: 10_000, intervalMs: 100 }).then(
      () => null,
      () => livePostmaster(dataDir),
    );
    if (stillUp) {
      console.error(`[e2e] ${name}: embedded PostgreSQL (pid ${stillUp}) still running after the server exited; stopping it`);
      process.kill(stillUp, 'SIGQUIT');
      await until('the embedded PostgreSQL to quit', () => livePostmaster(dataDir) === null, { timeoutMs: 10_000 }).catch(() => process.kill(stillUp, 'SIGKILL'));
    }
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(filesDir, { recursive: true, force: true });
    // Ctrl-C must stop the product cleanly: a non-zero exit is a failure.
    if (!signalled && status?.code !== 0) throw new Error(`${name}: the server did not stop cleanly on SIGINT (${JSON.stringify(status)}); see ${logFile}`);
  };
  let stopping: Promise<void> | null = null;
  const stop = (signalled = false) => {
    stopping ??= shutdown(signalled).finally(() => interruptible.delete(stop));
    return stopping;
  };
  interruptible.add(stop);
  onInterruptOnce();

  try {
    await until(
      'GET /api/v1/health to answer 200',
      async () => {
        if (exited) throw new Error(`server exited early (${JSON.stringify(exited)})`);
        const res = await fetch(`${url}/api/v1/health`).catch(() => null);
        return res?.status === 200;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- ${logFile} ---\n${tail(logFile)}`);
  }
  const pgPassword = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const databaseUrl = `postgres://postgres:${encodeURIComponent(pgPassword)}@127.0.0.1:${pgPort}/meiyun`;
  return { url, emulatorUrl: emulator.url, databaseUrl, filesDir, logFile, stop: () => stop() };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // On Ctrl-C the harness stops the servers first; the browser goes when this process exits.
    handleSIGINT: false,
    handleSIGTERM: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh browser profile (its own cookies and localStorage), as another person's computer. */
export async function newContext(browser: Browser, baseURL: string, timezoneId = 'Asia/Shanghai'): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL, viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId });
  ctx.setDefaultTimeout(15_000);
  return ctx;
}

/**
 * Collects what a person would call breakage: uncaught page errors, console errors and server
 * errors (5xx). A 4xx is part of normal flows (the first /me before signing in answers 401), and
 * the browser logs each one as "Failed to load resource", so those lines are left out.
 */
export function watchPage(page: Page, label: string): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`[${label}] page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`[${label}] console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`[${label}] ${r.status()} from ${r.request().method()} ${r.url()}`);
  });
  return problems;
}

/** Lets the page finish what it is drawing: no loading spinner or skeleton, finite animations done. */
export async function settle(page: Page): Promise<void> {
  const t0 = Date.now();
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'hidden', timeout: 5000 })
    .catch(() => {});
  await page.evaluate(() => {
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY);
    const done = Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    return Promise.race([done, new Promise((r) => setTimeout(r, 1000))]);
  });
  if (process.env.E2E_DEBUG) console.error(`[settle] ${Date.now() - t0} ms on ${page.url()}`);
}

export async function shot(page: Page, test: string, step: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  await settle(page);
  const file = path.join(ARTIFACTS, `${test}-${step}.png`);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
  return file;
}

/** Notes each step with the seconds since the test began, in the test's output (`# …`). */
export function stepper(t: { diagnostic(message: string): void }): (name: string) => void {
  const start = Date.now();
  return (name) => t.diagnostic(`${((Date.now() - start) / 1000).toFixed(1).padStart(5)} s  ${name}`);
}

/** Runs the test; when it fails, screenshots every open page (`<test>-failure-<label>.png`) first. */
export async function withFailureShots(test: string, pages: Map<string, Page>, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    for (const [label, page] of pages) await shot(page, test, `failure-${label}`).catch(() => {});
    throw e;
  }
}

/** Waits until the locator is visible and returns its text. */
export async function visibleText(loc: Locator): Promise<string> {
  await loc.waitFor({ state: 'visible' });
  return (await loc.innerText()).trim();
}

// The emulator's control API (not part of WeChat).

export async function registerWechatApp(emulatorUrl: string, appid: string, secret: string): Promise<void> {
  const res = await fetch(`${emulatorUrl}/__control/wechat/apps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appid, secret, type: 'service', entity: 'company', verified: true, name: 'E2E 服务号' }),
  });
  if (!res.ok) throw new Error(`emulator refused the app: ${res.status} ${await res.text()}`);
}

export interface EmulatorSubmit {
  appid: string;
  publish_id: string;
  title: string;
  titles: string[];
  status: number;
}

export async function emulatorPublished(emulatorUrl: string, appid: string): Promise<EmulatorSubmit[]> {
  const res = await fetch(`${emulatorUrl}/__control/wechat/published?appid=${encodeURIComponent(appid)}`);
  if (!res.ok) throw new Error(`emulator: ${res.status} ${await res.text()}`);
  return (await res.json()) as EmulatorSubmit[];
}

/** A 1×1 PNG written to disk, for uploads through the file chooser. */
export function writePng(dir: string, name = 'cover.png'): string {
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
  return file;
}
