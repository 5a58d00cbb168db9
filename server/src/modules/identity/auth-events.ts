import { and, desc, eq, exists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { AuthEventKind, AuthEventQuery, SignInFailure } from '../../../../contract/security';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { type PageQuery, paged } from '../../lib/paging';
import { isoOr } from '../../lib/time';
import type { Actor } from './audit';
import { assertCan } from './roles';
import type { Auth } from './sessions';
import { authEvents, memberships, users } from './tables';
import { parseUserAgent } from './user-agent';

export type RequestMeta = { ip?: string; userAgent?: string };
type Kind = z.infer<typeof AuthEventKind>;

/**
 * Records one sign-in event. Failures for an email nobody has are stored with no user: they are
 * shown to nobody in the product (the email may be a typo of another company's address, or a
 * password typed into the wrong field); operators see them in the database and the server log.
 */
export async function recordAuthEvent(
  db: Executor,
  e: { userId: string | null; email: string; kind: Kind; reason?: z.infer<typeof SignInFailure> | string | null; actorId?: string | null },
  meta: RequestMeta,
) {
  await db.insert(authEvents).values({
    userId: e.userId,
    email: e.email.toLowerCase().slice(0, 254),
    kind: e.kind,
    reason: e.reason ?? null,
    actorId: e.actorId ?? null,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
}

const actors = alias(users, 'actors');

function view(r: { e: typeof authEvents.$inferSelect; userName: string | null; actorName: string | null }) {
  return {
    id: r.e.id,
    userId: r.e.userId,
    userName: r.userName,
    email: r.e.email,
    kind: r.e.kind as Kind,
    reason: r.e.reason,
    actorId: r.e.actorId,
    actorName: r.actorName,
    ip: r.e.ip,
    userAgent: r.e.userAgent,
    device: r.e.userAgent ? parseUserAgent(r.e.userAgent).label : null,
    at: isoOr(r.e.at),
  };
}

function list(deps: Deps, where: ReturnType<typeof and>, q: PageQuery) {
  return paged(
    q,
    (limit, offset) =>
      deps.db
        .select({ e: authEvents, userName: users.name, actorName: actors.name })
        .from(authEvents)
        .leftJoin(users, eq(users.id, authEvents.userId))
        .leftJoin(actors, eq(actors.id, authEvents.actorId))
        .where(where)
        .orderBy(desc(authEvents.id))
        .limit(limit)
        .offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(authEvents).where(where),
    (rows) => rows.map(view),
  );
}

/** The signed-in user's own events, newest first. */
export function listOwnEvents(deps: Deps, auth: Auth, q: z.infer<typeof AuthEventQuery> & PageQuery) {
  return list(deps, and(eq(authEvents.userId, auth.userId), q.kind ? eq(authEvents.kind, q.kind) : undefined), q);
}

/** Owners and managers: the events of the people who are members of their workspace now, nobody else's. */
export function listWorkspaceEvents(deps: Deps, actor: Actor, q: z.infer<typeof AuthEventQuery> & PageQuery) {
  assertCan(actor.role, 'audit.read');
  const member = deps.db
    .select({ one: sql`1` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, actor.workspaceId), eq(memberships.userId, authEvents.userId)));
  return list(deps, and(exists(member), q.userId ? eq(authEvents.userId, q.userId) : undefined, q.kind ? eq(authEvents.kind, q.kind) : undefined), q);
}
