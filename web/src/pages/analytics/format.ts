import { formatFigure } from './fields';

/** WeChat shows an article's reads above 100,000 as "10万+"; the product stores that as 100001. */
export const WECHAT_CAP = 100001;

/** Reads as the platform shows them: a WeChat article at or over the cap is "10万+". */
export function formatReads(v: number | null | undefined, platform: string | null | undefined, lang: string): string {
  if (v != null && platform === 'wechat_oa' && v >= WECHAT_CAP) return '10万+';
  return formatFigure(v, lang);
}

/** A rate (0–1) as a percentage with two decimals; unknown as a dash. */
export function formatRate(v: number | null | undefined): string {
  return v == null ? '—' : `${(v * 100).toFixed(2)}%`;
}

/** The change against a base period, as a signed percentage; null when the base is unknown or 0. */
export function change(now: number | null | undefined, base: number | null | undefined): number | null {
  if (now == null || base == null || base === 0) return null;
  return (now - base) / Math.abs(base);
}

/** Today and n−1 days before it, as YYYY-MM-DD in the given time zone. */
export function lastDays(n: number, tz: string, now = new Date()): [string, string] {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - (n - 1) * 86_400_000).toISOString().slice(0, 10);
  return [from, today];
}
