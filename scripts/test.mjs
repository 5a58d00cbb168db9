#!/usr/bin/env node
// The test command: one PostgreSQL for the run (embedded, or the server named by DATABASE_URL),
// a template database migrated once, then `node --test` over every *.test.ts file. Each test
// file clones its own database from the template, so files run in parallel without sharing rows.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dirs = roots.length ? roots : ['server/src', 'emulator/src', 'contract'];
const concurrency = process.env.TEST_CONCURRENCY ?? String(Math.max(2, os.cpus().length));

function find(dir, out = []) {
  if (statSync(dir).isFile()) return dir.endsWith('.test.ts') ? [...out, dir] : out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = dirs.flatMap((d) => find(d)).sort();
const { prepareTestDatabase } = await import('./test-db.ts');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'meiyun-test-'));
const db = await prepareTestDatabase(tmp);
const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files], {
  stdio: 'inherit',
  env: { ...process.env, MEIYUN_TEST_PG: db.baseUrl, MEIYUN_TEST_TEMPLATE: db.template },
});
// A hung test file must fail the run, not hold CI until its time limit.
const limitMin = Number(process.env.TEST_RUN_LIMIT_MINUTES ?? 30);
const watchdog = setTimeout(() => {
  console.error(`test run exceeded ${limitMin} minutes: stopping it`);
  child.kill('SIGKILL');
}, limitMin * 60_000);
const code = await new Promise((resolve) => child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
clearTimeout(watchdog);
await db.stop();
rmSync(tmp, { recursive: true, force: true });
process.exit(code);
