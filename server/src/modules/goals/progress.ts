// A goal's progress: the figures of its period day by day, the value so far, the forecast of the
// period's end (forecast.ts) and its state.
import type { Executor } from '../../db/pool';
import { publishedBetween } from '../publishing/lookup';
import { addDays, dayIn, daysBetween, eachDay, startOfDay } from './days';
import { type Forecast, type GoalState, forecastRate, forecastSum, stateOf } from './forecast';
import { type GoalRow, dailyFigures } from './repository';

export interface Progress {
  actual: number;
  progress: number;
  daysElapsed: number;
  daysTotal: number;
  dataUntil: string | null;
  forecast: Forecast | null;
  state: GoalState;
  series: { day: string; value: number }[];
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** The goal's daily amounts from its first day to its last day with figures (days without figures count as none). */
async function dailyOf(ex: Executor, g: GoalRow, tz: string, until: string) {
  const days = eachDay(g.startDay, until);
  if (g.metric === 'posts_published') {
    const live = await publishedBetween(ex, g.workspaceId, startOfDay(tz, g.startDay), startOfDay(tz, addDays(until, 1)), {
      accountIds: g.accountId ? [g.accountId] : undefined,
      ownerId: g.memberId ?? undefined,
    });
    const per = new Map<string, number>();
    for (const p of live) per.set(dayIn(tz, p.publishedAt), (per.get(dayIn(tz, p.publishedAt)) ?? 0) + 1);
    return { days, num: days.map((d) => per.get(d) ?? 0), den: null, dataUntil: days.length ? until : null };
  }
  const figures = await dailyFigures(ex, g.workspaceId, { accountId: g.accountId, memberId: g.memberId }, g.startDay, until);
  const dataUntil = figures.length ? figures[figures.length - 1].day : null;
  const byDay = new Map(figures.map((f) => [f.day, f]));
  const seen = dataUntil ? days.filter((d) => d <= dataUntil) : [];
  const pick = (d: string) => {
    const f = byDay.get(d);
    if (g.metric === 'followers_gained') return f?.followersGained ?? 0;
    if (g.metric === 'views') return f?.views ?? 0;
    return f?.interactions ?? 0;
  };
  return {
    days: seen,
    num: seen.map(pick),
    den: g.metric === 'engagement_rate' ? seen.map((d) => byDay.get(d)?.views ?? 0) : null,
    dataUntil,
  };
}

export async function progressOf(ex: Executor, g: GoalRow, tz: string, now = new Date()): Promise<Progress> {
  const today = dayIn(tz, now);
  const over = today > g.endDay;
  const daysTotal = daysBetween(g.startDay, g.endDay);
  const until = over ? g.endDay : today;
  const d = until < g.startDay ? { days: [], num: [], den: null, dataUntil: null } : await dailyOf(ex, g, tz, until);
  let actual: number;
  let forecast: Forecast | null;
  const series: { day: string; value: number }[] = [];
  if (d.den) {
    let num = 0;
    let den = 0;
    d.days.forEach((day, i) => {
      num += d.num[i];
      den += d.den![i];
      series.push({ day, value: den ? round((num / den) * 100, 3) : 0 });
    });
    actual = den ? (num / den) * 100 : 0;
    forecast = forecastRate(d.num, d.den, daysTotal);
  } else {
    let sum = 0;
    d.days.forEach((day, i) => {
      sum += d.num[i];
      series.push({ day, value: sum });
    });
    actual = sum;
    forecast = forecastSum(d.num, daysTotal);
  }
  const state = stateOf({
    actual,
    target: g.target,
    forecast,
    over,
    cumulativeFinal: g.metric === 'views' || g.metric === 'interactions' || g.metric === 'posts_published',
  });
  return {
    actual: round(actual, 3),
    progress: round(actual / g.target, 4),
    daysElapsed: d.days.length,
    daysTotal,
    dataUntil: d.dataUntil,
    forecast: forecast && { ...forecast, value: round(forecast.value), low: round(forecast.low), high: round(forecast.high) },
    state,
    series,
  };
}
