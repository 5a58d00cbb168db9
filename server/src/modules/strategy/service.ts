// The strategy of a workspace and of its accounts: every save is a whole new version (who, when,
// which fields changed), the shares of pillars and of formats must add up to 100, and linked
// goals are checked and shown through the goals module. Every member reads; strategy.manage writes.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type * as S from '../../../../contract/strategy';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, notFound } from '../../lib/errors';
import type { PageQuery } from '../../lib/paging';
import { paged } from '../../lib/paging';
import { isoOr } from '../../lib/time';
import { activeAccounts } from '../accounts/repository';
import { requireAccount } from '../accounts/service';
import * as goals from '../goals/service';
import { type Actor, audit } from '../identity/audit';
import { memberNames } from '../identity/membership';
import { assertCan } from '../identity/roles';
import { scheduledPosts } from '../content/repository';
import { EMPTY, diffStrategy } from './diff';
import { computeMix } from './mix';
import * as repo from './repository';

type Content = z.infer<typeof S.StrategyContent>;
const STRATEGY = { zh: '策略', en: 'Strategy' };
const VERSION = { zh: '策略版本', en: 'Strategy version' };

function invalid(zh: string, en: string, path: string): never {
  throw new AppError('validation_failed', { zh, en }, [{ path, message: `${zh} / ${en}` }]);
}

const sum = (xs: { share: number }[]) => Math.round(xs.reduce((a, x) => a + x.share, 0) * 100) / 100;

/** The rules a save must meet beyond the shapes: shares add up to 100, no duplicates, sane age ranges. */
function checkContent(b: z.infer<typeof S.StrategyBody>) {
  if (b.pillars.length && sum(b.pillars) !== 100)
    invalid(`内容支柱的占比合计须为 100%，现在是 ${sum(b.pillars)}%`, `The pillars' shares must add up to 100%; they add up to ${sum(b.pillars)}%`, 'pillars');
  if (b.formats.length && sum(b.formats) !== 100)
    invalid(`内容形式的占比合计须为 100%，现在是 ${sum(b.formats)}%`, `The formats' shares must add up to 100%; they add up to ${sum(b.formats)}%`, 'formats');
  const names = b.pillars.map((p) => p.name.toLowerCase());
  if (new Set(names).size !== names.length) invalid('内容支柱不能重名', 'Two pillars have the same name', 'pillars');
  if (new Set(b.formats.map((f) => f.format)).size !== b.formats.length) invalid('内容形式不能重复', 'A format is listed twice', 'formats');
  if (new Set(b.goals.map((g) => g.goalId)).size !== b.goals.length) invalid('同一目标不能关联两次', 'A goal is linked twice', 'goals');
  for (const p of b.personas)
    if (p.ageMin !== null && p.ageMax !== null && p.ageMin > p.ageMax)
      invalid(`受众画像「${p.name}」的最小年龄大于最大年龄`, `Persona “${p.name}”: the minimum age is above the maximum`, 'personas');
}

/** Linked goals must be the workspace's; their live progress comes from the goals module. */
async function goalViews(deps: Deps, actor: Actor, links: Content['goals'], strict: boolean) {
  const out: z.infer<typeof S.StrategyGoalView>[] = [];
  for (const link of links) {
    try {
      const g = await goals.get(deps, actor, link.goalId);
      out.push({ ...link, name: g.name, target: g.target, actual: g.actual, progress: g.progress, state: g.state, endDay: g.endDay });
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'not_found')) throw e;
      // A goal deleted since the save drops out of the view; the version keeps its id.
      if (strict) invalid('关联的目标不存在', 'A linked goal does not exist in this workspace', 'goals');
    }
  }
  return out;
}

async function view(deps: Deps, actor: Actor, row: repo.StrategyRow) {
  const v = (await repo.findVersion(deps.db, row.id, row.version)) as repo.VersionRow;
  const names = await memberNames(deps.db, actor.workspaceId, [v.createdBy]);
  const account = row.accountId ? await requireAccount(deps.db, actor.workspaceId, row.accountId).catch(() => null) : null;
  return {
    id: row.id,
    accountId: row.accountId,
    accountName: account?.name ?? null,
    version: row.version,
    content: v.content,
    goals: await goalViews(deps, actor, v.content.goals, false),
    updatedBy: v.createdBy,
    updatedByName: v.createdBy ? (names.get(v.createdBy) ?? null) : null,
    updatedAt: isoOr(v.createdAt),
  };
}

async function scoped(ex: Executor, actor: Actor, accountId: string | null | undefined) {
  if (accountId) await requireAccount(ex, actor.workspaceId, accountId);
  return repo.findStrategy(ex, actor.workspaceId, accountId ?? null);
}

export async function getStrategy(deps: Deps, actor: Actor, accountId?: string | null) {
  const row = await scoped(deps.db, actor, accountId);
  return row && row.version > 0 ? view(deps, actor, row) : null;
}

export async function listStrategies(deps: Deps, actor: Actor) {
  const rows = await repo.listStrategies(deps.db, actor.workspaceId);
  const out = [];
  for (const r of rows) out.push(await view(deps, actor, r));
  return out;
}

