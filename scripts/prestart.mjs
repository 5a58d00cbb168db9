#!/usr/bin/env node
// Before `npm start`: build the web UI when it has never been built or its sources changed since.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const built = 'web/dist/index.html';
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
    const p = path.join(dir, e.name);
    return Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);

const sources = Math.max(newest('web/src'), newest('contract'), statSync('web/index.html').mtimeMs);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('构建网页界面… / building the web UI…');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
}
