import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Account, blockedOnTheWay, ensurePostgresAccount, makeDirs } from './pg-access';

/** Where clusters and binaries go when the postgres user cannot reach the data folder or the clone. */
export const PG_HOME = '/var/lib/meiyun';

export interface ClusterPlan {
  /** PostgreSQL's data directory (PGDATA). */
  clusterDir: string;
  /** The folder holding initdb and postgres. */
  binDir: string;
  /** The account the server runs as: null when we are not root (it runs as us). */
  runAs: Account | null;
  /** Said at start when something is not where the user would look for it. */
  notices: string[];
  /** The file in the data folder that remembers a cluster kept elsewhere, if one is used. */
  rememberFile: string | null;
}

/** A start that cannot work: stops before anything is created, saying which folder and what to do. */
function cannotStart(zh: string, en: string): Error {
  return new Error(`内置 PostgreSQL 无法启动：${zh}\nThe embedded PostgreSQL cannot start: ${en}`);
}

/** The folder name of a cluster kept outside its data folder: readable, and unique per data folder. */
export function relocatedName(dataDir: string): string {
  const base = path.basename(dataDir);
  const label = (base.startsWith('.') ? path.basename(path.dirname(dataDir)) : base).replace(/[^A-Za-z0-9_-]+/g, '') || 'meiyun';
  return `${label}-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`;
}

/**
 * Decides where the cluster and the binaries live, creating folders as needed, before anything
 * is started. In order: MEIYUN_PG_DIR; the place remembered in `<data dir>/pg-location`;
 * `<data dir>/pg`, unless (as root) the postgres user cannot enter a folder above it, in which
 * case a new cluster goes to /var/lib/meiyun/<name>-<hash> and that place is remembered.
 */
export function planCluster(opts: { dataDir: string; clusterDir?: string; nativeDir: string; version: string; home?: string }): ClusterPlan {
  const home = opts.home ?? PG_HOME;
  const dataDir = path.resolve(opts.dataDir);
  const runAs = process.getuid?.() === 0 ? ensurePostgresAccount() : null;
  const notices: string[] = [];
  const binDir = runAs ? reachableBinaries(opts.nativeDir, opts.version, home, runAs, notices) : path.join(opts.nativeDir, 'bin');
  const rememberFile = path.join(dataDir, 'pg-location');
  const plan = (clusterDir: string, remembered: boolean): ClusterPlan => ({
    clusterDir,
    binDir,
    runAs,
    notices,
    rememberFile: remembered ? rememberFile : null,
  });

  if (opts.clusterDir) {
    const dir = path.resolve(opts.clusterDir);
    ensureParent(dir, runAs, `MEIYUN_PG_DIR=${dir}`);
    return plan(dir, false);
  }
  if (existsSync(rememberFile)) {
    const dir = readFileSync(rememberFile, 'utf8').trim();
    ensureParent(dir, runAs, `${rememberFile} → ${dir}`);
    notices.push(`数据库集群在 ${dir}（记录于 ${rememberFile}） / the database cluster is in ${dir} (remembered in ${rememberFile})`);
    return plan(dir, true);
  }
  const inPlace = path.join(dataDir, 'pg');
  if (!runAs) return plan(inPlace, false);
  const blocked = blockedOnTheWay(dataDir, runAs);
  if (!blocked) return plan(inPlace, false);
  if (existsSync(path.join(inPlace, 'PG_VERSION'))) {
    throw cannotStart(
      `已有的数据库集群 ${inPlace} 无法被 postgres 用户访问，因为它进不了目录 ${blocked}。请运行 chmod o+x ${blocked}，或把 ${inPlace} 移到 postgres 用户可进入的位置并用 MEIYUN_PG_DIR 指向它。`,
      `the existing database cluster ${inPlace} is out of reach of the postgres user, which cannot enter ${blocked}. Run chmod o+x ${blocked}, or move ${inPlace} somewhere that user can reach and point MEIYUN_PG_DIR at it.`,
    );
  }
  const dir = path.join(home, relocatedName(dataDir));
  ensureHome(home, runAs, `${blocked}`);
  writeFileSync(rememberFile, `${dir}\n`, { mode: 0o600 });
  notices.push(
    `postgres 用户进不了目录 ${blocked}，数据库集群改放在 ${dir}（记录于 ${rememberFile}；可用 MEIYUN_PG_DIR 指定其他位置） / ` +
      `the postgres user cannot enter ${blocked}, so the database cluster lives in ${dir} (remembered in ${rememberFile}; MEIYUN_PG_DIR sets another place)`,
  );
  return plan(dir, true);
}

