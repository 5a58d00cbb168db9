// Whose requests a member sees, decided here and nowhere else: those who work requests see the
// whole workspace; anyone else (a guest from another department) only the requests they submitted.
import { type SQL, and, eq } from 'drizzle-orm';
import type { Actor } from '../identity/audit';
import { can } from '../identity/roles';
import { requests } from './tables';

export type Scope = { workspaceId: string; userId: string; staff: boolean };

export const scopeOf = (actor: Actor): Scope => ({ workspaceId: actor.workspaceId, userId: actor.userId, staff: can(actor.role, 'requests.work') });

export function inScope(s: Scope): SQL {
  const ws = eq(requests.workspaceId, s.workspaceId);
  return (s.staff ? ws : and(ws, eq(requests.requesterId, s.userId))) as SQL;
}
