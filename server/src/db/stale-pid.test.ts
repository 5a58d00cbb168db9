import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { clearStalePidFile } from './embedded';

const lockWith = (pid: number) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meiyun-pid-'));
  writeFileSync(path.join(dir, 'postmaster.pid'), `${pid}\n/tmp/x\n1700000000\n5432\n`);
  return dir;
};

test('a lock file naming a process that is gone is removed, so the product starts after a kill', () => {
  const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
  const dir = lockWith(gone);
  assert.equal(clearStalePidFile(dir), true);
  assert.equal(existsSync(path.join(dir, 'postmaster.pid')), false);
  rmSync(dir, { recursive: true });
});

test('a lock file naming a live process that is not postgres (a reused pid) is removed too', () => {
  const dir = lockWith(process.pid);
  assert.equal(clearStalePidFile(dir), true);
  rmSync(dir, { recursive: true });
});

test('no lock file, or an unreadable one: nothing is touched', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meiyun-pid-'));
  assert.equal(clearStalePidFile(dir), false);
  writeFileSync(path.join(dir, 'postmaster.pid'), 'garbage\n');
  assert.equal(clearStalePidFile(dir), false);
  assert.equal(existsSync(path.join(dir, 'postmaster.pid')), true);
  rmSync(dir, { recursive: true });
});
