import argon2 from 'argon2';
import { and, asc, desc, eq, gte, ilike, isNull, lte, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AcceptInviteBody, AuditQuery, InvitationQuery, InviteBody, MemberQuery } from '../../../../contract/identity';
import type { Deps } from '../../context';
import { type PageQuery, paged } from '../../lib/paging';
import { contains } from '../../lib/sql';
import { AppError, notFound } from '../../lib/errors';
import { iso, isoOr } from '../../lib/time';
import { type Actor, audit } from './audit';
import { leaveDepartments } from './departments';
import { memberJoined } from './joined';
import { memberName } from './membership';
import { type RequestMeta, recordAuthEvent } from './auth-events';
import { type Role, assertCan, assertCanGrant } from './roles';
import { hashPassword } from './service';
import { createSession, newToken, sha256 } from './sessions';
import { auditLog, invitations, memberships, users } from './tables';
import { attemptSucceeded, claimOrThrow } from './throttle';
import { requireSecondFactor } from './two-factor';

const MEMBER = { zh: '成员', en: 'Member' };
const INVITE = { zh: '邀请', en: 'Invitation' };
const INVITE_DAYS = 7;

export async function listMembers(deps: Deps, actor: Actor, q: z.infer<typeof MemberQuery> & PageQuery) {
  const where = and(
    eq(memberships.workspaceId, actor.workspaceId),
    q.role ? eq(memberships.role, q.role) : undefined,
    q.q ? or(ilike(users.name, contains(q.q)), ilike(users.email, contains(q.q))) : undefined,
  );
  return paged(
    q,
    (limit, offset) =>
      deps.db
        .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(where)
        .orderBy(asc(users.name), asc(users.id))
        .limit(limit)
        .offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where),
    (rows) => rows.map(memberView),
  );
}

const memberView = (r: { userId: string; email: string; name: string; role: string; joinedAt: Date }) => ({
  ...r,
  role: r.role as Role,
  joinedAt: isoOr(r.joinedAt),
});

async function ownerCount(deps: Deps, workspaceId: string) {
  const r = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
  return r[0].n;
}

export async function updateMember(deps: Deps, actor: Actor, userId: string, role: Role) {
  assertCan(actor.role, 'members.manage');
  assertCanGrant(actor.role, role);
  const [m] = await deps.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, actor.workspaceId), eq(memberships.userId, userId)));
  if (!m) throw notFound(MEMBER);
  if (m.role === 'owner' && actor.role !== 'owner')
    throw new AppError('forbidden', { zh: '只有所有者可以变更所有者', en: 'Only an owner can change an owner' });
  if (m.role === 'owner' && role !== 'owner' && (await ownerCount(deps, actor.workspaceId)) === 1) {
    throw new AppError('invalid_state', { zh: '工作区至少需要一位所有者', en: 'A workspace needs at least one owner' });
  }
  await deps.db.transaction(async (tx) => {
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.workspaceId, actor.workspaceId), eq(memberships.userId, userId)));
    await audit(tx, actor, { action: 'member.role', entityType: 'member', entityId: userId, before: { role: m.role }, after: { role } });
  });
  const [row] = await deps.db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, actor.workspaceId), eq(memberships.userId, userId)));
  return memberView(row);
}

export async function removeMember(deps: Deps, actor: Actor, userId: string) {
  assertCan(actor.role, 'members.manage');
  const [m] = await deps.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, actor.workspaceId), eq(memberships.userId, userId)));
  if (!m) throw notFound(MEMBER);
  if (m.role === 'owner' && actor.role !== 'owner')
    throw new AppError('forbidden', { zh: '只有所有者可以移除所有者', en: 'Only an owner can remove an owner' });
  if (m.role === 'owner' && (await ownerCount(deps, actor.workspaceId)) === 1) {
    throw new AppError('invalid_state', { zh: '不能移除最后一位所有者', en: 'Cannot remove the last owner' });
  }
  await deps.db.transaction(async (tx) => {
    await tx.delete(memberships).where(and(eq(memberships.workspaceId, actor.workspaceId), eq(memberships.userId, userId)));
    await leaveDepartments(tx, actor.workspaceId, userId);
    await audit(tx, actor, { action: 'member.remove', entityType: 'member', entityId: userId, before: { role: m.role } });
  });
}

const inviteView = (i: typeof invitations.$inferSelect, token?: string) => ({
  id: i.id,
  email: i.email,
  role: i.role as Role,
  createdAt: isoOr(i.createdAt),
  expiresAt: isoOr(i.expiresAt),
  acceptedAt: iso(i.acceptedAt),
  ...(token ? { token } : {}),
});

export async function listInvitations(deps: Deps, actor: Actor, q: z.infer<typeof InvitationQuery> & PageQuery) {
  assertCan(actor.role, 'members.manage');
  const where = and(
    eq(invitations.workspaceId, actor.workspaceId),
    isNull(invitations.revokedAt),
    q.status === 'pending' ? isNull(invitations.acceptedAt) : undefined,
  );
  return paged(
    q,
    (limit, offset) => deps.db.select().from(invitations).where(where).orderBy(desc(invitations.createdAt), desc(invitations.id)).limit(limit).offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(invitations).where(where),
    (rows) => rows.map((r) => inviteView(r)),
  );
}

