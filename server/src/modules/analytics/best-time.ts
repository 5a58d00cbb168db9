// Best time to post, per account: a score for each of the 168 hours of the week (workspace time
// zone, Monday first) learnt from the account's own published posts of the last 16 weeks, and the
// platform's default week (best-time-defaults.ts) where its history says little.
//
// Each post's performance is its interactions over its first 7 days, relative to the account's
// mean (views when the account has no interaction figures). A slot's learnt score is the kernel-
// weighted mean of those ratios: posts at the same hour count fully, ±1–2 h less (σ = 1 h), the
// same hour on other weekdays a quarter, so one post informs its neighbourhood. The platform
// default enters as PRIOR pseudo-posts in every slot, so a slot with little nearby history stays
// near the default and an account with fewer than MIN_POSTS posts gets the default alone.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { BestTime, BestTimeSuggestion } from '../../../../contract/dashboard';
import type { Executor } from '../../db/pool';
import { defaultWeek } from './best-time-defaults';
import { assertAccount, interactionsOf, timezoneOf } from './dashboard-range';

export const HISTORY_DAYS = 112;
export const MIN_POSTS = 5;
/** From this many posts the scores are said to come from the account's history (below: a blend). */
export const HISTORY_POSTS = 20;
const PRIOR = 2;
const SIGMA = 1;
const OTHER_DAY = 0.25;

export const BEST_TIME_DEFINITION = {
  zh: `根据该账号近 16 周已发布内容在发布后 7 天内的互动（相对账号平均值），按发布的星期与小时平滑打分；少于 ${MIN_POSTS} 篇时使用平台默认时段，篇数越多越依据账号自身数据`,
  en: `Scored from the interactions of the account's posts of the last 16 weeks in their first 7 days (relative to its mean), by the weekday and hour they went out, smoothed; with fewer than ${MIN_POSTS} posts the platform's default week is used, and the more posts, the more the account's own history counts`,
};

export type Sample = { slot: number; value: number };

/** The 168 scores (0–100) from samples and the platform's default week; pure, for the tests. */
export function scoreWeek(samples: Sample[], platform: string) {
  const prior = defaultWeek(platform);
  const known = samples.filter((s) => Number.isFinite(s.value) && s.value >= 0);
  const mean = known.reduce((a, s) => a + s.value, 0) / (known.length || 1);
  if (known.length < MIN_POSTS || mean <= 0) {
    return { scores: prior.map((v) => Math.round(v * 1000) / 10), historyWeight: 0 };
  }
  // The prior is put on the ratios' scale (mean 1) with a third of its contrast: a generic curve ranks
  // slots the account has not tried, without outweighing what the account has shown.
  const priorMean = prior.reduce((a, v) => a + v, 0) / prior.length;
  const damped = (p: number) => 1 + (p / priorMean - 1) / 3;
  let weightShare = 0;
  const raw = prior.map((p, slot) => {
    const day = Math.floor(slot / 24);
    const hour = slot % 24;
    let w = 0;
    let wv = 0;
    for (const s of known) {
      const dh = Math.min(Math.abs((s.slot % 24) - hour), 24 - Math.abs((s.slot % 24) - hour));
      const k = Math.exp(-(dh * dh) / (2 * SIGMA * SIGMA)) * (Math.floor(s.slot / 24) === day ? 1 : OTHER_DAY);
      w += k;
      wv += k * (s.value / mean);
    }
    weightShare += w / (w + PRIOR);
    return (wv + PRIOR * damped(p)) / (w + PRIOR);
  });
  const max = Math.max(...raw);
  return { scores: raw.map((v) => Math.round((v / max) * 1000) / 10), historyWeight: Math.round((weightShare / 168) * 100) / 100 };
}

