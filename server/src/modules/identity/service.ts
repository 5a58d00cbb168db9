import argon2 from 'argon2';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Me as MeSchema, SetupBody, UpdateWorkspaceBody } from '../../../../contract/identity';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, notFound } from '../../lib/errors';
import { iso } from '../../lib/time';
import { type Actor, audit } from './audit';
import { PERMISSIONS, type Permission, type Role, assertCan, can } from './roles';
import { type RequestMeta, recordAuthEvent } from './auth-events';
import { type Auth, createSession } from './sessions';
import { attemptSucceeded, claimAttempt, throttledError } from './throttle';
import { requireSecondFactor } from './two-factor';
import { memberships, sessions, users, workspaces } from './tables';

// OWASP's argon2id baseline: 19 MiB, 2 passes.
const HASH_OPTS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
export const hashPassword = (p: string) => argon2.hash(p, HASH_OPTS);

type Me = z.infer<typeof MeSchema>;

const WS = { zh: '工作区', en: 'Workspace' };

export function workspaceView(w: typeof workspaces.$inferSelect) {
  return {
    id: w.id,
    name: w.name,
    timezone: w.timezone,
    paused: w.paused,
    pausedAt: iso(w.pausedAt),
    pauseReason: w.pauseReason,
    missedWindowMinutes: w.missedWindowMinutes,
    requireTotp: w.requireTotp,
  };
}

export async function needsOwner(deps: Deps): Promise<boolean> {
  const r = await deps.db.select({ n: sql<number>`count(*)::int` }).from(users);
  return r[0].n === 0;
}

/** Creates a user with a workspace they own. The first-run page and `meiyun admin create-owner` use it. */
export async function createOwner(tx: Executor, body: z.infer<typeof SetupBody>) {
  const exists = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${body.email})`);
  if (exists.length) throw new AppError('conflict', { zh: '该邮箱已注册', en: 'This email is already registered' });
  const [user] = await tx
    .insert(users)
    .values({ email: body.email.toLowerCase(), name: body.name, passwordHash: await hashPassword(body.password) })
    .returning();
  const [ws] = await tx.insert(workspaces).values({ name: body.workspaceName }).returning();
  await tx.insert(memberships).values({ workspaceId: ws.id, userId: user.id, role: 'owner' });
  await audit(tx, { workspaceId: ws.id, userId: user.id }, { action: 'workspace.create', entityType: 'workspace', entityId: ws.id, after: { name: ws.name } });
  return { userId: user.id, workspaceId: ws.id };
}

/** First run: only while nobody exists. A lock keeps two racing requests from both succeeding. */
export async function setupFirstOwner(deps: Deps, body: z.infer<typeof SetupBody>, meta: RequestMeta) {
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727275)`);
    const n = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
    if (n[0].n > 0) throw new AppError('conflict', { zh: '系统已初始化，请登录', en: 'Already set up; please sign in' });
    const { userId, workspaceId } = await createOwner(tx, body);
    await recordAuthEvent(tx, { userId, email: body.email, kind: 'sign_in' }, meta);
    return createSession(tx, userId, workspaceId, meta);
  });
}

/**
 * Password, then (for an account with two-factor on) the code, in one stateless request: without
 * `totpCode` such an account answers 401 totp_required and the page asks for it. Every outcome
 * is an auth event; attempts are throttled per (email, IP) and per IP (throttle.ts).
 */
export async function signIn(deps: Deps, body: { email: string; password: string; totpCode?: string }, meta: RequestMeta): Promise<string> {
  const email = body.email.toLowerCase();
  const who = { subject: email, ip: meta.ip };
  const wait = await claimAttempt(deps.db, who);
  const [user] = await deps.db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  if (wait !== null) {
    await recordAuthEvent(deps.db, { userId: user?.id ?? null, email, kind: 'sign_in_failed', reason: 'throttled' }, meta);
    throw throttledError(wait);
  }
  let ok = false;
  if (user) ok = await argon2.verify(user.passwordHash, body.password);
  // Hash anyway for an unknown email, so the answer takes as long and reveals nothing.
  else await argon2.hash(body.password, HASH_OPTS);
  if (!user || !ok) {
    await recordAuthEvent(deps.db, { userId: user?.id ?? null, email, kind: 'sign_in_failed', reason: user ? 'wrong_password' : 'unknown_email' }, meta);
    if (!user) deps.log.info({ email, ip: meta.ip }, 'sign-in failed: unknown email');
    throw new AppError('unauthenticated', { zh: '邮箱或密码错误', en: 'Wrong email or password' });
  }
  await requireSecondFactor(deps, user, body.totpCode, meta);
  await attemptSucceeded(deps.db, who);
  const [first] = await deps.db
    .select({ workspaceId: memberships.workspaceId })
    .from(memberships)
    .where(eq(memberships.userId, user.id))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return deps.db.transaction(async (tx) => {
    await recordAuthEvent(tx, { userId: user.id, email: user.email, kind: 'sign_in' }, meta);
    return createSession(tx, user.id, first?.workspaceId ?? null, meta);
  });
}

