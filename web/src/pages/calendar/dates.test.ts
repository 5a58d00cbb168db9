import { describe, expect, it } from 'vitest';
import type { CalendarItem, Publication, PublicationState } from '../../types';
import { groupByDay, isMovable, itemTone, monthGrid, toneKey, moveToDay, moveToSlot, shiftAnchor, startOfWeek, viewRange, weekDays } from './dates';

const SH = 'Asia/Shanghai';

describe('grids', () => {
  it('starts weeks on Monday', () => {
    expect(startOfWeek('2026-01-01')).toBe('2025-12-29'); // a Thursday
    expect(startOfWeek('2026-01-05')).toBe('2026-01-05'); // a Monday
    expect(startOfWeek('2026-01-04', 0)).toBe('2026-01-04'); // a Sunday, weeks from Sunday
    expect(weekDays('2026-01-07')).toEqual(['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-10', '2026-01-11']);
  });

  it('covers the month with whole weeks', () => {
    const jan = monthGrid('2026-01-15');
    expect(jan[0]).toBe('2025-12-29');
    expect(jan[jan.length - 1]).toBe('2026-02-01');
    expect(jan.length % 7).toBe(0);
    const feb = monthGrid('2027-02-10'); // Feb 2027 starts on a Monday and has 28 days: exactly 4 weeks
    expect(feb.length).toBe(28);
    expect(feb[0]).toBe('2027-02-01');
  });

  it('moves the anchor by view', () => {
    expect(shiftAnchor('month', '2026-01-31', 1)).toBe('2026-02-01');
    expect(shiftAnchor('month', '2026-03-15', -1)).toBe('2026-02-01');
    expect(shiftAnchor('week', '2026-01-31', 1)).toBe('2026-02-07');
    expect(shiftAnchor('day', '2026-12-31', 1)).toBe('2027-01-01');
  });

  it('asks the server for the instants of the visible days in the zone', () => {
    expect(viewRange('day', '2026-03-10', SH)).toEqual({ from: '2026-03-10T00:00:00+08:00', to: '2026-03-11T00:00:00+08:00' });
    const week = viewRange('week', '2026-03-10', 'UTC');
    expect(Date.parse(week.from)).toBe(Date.parse('2026-03-09T00:00:00Z'));
    expect(Date.parse(week.to)).toBe(Date.parse('2026-03-16T00:00:00Z'));
  });
});

describe('rescheduling', () => {
  it('keeps the time of day when dropped on another day', () => {
    const moved = moveToDay('2026-03-10T01:30:00Z', '2026-03-14', SH); // 09:30 in Shanghai
    expect(Date.parse(moved)).toBe(Date.parse('2026-03-14T09:30:00+08:00'));
  });

  it('keeps the wall-clock time across a DST change', () => {
    const moved = moveToDay('2026-03-06T14:00:00Z', '2026-03-09', 'America/New_York'); // 09:00 EST → 09:00 EDT
    expect(Date.parse(moved)).toBe(Date.parse('2026-03-09T13:00:00Z'));
  });

  it('uses the start of the hour slot', () => {
    expect(Date.parse(moveToSlot('2026-03-14', 7, SH))).toBe(Date.parse('2026-03-13T23:00:00Z'));
  });

  it('groups items by their day in the zone, in time order', () => {
    const items = [
      { id: 'b', scheduledAt: '2026-03-10T02:00:00Z' },
      { id: 'a', scheduledAt: '2026-03-09T17:00:00Z' }, // 01:00 on the 10th in Shanghai
      { id: 'c', scheduledAt: '2026-03-10T16:30:00Z' }, // 00:30 on the 11th
      { id: 'd', scheduledAt: null },
    ];
    const by = groupByDay(items, SH);
    expect(by.get('2026-03-10')?.map((i) => i.id)).toEqual(['a', 'b']);
    expect(by.get('2026-03-11')?.map((i) => i.id)).toEqual(['c']);
    expect([...by.values()].flat().length).toBe(3);
  });
});

describe('colours', () => {
  const pub = (state: PublicationState) => ({ state }) as Publication;
  const item = (states: PublicationState[]) => ({ status: 'approved', publications: states.map(pub) }) as unknown as CalendarItem;

  it('shows the most urgent publication state', () => {
    expect(itemTone(item(['published', 'failed', 'scheduled']))).toEqual({ kind: 'publication', state: 'failed' });
    expect(itemTone(item(['published', 'scheduled']))).toEqual({ kind: 'publication', state: 'scheduled' });
    expect(itemTone(item([]))).toEqual({ kind: 'post', status: 'approved' });
  });

  it('shows an overdue manual post apart from one still in time', () => {
    const manual = (overdue: boolean) =>
      ({ status: 'approved', publications: [{ state: 'awaiting_manual', overdue }, { state: 'published' }] }) as unknown as CalendarItem;
    expect(itemTone(manual(false))).toEqual({ kind: 'publication', state: 'awaiting_manual' });
    expect(itemTone(manual(true))).toEqual({ kind: 'overdue' });
    expect(toneKey(itemTone(manual(true)))).toBe('manual_overdue');
    expect(itemTone(item(['failed']))).toEqual({ kind: 'publication', state: 'failed' });
  });

  it('does not move what is already out', () => {
    expect(isMovable(item(['published']))).toBe(false);
    expect(isMovable(item(['dispatching', 'scheduled']))).toBe(false);
    expect(isMovable(item(['failed']))).toBe(true);
    expect(isMovable(item([]))).toBe(true);
  });
});