async function samplesOf(ex: Executor, workspaceId: string, accountId: string, tz: string, now: Date): Promise<Sample[]> {
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const r = await ex.execute<{ slot: number; interactions: number | null; views: number | null }>(sql`
    select ((extract(isodow from l.local_at)::int - 1) * 24 + extract(hour from l.local_at)::int) as slot,
      s.interactions, s.views
    from publications pb
    cross join lateral (select pb.published_at at time zone ${tz} as local_at) l
    left join lateral (
      select sum(${interactionsOf('m', true)})::bigint as interactions, sum(m.views)::bigint as views
      from post_metrics m
      where m.publication_id = pb.id and m.account_id = ${accountId}
        and m.day between l.local_at::date and l.local_at::date + 6
    ) s on true
    where pb.workspace_id = ${workspaceId} and pb.account_id = ${accountId} and pb.state = 'published'
      and pb.published_at >= ${since.toISOString()}::timestamptz and pb.published_at <= ${now.toISOString()}::timestamptz`);
  const useInteractions = r.rows.some((x) => x.interactions != null && x.interactions > 0);
  return r.rows
    .map((x) => ({ slot: Number(x.slot), value: Number((useInteractions ? x.interactions : x.views) ?? Number.NaN) }))
    .filter((s) => Number.isFinite(s.value));
}

export async function bestTime(ex: Executor, workspaceId: string, accountId: string, now = new Date()): Promise<z.infer<typeof BestTime>> {
  const account = await assertAccount(ex, workspaceId, accountId);
  const tz = await timezoneOf(ex, workspaceId);
  const samples = await samplesOf(ex, workspaceId, accountId, tz, now);
  const { scores, historyWeight } = scoreWeek(samples, account.platform);
  return {
    accountId,
    platform: account.platform as never,
    timezone: tz,
    posts: samples.length,
    historyWeight,
    source: historyWeight === 0 ? 'default' : samples.length >= HISTORY_POSTS ? 'history' : 'blend',
    scores,
    definition: BEST_TIME_DEFINITION,
  };
}

/** Weekday (0 = Monday), hour and minute of an instant on the wall clock of a time zone. */
export function localSlot(at: Date, tz: string) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday'));
  return { weekday, hour: Number(get('hour')), minute: Number(get('minute')) };
}

/**
 * The best next slots for these accounts (their scores averaged), over the coming 7 days from at
 * least an hour after `after`, each a whole hour of the workspace's clock, at least 3 hours apart.
 */
export async function suggestTimes(
  ex: Executor,
  workspaceId: string,
  accountIds: string[],
  count: number,
  after = new Date(),
): Promise<z.infer<typeof BestTimeSuggestion>> {
  const weeks = await Promise.all([...new Set(accountIds)].map((id) => bestTime(ex, workspaceId, id, after)));
  const tz = weeks[0]?.timezone ?? (await timezoneOf(ex, workspaceId));
  const avg = Array.from({ length: 168 }, (_, i) => weeks.reduce((a, w) => a + w.scores[i], 0) / weeks.length);
  const candidates: { at: Date; weekday: number; hour: number; score: number }[] = [];
  const start = new Date(Math.ceil((after.getTime() + 3_600_000) / 1_800_000) * 1_800_000);
  for (let t = start.getTime(); t < start.getTime() + 7 * 86_400_000; t += 1_800_000) {
    const at = new Date(t);
    const s = localSlot(at, tz);
    if (s.minute !== 0) continue;
    candidates.push({ at, weekday: s.weekday, hour: s.hour, score: Math.round(avg[s.weekday * 24 + s.hour] * 10) / 10 });
  }
  candidates.sort((a, b) => b.score - a.score || a.at.getTime() - b.at.getTime());
  const chosen: typeof candidates = [];
  for (const c of candidates) {
    if (chosen.length >= count) break;
    if (chosen.some((x) => Math.abs(x.at.getTime() - c.at.getTime()) < 3 * 3_600_000)) continue;
    chosen.push(c);
  }
  chosen.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { timezone: tz, slots: chosen.map((c) => ({ at: c.at.toISOString(), weekday: c.weekday, hour: c.hour, score: c.score })) };
}
