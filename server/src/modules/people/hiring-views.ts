import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { iso, isoOr } from '../../lib/time';
import { memberNames } from '../identity/membership';
import { candidateInterviews, candidateStages, type candidates, hiringPositions } from './tables';

type Row = typeof candidates.$inferSelect;
type Stage = 'applied' | 'trial' | 'interview' | 'offer' | 'hired' | 'rejected';

/** The mean of every score of every interviewer, one decimal; null before the first interview. */
export function averageScore(interviews: { scores: Record<string, number> }[]) {
  const all = interviews.flatMap((i) => Object.values(i.scores));
  return all.length ? Math.round((all.reduce((a, b) => a + b, 0) / all.length) * 10) / 10 : null;
}

export async function candidateViews(ex: Executor, rows: Row[]) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [positions, interviews] = await Promise.all([
    ex
      .select({ id: hiringPositions.id, title: hiringPositions.title })
      .from(hiringPositions)
      .where(
        inArray(
          hiringPositions.id,
          rows.map((r) => r.positionId),
        ),
      ),
    ex
      .select({ candidateId: candidateInterviews.candidateId, scores: candidateInterviews.scores })
      .from(candidateInterviews)
      .where(inArray(candidateInterviews.candidateId, ids)),
  ]);
  const title = new Map(positions.map((p) => [p.id, p.title]));
  return rows.map((r) => ({
    id: r.id,
    positionId: r.positionId,
    positionTitle: title.get(r.positionId) ?? null,
    name: r.name,
    contact: r.contact,
    source: r.source,
    notes: r.notes,
    stage: r.stage as Stage,
    hasTrial: r.trialBodyHtml !== null,
    averageScore: averageScore(interviews.filter((i) => i.candidateId === r.id)),
    invitationId: r.invitationId,
    memberId: r.memberId,
    createdAt: isoOr(r.createdAt),
    updatedAt: isoOr(r.updatedAt),
  }));
}

export async function candidateDetail(ex: Executor, workspaceId: string, row: Row) {
  const [candidate] = await candidateViews(ex, [row]);
  const interviews = await ex.select().from(candidateInterviews).where(eq(candidateInterviews.candidateId, row.id)).orderBy(asc(candidateInterviews.at));
  const history = await ex
    .select()
    .from(candidateStages)
    .where(eq(candidateStages.candidateId, row.id))
    .orderBy(asc(candidateStages.at), sql`${candidateStages.id}`);
  const names = await memberNames(ex, workspaceId, [...interviews.map((i) => i.interviewerId), ...history.map((h) => h.actorId)]);
  const check = row.trialCheck;
  return {
    candidate,
    trial:
      row.trialBodyHtml !== null && check
        ? {
            title: row.trialTitle ?? '',
            bodyHtml: row.trialBodyHtml,
            blocked: check.blocked,
            findings: check.findings,
            maxSimilarity: check.maxSimilarity,
            similarityWarn: check.similarityWarn,
            screenedAt: isoOr(row.trialAt ?? row.updatedAt),
          }
        : null,
    interviews: interviews.map((i) => ({
      interviewerId: i.interviewerId,
      interviewerName: names.get(i.interviewerId) ?? null,
      scores: i.scores,
      notes: i.notes,
      at: isoOr(i.at),
    })),
    history: history.map((h) => ({
      from: h.fromStage as Stage | null,
      to: h.toStage as Stage,
      actorName: h.actorId ? (names.get(h.actorId) ?? null) : null,
      at: iso(h.at) as string,
    })),
  };
}
