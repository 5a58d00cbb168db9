// A candidate's trial piece (试稿), written in the product, goes through the same checks as a
// post: the risk module's screening (word lists, Advertising-Law terms) and its originality check
// against the archive. Interviewers (hiring.interview) each give their own scores and notes.
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as P from '../../../../contract/people';
import type { Deps } from '../../context';
import { sanitizeArticleHtml } from '../../lib/sanitize-html';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { distinctFindings, screenTexts } from '../risk/engine';
import { checkDraft } from '../risk/originality-service';
import { candidate } from './hiring';
import { candidateDetail } from './hiring-views';
import { candidateInterviews, candidates } from './tables';

export async function saveTrial(deps: Deps, actor: Actor, id: string, body: z.infer<typeof P.TrialBody>) {
  assertCan(actor.role, 'people.manage');
  await candidate(deps.db, actor.workspaceId, id);
  const bodyHtml = sanitizeArticleHtml(body.bodyHtml);
  const screened = await screenTexts(deps.db, actor.workspaceId, { title: body.title, digest: '', bodyHtml }, []);
  const original = await checkDraft(deps, actor, { title: body.title, bodyHtml });
  const check = {
    blocked: screened.blocked,
    findings: distinctFindings(screened.findings).map((f) => ({ term: f.term, category: f.category, action: f.action })),
    maxSimilarity: original.maxSimilarity,
    similarityWarn: original.warn,
  };
  return deps.db.transaction(async (tx) => {
    const row = await candidate(tx, actor.workspaceId, id, true);
    const [saved] = await tx
      .update(candidates)
      .set({ trialTitle: body.title, trialBodyHtml: bodyHtml, trialCheck: check, trialAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(candidates.id, row.id))
      .returning();
    await audit(tx, actor, {
      action: 'candidate.trial',
      entityType: 'candidate',
      entityId: id,
      after: { blocked: check.blocked, findings: check.findings.length, maxSimilarity: check.maxSimilarity },
    });
    return candidateDetail(tx, actor.workspaceId, saved);
  });
}

/** The interviewer's own scores and notes; giving them again replaces them. */
export async function saveInterview(deps: Deps, actor: Actor, id: string, body: z.infer<typeof P.InterviewBody>) {
  assertCan(actor.role, 'hiring.interview');
  return deps.db.transaction(async (tx) => {
    const row = await candidate(tx, actor.workspaceId, id, true);
    await tx
      .insert(candidateInterviews)
      .values({ workspaceId: actor.workspaceId, candidateId: id, interviewerId: actor.userId, scores: body.scores, notes: body.notes })
      .onConflictDoUpdate({
        target: [candidateInterviews.candidateId, candidateInterviews.interviewerId],
        set: { scores: body.scores, notes: body.notes, at: sql`now()` },
      });
    await audit(tx, actor, { action: 'candidate.interview', entityType: 'candidate', entityId: id, after: { criteria: Object.keys(body.scores).length } });
    const [fresh] = await tx
      .select()
      .from(candidates)
      .where(and(eq(candidates.id, row.id)));
    return candidateDetail(tx, actor.workspaceId, fresh);
  });
}
