// Time in the workspace's time zone: a team schedules "09:00 Beijing time" whatever the
// browser's zone is. Date-only arithmetic works on 'YYYY-MM-DD' strings in UTC mode.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export type Day = string; // 'YYYY-MM-DD'

const validZones = new Map<string, boolean>();

export function safeZone(tz: string | null | undefined): string {
  if (tz) {
    let ok = validZones.get(tz);
    if (ok === undefined) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        ok = true;
      } catch {
        ok = false;
      }
      validZones.set(tz, ok);
    }
    if (ok) return tz;
  }
  return dayjs.tz.guess() || 'UTC';
}

export function zoned(iso: string, tz: string): dayjs.Dayjs {
  return dayjs(iso).tz(safeZone(tz));
}

export function formatAt(iso: string | null | undefined, tz: string, fmt = 'YYYY-MM-DD HH:mm'): string {
  if (!iso) return '—';
  return zoned(iso, tz).format(fmt);
}

/** The calendar day of an instant in the zone. */
export function dayOf(iso: string, tz: string): Day {
  return zoned(iso, tz).format('YYYY-MM-DD');
}

/** The wall-clock time of an instant in the zone, 'HH:mm'. */
export function timeOf(iso: string, tz: string): string {
  return zoned(iso, tz).format('HH:mm');
}

/** The instant at wall-clock `time` on `day` in the zone, as ISO 8601 with its offset. */
export function zonedToIso(day: Day, time: string, tz: string): string {
  return dayjs.tz(`${day} ${time}`, safeZone(tz)).format();
}

export function addDays(day: Day, n: number): Day {
  return dayjs.utc(day).add(n, 'day').format('YYYY-MM-DD');
}

export function addMonths(day: Day, n: number): Day {
  return dayjs.utc(day).add(n, 'month').format('YYYY-MM-DD');
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: Day): number {
  return dayjs.utc(day).day();
}

export function todayIn(tz: string): Day {
  return dayjs().tz(safeZone(tz)).format('YYYY-MM-DD');
}

/** A picker's wall-clock value (local dayjs) read as wall-clock time in the zone. */
export function pickerToIso(value: dayjs.Dayjs, tz: string): string {
  return zonedToIso(value.format('YYYY-MM-DD'), value.format('HH:mm:ss'), tz);
}

/** An instant shown in a picker as its wall-clock time in the zone. */
export function isoToPicker(iso: string, tz: string): dayjs.Dayjs {
  return dayjs(zoned(iso, tz).format('YYYY-MM-DDTHH:mm:ss'));
}
