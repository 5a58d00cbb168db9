// Business hours as a person types them: "09:00-12:00, 13:00-18:00" for a day, empty for closed.
import type { SlaSettings } from '../../types';

export type Week = SlaSettings['week'];
export type DayKey = keyof Week;
export const WEEKDAYS: DayKey[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export function formatDay(ranges: Week[DayKey]): string {
  return ranges.map((r) => `${r.start}-${r.end}`).join(', ');
}

/** The ranges of one day, or null when the text is not "HH:MM-HH:MM" pieces (the server checks order and overlap). */
export function parseDay(text: string): Week[DayKey] | null {
  const parts = text
    .split(/[,，;；\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: Week[DayKey] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*[-–~～至]\s*(\d{1,2}):(\d{2})$/.exec(p);
    if (!m) return null;
    out.push({ start: `${m[1].padStart(2, '0')}:${m[2]}`, end: `${m[3].padStart(2, '0')}:${m[4]}` });
  }
  return out;
}