export async function invite(deps: Deps, actor: Actor, body: z.infer<typeof InviteBody>) {
  assertCan(actor.role, 'members.manage');
  assertCanGrant(actor.role, body.role);
  const already = await deps.db
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, actor.workspaceId), sql`lower(${users.email}) = lower(${body.email})`));
  if (already.length) throw new AppError('conflict', { zh: '此人已是成员', en: 'This person is already a member' });
  const token = newToken();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invitations)
      .values({
        workspaceId: actor.workspaceId,
        email: body.email.toLowerCase(),
        role: body.role,
        tokenHash: sha256(token),
        invitedBy: actor.userId,
        expiresAt: new Date(Date.now() + INVITE_DAYS * 86400_000),
      })
      .returning();
    await audit(tx, actor, { action: 'invitation.create', entityType: 'invitation', entityId: row.id, after: { email: row.email, role: row.role } });
    return inviteView(row, token);
  });
}

export async function revokeInvitation(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'members.manage');
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, id), eq(invitations.workspaceId, actor.workspaceId), isNull(invitations.revokedAt)))
      .returning();
    if (!row) throw notFound(INVITE);
    await audit(tx, actor, { action: 'invitation.revoke', entityType: 'invitation', entityId: id });
  });
}

const badInvite = () => new AppError('not_found', { zh: '邀请链接无效或已过期', en: 'The invitation link is invalid or has expired' });
const usable = (inv: typeof invitations.$inferSelect | undefined) => !!inv && !inv.revokedAt && !inv.acceptedAt && inv.expiresAt >= new Date();

/**
 * Accepting creates the account (or, for an existing one, checks its password and its second
 * factor) and joins the workspace. Throttled like sign-in: a bad token counts against the IP, a
 * wrong password against (email, IP), so the link cannot be used to guess an account's password.
 */
export async function acceptInvitation(deps: Deps, body: z.infer<typeof AcceptInviteBody>, meta: RequestMeta) {
  const [found] = await deps.db
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, sha256(body.token)));
  const who = { subject: usable(found) ? found.email : null, ip: meta.ip };
  await claimOrThrow(deps.db, who);
  if (!usable(found)) throw badInvite();
  const [existing] = await deps.db.select().from(users).where(sql`lower(${users.email}) = lower(${found.email})`);
  if (existing) {
    if (!(await argon2.verify(existing.passwordHash, body.password))) {
      await recordAuthEvent(deps.db, { userId: existing.id, email: existing.email, kind: 'sign_in_failed', reason: 'wrong_password' }, meta);
      throw new AppError('unauthenticated', { zh: '该邮箱已有账号，请输入其密码', en: 'This email already has an account; enter its password' });
    }
    await requireSecondFactor(deps, existing, body.totpCode, meta);
  }
  const token = await deps.db.transaction(async (tx) => {
    const [inv] = await tx.select().from(invitations).where(eq(invitations.id, found.id)).for('update');
    if (!usable(inv)) throw badInvite();
    let [user] = await tx.select().from(users).where(sql`lower(${users.email}) = lower(${inv.email})`);
    if (user && !existing) throw new AppError('conflict', { zh: '该邮箱刚刚注册了账号，请重试', en: 'An account was just created for this email; try again' });
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email: inv.email, name: body.name, passwordHash: await hashPassword(body.password) })
        .returning();
    }
    await tx.insert(memberships).values({ workspaceId: inv.workspaceId, userId: user.id, role: inv.role }).onConflictDoNothing();
    await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, inv.id));
    await memberJoined(tx, { workspaceId: inv.workspaceId, userId: user.id, invitationId: inv.id });
    await audit(
      tx,
      { workspaceId: inv.workspaceId, userId: user.id },
      { action: 'invitation.accept', entityType: 'member', entityId: user.id, after: { role: inv.role } },
    );
    await recordAuthEvent(tx, { userId: user.id, email: user.email, kind: 'sign_in' }, meta);
    return createSession(tx, user.id, inv.workspaceId, meta);
  });
  await attemptSucceeded(deps.db, who);
  return token;
}

export async function listAudit(deps: Deps, actor: Actor, q: z.infer<typeof AuditQuery> & { page: number; pageSize: number }) {
  assertCan(actor.role, 'audit.read');
  const where = and(
    eq(auditLog.workspaceId, actor.workspaceId),
    q.action ? sql`${auditLog.action} like ${`${q.action}%`}` : undefined,
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
    q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
    q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
  );
  return paged(
    q,
    (limit, offset) =>
      deps.db
        .select({ e: auditLog, actorName: memberName(auditLog.workspaceId, auditLog.actorId) })
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.id))
        .limit(limit)
        .offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
    (rows) => rows.map(({ e, actorName }) => ({ ...e, actorName, at: isoOr(e.at) })).map(({ workspaceId, requestId, ...rest }) => rest),
  );
}
