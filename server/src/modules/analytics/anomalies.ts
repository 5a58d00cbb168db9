// Spikes and drops in an account's daily figures. Each periodic check takes the account's latest
// day (the last 24 hours of figures) against the 7 days before it: a spike is above mean + k·σ,
// a drop below mean − k·σ (k per workspace, default 3). Only after two consecutive checks find
// the same direction is anyone told, once per episode: a figure corrected between two checks (the
// next-morning finality of some platforms, a typing slip fixed) raises nothing.
// σ is the sample standard deviation of the 7 days, floored at 10 % of their mean (and at 1): a week
// of near-identical days would otherwise make an ordinary 5 % move an "anomaly".
// Followers (a running total) are left out: its moves are followers gained and lost.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { iso } from '../../lib/time';
import { operatorsOf } from '../accounts/repository';
import type { Actor } from '../identity/audit';
import { notify } from '../notify/service';
import { platformAccounts } from '../accounts/tables';
import { ACCOUNT_FIELDS } from './ingest';
import { settingsOf } from './settings';
import { accountMetrics } from './tables';
import { anomalyStates } from './watch-tables';

export const CHECKED = ACCOUNT_FIELDS.filter((f) => f !== 'followers');
type Metric = (typeof CHECKED)[number];
const BASELINE = 7;

export interface Finding {
  direction: 'spike' | 'drop' | null;
  value: number;
  mean: number;
  sigma: number;
}

/** The latest value against its baseline of 7 days; null when a baseline day is missing. */
export function judge(baseline: number[], value: number, k: number): Finding | null {
  if (baseline.length < BASELINE) return null;
  const mean = baseline.reduce((a, b) => a + b, 0) / baseline.length;
  const sd = Math.sqrt(baseline.reduce((a, x) => a + (x - mean) ** 2, 0) / (baseline.length - 1));
  const sigma = Math.max(sd, 0.1 * Math.abs(mean), 1);
  const direction = value > mean + k * sigma ? 'spike' : value < mean - k * sigma ? 'drop' : null;
  return { direction, value, mean, sigma };
}

const NAMES: Record<Metric, [string, string]> = {
  followersGained: ['新增关注', 'followers gained'],
  followersLost: ['取消关注', 'followers lost'],
  views: ['阅读/播放', 'views'],
  likes: ['点赞', 'likes'],
  comments: ['评论', 'comments'],
  shares: ['分享/转发', 'shares'],
  favorites: ['收藏', 'favorites'],
};

const r1 = (x: number) => Math.round(x * 10) / 10;

async function checkAccount(deps: Deps, ex: Executor, a: { id: string; workspaceId: string; name: string }, k: number, now: Date) {
  const days = await ex
    .select()
    .from(accountMetrics)
    .where(eq(accountMetrics.accountId, a.id))
    .orderBy(desc(accountMetrics.day))
    .limit(BASELINE + 1);
  if (days.length < BASELINE + 1) return 0;
  const [latest, ...before] = days;
  const states = new Map((await ex.select().from(anomalyStates).where(eq(anomalyStates.accountId, a.id))).map((s) => [s.metric, s]));
  let told = 0;
  for (const metric of CHECKED) {
    const value = latest[metric];
    const base = before.map((d) => d[metric]).filter((v): v is number => v != null);
    const f = value == null ? null : judge(base, value, k);
    const prev = states.get(metric);
    const direction = f?.direction ?? null;
    const checks = direction && prev?.direction === direction ? prev.checks + 1 : direction ? 1 : 0;
    const tell = direction != null && checks >= 2 && !prev?.notifiedAt;
    const numbers = f ? { value: f.value, mean: r1(f.mean), sigma: r1(f.sigma), k } : null;
    const notifiedAt = direction ? (tell ? now : prev?.direction === direction ? prev.notifiedAt : null) : null;
    await ex
      .insert(anomalyStates)
      .values({ accountId: a.id, workspaceId: a.workspaceId, metric, day: latest.day, direction, checks, numbers, notifiedAt, checkedAt: now })
      .onConflictDoUpdate({
        target: [anomalyStates.accountId, anomalyStates.metric],
        set: { day: latest.day, direction, checks, numbers, notifiedAt, checkedAt: now },
      });
    if (!tell || !numbers) continue;
    const [zh, en] = NAMES[metric];
    const up = direction === 'spike';
    const ops = (await operatorsOf(ex, [a.id])).get(a.id);
    await notify(
      deps,
      {
        workspaceId: a.workspaceId,
        kind: `anomaly.${direction}`,
        severity: 'warning',
        title: { zh: `${a.name}：${zh}${up ? '异常升高' : '异常下降'}`, en: `${a.name}: ${en} ${up ? 'spiked' : 'dropped'}` },
        body: {
          zh: `${latest.day} ${zh} ${numbers.value}，前 7 天均值 ${numbers.mean}，σ ${numbers.sigma}，阈值 均值 ${up ? '+' : '−'} ${k}σ = ${r1(numbers.mean + (up ? k : -k) * numbers.sigma)}。`,
          en: `${en} on ${latest.day}: ${numbers.value}; the 7 days before averaged ${numbers.mean}, σ ${numbers.sigma}; threshold mean ${up ? '+' : '−'} ${k}σ = ${r1(numbers.mean + (up ? k : -k) * numbers.sigma)}.`,
        },
        link: `/analytics/accounts/${a.id}?metric=${metric}`,
        userIds: ops?.length ? ops : undefined,
      },
      ex,
    );
    told++;
  }
  return told;
}

/** The periodic check over every workspace's accounts with figures. */
export async function checkAnomalies(deps: Deps, now = new Date()) {
  let notified = 0;
  const accounts = await deps.db
    .select({ id: platformAccounts.id, workspaceId: platformAccounts.workspaceId, name: platformAccounts.name })
    .from(platformAccounts)
    .where(and(sql`${platformAccounts.archivedAt} is null`, sql`exists (select 1 from ${accountMetrics} m where m.account_id = ${platformAccounts.id})`));
  const ks = new Map<string, number>();
  for (const a of accounts) {
    if (!ks.has(a.workspaceId)) ks.set(a.workspaceId, (await settingsOf(deps.db, a.workspaceId)).anomalyK);
    notified += await deps.db.transaction((tx) => checkAccount(deps, tx, a, ks.get(a.workspaceId)!, now));
  }
  return { notified };
}

/** The workspace's current anomalies (found by the last check), newest first. */
export async function listAnomalies(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .select({ s: anomalyStates, name: platformAccounts.name })
    .from(anomalyStates)
    .innerJoin(platformAccounts, eq(platformAccounts.id, anomalyStates.accountId))
    .where(and(eq(anomalyStates.workspaceId, actor.workspaceId), sql`${anomalyStates.direction} is not null`))
    .orderBy(desc(anomalyStates.checkedAt));
  return rows.map(({ s, name }) => ({
    accountId: s.accountId,
    accountName: name,
    metric: s.metric,
    direction: s.direction as 'spike' | 'drop',
    day: s.day,
    value: s.numbers?.value ?? 0,
    mean: s.numbers?.mean ?? 0,
    sigma: s.numbers?.sigma ?? 0,
    k: s.numbers?.k ?? 0,
    checks: s.checks,
    notifiedAt: iso(s.notifiedAt),
  }));
}
