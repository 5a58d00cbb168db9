// Cadence: each account's planned publications per week by format against what went live, and
// the accounts that went quiet (nothing for quietDays days) or fell short of last week's plan:
// listed for the dashboard and told to the account's operators once per week and flag.
import type { z } from 'zod';
import type { CadencePlanBody } from '../../../../contract/goals';
import { FORMATS } from '../../../../contract/goals';
import { rulesOf } from '../../../../contract/platforms';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { iso } from '../../lib/time';
import { operatorsOf } from '../accounts/repository';
import { requireAccount } from '../accounts/service';
import { type Actor, audit } from '../identity/audit';
import { notify } from '../notify/service';
import { type LivePublication, lastPublished, publishedBetween } from '../publishing/lookup';
import { addDays, dayIn, mondayOf, startOfDay } from './days';
import { accountsOf, allWorkspaceIds, cadencePlansOf, claimCadenceNotice, putCadencePlan, timezoneOf } from './repository';

type Format = (typeof FORMATS)[number];
type Counts = Record<Format, number>;
const DEFAULT_QUIET_DAYS = 7;
const zero = (): Counts => ({ article: 0, video: 0, image: 0, text: 0 });

/**
 * A publication's format: a video if the platform publishes videos or the variant carries one;
 * an article on an article platform; else images if it has any, else text (a status).
 */
export function formatOf(platform: string, p: Pick<LivePublication, 'hasVideo' | 'imageCount' | 'hasBody'>): Format {
  const kind = rulesOf(platform).kind;
  if (kind === 'video' || p.hasVideo) return 'video';
  if ((kind === 'article' || kind === 'zhihu') && p.hasBody) return 'article';
  return p.imageCount > 0 ? 'image' : 'text';
}

export async function rowsOf(ex: Executor, workspaceId: string, now: Date) {
  const tz = await timezoneOf(ex, workspaceId);
  const today = dayIn(tz, now);
  const weekStart = mondayOf(today);
  const lastWeekStart = addDays(weekStart, -7);
  const [accounts, plans, last] = [await accountsOf(ex, workspaceId), await cadencePlansOf(ex, workspaceId), await lastPublished(ex, workspaceId)];
  const live = await publishedBetween(ex, workspaceId, startOfDay(tz, lastWeekStart), startOfDay(tz, addDays(today, 1)));
  const platformOf = new Map(accounts.map((a) => [a.id, a.platform]));
  const counts = new Map<string, { thisWeek: Counts; lastWeek: Counts }>();
  for (const p of live) {
    const c = counts.get(p.accountId) ?? { thisWeek: zero(), lastWeek: zero() };
    counts.set(p.accountId, c);
    const week = dayIn(tz, p.publishedAt) >= weekStart ? c.thisWeek : c.lastWeek;
    week[formatOf(platformOf.get(p.accountId) ?? 'custom', p)]++;
  }
  return accounts.map((a) => {
    const plan = plans.get(a.id);
    const c = counts.get(a.id) ?? { thisWeek: zero(), lastWeek: zero() };
    const quietDays = plan?.quietDays ?? DEFAULT_QUIET_DAYS;
    const planned = plan ? { ...zero(), ...plan.perWeek } : null;
    const since = last.get(a.id) ?? a.createdAt;
    const flags: ('quiet' | 'behind')[] = [];
    if (now.getTime() - since.getTime() >= quietDays * 86_400_000) flags.push('quiet');
    if (planned && FORMATS.some((f) => c.lastWeek[f] < planned[f]) && a.createdAt < startOfDay(tz, lastWeekStart)) flags.push('behind');
    return {
      accountId: a.id,
      accountName: a.name,
      platform: a.platform,
      planned,
      quietDays,
      thisWeek: c.thisWeek,
      lastWeek: c.lastWeek,
      lastPublishedAt: iso(last.get(a.id)),
      flags,
      weekStart,
    };
  });
}

export type CadenceRow = Awaited<ReturnType<typeof rowsOf>>[number];

export async function listCadence(deps: Deps, actor: Actor, now = new Date()) {
  return rowsOf(deps.db, actor.workspaceId, now);
}

export async function setPlan(deps: Deps, actor: Actor, accountId: string, body: z.infer<typeof CadencePlanBody>) {
  await deps.db.transaction(async (tx) => {
    await requireAccount(tx, actor.workspaceId, accountId);
    const perWeek = Object.fromEntries(Object.entries(body.perWeek).filter(([, v]) => v != null));
    await putCadencePlan(tx, { accountId, workspaceId: actor.workspaceId, perWeek, quietDays: body.quietDays, updatedBy: actor.userId });
    await audit(tx, actor, { action: 'cadence.set', entityType: 'account', entityId: accountId, after: { perWeek, quietDays: body.quietDays } });
  });
  const rows = await rowsOf(deps.db, actor.workspaceId, new Date());
  return rows.find((r) => r.accountId === accountId)!;
}

const formatNames: Record<Format, [string, string]> = {
  article: ['图文', 'articles'],
  video: ['视频', 'videos'],
  image: ['图片', 'image posts'],
  text: ['文字', 'text posts'],
};
const shortfall = (r: CadenceRow, zh: boolean) =>
  FORMATS.filter((f) => r.planned && r.lastWeek[f] < r.planned[f])
    .map((f) => (zh ? `${formatNames[f][0]} ${r.lastWeek[f]}/${r.planned![f]}` : `${r.lastWeek[f]} of ${r.planned![f]} ${formatNames[f][1]}`))
    .join(zh ? '，' : ', ');

function message(r: CadenceRow, flag: 'quiet' | 'behind') {
  if (flag === 'quiet') {
    const last = r.lastPublishedAt ? r.lastPublishedAt.slice(0, 10) : null;
    return {
      title: { zh: `账号沉寂：${r.accountName}`, en: `Quiet account: ${r.accountName}` },
      body: {
        zh: `${r.accountName} 已有 ${r.quietDays} 天以上没有发布内容${last ? `（上次发布 ${last}）` : ''}。`,
        en: `${r.accountName} has published nothing for ${r.quietDays} days or more${last ? ` (last on ${last})` : ''}.`,
      },
    };
  }
  return {
    title: { zh: `未达到发布计划：${r.accountName}`, en: `Behind its cadence: ${r.accountName}` },
    body: { zh: `上周发布：${shortfall(r, true)}。`, en: `Last week: ${shortfall(r, false)}.` },
  };
}

/** The periodic check: each flagged account's operators (owners and managers when it has none) are told once per week and flag. */
export async function checkCadence(deps: Deps, now = new Date()) {
  let notified = 0;
  for (const workspaceId of await allWorkspaceIds(deps.db)) {
    const flagged = (await rowsOf(deps.db, workspaceId, now)).filter((r) => r.flags.length);
    if (!flagged.length) continue;
    const ops = await operatorsOf(
      deps.db,
      flagged.map((r) => r.accountId),
    );
    for (const r of flagged) {
      for (const flag of r.flags) {
        await deps.db.transaction(async (tx) => {
          if (!(await claimCadenceNotice(tx, { accountId: r.accountId, workspaceId, weekStart: r.weekStart, flag }))) return;
          const m = message(r, flag);
          const userIds = ops.get(r.accountId);
          await notify(
            deps,
            {
              workspaceId,
              kind: `cadence.${flag}`,
              severity: 'warning',
              ...m,
              link: `/cadence?account=${r.accountId}`,
              userIds: userIds?.length ? userIds : undefined,
            },
            tx,
          );
          notified++;
        });
      }
    }
  }
  return { notified };
}