/** The cluster's parent must exist and, as root, be reachable by the postgres user. */
function ensureParent(dir: string, runAs: Account | null, named: string): void {
  const parent = path.dirname(dir);
  try {
    makeDirs(parent, 0o711);
  } catch (e) {
    throw cannotStart(`无法创建目录 ${parent}（${named}）：${(e as Error).message}`, `cannot create ${parent} (${named}): ${(e as Error).message}`);
  }
  const blocked = runAs && blockedOnTheWay(parent, runAs);
  if (blocked) {
    throw cannotStart(
      `postgres 用户进不了目录 ${blocked}，无法使用 ${named}。请运行 chmod o+x ${blocked}，或把 MEIYUN_PG_DIR 设为它可进入的目录（例如 ${PG_HOME} 下）。`,
      `the postgres user cannot enter ${blocked}, so ${named} cannot be used. Run chmod o+x ${blocked}, or set MEIYUN_PG_DIR to a folder it can reach (under ${PG_HOME}, say).`,
    );
  }
}

/** The shared home for relocated clusters and binaries: created if missing, reachable by postgres. */
function ensureHome(home: string, runAs: Account, because: string): void {
  const fix = (zhWhy: string, enWhy: string) =>
    cannotStart(
      `postgres 用户进不了目录 ${because}，而 ${home} ${zhWhy}。请运行 chmod o+x ${because}，或把 MEIYUN_PG_DIR 设为 postgres 用户可进入且可写的目录。`,
      `the postgres user cannot enter ${because}, and ${home} ${enWhy}. Run chmod o+x ${because}, or set MEIYUN_PG_DIR to a folder that user can reach and that can be written.`,
    );
  try {
    makeDirs(home, 0o755);
  } catch (e) {
    throw fix(`无法创建（${(e as Error).message}）`, `cannot be created (${(e as Error).message})`);
  }
  const blocked = blockedOnTheWay(home, runAs);
  if (blocked) throw fix(`也无法进入（卡在 ${blocked}）`, `cannot be reached either (blocked at ${blocked})`);
}

/**
 * The package's binaries, or (when postgres cannot reach them, as in a clone under /root) a copy
 * of them in /var/lib/meiyun/postgres-<version>, made once per version. They find their libraries
 * and share files relative to themselves ($ORIGIN/../lib), so the copied folder is self-contained.
 */
function reachableBinaries(nativeDir: string, version: string, home: string, runAs: Account, notices: string[]): string {
  const blocked = blockedOnTheWay(path.join(nativeDir, 'bin', 'postgres'), runAs) ?? blockedOnTheWay(path.join(nativeDir, 'lib'), runAs);
  if (!blocked) return path.join(nativeDir, 'bin');
  const dest = path.join(home, `postgres-${version}`);
  const done = path.join(dest, '.complete');
  if (!existsSync(done)) {
    ensureHome(home, runAs, blocked);
    const tmp = `${dest}.tmp-${process.pid}`;
    try {
      rmSync(tmp, { recursive: true, force: true });
      cpSync(nativeDir, tmp, { recursive: true, verbatimSymlinks: true });
      chmodSync(tmp, 0o755);
      writeFileSync(path.join(tmp, '.complete'), `${nativeDir}\n`);
      if (existsSync(done)) {
        rmSync(tmp, { recursive: true, force: true }); // another start finished its copy first
      } else {
        rmSync(dest, { recursive: true, force: true }); // an unfinished copy from an interrupted start
        renameSync(tmp, dest);
      }
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(done))
        throw cannotStart(
          `无法把 PostgreSQL 程序复制到 ${dest}：${(e as Error).message}`,
          `cannot copy PostgreSQL's programs to ${dest}: ${(e as Error).message}`,
        );
    }
  }
  const still = blockedOnTheWay(path.join(dest, 'bin', 'postgres'), runAs);
  if (still)
    throw cannotStart(`postgres 用户进不了目录 ${still}。请运行 chmod o+x ${still}。`, `the postgres user cannot enter ${still}. Run chmod o+x ${still}.`);
  notices.push(
    `postgres 用户进不了目录 ${blocked}，使用复制到 ${dest} 的 PostgreSQL 程序 / the postgres user cannot enter ${blocked}, so PostgreSQL runs from a copy of its programs in ${dest}`,
  );
  return path.join(dest, 'bin');
}
