// Business time: how many working milliseconds lie between two instants, and when a number of
// working milliseconds after an instant runs out, in a workspace's time zone and weekly hours,
// with China's official holidays off and its make-up working days (调休) on. Pure functions.
//
// A make-up day (a Saturday or Sunday worked) is worked with Monday's hours: it stands in for a
// full weekday, while the Saturday's or Sunday's own hours (usually none) would count it as off.
// Extra closed days win over everything, make-up days included. Wall-clock hours are turned into
// instants day by day through the time zone, so a day with a DST change has its true length.
import { CHINA_HOLIDAYS, CHINA_MAKEUP_DAYS } from './china';

/** One opening range of a day, "HH:MM" to "HH:MM" (the end may be "24:00"). */
export type Hours = { start: string; end: string };

export interface WorkCalendar {
  /** IANA zone, e.g. Asia/Shanghai. */
  timezone: string;
  /** Seven days, Monday first; each day's ranges in order, none when closed. */
  week: Hours[][];
  /** China's official holidays closed, its make-up days worked (with Monday's hours). */
  chinaHolidays: boolean;
  /** Extra closed days (YYYY-MM-DD in the time zone). */
  closed: string[];
}

const DAY_MS = 86_400_000;

/** Minutes after midnight of "HH:MM"; "24:00" is the day's end. */
export function minutesOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/.exec(hhmm);
  if (!m) throw new RangeError(`not a time of day: "${hhmm}"`);
  return m[1] === undefined ? 1440 : Number(m[1]) * 60 + Number(m[2]);
}

/**
 * A day's ranges as minutes, refusing a range that crosses midnight (end not after start: split
 * it into …–24:00 and 00:00–…) and ranges that overlap or are out of order.
 */
export function dayRanges(hours: Hours[]): [number, number][] {
  const out: [number, number][] = [];
  for (const h of hours) {
    const r: [number, number] = [minutesOf(h.start), minutesOf(h.end)];
    if (r[1] <= r[0]) throw new RangeError(`${h.start}–${h.end} ends before it starts (a range may not cross midnight)`);
    if (out.length && r[0] < out[out.length - 1][1]) throw new RangeError(`${h.start}–${h.end} overlaps the range before it`);
    out.push(r);
  }
  return out;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function wallAt(t: number, timezone: string) {
  let f = formats.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timezone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
}

// Reading the zone through Intl is the cost of this file, and reports ask about the same days
// over and over: each zone's offset is kept per quarter hour of UTC (offsets change on quarter
// hours), dropped wholesale past a bound.
const QUARTER = 900_000;
const offsets = new Map<string, number>();
const MAX_CACHED = 200_000;

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetAt(t: number, timezone: string) {
  const q = Math.floor(t / QUARTER) * QUARTER;
  const key = `${timezone} ${q}`;
  let o = offsets.get(key);
  if (o === undefined) {
    o = wallAt(q, timezone) - q;
    if (offsets.size >= MAX_CACHED) offsets.clear();
    offsets.set(key, o);
  }
  return o;
}

const localDayOf = (t: number, timezone: string) => new Date(t + offsetAt(t, timezone)).toISOString().slice(0, 10);

/** The instant at `minutes` after midnight of a local day (checked again at the result, for DST). */
function instantOf(day: string, minutes: number, timezone: string) {
  const wall = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
  return wall - offsetAt(wall - offsetAt(wall, timezone), timezone);
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const weekdayOf = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

/** The opening intervals (instants) from the local day of `from` on, in order, without end. */
function* openIntervals(from: number, cal: WorkCalendar): Generator<[number, number]> {
  if (cal.week.length !== 7) throw new RangeError('a week has seven days');
  const week = cal.week.map(dayRanges);
  if (!week.some((d) => d.length)) throw new RangeError('the week has no business hours');
  const closed = new Set(cal.closed);
  for (let day = localDayOf(from, cal.timezone); ; day = nextDay(day)) {
    if (closed.has(day)) continue;
    let ranges = week[weekdayOf(day)];
    if (cal.chinaHolidays && CHINA_HOLIDAYS.has(day)) continue;
    if (cal.chinaHolidays && CHINA_MAKEUP_DAYS.has(day)) ranges = week[0];
    for (const [a, b] of ranges) yield [instantOf(day, a, cal.timezone), instantOf(day, b, cal.timezone)];
  }
}

/** Business milliseconds between two instants, counting stops once past `cap`. */
function count(from: Date, to: Date, cal: WorkCalendar, cap: number): number {
  const f = from.getTime();
  const t = to.getTime();
  let ms = 0;
  if (t <= f) return ms;
  for (const [s, e] of openIntervals(f, cal)) {
    if (s >= t || ms > cap) break;
    ms += Math.max(0, Math.min(e, t) - Math.max(s, f));
  }
  return ms;
}

/** Business milliseconds between two instants (0 when `to` is not after `from`). */
export const businessMs = (from: Date, to: Date, cal: WorkCalendar) => count(from, to, cal, Number.POSITIVE_INFINITY);

/** Whether more than `limit` business milliseconds lie between two instants (a breach), without counting a long span to its end. */
export const exceedsBusinessMs = (from: Date, to: Date, limit: number, cal: WorkCalendar) => count(from, to, cal, limit) > limit;

/** The instant when `ms` business milliseconds after `from` have passed (a deadline). */
export function addBusinessMs(from: Date, ms: number, cal: WorkCalendar): Date {
  const f = from.getTime();
  let left = ms;
  if (left <= 0) return new Date(f);
  for (const [s, e] of openIntervals(f, cal)) {
    const start = Math.max(s, f);
    if (e <= start) continue;
    if (left <= e - start) return new Date(start + left);
    left -= e - start;
  }
  throw new Error('unreachable: openIntervals has no end');
}

/** The opening intervals (instants, ms) that overlap [from, to], in order; none for a week without hours. */
export function openBetween(from: Date, to: Date, cal: WorkCalendar): [number, number][] {
  const out: [number, number][] = [];
  if (!cal.week.some((d) => d.length)) return out;
  for (const [s, e] of openIntervals(from.getTime(), cal)) {
    if (s >= to.getTime()) break;
    if (e > from.getTime()) out.push([s, e]);
  }
  return out;
}
