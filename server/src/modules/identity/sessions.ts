import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/pool';
import { AppError } from '../../lib/errors';
import type { Role } from './roles';
import { memberships, rateCounters, sessions } from './tables';

export const SESSION_COOKIE = 'meiyun_session';
export const SESSION_DAYS = 14;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

export interface Auth {
  userId: string;
  sessionHash: string;
  workspaceId: string | null;
  role: Role | null;
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
    .select({ userId: sessions.userId, workspaceId: sessions.workspaceId, role: memberships.role, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .leftJoin(memberships, and(eq(memberships.workspaceId, sessions.workspaceId), eq(memberships.userId, sessions.userId)))
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
  return { userId: r.userId, sessionHash: hash, workspaceId: member ? r.workspaceId : null, role: (r.role as Role) ?? null };
}

/**
 * Fixed-window throttle kept in PostgreSQL, so every server process shares it.
 * Throws rate_limited when `key` has been hit more than `limit` times in the window.
 */
export async function throttle(db: Executor, key: string, limit: number, windowSeconds: number): Promise<void> {
  const r = await db.execute(sql`
    insert into ${rateCounters} (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when ${rateCounters.windowStart} < now() - make_interval(secs => ${windowSeconds}) then 1 else ${rateCounters.count} + 1 end,
      window_start = case when ${rateCounters.windowStart} < now() - make_interval(secs => ${windowSeconds}) then now() else ${rateCounters.windowStart} end
    returning count`);
  const count = Number((r.rows[0] as { count: number }).count);
  if (count > limit) {
    throw new AppError('rate_limited', {
      zh: `尝试次数过多，请 ${Math.ceil(windowSeconds / 60)} 分钟后再试`,
      en: `Too many attempts; try again in ${Math.ceil(windowSeconds / 60)} minutes`,
    });
  }
}

export async function clearThrottle(db: Executor, key: string) {
  await db.delete(rateCounters).where(eq(rateCounters.key, key));
}
