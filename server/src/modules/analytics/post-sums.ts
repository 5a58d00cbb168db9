// Each publication's figures summed over a range, read from the monthly roll-up
// (post_metrics_months, kept by triggers: see tables.ts) for every month the range covers, and
// from post_metrics for the partial months at its edges: either the days inside the range are
// added, or, when fewer, the month's roll-up is taken and the days outside the range are taken
// away. A year of a workspace is then ~12 rolled-up rows per post plus at most ~15 days at each
// edge, instead of every post day. Every figure travels with the count of days that knew it, so a
// sum stays null (not known) when no day knew it, as the tables store it.
import { type SQL, sql } from 'drizzle-orm';
import { interactionsOf, type Period, platformJoin, postDaysWhere, type Scope } from './dashboard-range';

const FIGURES = ['views', 'likes', 'comments', 'shares', 'favorites', 'zaikan', 'interactions'] as const;
const DAY = 86_400_000;
const shift = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const span = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY) + 1;
function monthEnd(start: string) {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return shift(d.toISOString().slice(0, 10), -1);
}

export interface SumPlan {
  /** First days of the months read from the roll-up. */
  months: string[];
  /** Days added from post_metrics. */
  plus: Period[];
  /** Days of those months outside the range, taken away. */
  minus: Period[];
}

/** How a range is read: whole months from the roll-up, each edge month the cheaper way. */
export function planSums(p: Period): SumPlan {
  const out: SumPlan = { months: [], plus: [], minus: [] };
  for (let start = `${p.from.slice(0, 7)}-01`; start <= p.to; start = shift(monthEnd(start), 1)) {
    const end = monthEnd(start);
    const a = p.from > start ? p.from : start;
    const b = p.to < end ? p.to : end; // ISO days compare as strings
    const inside = span(a, b);
    if (inside <= span(start, end) - inside) {
      out.plus.push({ from: a, to: b });
      continue;
    }
    out.months.push(start);
    if (a > start) out.minus.push({ from: start, to: shift(a, -1) });
    if (b < end) out.minus.push({ from: shift(b, 1), to: end });
  }
  return out;
}

/** post_metrics days of these periods, each figure as (value, known) times `sign`. */
function days(s: Scope, periods: Period[], sign: 1 | -1): SQL {
  const interactions = interactionsOf('m', true);
  const cols = FIGURES.map((f) => {
    const v = f === 'interactions' ? interactions : sql.raw(`m.${f}`);
    return sql`${sign} * coalesce(${v}, 0) as ${sql.raw(f)}, ${sign} * (${v} is not null)::int as ${sql.raw(`${f}_n`)}`;
  });
  return sql`
    select m.publication_id, ${sql.join(cols, sql`, `)}
    from post_metrics m ${platformJoin('m', s)}
    where ${postDaysWhere('m', s)} and (${sql.join(
      periods.map((e) => sql`m.day between ${e.from} and ${e.to}`),
      sql` or `,
    )})`;
}

/** `select publication_id, views, likes, comments, shares, favorites, zaikan, interactions` per publication. */
export function publicationSums(s: Scope, p: Period): SQL {
  const plan = planSums(p);
  const parts: SQL[] = [];
  if (plan.months.length)
    parts.push(sql`
      select r.publication_id, ${sql.raw(FIGURES.map((f) => `r.${f}, r.${f}_n`).join(', '))}
      from post_metrics_months r ${platformJoin('r', s)}
      where ${postDaysWhere('r', s)} and r.month = any(${sql.param(plan.months)}::date[])`);
  if (plan.plus.length) parts.push(days(s, plan.plus, 1));
  if (plan.minus.length) parts.push(days(s, plan.minus, -1));
  return sql`
    select publication_id, ${sql.raw(FIGURES.map((f) => `case when sum(${f}_n) > 0 then sum(${f}) end::bigint as ${f}`).join(', '))}
    from (${sql.join(parts, sql` union all `)}) x group by publication_id`;
}
