// Joint campaigns: a plan shared with other departments, its shared goals (the goals module's) and a
// calendar of the posts made from its requests. Those who work requests see every campaign; anyone
// else (a guest) only those their department is involved in, read-only.
import { and, asc, desc, eq, ilike, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as Q from '../../../../contract/requests';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, notFound } from '../../lib/errors';
import { type PageQuery, paged } from '../../lib/paging';
import { contains } from '../../lib/sql';
import { isoOr } from '../../lib/time';
import * as goals from '../goals/service';
import { type Actor, audit } from '../identity/audit';
import { assertDepartment, departmentNames, departmentsOf } from '../identity/departments';
import { assertCan, can } from '../identity/roles';
import { campaigns, requests } from './tables';
import { linkedPosts } from './views';

type Row = typeof campaigns.$inferSelect;
const CAMPAIGN = { zh: '联合活动', en: 'Campaign' };

async function visible(ex: Executor, actor: Actor): Promise<SQL> {
  const ws = eq(campaigns.workspaceId, actor.workspaceId);
  if (can(actor.role, 'requests.work')) return ws;
  const mine = await departmentsOf(ex, actor.workspaceId, actor.userId);
  return and(ws, mine.length ? sql`${campaigns.departmentIds} && ${sql.param(mine)}::uuid[]` : sql`false`) as SQL;
}

async function campaignRow(ex: Executor, actor: Actor, id: string): Promise<Row> {
  const [row] = await ex
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, id), await visible(ex, actor)));
  if (!row) throw notFound(CAMPAIGN);
  return row;
}

/** A campaign named in a request's body: the caller must see it (400 on that field otherwise). */
export async function visibleCampaign(ex: Executor, actor: Actor, id: string, path: string) {
  const [row] = await ex
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.id, id), await visible(ex, actor)));
  if (!row) throw new AppError('validation_failed', { zh: '联合活动不存在', en: 'No such campaign' }, [{ path, message: 'unknown campaign' }]);
}

async function views(ex: Executor, workspaceId: string, rows: Row[]): Promise<z.infer<typeof Q.Campaign>[]> {
  const names = await departmentNames(
    ex,
    workspaceId,
    rows.flatMap((r) => r.departmentIds),
  );
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await ex
        .select({ id: requests.campaignId, n: sql<number>`count(*)::int` })
        .from(requests)
        .where(inArray(requests.campaignId, ids))
        .groupBy(requests.campaignId)
    : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    startDay: r.startDay,
    endDay: r.endDay,
    departments: r.departmentIds.filter((d) => names.has(d)).map((d) => ({ id: d, name: names.get(d) as string })),
    goalIds: r.goalIds,
    requestCount: counts.find((c) => c.id === r.id)?.n ?? 0,
    createdAt: isoOr(r.createdAt),
  }));
}

/** Departments and goals named in a body must be the workspace's (400 naming the field otherwise). */
async function checkRefs(deps: Deps, actor: Actor, b: { departmentIds?: string[]; goalIds?: string[] }) {
  for (const d of b.departmentIds ?? []) await assertDepartment(deps.db, actor.workspaceId, d);
  for (const g of b.goalIds ?? [])
    await goals.get(deps, actor, g).catch(() => {
      throw new AppError('validation_failed', { zh: '目标不存在', en: 'No such goal' }, [{ path: 'goalIds', message: 'unknown goal' }]);
    });
}

export async function listCampaigns(deps: Deps, actor: Actor, q: z.infer<typeof Q.CampaignQuery> & PageQuery) {
  assertCan(actor.role, 'requests.submit');
  const where = and(await visible(deps.db, actor), q.q ? ilike(campaigns.name, contains(q.q)) : undefined);
  return paged(
    q,
    (limit, offset) => deps.db.select().from(campaigns).where(where).orderBy(desc(campaigns.startDay), asc(campaigns.name)).limit(limit).offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(campaigns).where(where),
    (rows) => views(deps.db, actor.workspaceId, rows),
  );
}

export async function createCampaign(deps: Deps, actor: Actor, body: z.infer<typeof Q.CampaignBody>) {
  assertCan(actor.role, 'requests.manage');
  const b = { ...body, departmentIds: [...new Set(body.departmentIds)], goalIds: [...new Set(body.goalIds)] };
  await checkRefs(deps, actor, b);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(campaigns)
      .values({ ...b, workspaceId: actor.workspaceId, createdBy: actor.userId })
      .returning();
    await audit(tx, actor, { action: 'campaign.create', entityType: 'campaign', entityId: row.id, after: b });
    return (await views(tx, actor.workspaceId, [row]))[0];
  });
}

export async function updateCampaign(deps: Deps, actor: Actor, id: string, body: z.infer<typeof Q.UpdateCampaignBody>) {
  assertCan(actor.role, 'requests.manage');
  const before = await campaignRow(deps.db, actor, id);
  const b = {
    ...body,
    ...(body.departmentIds ? { departmentIds: [...new Set(body.departmentIds)] } : {}),
    ...(body.goalIds ? { goalIds: [...new Set(body.goalIds)] } : {}),
  };
  if ((b.startDay ?? before.startDay) > (b.endDay ?? before.endDay))
    throw new AppError('validation_failed', { zh: '开始日期不能晚于结束日期', en: 'The start day must not be after the end day' }, [
      { path: 'endDay', message: 'before start' },
    ]);
  await checkRefs(deps, actor, b);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(campaigns)
      .set({ ...b, updatedAt: sql`now()` })
      .where(eq(campaigns.id, id))
      .returning();
    await audit(tx, actor, {
      action: 'campaign.update',
      entityType: 'campaign',
      entityId: id,
      before: { name: before.name, startDay: before.startDay, endDay: before.endDay, departmentIds: before.departmentIds, goalIds: before.goalIds },
      after: b,
    });
    return (await views(tx, actor.workspaceId, [row]))[0];
  });
}

/** The campaign, its goals' live progress, and the posts of its requests in time order (the shared calendar). */
export async function getCampaign(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'requests.submit');
  const row = await campaignRow(deps.db, actor, id);
  const [campaign] = await views(deps.db, actor.workspaceId, [row]);
  const goalViews = [];
  for (const g of row.goalIds) {
    const v = await goals.get(deps, actor, g).catch(() => null); // a goal deleted since is left out
    if (v) goalViews.push(v);
  }
  const linked = await deps.db
    .select({ id: requests.id, number: requests.number, title: requests.title, postId: requests.postId })
    .from(requests)
    .where(and(eq(requests.campaignId, id), eq(requests.workspaceId, actor.workspaceId), isNotNull(requests.postId)))
    .orderBy(asc(requests.number));
  const posts = await linkedPosts(
    deps,
    actor,
    linked.map((r) => r.postId),
  );
  const when = (p: { publishedAt: string | null; scheduledAt: string | null }) => p.publishedAt ?? p.scheduledAt ?? '9999';
  const calendar = linked
    .filter((r) => r.postId && posts.has(r.postId))
    .map((r) => ({ ...(posts.get(r.postId as string) as z.infer<typeof Q.LinkedPost>), requestId: r.id, requestNumber: r.number, requestTitle: r.title }))
    .sort((a, b) => when(a).localeCompare(when(b)));
  return { campaign, goals: goalViews, posts: calendar };
}
