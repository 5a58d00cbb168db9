import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHINA_HOLIDAYS, CHINA_MAKEUP_DAYS } from './china';
import { addBusinessMs, businessMs, dayRanges, exceedsBusinessMs, type Hours, openBetween, type WorkCalendar } from './index';

// Every expected value below was counted by hand from a wall calendar and the State Council's
// notices; the instants are written with their offset so the zone is visible.
const H = 3_600_000;
const nine: Hours[] = [{ start: '09:00', end: '18:00' }];
const weekOf = (weekday: Hours[], saturday: Hours[] = [], sunday: Hours[] = []) => [weekday, weekday, weekday, weekday, weekday, saturday, sunday];
const cal = (over: Partial<WorkCalendar> = {}): WorkCalendar => ({ timezone: 'Asia/Shanghai', week: weekOf(nine), chinaHolidays: true, closed: [], ...over });
const at = (s: string) => new Date(s);
const hours = (from: string, to: string, c = cal()) => businessMs(at(from), at(to), c) / H;
const deadline = (from: string, h: number, c = cal()) => addBusinessMs(at(from), h * H, c).toISOString();

test('within a day, before opening and after closing, and across a weekend', () => {
  assert.equal(hours('2025-03-03T10:00+08:00', '2025-03-03T15:30+08:00'), 5.5);
  assert.equal(hours('2025-03-04T07:00+08:00', '2025-03-04T20:00+08:00'), 9);
  // Friday 17:00 → Monday 10:00: one hour on Friday, none on the weekend, one on Monday.
  assert.equal(hours('2025-03-07T17:00+08:00', '2025-03-10T10:00+08:00'), 2);
  assert.equal(hours('2025-03-08T10:00+08:00', '2025-03-09T17:00+08:00'), 0);
  assert.equal(deadline('2025-03-07T17:30+08:00', 1), '2025-03-10T01:30:00.000Z'); // Monday 09:30 Beijing
  assert.equal(hours('2025-03-04T12:00+08:00', '2025-03-04T11:00+08:00'), 0);
  assert.equal(deadline('2025-03-08T12:00+08:00', 0), '2025-03-08T04:00:00.000Z');
});

test('National Day 2025: 1–8 October closed, Sunday 28 September and Saturday 11 October worked', () => {
  // Fri 26 Sep 1h, Sun 28 (调休) 9h, Mon 29 9h, Tue 30 9h, 1–8 Oct none, Thu 9 Oct 1h.
  assert.equal(hours('2025-09-26T17:00+08:00', '2025-10-09T10:00+08:00'), 29);
  // The same span as ordinary weeks: Fri 1h, Mon 29 – Fri 3 Oct 5×9h, Mon 6 – Wed 8 3×9h, Thu 1h.
  assert.equal(hours('2025-09-26T17:00+08:00', '2025-10-09T10:00+08:00', cal({ chinaHolidays: false })), 74);
  // Tue 30 Sep 17:00 + 8h: 1h that day, then the holiday, then 7h from Thu 9 Oct 09:00.
  assert.equal(deadline('2025-09-30T17:00+08:00', 8), '2025-10-09T08:00:00.000Z');
  // Thu 9 Oct 17:00 + 16h: 1h, Fri 10 9h, then 6h into the make-up Saturday.
  assert.equal(deadline('2025-10-09T17:00+08:00', 16), '2025-10-11T07:00:00.000Z');
});

test('a make-up day is worked with Monday’s hours, not its own weekday’s', () => {
  const c = cal({ week: [[{ start: '10:00', end: '16:00' }], nine, nine, nine, nine, [{ start: '10:00', end: '12:00' }], []] });
  assert.equal(hours('2025-09-28T00:00+08:00', '2025-09-29T00:00+08:00', c), 6); // Sunday 调休
  assert.equal(hours('2025-10-11T00:00+08:00', '2025-10-12T00:00+08:00', c), 6); // Saturday 调休
  assert.equal(hours('2025-10-18T00:00+08:00', '2025-10-19T00:00+08:00', c), 2); // an ordinary Saturday
});

