import argon2 from 'argon2';
import { and, asc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Deps } from '../../context';
import type { Db, Executor } from '../../db/pool';
import { AppError, notFound } from '../../lib/errors';
import { iso, isoOr } from '../../lib/time';
import { type Actor, audit } from './audit';
import { type RequestMeta, recordAuthEvent } from './auth-events';
import { type Role, assertCan } from './roles';
import { hashPassword, workspaceView } from './service';
import { type Auth, createSession, newToken, sha256 } from './sessions';
import { memberships, passwordResets, sessions, users, workspaces } from './tables';
import { attemptSucceeded, claimOrThrow } from './throttle';
import { recoveryCodesLeft, requireSecondFactor } from './two-factor';
import { parseUserAgent } from './user-agent';

export const RESET_HOURS = 24;
const MEMBER = { zh: '成员', en: 'Member' };
const badReset = () => new AppError('not_found', { zh: '重置链接无效、已使用或已过期', en: 'The reset link is invalid, used or expired' });

export async function getSecurity(deps: Deps, auth: Auth) {
  const [u] = await deps.db.select().from(users).where(eq(users.id, auth.userId));
  const ws = auth.workspaceId ? (await deps.db.select().from(workspaces).where(eq(workspaces.id, auth.workspaceId)))[0] : undefined;
  return {
    passwordChangedAt: iso(u.passwordChangedAt),
    totpEnabled: u.totpSecretSealed != null,
    totpEnabledAt: iso(u.totpEnabledAt),
    recoveryCodesLeft: await recoveryCodesLeft(deps, u.id),
    workspaceRequiresTotp: Boolean(ws?.requireTotp),
  };
}

/** Sets a password: every session and every unused reset link of the user ends, except `keepSession`. */
async function setPassword(tx: Executor, userId: string, password: string, keepSession: string | null) {
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(password), passwordChangedAt: sql`now()` })
    .where(eq(users.id, userId));
  await tx.delete(passwordResets).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
  const gone = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepSession ? ne(sessions.idHash, keepSession) : undefined))
    .returning({ id: sessions.publicId });
  return gone.length;
}

