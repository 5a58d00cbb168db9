import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pino from 'pino';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import type { Deps } from '../context';
import { createDb } from '../db/pool';
import { createBoss } from '../jobs/boss';
import { SecretBox } from '../lib/crypto';
import { LocalStorage } from '../lib/storage';
import type { Role } from '../modules/identity/roles';
import { createOwner, hashPassword } from '../modules/identity/service';
import { memberships, users } from '../modules/identity/tables';
import { testDatabase } from './db';

export interface TestEnv {
  app: FastifyInstance;
  deps: Deps;
  dataDir: string;
  /** Adds a teardown step; steps run last-added first, after the file's tests. */
  cleanup(fn: () => Promise<void>): void;
}

/** The real app on a database of its own, with settings overridable per test file. */
export async function testEnv(env: Record<string, string> = {}): Promise<TestEnv> {
  const { url, drop } = await testDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meiyun-t-'));
  const config = loadConfig({ MEIYUN_DATA_DIR: dataDir, DATABASE_URL: url, LOG_LEVEL: process.env.MEIYUN_TEST_LOG ? 'error' : 'silent', ...env });
  const db = createDb(url, 10);
  const boss = createBoss(url);
  await boss.start();
  const base = {
    config,
    db,
    boss,
    secrets: new SecretBox(Buffer.alloc(32, 7)),
    storage: new LocalStorage(path.join(dataDir, 'media')),
  };
  const app = await buildApp(base, { logger: Boolean(process.env.MEIYUN_TEST_LOG) });
  const deps: Deps = { ...base, log: pino({ level: 'silent' }) };
  // Teardown in reverse order of setup: whatever uses the database (a worker) stops before it.
  const steps: (() => Promise<void>)[] = [
    drop,
    async () => rmSync(dataDir, { recursive: true, force: true }),
    () => db.$client.end(),
    () => boss.stop({ graceful: false, wait: true }),
    () => app.close(),
  ];
  after(async () => {
    for (const step of steps.reverse()) await step();
  });
  return { app, deps, dataDir, cleanup: (fn) => steps.push(fn) };
}

export const PASSWORD = 'correct-horse-9';
let seq = 0;
const uniq = () => `${process.pid}-${Date.now().toString(36)}-${++seq}`;

export interface Member {
  userId: string;
  email: string;
  role: Role;
  cookie: string;
}

/** Signs in through the API and returns the session cookie header. */
export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<string> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  if (r.statusCode !== 200) throw new Error(`sign-in failed: ${r.statusCode} ${r.body}`);
  const c = r.cookies.find((x) => x.name === 'meiyun_session');
  return `meiyun_session=${c!.value}`;
}

/** A fresh workspace with its owner signed in, plus a member of every other role. */
export async function workspaceWithTeam(t: TestEnv) {
  const email = `owner-${uniq()}@example.com`;
  const { userId, workspaceId } = await t.deps.db.transaction((tx) =>
    createOwner(tx, { email, name: '所有者', password: PASSWORD, workspaceName: `工作区 ${uniq()}` }),
  );
  const owner: Member = { userId, email, role: 'owner', cookie: await signIn(t.app, email) };
  const hash = await hashPassword(PASSWORD);
  const team: Record<Role, Member> = { owner } as Record<Role, Member>;
  for (const role of ['manager', 'editor', 'reviewer', 'analyst', 'guest'] as Role[]) {
    const e = `${role}-${uniq()}@example.com`;
    const [u] = await t.deps.db.insert(users).values({ email: e, name: role, passwordHash: hash }).returning();
    await t.deps.db.insert(memberships).values({ workspaceId, userId: u.id, role });
    team[role] = { userId: u.id, email: e, role, cookie: await signIn(t.app, e) };
  }
  return { workspaceId, ...team };
}

/** app.inject with a member's cookie; JSON payloads by default. */
export function as(t: TestEnv, m: Member | null) {
  return (opts: InjectOptions) => t.app.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...(m ? { cookie: m.cookie } : {}) } });
}
