// Who sees whose scorecard, review and ledger, decided here and nowhere else: owners and managers
// (team.manage) see the whole team; anyone else only themselves. Someone else's is "not found".
import type { Executor } from '../../db/pool';
import { notFound } from '../../lib/errors';
import type { Actor } from '../identity/audit';
import { teamMembers } from '../identity/membership';
import { can } from '../identity/roles';

export const MEMBER = { zh: '成员', en: 'Member' };

export const managesTeam = (actor: Actor) => can(actor.role, 'team.manage');

/** The members the actor may see: everyone for a manager, else only themselves. */
export async function visibleMembers(ex: Executor, actor: Actor) {
  const all = await teamMembers(ex, actor.workspaceId);
  return managesTeam(actor) ? all : all.filter((m) => m.id === actor.userId);
}

/** One member the actor may see, or 404. */
export async function visibleMember(ex: Executor, actor: Actor, userId: string) {
  const m = (await visibleMembers(ex, actor)).find((x) => x.id === userId);
  if (!m) throw notFound(MEMBER);
  return m;
}
