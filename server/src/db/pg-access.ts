import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Whether the account PostgreSQL runs under can reach a folder. As root, the embedded server runs
 * as the `postgres` user (PostgreSQL refuses to run as root), and that user needs search (x)
 * permission on every folder above its data directory and its binaries: a clone under /root
 * (0700) or a 0700 temp folder stops it with "initdb: could not access directory … Permission
 * denied", or an EACCES when its binaries are exec'd.
 */

export interface FolderEntry {
  path: string;
  mode: number;
  uid: number;
  gid: number;
}

export interface Account {
  name: string;
  uid: number;
  gid: number;
  /**
   * The groups that count for permission checks: the primary one only, because Node's spawn with
   * a uid drops supplementary groups (libuv calls setgroups(0, NULL) before setuid).
   */
  gids: number[];
}

/**
 * POSIX permission classes: the owner bits alone decide for the owner, the group bits for a member,
 * the others bits for everyone else. ACLs are not consulted (no ACL tools on a plain system).
 * On a regular file the same bit means "may execute".
 */
export function canPass(entry: FolderEntry, who: Pick<Account, 'uid' | 'gids'>): boolean {
  if (who.uid === 0) return true;
  if (entry.uid === who.uid) return (entry.mode & 0o100) !== 0;
  if (who.gids.includes(entry.gid)) return (entry.mode & 0o010) !== 0;
  return (entry.mode & 0o001) !== 0;
}

/** The first entry of a chain (outermost first) that `who` may not pass through, or null. */
export function firstBlocked(chain: FolderEntry[], who: Pick<Account, 'uid' | 'gids'>): string | null {
  return chain.find((e) => !canPass(e, who))?.path ?? null;
}

/** `/`, then each existing folder down to `target` (included when it exists). */
export function folderChain(target: string): FolderEntry[] {
  const abs = path.resolve(target);
  const parts = abs.split(path.sep).filter(Boolean);
  const chain: FolderEntry[] = [];
  let cur = path.parse(abs).root;
  for (let i = 0; i <= parts.length; i++) {
    if (i > 0) cur = path.join(cur, parts[i - 1]);
    try {
      const s = statSync(cur);
      chain.push({ path: cur, mode: s.mode & 0o7777, uid: s.uid, gid: s.gid });
    } catch {
      break; // not created yet: whoever creates it decides its mode
    }
  }
  return chain;
}

/** The first folder on the way to `target` that `who` cannot enter, or null. */
export function blockedOnTheWay(target: string, who: Pick<Account, 'uid' | 'gids'>): string | null {
  return firstBlocked(folderChain(target), who);
}

/** Creates the missing folders of `dir` one by one with an explicit mode (the umask would narrow it). */
export function makeDirs(dir: string, mode: number): void {
  const abs = path.resolve(dir);
  const missing: string[] = [];
  for (let cur = abs; ; cur = path.dirname(cur)) {
    try {
      statSync(cur);
      break;
    } catch {
      missing.unshift(cur);
      if (path.dirname(cur) === cur) break;
    }
  }
  for (const d of missing) {
    mkdirSync(d);
    chmodSync(d, mode);
  }
}

function id(args: string[]): string {
  return execFileSync('id', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/** The account `name` as the system knows it, or null when there is none. */
export function lookupAccount(name: string): Account | null {
  try {
    const gid = Number(id(['-g', name]));
    return { name, uid: Number(id(['-u', name])), gid, gids: [gid] };
  } catch {
    return null;
  }
}

/** The `postgres` account, created as a system user when missing (root only). */
export function ensurePostgresAccount(): Account {
  const found = lookupAccount('postgres');
  if (found) return found;
  try {
    // --force: succeed when the group is already there.
    execFileSync('groupadd', ['--force', '--system', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres'], { stdio: 'ignore' });
  } catch (e) {
    throw new Error(
      `无法创建运行内置 PostgreSQL 的 postgres 用户 / could not create the \`postgres\` user the embedded PostgreSQL runs as (it refuses to run as root): ${(e as Error).message}\n` +
        '请手动创建该用户，或设置 DATABASE_URL 使用已有的 PostgreSQL / create that user yourself, or set DATABASE_URL to an existing PostgreSQL',
    );
  }
  const made = lookupAccount('postgres');
  if (!made) throw new Error('postgres 用户创建后仍不可见 / the `postgres` user is not visible after creating it');
  return made;
}
