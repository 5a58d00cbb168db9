import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/pool';
import type { Role } from './roles';
import { memberships, sessions, users, workspaces } from './tables';

export const SESSION_COOKIE = 'meiyun_session';
export const SESSION_DAYS = 14;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

export interface Auth {
  userId: string;
  sessionHash: string;
  /** The session's public id (what the sessions page shows); never the hash. */
  sessionId: string;
  workspaceId: string | null;
  role: Role | null;
  /** The current workspace requires two-factor sign-in and this user has not enrolled. */
  totpSetupRequired: boolean;
}

export async function createSession(tx: Executor, userId: string, workspaceId: string | null, meta: { ip?: string; userAgent?: string }) {
  const token = newToken();
  await tx.insert(sessions).values({
    idHash: sha256(token),
    userId,
    workspaceId,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86400_000),
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

/** Looks a cookie up; the session slides forward at most once a minute. */
export async function resolveSession(db: Db, token: string): Promise<Auth | null> {
  const hash = sha256(token);
  const rows = await db
    .select({
      userId: sessions.userId,
      sessionId: sessions.publicId,
      workspaceId: sessions.workspaceId,
      role: memberships.role,
      lastSeenAt: sessions.lastSeenAt,
      requireTotp: workspaces.requireTotp,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, and(eq(memberships.workspaceId, sessions.workspaceId), eq(memberships.userId, sessions.userId)))
    .leftJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(sessions.idHash, hash), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  const r = rows[0];
  if (!r) return null;
  if (Date.now() - new Date(r.lastSeenAt).getTime() > 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()`, expiresAt: sql`now() + interval '${sql.raw(String(SESSION_DAYS))} days'` })
      .where(eq(sessions.idHash, hash));
  }
  const member = r.role != null;
  return {
    userId: r.userId,
    sessionHash: hash,
    sessionId: r.sessionId,
    workspaceId: member ? r.workspaceId : null,
    role: (r.role as Role) ?? null,
    totpSetupRequired: member && r.requireTotp === true && r.totpEnabledAt == null,
  };
}