export async function saveStrategy(deps: Deps, actor: Actor, body: z.infer<typeof S.StrategyBody>) {
  assertCan(actor.role, 'strategy.manage');
  checkContent(body);
  if (body.accountId) await requireAccount(deps.db, actor.workspaceId, body.accountId);
  await goalViews(deps, actor, body.goals, true);
  const content: Content = {
    positioning: body.positioning,
    personas: body.personas.map((p) => ({ ...p, id: p.id ?? randomUUID() })),
    pillars: body.pillars.map((p) => ({ ...p, id: p.id ?? randomUUID() })),
    formats: body.formats,
    postsPerWeek: body.postsPerWeek,
    goals: body.goals,
  };
  const row = await deps.db.transaction(async (tx) => {
    const s = await repo.ensureStrategy(tx, actor.workspaceId, body.accountId);
    if (body.expectedVersion !== undefined && body.expectedVersion !== s.version)
      throw new AppError('conflict', {
        zh: `策略已被他人修改（当前版本 ${s.version}），请刷新后再改`,
        en: `The strategy was changed by someone else (now version ${s.version}); reload and edit again`,
      });
    const before = s.version ? ((await repo.findVersion(tx, s.id, s.version)) as repo.VersionRow).content : EMPTY;
    const changed = diffStrategy(before, content).map((c) => c.path);
    const version = s.version + 1;
    await repo.addVersion(tx, { workspaceId: actor.workspaceId, strategyId: s.id, version, content, changed, note: body.note, createdBy: actor.userId });
    await audit(tx, actor, { action: 'strategy.save', entityType: 'strategy', entityId: s.id, after: { accountId: body.accountId, version, changed } });
    return { ...s, version };
  });
  return view(deps, actor, row);
}

export async function listVersions(deps: Deps, actor: Actor, q: { accountId?: string } & PageQuery) {
  const row = await scoped(deps.db, actor, q.accountId);
  if (!row) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  return paged(
    q,
    (limit, offset) => repo.versionsPage(deps.db, row.id, limit, offset),
    repo.versionCount(deps.db, row.id),
    async (rows) => {
      const names = await memberNames(
        deps.db,
        actor.workspaceId,
        rows.map((r) => r.createdBy),
      );
      return rows.map((r) => ({
        version: r.version,
        createdBy: r.createdBy,
        createdByName: r.createdBy ? (names.get(r.createdBy) ?? null) : null,
        createdAt: isoOr(r.createdAt),
        note: r.note,
        changed: r.changed,
      }));
    },
  );
}

export async function diffVersions(deps: Deps, actor: Actor, q: z.infer<typeof S.StrategyDiffQuery>) {
  const row = await scoped(deps.db, actor, q.accountId);
  if (!row) throw notFound(STRATEGY);
  const [a, b] = [await repo.findVersion(deps.db, row.id, q.from), await repo.findVersion(deps.db, row.id, q.to)];
  if (!a || !b) throw notFound(VERSION);
  return { from: q.from, to: q.to, changes: diffStrategy(a.content, b.content) };
}

/** Every pillar of every current strategy of the workspace, for the post editor. */
export async function listPillars(deps: Deps, actor: Actor) {
  const accounts = new Map((await activeAccounts(deps.db, actor.workspaceId)).map((a) => [a.id, a.name]));
  const out: z.infer<typeof S.PillarChoice>[] = [];
  for (const s of await repo.listStrategies(deps.db, actor.workspaceId)) {
    if (s.accountId && !accounts.has(s.accountId)) continue;
    const v = (await repo.findVersion(deps.db, s.id, s.version)) as repo.VersionRow;
    for (const p of v.content.pillars)
      out.push({ id: p.id, name: p.name, accountId: s.accountId, accountName: s.accountId ? (accounts.get(s.accountId) ?? null) : null });
  }
  return out;
}

/** Whether a strategy of the workspace ever named this pillar (a post may keep a pillar a later version dropped). */
export async function pillarKnown(ex: Executor, workspaceId: string, pillarId: string) {
  return (await repo.pillarNames(ex, workspaceId)).has(pillarId);
}

/** The current content of the workspace's (or an account's) strategy, for the mix; null when none. */
export async function currentPlan(ex: Executor, workspaceId: string, accountId: string | null) {
  const s = await repo.findStrategy(ex, workspaceId, accountId);
  if (!s?.version) return null;
  const v = (await repo.findVersion(ex, s.id, s.version)) as repo.VersionRow;
  return { version: s.version, content: v.content };
}

const MIX_DAYS = 30;

/**
 * The real mix of the posts scheduled or published in [from, to) (default the last 30 days)
 * against the plan: an account's own strategy if it has one, else the workspace's.
 */
export async function strategyMix(deps: Deps, actor: Actor, q: z.infer<typeof S.StrategyMixQuery>) {
  const to = q.to ? new Date(q.to) : new Date();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - MIX_DAYS * 86_400_000);
  if (from >= to) invalid('开始时间须早于结束时间', 'The start must be before the end', 'from');
  if (to.getTime() - from.getTime() > 366 * 86_400_000) invalid('时间范围最长一年', 'The period is at most a year', 'to');
  const all = await activeAccounts(deps.db, actor.workspaceId);
  if (q.accountId) await requireAccount(deps.db, actor.workspaceId, q.accountId);
  const plan = (q.accountId ? await currentPlan(deps.db, actor.workspaceId, q.accountId) : null) ?? (await currentPlan(deps.db, actor.workspaceId, null));
  const posts = await scheduledPosts(deps.db, actor.workspaceId, from, to, q.accountId);
  return computeMix(plan, posts, q.accountId ? all.filter((a) => a.id === q.accountId) : all, { from, to });
}