test('Spring Festival 2026 (15–23 February off, 14 and 28 February worked) and 2025', () => {
  // Fri 13 Feb 12:00 → Tue 24 Feb 12:00: Fri 6h, Sat 14 (调休) 9h, 15–23 none, Tue 3h.
  assert.equal(hours('2026-02-13T12:00+08:00', '2026-02-24T12:00+08:00'), 18);
  assert.equal(hours('2026-02-28T00:00+08:00', '2026-03-01T00:00+08:00'), 9);
  // Mon 27 Jan 2025 16:00 + 4h: 2h, then 28 Jan – 4 Feb off, then 2h from Wed 5 Feb 09:00.
  assert.equal(deadline('2025-01-27T16:00+08:00', 4), '2025-02-05T03:00:00.000Z');
  // 2024: 除夕 (9 Feb) is only encouraged as a day off: worked.
  assert.equal(hours('2024-02-09T00:00+08:00', '2024-02-10T00:00+08:00'), 9);
});

test('extra closed days are off, also when they fall on a make-up day', () => {
  assert.equal(hours('2025-03-04T09:00+08:00', '2025-03-06T18:00+08:00', cal({ closed: ['2025-03-05'] })), 18);
  assert.equal(hours('2025-09-28T00:00+08:00', '2025-09-29T00:00+08:00', cal({ closed: ['2025-09-28'] })), 0);
});

test('several ranges in a day (a lunch break) and a range to midnight', () => {
  const c = cal({
    week: weekOf([
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ]),
  });
  assert.equal(hours('2025-03-03T11:00+08:00', '2025-03-03T14:00+08:00', c), 1.5);
  assert.equal(deadline('2025-03-03T11:00+08:00', 2, c), '2025-03-03T06:30:00.000Z'); // 14:30
  const late = cal({ week: weekOf([{ start: '20:00', end: '24:00' }]) });
  assert.equal(hours('2025-03-03T23:00+08:00', '2025-03-04T21:00+08:00', late), 2);
});

test('the time zone decides the day and the hours; a DST change moves opening by an hour in UTC', () => {
  // 00:30–02:00 UTC on Monday is 08:30–10:00 in Beijing (1h open) but before opening in UTC.
  assert.equal(hours('2025-03-03T00:30Z', '2025-03-03T02:00Z'), 1);
  assert.equal(hours('2025-03-03T00:30Z', '2025-03-03T02:00Z', cal({ timezone: 'UTC' })), 0);
  // Berlin springs forward on Sunday 30 March 2025: Friday 17:00 CET (16:00Z) to Monday 10:00 CEST
  // (08:00Z) is one hour on Friday and one on Monday; a fixed +01:00 would see only one.
  const berlin = cal({ timezone: 'Europe/Berlin', chinaHolidays: false });
  assert.equal(hours('2025-03-28T16:00Z', '2025-03-31T08:00Z', berlin), 2);
  assert.equal(deadline('2025-03-28T16:30Z', 1, berlin), '2025-03-31T07:30:00.000Z'); // Monday 09:30 CEST
  // And back on Sunday 26 October: Monday 09:00 CET is 08:00Z again.
  assert.equal(deadline('2025-10-24T15:30Z', 1, berlin), '2025-10-27T08:30:00.000Z');
  // A round-the-clock week: the spring-forward day has 23 hours, the fall-back day 25.
  const always = cal({
    timezone: 'Europe/Berlin',
    chinaHolidays: false,
    week: weekOf([{ start: '00:00', end: '24:00' }], [{ start: '00:00', end: '24:00' }], [{ start: '00:00', end: '24:00' }]),
  });
  assert.equal(hours('2025-03-29T23:00Z', '2025-03-30T22:00Z', always), 23);
  assert.equal(businessMs(at('2025-10-25T00:00+02:00'), at('2025-10-27T00:00+01:00'), always) / H, 49);
  // A half-hour zone: 09:00 in Kolkata (+05:30) is 03:30Z.
  assert.equal(hours('2025-03-03T03:00Z', '2025-03-03T04:00Z', cal({ timezone: 'Asia/Kolkata' })), 0.5);
  // Beijing keeps no DST: Sunday evening + 1h is Monday 10:00, 02:00Z, in November as in March.
  assert.equal(deadline('2025-11-02T12:00Z', 1), '2025-11-03T02:00:00.000Z');
});

