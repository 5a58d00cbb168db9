export const iso = (d: Date | string | null | undefined): string | null => (d == null ? null : new Date(d).toISOString());
export const isoOr = (d: Date | string): string => new Date(d).toISOString();
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
