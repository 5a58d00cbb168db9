// The platform's default week when an account's own history is too short to learn from: a
// relative audience-activity curve per hour of the day (workspace time), and how weekends differ.
// These are the commonly reported reading/viewing peaks of each kind of platform, not measured
// here: articles are read on the morning commute, at lunch and most in the evening (21–22h);
// short video peaks at lunch and from 18h to 23h and more at weekends; microblogs in the morning,
// at noon and late evening; long video in the evening and weekend afternoons. They only rank
// slots until the account has its own history (best-time.ts blends the two by how much it has).
import type { PlatformId } from '../../../../contract/platforms';

type Curve = { hours: number[]; weekend: number; weekendHours?: number[] };

// 24 values, 0h … 23h, relative activity (any scale).
const ARTICLE: Curve = {
  hours: [2, 1, 1, 1, 1, 2, 4, 8, 9, 6, 5, 6, 9, 7, 5, 5, 5, 6, 7, 8, 9, 10, 9, 5],
  weekend: 0.85,
};
const SHORT_VIDEO: Curve = {
  hours: [4, 2, 1, 1, 1, 1, 2, 3, 4, 4, 4, 6, 9, 8, 5, 5, 5, 6, 9, 9, 10, 10, 9, 6],
  weekend: 1.1,
};
const MICROBLOG: Curve = {
  hours: [4, 2, 1, 1, 1, 1, 3, 6, 8, 8, 6, 7, 9, 7, 6, 6, 6, 7, 8, 8, 9, 10, 10, 7],
  weekend: 0.95,
};
const LONG_VIDEO: Curve = {
  hours: [5, 3, 2, 1, 1, 1, 1, 2, 3, 3, 4, 5, 6, 6, 5, 5, 6, 7, 8, 9, 10, 10, 9, 7],
  weekend: 1.1,
  weekendHours: [5, 3, 2, 1, 1, 1, 1, 2, 3, 5, 6, 7, 8, 9, 9, 9, 9, 8, 9, 10, 10, 10, 9, 7],
};
const LIFESTYLE: Curve = {
  hours: [3, 2, 1, 1, 1, 1, 2, 4, 5, 5, 5, 6, 9, 8, 5, 5, 5, 6, 8, 9, 10, 10, 9, 5],
  weekend: 1.05,
};

const CURVES: Record<PlatformId, Curve> = {
  wechat_oa: ARTICLE,
  zhihu: ARTICLE,
  toutiao: ARTICLE,
  custom: ARTICLE,
  douyin: SHORT_VIDEO,
  kuaishou: SHORT_VIDEO,
  channels: SHORT_VIDEO,
  weibo: MICROBLOG,
  bilibili: LONG_VIDEO,
  xiaohongshu: LIFESTYLE,
};

/** 168 values (weekday 0 = Monday × 24 + hour), the highest 1. */
export function defaultWeek(platform: string): number[] {
  const c = CURVES[platform as PlatformId] ?? ARTICLE;
  const week: number[] = [];
  for (let d = 0; d < 7; d++) {
    const weekend = d >= 5;
    const hours = weekend && c.weekendHours ? c.weekendHours : c.hours;
    for (let h = 0; h < 24; h++) week.push(hours[h] * (weekend ? c.weekend : 1));
  }
  const max = Math.max(...week);
  return week.map((v) => v / max);
}