test('a breach is more than the target, not the target itself', () => {
  const over = (from: string, to: string, h: number) => exceedsBusinessMs(at(from), at(to), h * H, cal());
  assert.equal(over('2025-03-07T17:00+08:00', '2025-03-10T10:00+08:00', 2), false); // exactly 2h
  assert.equal(over('2025-03-07T17:00+08:00', '2025-03-10T10:00+08:00', 1.5), true);
  assert.equal(over('2025-03-07T17:00+08:00', '2025-03-10T08:00+08:00', 1), false, 'Monday before opening: still 1h');
  assert.equal(over('2024-01-02T09:00+08:00', '2026-12-31T18:00+08:00', 8), true);
});

test('a deadline and the time to it agree', () => {
  for (const from of ['2025-09-26T17:45+08:00', '2026-02-12T08:00+08:00', '2024-04-30T12:00+08:00']) {
    for (const h of [0.25, 3, 9, 40]) assert.equal(businessMs(at(from), addBusinessMs(at(from), h * H, cal()), cal()) / H, h, `${from} + ${h}h`);
  }
});

test('ranges crossing midnight, overlapping or out of order are refused, and so is a week without hours', () => {
  assert.throws(() => dayRanges([{ start: '22:00', end: '02:00' }]), /cross midnight/);
  assert.throws(() => dayRanges([{ start: '09:00', end: '09:00' }]), /cross midnight/);
  assert.throws(
    () =>
      dayRanges([
        { start: '09:00', end: '13:00' },
        { start: '12:00', end: '18:00' },
      ]),
    /overlaps/,
  );
  assert.throws(() => dayRanges([{ start: '9:00', end: '18:00' }]), /not a time of day/);
  assert.throws(() => dayRanges([{ start: '09:00', end: '24:30' }]), /not a time of day/);
  assert.deepEqual(dayRanges([{ start: '00:00', end: '24:00' }]), [[0, 1440]]);
  assert.throws(() => hours('2025-03-03T10:00+08:00', '2025-03-03T11:00+08:00', cal({ week: weekOf([{ start: '22:00', end: '02:00' }]) })), /cross midnight/);
  assert.throws(() => deadline('2025-03-03T10:00+08:00', 1, cal({ week: weekOf([]) })), /no business hours/);
});

test('the holiday data as the notices give it', () => {
  const year = (y: string) => [...CHINA_HOLIDAYS].filter((d) => d.startsWith(y)).length;
  assert.deepEqual([year('2024'), year('2025'), year('2026')], [28, 28, 33]);
  for (const d of CHINA_MAKEUP_DAYS) {
    assert.ok([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()), `${d} is a weekend day`);
    assert.ok(!CHINA_HOLIDAYS.has(d), `${d} is not also a holiday`);
  }
  assert.equal(CHINA_MAKEUP_DAYS.size, 8 + 5 + 6);
  for (const d of ['2024-10-07', '2025-10-08', '2026-02-23', '2026-09-25']) assert.ok(CHINA_HOLIDAYS.has(d), d);
});

test('openBetween: the opening intervals overlapping a span, holidays and make-up days included; none for a week without hours', () => {
  const iso = (r: [number, number][]) => r.map(([s, e]) => [new Date(s).toISOString(), new Date(e).toISOString()]);
  // Tuesday 30 Sep 2025 12:00 → Sunday 12 Oct 00:00 (Shanghai): 30 Sep from its start, 1–8 Oct closed, Saturday 11 Oct worked.
  assert.deepEqual(iso(openBetween(at('2025-09-30T12:00+08:00'), at('2025-10-12T00:00+08:00'), cal())), [
    ['2025-09-30T01:00:00.000Z', '2025-09-30T10:00:00.000Z'],
    ['2025-10-09T01:00:00.000Z', '2025-10-09T10:00:00.000Z'],
    ['2025-10-10T01:00:00.000Z', '2025-10-10T10:00:00.000Z'],
    ['2025-10-11T01:00:00.000Z', '2025-10-11T10:00:00.000Z'],
  ]);
  // A DST day in New York keeps its wall-clock hours: 9:00–18:00 EDT on Monday 10 March 2025.
  const ny = cal({ timezone: 'America/New_York', chinaHolidays: false });
  assert.deepEqual(iso(openBetween(at('2025-03-10T00:00-04:00'), at('2025-03-10T23:00-04:00'), ny)), [
    ['2025-03-10T13:00:00.000Z', '2025-03-10T22:00:00.000Z'],
  ]);
  assert.deepEqual(openBetween(at('2025-03-10T00:00+08:00'), at('2025-03-17T00:00+08:00'), cal({ week: weekOf([]) })), []);
});
