// Hiring: open positions and candidates moving applied → trial (试稿) → interview → offer → hired,
// or rejected from any open stage. Every stage change is audited with the candidate's id and the
// stages only. Hiring sends an invitation through the identity module; accepting it starts the
// new member's onboarding checklist (onboarding.ts). Erasing a candidate blanks their personal
// data and deletes their interviews; the stage history and the audit trail keep ids only.
import { and, desc, eq, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as P from '../../../../contract/people';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, invalidState, notFound } from '../../lib/errors';
import { type PageQuery, paged } from '../../lib/paging';
import { contains } from '../../lib/sql';
import { isoOr } from '../../lib/time';
import { type Actor, audit } from '../identity/audit';
import { invite } from '../identity/members';
import { assertCan } from '../identity/roles';
import { candidateDetail, candidateViews } from './hiring-views';
import { candidateInterviews, candidateStages, candidates, hiringPositions } from './tables';

const POSITION = { zh: '职位', en: 'Position' };
const CANDIDATE = { zh: '候选人', en: 'Candidate' };
type Stage = z.infer<typeof P.Stage>;

/** The one step forward from each open stage; any open stage may also go to rejected. */
const NEXT: Record<Stage, Stage | null> = { applied: 'trial', trial: 'interview', interview: 'offer', offer: 'hired', hired: null, rejected: null };

export function canMove(from: Stage, to: Stage) {
  if (from === 'hired' || from === 'rejected') return false;
  return to === 'rejected' || NEXT[from] === to;
}

async function position(ex: Executor, workspaceId: string, id: string) {
  const [row] = await ex
    .select()
    .from(hiringPositions)
    .where(and(eq(hiringPositions.id, id), eq(hiringPositions.workspaceId, workspaceId)));
  if (!row) throw notFound(POSITION);
  return row;
}

const positionCounts = (workspaceId: string) =>
  sql<number>`(select count(*)::int from ${candidates} c where c.position_id = ${hiringPositions.id} and c.workspace_id = ${workspaceId} and c.erased_at is null)`;

export async function listPositions(deps: Deps, actor: Actor) {
  assertCan(actor.role, 'hiring.interview');
  const rows = await deps.db
    .select({ p: hiringPositions, n: positionCounts(actor.workspaceId) })
    .from(hiringPositions)
    .where(eq(hiringPositions.workspaceId, actor.workspaceId))
    .orderBy(hiringPositions.status, desc(hiringPositions.createdAt));
  return rows.map((r) => ({ ...r.p, status: r.p.status as 'open' | 'closed', candidates: r.n, createdAt: isoOr(r.p.createdAt) }));
}

export async function createPosition(deps: Deps, actor: Actor, body: z.infer<typeof P.PositionBody>) {
  assertCan(actor.role, 'people.manage');
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(hiringPositions)
      .values({ workspaceId: actor.workspaceId, ...body })
      .returning();
    await audit(tx, actor, { action: 'position.create', entityType: 'hiring_position', entityId: row.id, after: { title: row.title } });
    return { ...row, status: 'open' as const, candidates: 0, createdAt: isoOr(row.createdAt) };
  });
}

export async function updatePosition(deps: Deps, actor: Actor, id: string, body: z.infer<typeof P.UpdatePositionBody>) {
  assertCan(actor.role, 'people.manage');
  return deps.db.transaction(async (tx) => {
    const before = await position(tx, actor.workspaceId, id);
    await tx.update(hiringPositions).set(body).where(eq(hiringPositions.id, id));
    await audit(tx, actor, {
      action: 'position.update',
      entityType: 'hiring_position',
      entityId: id,
      before: { title: before.title, status: before.status },
      after: body,
    });
    const [row] = await tx
      .select({ p: hiringPositions, n: positionCounts(actor.workspaceId) })
      .from(hiringPositions)
      .where(eq(hiringPositions.id, id));
    return { ...row.p, status: row.p.status as 'open' | 'closed', candidates: row.n, createdAt: isoOr(row.p.createdAt) };
  });
}

/** A candidate of the workspace that has not been erased. */
export async function candidate(ex: Executor, workspaceId: string, id: string, lock = false) {
  const q = ex
    .select()
    .from(candidates)
    .where(and(eq(candidates.id, id), eq(candidates.workspaceId, workspaceId), isNull(candidates.erasedAt)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound(CANDIDATE);
  return row;
}

export async function createCandidate(deps: Deps, actor: Actor, body: z.infer<typeof P.CandidateBody>) {
  assertCan(actor.role, 'people.manage');
  const pos = await position(deps.db, actor.workspaceId, body.positionId);
  if (pos.status !== 'open') throw invalidState({ zh: '该职位已关闭', en: 'This position is closed' });
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(candidates)
      .values({ workspaceId: actor.workspaceId, ...body })
      .returning();
    await tx.insert(candidateStages).values({ workspaceId: actor.workspaceId, candidateId: row.id, toStage: 'applied', actorId: actor.userId });
    await audit(tx, actor, { action: 'candidate.create', entityType: 'candidate', entityId: row.id, after: { positionId: row.positionId, stage: 'applied' } });
    return (await candidateViews(tx, [row]))[0];
  });
}

