// Splits a text into plain and highlighted segments for the originality side-by-side view.
// Ranges are UTF-16 offsets, end exclusive; ranges may overlap (two passages of the draft can
// repeat one passage of the old post), so each segment lists every range that covers it.

export interface Segment {
  text: string;
  start: number;
  /** Indices of the ranges covering this segment; empty for plain text. */
  ids: number[];
}

export function segments(text: string, ranges: readonly (readonly [number, number])[]): Segment[] {
  const clamp = (x: number) => Math.max(0, Math.min(text.length, x));
  const cuts = new Set<number>([0, text.length]);
  for (const [s, e] of ranges) {
    cuts.add(clamp(s));
    cuts.add(clamp(e));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if (a === b) continue;
    const ids: number[] = [];
    ranges.forEach(([s, e], k) => {
      if (s <= a && b <= e) ids.push(k);
    });
    const last = out[out.length - 1];
    // Neighbouring plain pieces (or pieces under the same ranges) are one segment.
    if (last && last.ids.join() === ids.join()) last.text += text.slice(a, b);
    else out.push({ text: text.slice(a, b), start: a, ids });
  }
  return out;
}

/** Similarity as a whole percentage for display (0.8349 → 83). */
export const pct = (x: number) => Math.round(x * 100);