/** The current password is required, so a session left open on someone's desk cannot change it. */
export async function changePassword(deps: Deps, auth: Auth, body: { currentPassword: string; newPassword: string }, meta: RequestMeta) {
  const [user] = await deps.db.select().from(users).where(eq(users.id, auth.userId));
  const who = { subject: user.email, ip: meta.ip };
  await claimOrThrow(deps.db, who);
  if (!(await argon2.verify(user.passwordHash, body.currentPassword))) {
    throw new AppError('unauthenticated', { zh: '当前密码错误', en: 'The current password is wrong' });
  }
  await attemptSucceeded(deps.db, who);
  if (body.newPassword === body.currentPassword) {
    throw new AppError('validation_failed', { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' });
  }
  return deps.db.transaction(async (tx) => {
    const revoked = await setPassword(tx, user.id, body.newPassword, auth.sessionHash);
    await recordAuthEvent(tx, { userId: user.id, email: user.email, kind: 'password_changed' }, meta);
    return { revoked };
  });
}

export function resetLink(config: Pick<Config, 'MEIYUN_PUBLIC_URL'>, token: string) {
  const path = `/reset-password?token=${encodeURIComponent(token)}`;
  return { path, url: config.MEIYUN_PUBLIC_URL ? new URL(path, config.MEIYUN_PUBLIC_URL).toString() : null };
}

async function insertReset(tx: Executor, userId: string, by: { workspaceId: string | null; issuedBy: string | null }) {
  const token = newToken();
  // One live link per person: a new one replaces any earlier unused one.
  await tx.delete(passwordResets).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
  const [row] = await tx
    .insert(passwordResets)
    .values({
      userId,
      tokenHash: sha256(token),
      workspaceId: by.workspaceId,
      issuedBy: by.issuedBy,
      expiresAt: sql`now() + make_interval(hours => ${RESET_HOURS})`,
    })
    .returning();
  return { token, expiresAt: isoOr(row.expiresAt) };
}

/**
 * A manager's reset link for a member. Never for an owner unless the actor is an owner, and never
 * for someone who also belongs to a workspace the actor does not manage at that rank: the link
 * lets whoever holds it into every workspace of that person.
 */
export async function issueMemberReset(deps: Deps, actor: Actor, userId: string, meta: RequestMeta) {
  assertCan(actor.role, 'members.manage');
  if (userId === actor.userId) {
    throw new AppError('invalid_state', { zh: '请在“账号安全”中修改自己的密码', en: 'Change your own password on the Security page' });
  }
  const theirs = await deps.db.select({ workspaceId: memberships.workspaceId, role: memberships.role }).from(memberships).where(eq(memberships.userId, userId));
  const here = theirs.find((m) => m.workspaceId === actor.workspaceId);
  if (!here) throw notFound(MEMBER);
  if (here.role === 'owner' && actor.role !== 'owner') {
    throw new AppError('forbidden', { zh: '只有所有者可以为所有者生成重置链接', en: 'Only an owner can issue a reset link for an owner' });
  }
  const mine = await deps.db
    .select({ workspaceId: memberships.workspaceId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, actor.userId));
  const outranked = theirs.some((t) => {
    const m = mine.find((x) => x.workspaceId === t.workspaceId);
    const myRole = m?.role as Role | undefined;
    return !myRole || !['owner', 'manager'].includes(myRole) || (t.role === 'owner' && myRole !== 'owner');
  });
  if (outranked) {
    throw new AppError('forbidden', {
      zh: '此成员也属于你无权管理的工作区，不能由你重置密码；请其本人修改，或由管理员在服务器上运行 meiyun admin reset-password',
      en: 'This member also belongs to a workspace you do not manage; they can change it themselves, or an administrator can run meiyun admin reset-password',
    });
  }
  return deps.db.transaction(async (tx) => {
    const [u] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    const link = await insertReset(tx, userId, { workspaceId: actor.workspaceId, issuedBy: actor.userId });
    await audit(tx, actor, { action: 'member.password_reset', entityType: 'member', entityId: userId, after: { expiresAt: link.expiresAt } });
    await recordAuthEvent(tx, { userId, email: u.email, kind: 'password_reset_issued', actorId: actor.userId }, meta);
    return { token: link.token, expiresAt: link.expiresAt, ...resetLink(deps.config, link.token) };
  });
}

/** `meiyun admin reset-password --email …`: a link, from whoever runs the server. */
export async function issueResetByEmail(db: Db, config: Pick<Config, 'MEIYUN_PUBLIC_URL'>, email: string) {
  return db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
    if (!u) throw new AppError('not_found', { zh: `没有这个邮箱的用户：${email}`, en: `No user with the email ${email}` });
    const link = await insertReset(tx, u.id, { workspaceId: null, issuedBy: null });
    await recordAuthEvent(tx, { userId: u.id, email: u.email, kind: 'password_reset_issued', reason: 'cli' }, {});
    return { userId: u.id, ...link, ...resetLink(config, link.token) };
  });
}

/** `meiyun admin reset-password --email … --password …`: sets it directly and ends every session. */
export async function setPasswordByEmail(db: Db, email: string, password: string) {
  return db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
    if (!u) throw new AppError('not_found', { zh: `没有这个邮箱的用户：${email}`, en: `No user with the email ${email}` });
    const revoked = await setPassword(tx, u.id, password, null);
    await recordAuthEvent(tx, { userId: u.id, email: u.email, kind: 'password_changed', reason: 'cli' }, {});
    return { userId: u.id, revoked };
  });
}

async function liveReset(db: Db, token: string) {
  const [row] = await db
    .select({ r: passwordResets, u: users })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, sha256(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)));
  return row;
}

/** What the reset page shows before the new password is typed (whose account; whether a code is needed). */
export async function checkReset(deps: Deps, token: string, meta: RequestMeta) {
  const who = { subject: null, ip: meta.ip };
  await claimOrThrow(deps.db, who);
  const row = await liveReset(deps.db, token);
  if (!row) throw badReset();
  await attemptSucceeded(deps.db, who);
  return { email: row.u.email, name: row.u.name, expiresAt: isoOr(row.r.expiresAt), totpRequired: row.u.totpSecretSealed != null };
}

