// Short codes and redirect targets: pure functions, tested directly.
import { randomInt } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 62^8 ≈ 2.2 × 10^14 codes: a guess hits one of a million links once in ~200 million tries. */
export const CODE_LENGTH = 8;
export const CODE_PATTERN = /^[0-9A-Za-z]{7,32}$/;

/** A code from the CSPRNG (randomInt has no modulo bias). */
export function newCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += BASE62[randomInt(62)];
  return s;
}

export type Utm = { source: string; medium: string; campaign: string | null; content: string | null };

/**
 * The address a click is sent to: the stored target with the link's UTM parameters added. The
 * target's own query (and fragment) is kept, and a utm_* the target already carries wins: the
 * person who wrote it meant it.
 */
export function redirectUrl(target: string, utm: Utm): string {
  const u = new URL(target);
  const add: [string, string | null][] = [
    ['utm_source', utm.source],
    ['utm_medium', utm.medium],
    ['utm_campaign', utm.campaign],
    ['utm_content', utm.content],
  ];
  // Appended as text: rewriting searchParams would re-encode the target's own query (%20 → +).
  const extra = add.filter(([k, v]) => v && !u.searchParams.has(k)).map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`);
  if (extra.length) u.search = u.search ? `${u.search}&${extra.join('&')}` : `?${extra.join('&')}`;
  return u.toString();
}
