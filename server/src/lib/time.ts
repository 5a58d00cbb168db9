export const iso = (d: Date | string | null | undefined): string | null => (d == null ? null : new Date(d).toISOString());
export const isoOr = (d: Date | string): string => new Date(d).toISOString();
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Today (YYYY-MM-DD) in a time zone. */
export function localDay(now: Date, timezone: string) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