export async function signOut(deps: Deps, auth: Auth, meta: RequestMeta) {
  await deps.db.transaction(async (tx) => {
    const [u] = await tx.select({ email: users.email }).from(users).where(eq(users.id, auth.userId));
    await tx.delete(sessions).where(eq(sessions.idHash, auth.sessionHash));
    await recordAuthEvent(tx, { userId: auth.userId, email: u.email, kind: 'sign_out' }, meta);
  });
}

export async function getMe(deps: Deps, auth: Auth): Promise<Me> {
  const [user] = await deps.db.select().from(users).where(eq(users.id, auth.userId));
  const list = await deps.db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, auth.userId))
    .orderBy(asc(workspaces.name));
  const ws = auth.workspaceId ? (await deps.db.select().from(workspaces).where(eq(workspaces.id, auth.workspaceId)))[0] : undefined;
  const role = auth.role;
  const totpEnabled = user.totpSecretSealed != null;
  return {
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale, totpEnabled },
    workspaces: list.map((w) => ({ ...w, role: w.role as Role })),
    workspace: ws ? workspaceView(ws) : null,
    role,
    permissions: role ? (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p)) : [],
    totpSetupRequired: Boolean(ws?.requireTotp && role && !totpEnabled),
  };
}

export async function switchWorkspace(deps: Deps, auth: Auth, workspaceId: string) {
  const [m] = await deps.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, auth.userId), eq(memberships.workspaceId, workspaceId)));
  if (!m) throw notFound(WS);
  await deps.db.update(sessions).set({ workspaceId }).where(eq(sessions.idHash, auth.sessionHash));
  return { ...auth, workspaceId, role: m.role as Role };
}

export async function createWorkspace(deps: Deps, auth: Auth, name: string) {
  return deps.db.transaction(async (tx) => {
    const [ws] = await tx.insert(workspaces).values({ name }).returning();
    await tx.insert(memberships).values({ workspaceId: ws.id, userId: auth.userId, role: 'owner' });
    await tx.update(sessions).set({ workspaceId: ws.id }).where(eq(sessions.idHash, auth.sessionHash));
    await audit(tx, { workspaceId: ws.id, userId: auth.userId }, { action: 'workspace.create', entityType: 'workspace', entityId: ws.id, after: { name } });
    return { ...auth, workspaceId: ws.id, role: 'owner' as Role };
  });
}

export async function getWorkspace(deps: Deps, actor: Actor) {
  const [ws] = await deps.db.select().from(workspaces).where(eq(workspaces.id, actor.workspaceId));
  if (!ws) throw notFound(WS);
  return workspaceView(ws);
}

export async function updateWorkspace(deps: Deps, actor: Actor, body: z.infer<typeof UpdateWorkspaceBody>) {
  assertCan(actor.role, 'workspace.manage');
  if (body.timezone && !isTimeZone(body.timezone)) {
    throw new AppError('validation_failed', { zh: `未知时区：${body.timezone}`, en: `Unknown time zone: ${body.timezone}` });
  }
  return deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(workspaces).where(eq(workspaces.id, actor.workspaceId)).for('update');
    const [after] = await tx.update(workspaces).set(body).where(eq(workspaces.id, actor.workspaceId)).returning();
    await audit(tx, actor, { action: 'workspace.update', entityType: 'workspace', entityId: after.id, before: workspaceView(before), after: workspaceView(after) });
    return workspaceView(after);
  });
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
