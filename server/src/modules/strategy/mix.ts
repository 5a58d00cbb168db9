// The real mix against the plan: of the posts scheduled or published in a period, the share per
// pillar and per format (of the posts tagged with one) against the strategy's targets, the gap in
// percentage points, and each account's posts per week against the planned cadence.
import type { z } from 'zod';
import { CONTENT_FORMATS } from '../../../../contract/content';
import type { StrategyContent, StrategyMix } from '../../../../contract/strategy';

type Content = z.infer<typeof StrategyContent>;
type Format = (typeof CONTENT_FORMATS)[number];
export interface MixPost {
  pillarId: string | null;
  format: string | null;
  accountIds: string[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const DAY = 86_400_000;

function rows<K extends string>(keys: K[], targets: Map<K, number>, counts: Map<K, number>, total: number) {
  return keys.map((k) => {
    const count = counts.get(k) ?? 0;
    const actual = total ? round1((count / total) * 100) : 0;
    const target = targets.get(k) ?? 0;
    return { key: k, target, count, actual, gap: round1(actual - target) };
  });
}

export function computeMix(
  plan: { version: number; content: Content } | null,
  posts: MixPost[],
  accounts: { id: string; name: string }[],
  period: { from: Date; to: Date },
): z.infer<typeof StrategyMix> {
  const pillars = plan?.content.pillars ?? [];
  const known = new Set(pillars.map((p) => p.id));
  const byPillar = new Map<string, number>();
  const byFormat = new Map<Format, number>();
  for (const p of posts) {
    if (p.pillarId && known.has(p.pillarId)) byPillar.set(p.pillarId, (byPillar.get(p.pillarId) ?? 0) + 1);
    const f = p.format as Format | null;
    if (f) byFormat.set(f, (byFormat.get(f) ?? 0) + 1);
  }
  const pillarTotal = [...byPillar.values()].reduce((a, b) => a + b, 0);
  const formatTotal = [...byFormat.values()].reduce((a, b) => a + b, 0);
  const formatTargets = new Map<Format, number>((plan?.content.formats ?? []).map((f) => [f.format, f.share]));
  // The plan's formats in its order, then any used without a target.
  const formatKeys = [...formatTargets.keys(), ...CONTENT_FORMATS.filter((f) => !formatTargets.has(f) && byFormat.has(f))];
  const weeks = Math.max(period.to.getTime() - period.from.getTime(), 0) / DAY / 7;
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    version: plan?.version ?? null,
    total: posts.length,
    pillars: rows(
      pillars.map((p) => p.id),
      new Map(pillars.map((p) => [p.id, p.share])),
      byPillar,
      pillarTotal,
    ).map(({ key, ...r }, i) => ({ pillarId: key, name: pillars[i].name, ...r })),
    formats: rows(formatKeys, formatTargets, byFormat, formatTotal).map(({ key, ...r }) => ({ format: key, ...r })),
    untaggedPillar: posts.length - pillarTotal,
    untaggedFormat: posts.length - formatTotal,
    cadence: {
      planned: plan?.content.postsPerWeek ?? null,
      weeks: round1(weeks),
      accounts: accounts.map((a) => {
        const count = posts.filter((p) => p.accountIds.includes(a.id)).length;
        return { accountId: a.id, accountName: a.name, count, perWeek: weeks ? round1(count / weeks) : 0 };
      }),
    },
  };
}
