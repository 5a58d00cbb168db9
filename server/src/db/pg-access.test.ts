import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { type FolderEntry, canPass, firstBlocked, folderChain, lookupAccount, makeDirs } from './pg-access';
import { relocatedName } from './pg-location';

// The account the embedded server runs as when we are root: uid 101, primary group 104.
const postgres = { uid: 101, gids: [104] };
const dir = (p: string, mode: number, uid = 0, gid = 0): FolderEntry => ({ path: p, mode, uid, gid });

test('a clone under /root (0700) is out of reach of the postgres user, at /root', () => {
  const chain = [dir('/', 0o755), dir('/root', 0o700), dir('/root/meiyun', 0o755), dir('/root/meiyun/.meiyun', 0o711)];
  assert.equal(firstBlocked(chain, postgres), '/root');
  assert.equal(firstBlocked(chain, { uid: 0, gids: [0] }), null, 'root passes everywhere');
});

test('a 0700 temp folder blocks it; 0711 and 0755 let it pass without listing', () => {
  assert.equal(firstBlocked([dir('/', 0o755), dir('/tmp', 0o1777), dir('/tmp/locked', 0o700), dir('/tmp/locked/sub', 0o755)], postgres), '/tmp/locked');
  assert.equal(firstBlocked([dir('/', 0o755), dir('/tmp', 0o1777), dir('/tmp/t', 0o711)], postgres), null);
});

test('only the permission class that applies counts: owner, then group, then others', () => {
  // Owned by postgres without the owner x bit: blocked even though group and others may pass.
  assert.equal(canPass(dir('/d', 0o611, 101, 104), postgres), false);
  assert.equal(canPass(dir('/d', 0o700, 101, 104), postgres), true);
  // In the folder's group: the group bit decides, not the others bit.
  assert.equal(canPass(dir('/d', 0o701, 0, 104), postgres), false);
  assert.equal(canPass(dir('/d', 0o710, 0, 104), postgres), true);
  // Neither owner nor group: the others bit.
  assert.equal(canPass(dir('/d', 0o770, 0, 0), postgres), false);
  assert.equal(canPass(dir('/d', 0o701, 0, 0), postgres), true);
});

test('only the primary group counts for the server account: spawn with a uid drops supplementary groups', (t) => {
  const pg = lookupAccount('postgres');
  if (!pg) return t.skip('no postgres account on this machine');
  const primaryOnly = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
  assert.deepEqual(pg.gids, [Number(primaryOnly)]);
  assert.equal(pg.gid, Number(primaryOnly));
});

const tmp = mkdtempSync(path.join(os.tmpdir(), 'meiyun-access-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('the chain read from disk runs from / to the nearest existing folder, with real modes', () => {
  mkdirSync(path.join(tmp, 'a'), { mode: 0o750 });
  const chain = folderChain(path.join(tmp, 'a', 'not-yet', 'deeper'));
  const ancestors: string[] = [];
  for (let p = path.join(tmp, 'a'); p !== '/'; p = path.dirname(p)) ancestors.unshift(p);
  assert.deepEqual(
    chain.map((e) => e.path),
    ['/', ...ancestors],
  );
  assert.equal(chain.at(-1)?.mode, statSync(path.join(tmp, 'a')).mode & 0o7777);
  assert.equal(chain.at(-2)?.mode, 0o700, 'mkdtemp makes a 0700 folder');
});

test('folders made for the cluster get the asked mode whatever the umask', () => {
  const old = process.umask(0o077);
  try {
    makeDirs(path.join(tmp, 'm', 'n'), 0o711);
  } finally {
    process.umask(old);
  }
  assert.equal(statSync(path.join(tmp, 'm')).mode & 0o777, 0o711);
  assert.equal(statSync(path.join(tmp, 'm', 'n')).mode & 0o777, 0o711);
});

test('a cluster kept outside its data folder is named after it, one folder per data folder', () => {
  assert.match(relocatedName('/root/meiyun/.meiyun'), /^meiyun-[0-9a-f]{12}$/);
  assert.match(relocatedName('/srv/team data'), /^teamdata-[0-9a-f]{12}$/);
  assert.equal(relocatedName('/a/.meiyun'), relocatedName('/a/.meiyun'));
  assert.notEqual(relocatedName('/a/.meiyun'), relocatedName('/b/a/.meiyun'));
});
