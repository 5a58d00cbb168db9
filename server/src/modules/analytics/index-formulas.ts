// The influence indices of PRODUCT.md ("Formulas"), as pure functions of an account's articles
// or posts over a period of d days. A figure nobody knows (null) counts as 0: WeChat's API has no
// 在看 or likes, so they are 0 unless imported, and the index says so by showing its parts.

export const WCI_DEFAULTS = { reads: 0.7, zaikan: 0.09, likes: 0.06, shares: 0.15, daily: 0.6, perArticle: 0.2, headline: 0.1, peak: 0.1 };
export const BCI_DEFAULTS = { activity: 0.2, spread: 0.8, reposts: 0.4, comments: 0.4, likes: 0.2 };
export type WciWeights = typeof WCI_DEFAULTS;
export type BciWeights = typeof BCI_DEFAULTS;

/** One published article or post with its totals (all its days up to the period's end). */
export interface Item {
  /** The day it was published (the workspace's calendar) and the moment, to find each day's headline. */
  day: string;
  at: Date;
  reads: number;
  zaikan: number;
  likes: number;
  shares: number;
  comments: number;
}

const ln = Math.log;
type Four = { r: number; z: number; l: number; re: number };

/** f(r, z, l, re) = 0.70·ln(r+1) + 0.09·ln(10z+1) + 0.06·ln(10l+1) + 0.15·ln(10re+1), weights editable. */
export const wciF = (w: WciWeights, x: Four) => w.reads * ln(x.r + 1) + w.zaikan * ln(10 * x.z + 1) + w.likes * ln(10 * x.l + 1) + w.shares * ln(10 * x.re + 1);

const totals = (xs: Item[]): Four => ({
  r: xs.reduce((a, x) => a + x.reads, 0),
  z: xs.reduce((a, x) => a + x.zaikan, 0),
  l: xs.reduce((a, x) => a + x.likes, 0),
  re: xs.reduce((a, x) => a + x.shares, 0),
});
const divide = (t: Four, by: number): Four => (by ? { r: t.r / by, z: t.z / by, l: t.l / by, re: t.re / by } : { r: 0, z: 0, l: 0, re: 0 });

/**
 * WCI V14.2: O = f on daily averages (totals / d), A = f on per-article averages, H = f on the
 * daily averages of each day's headline (头条: the day's first article), P = f on the single-article
 * maxima; WCI = (0.6·O + 0.2·A + 0.1·H + 0.1·P)² × 12.
 */
export function wci(items: Item[], d: number, w: WciWeights = WCI_DEFAULTS) {
  const all = totals(items);
  const firstOfDay = new Map<string, Item>();
  for (const x of items) {
    const seen = firstOfDay.get(x.day);
    if (!seen || x.at < seen.at) firstOfDay.set(x.day, x);
  }
  const O = wciF(w, divide(all, d));
  const A = wciF(w, divide(all, items.length));
  const H = wciF(w, divide(totals([...firstOfDay.values()]), d));
  const max = (k: 'reads' | 'zaikan' | 'likes' | 'shares') => Math.max(0, ...items.map((x) => x[k]));
  const P = wciF(w, { r: max('reads'), z: max('zaikan'), l: max('likes'), re: max('shares') });
  const value = (w.daily * O + w.perArticle * A + w.headline * H + w.peak * P) ** 2 * 12;
  return { value, parts: { O, A, H, P, reads: all.r, zaikan: all.z, likes: all.l, shares: all.re, headlines: firstOfDay.size } };
}

/** BCI: (0.2·W1 + 0.8·W2) × 160, W1 = ln(posts+1), W2 = 0.4·ln(reposts+1) + 0.4·ln(comments+1) + 0.2·ln(likes+1), on the period's totals. */
export function bci(items: Item[], w: BciWeights = BCI_DEFAULTS) {
  const reposts = items.reduce((a, x) => a + x.shares, 0);
  const comments = items.reduce((a, x) => a + x.comments, 0);
  const likes = items.reduce((a, x) => a + x.likes, 0);
  const W1 = ln(items.length + 1);
  const W2 = w.reposts * ln(reposts + 1) + w.comments * ln(comments + 1) + w.likes * ln(likes + 1);
  return { value: (w.activity * W1 + w.spread * W2) * 160, parts: { W1, W2, reposts, comments, likes } };
}
