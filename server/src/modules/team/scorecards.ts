// The scorecard pages: this period against the previous one, per member, and the xlsx export.
import type { z } from 'zod';
import { FIGURE_KEYS, type FigureKey, type ScorecardQuery } from '../../../../contract/team';
import type { Deps } from '../../context';
import type { Actor } from '../identity/audit';
import { type PeriodKind, periodOf, previousOf } from './period';
import { type ScorecardData, scorecards } from './scorecard';
import { visibleMember, visibleMembers } from './scope';
import { scorecardXlsx } from './xlsx';

type Query = z.infer<typeof ScorecardQuery>;

export function deltaOf(current: ScorecardData, previous: ScorecardData) {
  const d = {} as Record<FigureKey, number | null>;
  for (const k of FIGURE_KEYS) {
    const a = current[k].value;
    const b = previous[k].value;
    d[k] = a == null || b == null ? null : Math.round((a - b) * 10_000) / 10_000;
  }
  return d;
}

async function compare(deps: Deps, actor: Actor, people: { id: string; name: string }[], q: Query) {
  const kind = q.period as PeriodKind;
  const span = periodOf(kind, q.start, q.end);
  const prev = previousOf(kind, span);
  const current = await scorecards(deps.db, actor.workspaceId, people, span);
  const previous = await scorecards(deps.db, actor.workspaceId, people, prev);
  return {
    from: span.from,
    to: span.to,
    previousFrom: prev.from,
    previousTo: prev.to,
    items: current.map((c, i) => ({ current: c, previous: previous[i], delta: deltaOf(c, previous[i]) })),
  };
}

export async function listScorecards(deps: Deps, actor: Actor, q: Query) {
  return compare(deps, actor, await visibleMembers(deps.db, actor), q);
}

export async function getScorecard(deps: Deps, actor: Actor, userId: string, q: Query) {
  const m = await visibleMember(deps.db, actor, userId);
  return (await compare(deps, actor, [m], q)).items[0];
}

/** The scorecard of one member over a span (reviews attach it). */
export async function scorecardOf(deps: Deps, workspaceId: string, person: { id: string; name: string }, span: { from: string; to: string }) {
  return (await scorecards(deps.db, workspaceId, [person], span))[0];
}

export async function exportScorecards(deps: Deps, actor: Actor, q: Query) {
  const list = await listScorecards(deps, actor, q);
  return {
    filename: `scorecards-${list.from}_${list.to}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    data: await scorecardXlsx(list),
  };
}