/** Uses a reset link once: the new password, every other session ended, and the person signed in. */
export async function useReset(deps: Deps, body: { token: string; password: string; totpCode?: string }, meta: RequestMeta) {
  const found = await liveReset(deps.db, body.token);
  const who = { subject: found ? found.u.email : null, ip: meta.ip };
  await claimOrThrow(deps.db, who);
  if (!found) throw badReset();
  await requireSecondFactor(deps, found.u, body.totpCode, meta);
  const token = await deps.db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.id, found.r.id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
      .returning();
    if (!used) throw badReset();
    await setPassword(tx, found.u.id, body.password, null);
    await recordAuthEvent(tx, { userId: found.u.id, email: found.u.email, kind: 'password_reset_used' }, meta);
    const [first] = await tx
      .select({ workspaceId: memberships.workspaceId })
      .from(memberships)
      .where(eq(memberships.userId, found.u.id))
      .orderBy(asc(memberships.createdAt))
      .limit(1);
    return createSession(tx, found.u.id, first?.workspaceId ?? null, meta);
  });
  await attemptSucceeded(deps.db, who);
  return token;
}

/** Owner only: members without two-factor sign-in are then kept out of this workspace until they enrol. */
export async function setWorkspaceSecurity(deps: Deps, actor: Actor, requireTotp: boolean) {
  assertCan(actor.role, 'workspace.security');
  if (requireTotp) {
    const [me] = await deps.db.select({ on: users.totpEnabledAt }).from(users).where(eq(users.id, actor.userId));
    if (!me.on) {
      throw new AppError('invalid_state', { zh: '请先为自己开启两步验证', en: 'Turn on two-factor sign-in for yourself first' });
    }
  }
  return deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(workspaces).where(eq(workspaces.id, actor.workspaceId)).for('update');
    const [after] = await tx.update(workspaces).set({ requireTotp }).where(eq(workspaces.id, actor.workspaceId)).returning();
    await audit(tx, actor, {
      action: 'workspace.require_totp',
      entityType: 'workspace',
      entityId: after.id,
      before: { requireTotp: before.requireTotp },
      after: { requireTotp },
    });
    return workspaceView(after);
  });
}

// Sessions page.

export async function listSessions(deps: Deps, auth: Auth) {
  const rows = await deps.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, auth.userId), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(sql`${sessions.lastSeenAt} desc`);
  // This device first, then the others by last use.
  rows.sort((a, b) => Number(b.idHash === auth.sessionHash) - Number(a.idHash === auth.sessionHash));
  return rows.map((s) => {
    const d = parseUserAgent(s.userAgent);
    return {
      id: s.publicId,
      device: d.label,
      browser: d.browser,
      os: d.os,
      ip: s.ip,
      createdAt: isoOr(s.createdAt),
      lastSeenAt: isoOr(s.lastSeenAt),
      current: s.idHash === auth.sessionHash,
    };
  });
}

async function revoke(deps: Deps, auth: Auth, which: 'one' | 'others' | 'all', meta: RequestMeta, publicId?: string) {
  return deps.db.transaction(async (tx) => {
    const scope = which === 'one' ? eq(sessions.publicId, publicId as string) : which === 'others' ? ne(sessions.idHash, auth.sessionHash) : undefined;
    const gone = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, auth.userId), scope))
      .returning({ idHash: sessions.idHash });
    if (which === 'one' && gone.length === 0) throw notFound({ zh: '会话', en: 'Session' });
    const [u] = await tx.select({ email: users.email }).from(users).where(eq(users.id, auth.userId));
    if (gone.length) await recordAuthEvent(tx, { userId: auth.userId, email: u.email, kind: 'session_revoked', reason: which }, meta);
    return { revoked: gone.length, includedCurrent: gone.some((g) => g.idHash === auth.sessionHash) };
  });
}

export const revokeSession = (deps: Deps, auth: Auth, id: string, meta: RequestMeta) => revoke(deps, auth, 'one', meta, id);
export const revokeOtherSessions = (deps: Deps, auth: Auth, meta: RequestMeta) => revoke(deps, auth, 'others', meta);
export const revokeAllSessions = (deps: Deps, auth: Auth, meta: RequestMeta) => revoke(deps, auth, 'all', meta);
