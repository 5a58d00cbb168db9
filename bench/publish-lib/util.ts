// Small helpers of bench/publish.ts: percentiles, formatting, the emulator's control API, shell.
import { execSync } from 'node:child_process';

// ---------------------------------------------------------------- helpers

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function pct(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function dist(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, min: s[0] ?? Number.NaN, p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99), max: s.at(-1) ?? Number.NaN };
}

export const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');
export const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
export const sec = (ms: number) => ms / 1000;

export async function control(base: string, method: string, p: string, body?: unknown) {
  const r = await fetch(`${base}/__control${p}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`emulator control ${method} ${p}: ${r.status} ${await r.text()}`);
  return r.json();
}

export function sh(cmd: string): string {
  try {
    // Only trailing space goes: `free -h` right-aligns its header.
    return execSync(cmd, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trimEnd();
  } catch {
    return '';
  }
}
