// Scorecard periods: a calendar month or quarter, or any custom span of days; the previous
// period is the month or quarter before, or the same number of days just before a custom span.
import { AppError } from '../../lib/errors';

export type PeriodKind = 'month' | 'quarter' | 'custom';
export type Span = { from: string; to: string };

const DAY = 86_400_000;
const MAX_DAYS = 366;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, n: number) => toDay(ms(day) + n * DAY);

function monthsSpan(start: string, months: number, align: number): Span {
  const d = new Date(ms(start));
  const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % align), 1);
  const f = new Date(first);
  const next = Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + months, 1);
  return { from: toDay(first), to: toDay(next - DAY) };
}

export function periodOf(kind: PeriodKind, start: string, end?: string): Span {
  if (kind === 'month') return monthsSpan(start, 1, 1);
  if (kind === 'quarter') return monthsSpan(start, 3, 3);
  if (!end) throw new AppError('validation_failed', { zh: '自定义周期需要结束日期', en: 'A custom period needs an end day' });
  if (end < start) throw new AppError('validation_failed', { zh: '结束日期不能早于开始日期', en: 'The end day must not be before the start day' });
  if ((ms(end) - ms(start)) / DAY + 1 > MAX_DAYS)
    throw new AppError('validation_failed', { zh: '自定义周期最长一年', en: 'A custom period is at most a year' });
  return { from: start, to: end };
}

export function previousOf(kind: PeriodKind, p: Span): Span {
  if (kind === 'custom') {
    const days = (ms(p.to) - ms(p.from)) / DAY + 1;
    return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
  }
  return periodOf(kind, addDays(p.from, -1));
}
