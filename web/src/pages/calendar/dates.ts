// Calendar date math. Days are 'YYYY-MM-DD' strings in the workspace's zone; instants are ISO.
import type { CalendarItem, PostStatus, PublicationState } from '../../types';
import { addDays, addMonths, type Day, dayOf, timeOf, weekdayOf, zonedToIso } from '../../time';

export type View = 'month' | 'week' | 'day';

/** The first day of the week containing `day` (weekStart: 0 = Sunday, 1 = Monday). */
export function startOfWeek(day: Day, weekStart = 1): Day {
  const back = (weekdayOf(day) - weekStart + 7) % 7;
  return addDays(day, -back);
}

export function weekDays(anchor: Day, weekStart = 1): Day[] {
  const first = startOfWeek(anchor, weekStart);
  return Array.from({ length: 7 }, (_, i) => addDays(first, i));
}

/** Whole weeks covering the anchor's month (4 to 6 rows of 7 days). */
export function monthGrid(anchor: Day, weekStart = 1): Day[] {
  const first = `${anchor.slice(0, 7)}-01`;
  const last = addDays(addMonths(first, 1), -1);
  const start = startOfWeek(first, weekStart);
  const end = addDays(startOfWeek(last, weekStart), 6);
  const days: Day[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) days.push(d);
  return days;
}

export function viewDays(view: View, anchor: Day, weekStart = 1): Day[] {
  if (view === 'month') return monthGrid(anchor, weekStart);
  if (view === 'week') return weekDays(anchor, weekStart);
  return [anchor];
}

/** The instants [from, to) the view shows, for GET /calendar. */
export function viewRange(view: View, anchor: Day, tz: string, weekStart = 1): { from: string; to: string } {
  const days = viewDays(view, anchor, weekStart);
  return { from: zonedToIso(days[0], '00:00', tz), to: zonedToIso(addDays(days[days.length - 1], 1), '00:00', tz) };
}

export function shiftAnchor(view: View, anchor: Day, dir: number): Day {
  if (view === 'month') return addMonths(`${anchor.slice(0, 7)}-01`, dir);
  return addDays(anchor, dir * (view === 'week' ? 7 : 1));
}

/** Dropped on a day (month view): same wall-clock time, new day. */
export function moveToDay(iso: string, day: Day, tz: string): string {
  return zonedToIso(day, timeOf(iso, tz), tz);
}

/** Dropped on an hour slot (week and day views): the slot's start. */
export function moveToSlot(day: Day, hour: number, tz: string): string {
  return zonedToIso(day, `${String(hour).padStart(2, '0')}:00`, tz);
}

export function groupByDay<T extends { scheduledAt: string | null }>(items: T[], tz: string): Map<Day, T[]> {
  const out = new Map<Day, T[]>();
  const sorted = items.filter((i) => i.scheduledAt).sort((a, b) => Date.parse(a.scheduledAt as string) - Date.parse(b.scheduledAt as string));
  for (const item of sorted) {
    const d = dayOf(item.scheduledAt as string, tz);
    const list = out.get(d);
    if (list) list.push(item);
    else out.set(d, [item]);
  }
  return out;
}

export function hourOf(iso: string, tz: string): number {
  return Number(timeOf(iso, tz).slice(0, 2));
}

/** Most urgent first: one failed account makes the whole item red. */
const PRIORITY: PublicationState[] = [
  'failed',
  'needs_attention',
  'awaiting_manual',
  'missed',
  'expired',
  'paused',
  'dispatching',
  'submitted',
  'scheduled',
  'published',
  'canceled',
];

export type ItemTone = { kind: 'publication'; state: PublicationState } | { kind: 'overdue' } | { kind: 'post'; status: PostStatus };

export function itemTone(item: Pick<CalendarItem, 'publications' | 'status'>): ItemTone {
  const urgent = PRIORITY.slice(0, PRIORITY.indexOf('awaiting_manual'));
  // A manual post nobody published in time outranks everything but a failure.
  if (!item.publications.some((p) => urgent.includes(p.state)) && item.publications.some((p) => p.state === 'awaiting_manual' && p.overdue))
    return { kind: 'overdue' };
  for (const s of PRIORITY) if (item.publications.some((p) => p.state === s)) return { kind: 'publication', state: s };
  return { kind: 'post', status: item.status };
}

/** Items already on their way out (or out) cannot be moved. */
export function isMovable(item: Pick<CalendarItem, 'publications' | 'status'>): boolean {
  const tone = itemTone(item);
  return !(tone.kind === 'publication' && ['dispatching', 'submitted', 'published'].includes(tone.state));
}

export const TONE_COLORS: Record<string, { bg: string; border: string }> = {
  scheduled: { bg: '#e6f4ff', border: '#1677ff' },
  dispatching: { bg: '#f0f5ff', border: '#2f54eb' },
  submitted: { bg: '#e6fffb', border: '#13c2c2' },
  published: { bg: '#f6ffed', border: '#52c41a' },
  failed: { bg: '#fff1f0', border: '#f5222d' },
  needs_attention: { bg: '#fff2e8', border: '#fa541c' },
  awaiting_manual: { bg: '#fff7e6', border: '#fa8c16' },
  manual_overdue: { bg: '#ffd8bf', border: '#a8071a' },
  paused: { bg: '#fffbe6', border: '#faad14' },
  missed: { bg: '#fff0f6', border: '#eb2f96' },
  expired: { bg: '#f9f0ff', border: '#722ed1' },
  canceled: { bg: '#fafafa', border: '#bfbfbf' },
  draft: { bg: '#fafafa', border: '#8c8c8c' },
  in_review: { bg: '#e6f4ff', border: '#69b1ff' },
  changes_requested: { bg: '#fff7e6', border: '#fa8c16' },
  approved: { bg: '#f6ffed', border: '#95de64' },
};

export function toneKey(tone: ItemTone): string {
  if (tone.kind === 'overdue') return 'manual_overdue';
  return tone.kind === 'publication' ? tone.state : tone.status;
}
