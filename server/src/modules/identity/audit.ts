import type { Executor } from '../../db/pool';
import { auditLog } from './tables';

export interface Actor {
  userId: string;
  workspaceId: string;
  role: import('./roles').Role;
  requestId?: string;
  /** The member's IP address as the server saw it (behind the configured proxies). */
  ip?: string;
}

/** Writes one audit entry; call it inside the transaction of the mutation it records. */
export async function audit(
  tx: Executor,
  actor: Pick<Actor, 'workspaceId' | 'requestId'> & { userId: string | null },
  e: { action: string; entityType: string; entityId?: string | null; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.insert(auditLog).values({
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    before: scrub(e.before) ?? null,
    after: scrub(e.after) ?? null,
    requestId: actor.requestId ?? null,
  });
}

const SECRET_FIELDS = new Set(['passwordHash', 'credentialsSealed', 'tokenHash', 'appSecret', 'password', 'token']);

/** Secrets never reach the audit log. */
function scrub(v: unknown): unknown {
  if (v === undefined || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(scrub);
  if (v instanceof Date) return v.toISOString();
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) out[k] = SECRET_FIELDS.has(k) ? '[redacted]' : scrub(val);
  return out;
}
