// Calendar days (YYYY-MM-DD) in a workspace's time zone: periods, weeks and "today".

/** The calendar day of a moment in a time zone. */
export function dayIn(tz: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
export const addDays = (day: string, n: number) => new Date(toDate(day).getTime() + n * 86_400_000).toISOString().slice(0, 10);
/** Days from a to b, both counted (a ≤ b). */
export const daysBetween = (a: string, b: string) => Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86_400_000) + 1;
/** The Monday of the day's week. */
export const mondayOf = (day: string) => addDays(day, -((toDate(day).getUTCDay() + 6) % 7));

/** The last day of a week, month or quarter that starts on (or contains) `start`. */
export function periodEnd(period: 'week' | 'month' | 'quarter', start: string): string {
  if (period === 'week') return addDays(start, 6);
  const d = toDate(start);
  const months = period === 'month' ? 1 : 3 - (d.getUTCMonth() % 3);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 0)).toISOString().slice(0, 10);
}

/**
 * The moment a day of a time zone starts, found by correcting the UTC midnight by the zone's
 * offset at that moment (exact for every zone without a change inside that day).
 */
export function startOfDay(tz: string, day: string): Date {
  const utc = toDate(day);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(utc);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(utc.getTime() - (local - utc.getTime()));
}

export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The first day of the week (Monday), month or quarter containing `day`. */
export function periodStart(period: 'week' | 'month' | 'quarter', day: string): string {
  if (period === 'week') return mondayOf(day);
  const d = toDate(day);
  const month = period === 'month' ? d.getUTCMonth() : d.getUTCMonth() - (d.getUTCMonth() % 3);
  return new Date(Date.UTC(d.getUTCFullYear(), month, 1)).toISOString().slice(0, 10);
}