export async function listCandidates(deps: Deps, actor: Actor, q: z.infer<typeof P.CandidateQuery> & PageQuery) {
  assertCan(actor.role, 'hiring.interview');
  const c = candidates;
  const w: (SQL | undefined)[] = [eq(c.workspaceId, actor.workspaceId), isNull(c.erasedAt)];
  if (q.positionId) w.push(eq(c.positionId, q.positionId));
  if (q.stage) w.push(eq(c.stage, q.stage));
  if (q.q) w.push(or(ilike(c.name, contains(q.q)), ilike(c.source, contains(q.q))));
  const where = and(...w);
  return paged(
    q,
    (limit, offset) => deps.db.select().from(c).where(where).orderBy(desc(c.updatedAt)).limit(limit).offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(c).where(where),
    (rows) => candidateViews(deps.db, rows),
  );
}

export async function getCandidate(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'hiring.interview');
  return candidateDetail(deps.db, actor.workspaceId, await candidate(deps.db, actor.workspaceId, id));
}

export async function updateCandidate(deps: Deps, actor: Actor, id: string, body: z.infer<typeof P.UpdateCandidateBody>) {
  assertCan(actor.role, 'people.manage');
  return deps.db.transaction(async (tx) => {
    await candidate(tx, actor.workspaceId, id, true);
    const [row] = await tx
      .update(candidates)
      .set({ ...body, updatedAt: sql`now()` })
      .where(eq(candidates.id, id))
      .returning();
    // Which fields changed, never their values: the audit trail holds no personal data.
    await audit(tx, actor, { action: 'candidate.update', entityType: 'candidate', entityId: id, after: { fields: Object.keys(body) } });
    return (await candidateViews(tx, [row]))[0];
  });
}

export async function moveCandidate(deps: Deps, actor: Actor, id: string, body: z.infer<typeof P.StageBody>) {
  assertCan(actor.role, 'people.manage');
  const current = await candidate(deps.db, actor.workspaceId, id);
  const from = current.stage as Stage;
  if (!canMove(from, body.stage))
    throw invalidState({ zh: `候选人不能从「${from}」改为「${body.stage}」`, en: `A candidate cannot go from ${from} to ${body.stage}` });
  if (body.stage === 'hired' && !body.email)
    throw new AppError('validation_failed', { zh: '录用时须填写发送邀请的邮箱', en: 'Hiring needs the email the invitation goes to' }, [
      { path: 'email', message: 'required' },
    ]);
  // The invitation first (a member with that email already is a clear 409 before anything moves).
  const invitation = body.stage === 'hired' && body.email ? await invite(deps, actor, { email: body.email, role: body.role }) : null;
  return deps.db.transaction(async (tx) => {
    const locked = await candidate(tx, actor.workspaceId, id, true);
    if (locked.stage !== from) throw invalidState({ zh: '候选人的阶段刚被别人改过，请刷新', en: 'Someone else just changed this candidate; reload' });
    const [row] = await tx
      .update(candidates)
      .set({ stage: body.stage, updatedAt: sql`now()`, ...(invitation ? { invitationId: invitation.id } : {}) })
      .where(eq(candidates.id, id))
      .returning();
    await tx.insert(candidateStages).values({ workspaceId: actor.workspaceId, candidateId: id, fromStage: from, toStage: body.stage, actorId: actor.userId });
    await audit(tx, actor, {
      action: 'candidate.stage',
      entityType: 'candidate',
      entityId: id,
      before: { stage: from },
      after: { stage: body.stage, ...(invitation ? { invitationId: invitation.id } : {}) },
    });
    return { candidate: (await candidateViews(tx, [row]))[0], invitationToken: invitation?.token ?? null };
  });
}

/** Deletion on request: the personal data goes, the stage history (ids and stages) and the audit trail stay. */
export async function eraseCandidate(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'people.manage');
  await deps.db.transaction(async (tx) => {
    await candidate(tx, actor.workspaceId, id, true);
    await tx.delete(candidateInterviews).where(eq(candidateInterviews.candidateId, id));
    await tx
      .update(candidates)
      .set({
        name: '',
        contact: '',
        notes: '',
        source: '',
        trialTitle: null,
        trialBodyHtml: null,
        trialCheck: null,
        trialAt: null,
        erasedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(candidates.id, id));
    await audit(tx, actor, { action: 'candidate.erase', entityType: 'candidate', entityId: id });
  });
  return { ok: true as const };
}
