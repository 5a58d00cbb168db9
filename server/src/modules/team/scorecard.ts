// A member's scorecard over a span of days, computed from what they really did, each figure
// with the ids behind it. Every figure is read through the owning module's read function.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Scorecard } from '../../../../contract/team';
import type { Executor } from '../../db/pool';
import { interactionsOfPublications } from '../analytics/repository';
import { timezoneOf } from '../analytics/dashboard-range';
import { decisionsOf } from '../content/repository';
import { sentRepliesBetween } from '../inbox/member-replies';
import { shippedBetween } from '../publishing/lookup';
import { tasksDoneOnTime } from '../tasks/service';
import { accountNameMap } from '../accounts/repository';
import type { Span } from './period';

export type ScorecardData = z.infer<typeof Scorecard>;
type Person = { id: string; name: string };

/** A publication live up to this long after its planned time is on time. */
export const GRACE_MS = 15 * 60_000;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The span's first and last instant in the workspace's time zone: [from, to). */
async function bounds(ex: Executor, workspaceId: string, p: Span) {
  const tz = await timezoneOf(ex, workspaceId);
  const r = await ex.execute<{ a: string; b: string }>(
    sql`select (${p.from}::date::timestamp at time zone ${tz}) as a, ((${p.to}::date + 1)::timestamp at time zone ${tz}) as b`,
  );
  return { from: new Date(r.rows[0].a), to: new Date(r.rows[0].b) };
}

/** The scorecards of these people over the span, read with one pass over each source. */
export async function scorecards(ex: Executor, workspaceId: string, people: Person[], p: Span): Promise<ScorecardData[]> {
  const { from, to } = await bounds(ex, workspaceId, p);
  const shipped = await shippedBetween(ex, workspaceId, from, to);
  const interactions = await interactionsOfPublications(
    ex,
    workspaceId,
    shipped.map((s) => s.id),
  );
  const decisions = await decisionsOf(ex, workspaceId, [...new Set(shipped.map((s) => s.postId))]);
  const replies = await sentRepliesBetween(ex, workspaceId, from, to);
  const accountNames = await accountNameMap(ex, workspaceId);
  const taskCounts = await tasksDoneOnTime(
    ex,
    workspaceId,
    people.map((m) => m.id),
    from,
    to,
  );

  const accountMean = new Map<string, number>();
  for (const acc of new Set(shipped.map((s) => s.accountId))) {
    const known = shipped.filter((s) => s.accountId === acc && interactions.has(s.id)).map((s) => interactions.get(s.id)!);
    if (known.length) accountMean.set(acc, mean(known));
  }

  return people.map((person): ScorecardData => {
    const mine = shipped.filter((s) => s.ownerId === person.id);
    const late = mine.filter((s) => s.publishedAt.getTime() > s.dueAt.getTime() + GRACE_MS);

    const rounds: { postId: string; n: number }[] = [];
    for (const postId of new Set(mine.map((s) => s.postId))) {
      const ds = decisions.filter((d) => d.postId === postId);
      const lastApproval = ds.findLast((d) => d.decision === 'approved');
      if (lastApproval) rounds.push({ postId, n: ds.filter((d) => d.createdAt <= lastApproval.createdAt).length });
    }

    const byAccount = [...new Set(mine.map((s) => s.accountId))].flatMap((accountId) => {
      const known = mine.filter((s) => s.accountId === accountId && interactions.has(s.id));
      const avg = accountMean.get(accountId);
      if (!known.length || avg === undefined) return [];
      const m = mean(known.map((s) => interactions.get(s.id)!));
      return [
        {
          accountId,
          accountName: accountNames.get(accountId) ?? '',
          posts: known.length,
          mine: round(m),
          accountMean: round(avg),
          ratio: avg > 0 ? round(m / avg) : null,
          ids: known.map((s) => s.id),
        },
      ];
    });
    const expected = byAccount.reduce((a, x) => a + x.posts * (accountMean.get(x.accountId) ?? 0), 0);
    const got = byAccount.reduce((a, x) => a + x.ids.reduce((b, id) => b + interactions.get(id)!, 0), 0);

    const sent = replies.filter((r) => r.authorId === person.id);
    const firsts = sent.filter((r) => r.first);
    const t = taskCounts.get(person.id)!;

    return {
      userId: person.id,
      name: person.name,
      from: p.from,
      to: p.to,
      postsShipped: { value: mine.length, ids: mine.map((s) => s.id) },
      onTimeRate: { value: mine.length ? round((mine.length - late.length) / mine.length, 4) : null, ids: late.map((s) => s.id) },
      approvalRounds: { value: rounds.length ? round(mean(rounds.map((r) => r.n))) : null, ids: rounds.map((r) => r.postId) },
      engagementVsAccount: { value: expected > 0 ? round(got / expected) : null, ids: byAccount.flatMap((x) => x.ids) },
      engagementByAccount: byAccount,
      repliesSent: { value: sent.length, ids: sent.map((r) => r.id) },
      medianFirstResponseMinutes: {
        value: firsts.length ? round(median(firsts.map((r) => (r.sentAt.getTime() - r.itemStart.getTime()) / 60_000)), 1) : null,
        ids: firsts.map((r) => r.itemId),
      },
      tasksDone: { value: t.done, ids: t.ids },
      tasksOnTime: { value: t.onTime, ids: t.onTimeIds },
    };
  });
}
