#!/usr/bin/env node
// `npm run e2e`: every e2e/**/*.test.ts, one file at a time (each starts its own server and
// browser). Node 20's `--test` does not expand globs itself, so the files are listed here.
// Extra arguments go to `node --test`, e.g. `npm run e2e -- --test-name-pattern=pause`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'e2e');

function find(d) {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    if (e.isDirectory()) return e.name === 'artifacts' || e.name === 'node_modules' ? [] : find(p);
    return e.name.endsWith('.test.ts') ? [path.relative(root, p)] : [];
  });
}

if (!existsSync(path.join(root, 'web', 'dist', 'index.html'))) {
  console.error('web/dist/index.html is missing: build the web UI first with `npm run build:web`, then run `npm run e2e` again.');
  process.exit(1);
}
const files = find(dir).sort();
if (files.length === 0) {
  console.error('no e2e/**/*.test.ts files found');
  process.exit(1);
}

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...process.argv.slice(2), ...files], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl-C reaches the whole foreground process group (test files, servers, their databases);
// wait here for them to stop rather than exiting first.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => {});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
