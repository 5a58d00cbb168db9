// Where a goal's period will end, from the days seen so far.
//
// Method: the cumulative series is treated as a random walk with drift (its linear trend): each
// day adds an independent amount with mean μ and standard deviation s, both estimated from the
// n days seen. The end value is C_n + m·μ̂ for the m days left; its variance is the noise of the
// m future days plus the uncertainty of μ̂ carried over m days: m·s² + m²·s²/n. The interval is
// the 80 % prediction interval with Student's t on n − 1 degrees of freedom (few days: wider).
// A rate (engagement rate) is forecast as its value so far, the interval from the spread of the
// daily rates weighted by the share of the period still to come.
//
// "At risk" uses the point forecast, not the interval's upper bound: the upper bound only drops
// below target once a miss is nearly certain, usually too late to act; the point forecast says
// "at this pace the goal is missed" while most of the period is still left.

export const MIN_DAYS = 3;

/** Two-sided 80 % quantiles of Student's t (t_{0.9}) by degrees of freedom. */
const T80: [number, number][] = [
  [1, 3.078],
  [2, 1.886],
  [3, 1.638],
  [4, 1.533],
  [5, 1.476],
  [6, 1.44],
  [7, 1.415],
  [8, 1.397],
  [9, 1.383],
  [10, 1.372],
  [15, 1.341],
  [20, 1.325],
  [30, 1.31],
  [60, 1.296],
];
export function t80(df: number) {
  let q = 1.2816;
  for (let i = T80.length - 1; i >= 0; i--) if (df <= T80[i][0]) q = T80[i][1];
  return q;
}

export interface Forecast {
  value: number;
  low: number;
  high: number;
  method: string;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

/** The end-of-period total from daily amounts (`daily[i]` = day i + 1 of the period), `total` days in all. */
export function forecastSum(daily: number[], total: number): Forecast | null {
  const n = daily.length;
  if (n < MIN_DAYS) return null;
  const sofar = daily.reduce((a, b) => a + b, 0);
  const m = Math.max(0, total - n);
  const mu = sofar / n;
  const s = sd(daily);
  const half = t80(n - 1) * Math.sqrt(m * s * s + (m * m * s * s) / n);
  const value = sofar + m * mu;
  // A total of non-negative days cannot end below what is already there (followers gained can).
  const floor = daily.every((x) => x >= 0) ? sofar : Number.NEGATIVE_INFINITY;
  return { value, low: Math.max(floor, value - half), high: value + half, method: 'drift' };
}

/** The end-of-period rate (interactions / views) from the daily numerators and denominators. */
export function forecastRate(num: number[], den: number[], total: number): Forecast | null {
  const days = num.map((x, i) => [x, den[i]] as const).filter(([, d]) => d > 0);
  const n = num.length;
  if (n < MIN_DAYS || days.length < MIN_DAYS) return null;
  const sumD = den.reduce((a, b) => a + b, 0);
  const value = (num.reduce((a, b) => a + b, 0) / sumD) * 100;
  const rates = days.map(([x, d]) => (x / d) * 100);
  const m = Math.max(0, total - n);
  const half = (m / total) * t80(days.length - 1) * sd(rates) * Math.sqrt((m ? 1 / m : 0) + 1 / days.length);
  return { value, low: Math.max(0, value - half), high: value + half, method: 'rate' };
}

export type GoalState = 'too_early' | 'on_track' | 'at_risk' | 'met' | 'missed';

/**
 * The goal's state. A total already at its target is met (it cannot fall back, except
 * followers gained, which is judged at the end); a rate is only met when the period is over.
 */
export function stateOf(o: { actual: number; target: number; forecast: Forecast | null; over: boolean; cumulativeFinal: boolean }): GoalState {
  if (o.over) return o.actual >= o.target ? 'met' : 'missed';
  if (o.cumulativeFinal && o.actual >= o.target) return 'met';
  if (!o.forecast) return 'too_early';
  return o.forecast.value < o.target ? 'at_risk' : 'on_track';
}
