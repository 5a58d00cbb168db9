// The one reading of a rule's conditions: compiled to a SQL condition on `inbox_items i`, used by
// the dry run over the last 30 days and by the live path on the items just stored, so the two
// cannot disagree. Keywords are matched as the inbox's keyword search matches them (search.ts:
// folded text, two-character words such as 退款). Times are read in the workspace's time zone:
// a weekday/hour window and "within business hours" (weekly hours, China's holidays and 调休,
// closed days) become the instants they cover over the span the items fall in, computed here by
// lib/workcalendar and compared in SQL as one multirange.
import { type SQL, sql } from 'drizzle-orm';
import type { RuleConditions } from '../../../../contract/inbox-rules';
import type { Executor } from '../../db/pool';
import { AppError } from '../../lib/errors';
import { openBetween, type WorkCalendar } from '../../lib/workcalendar/index';
import { keywordMatch } from './search';
import { slaOf } from './sla-settings';

export interface RuleContext {
  workspaceId: string;
  /** The workspace's calendar (time zone, weekly hours, holidays). */
  cal: WorkCalendar;
  /** The span the items were written in (a day of margin is added either side). */
  from: Date;
  to: Date;
}

/** What the conditions are read against: the workspace's calendar, over [from, to]. */
export async function ruleContext(ex: Executor, workspaceId: string, from: Date, to: Date): Promise<RuleContext> {
  const { cal } = await slaOf(ex, workspaceId);
  return { workspaceId, cal, from: new Date(from.getTime() - 86_400_000), to: new Date(to.getTime() + 86_400_000) };
}

/**
 * Opening intervals as one tstzmultirange (PostgreSQL finds an instant in it by binary search).
 * A weekday/hour window is read as a calendar of its own (those hours on those weekdays, no
 * holidays) in the workspace's zone, so DST days have their true length as in business time.
 */
function ranges(ctx: RuleContext, cal: WorkCalendar): SQL {
  const list = openBetween(ctx.from, ctx.to, cal).map(([s, e]) => `[${new Date(s).toISOString()},${new Date(e).toISOString()})`);
  return sql`${`{${list.join(',')}}`}::tstzmultirange`;
}

const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
function windowCalendar(ctx: RuleContext, t: NonNullable<RuleConditions['time']>): WorkCalendar {
  const h = t.hours ?? { from: 0, to: 24 };
  const day =
    h.from < h.to
      ? [{ start: hh(h.from), end: hh(h.to) }]
      : [
          { start: '00:00', end: hh(h.to) },
          { start: hh(h.from), end: '24:00' },
        ].filter((r) => r.start !== r.end);
  const days = t.weekdays ?? [1, 2, 3, 4, 5, 6, 7];
  return { timezone: ctx.cal.timezone, week: [1, 2, 3, 4, 5, 6, 7].map((d) => (days.includes(d) ? day : [])), chinaHolidays: false, closed: [] };
}

const invalid = (zh: string, en: string, path: string) => new AppError('validation_failed', { zh, en }, [{ path, message: en }]);

/** Refuses conditions that say nothing (a rule for every item) or cannot hold as written. */
export function checkConditions(c: RuleConditions) {
  const k = c.keywords;
  if (k && !k.anyOf?.length && !k.noneOf?.length) throw invalid('关键词条件为空', 'The keyword condition is empty', 'conditions.keywords');
  if (c.author && !c.author.id && !c.author.nameContains) throw invalid('作者条件为空', 'The author condition is empty', 'conditions.author');
  const t = c.time;
  if (t?.hours && t.hours.from === t.hours.to)
    throw invalid('时段的开始和结束不能相同', 'The hour window must not start and end at the same hour', 'conditions.time.hours');
  if (t && !t.weekdays && !t.hours && !t.businessHours) throw invalid('时间条件为空', 'The time condition is empty', 'conditions.time');
  const any = Object.values(c).some((v) => v !== undefined);
  if (!any) throw invalid('规则至少需要一个条件', 'A rule needs at least one condition', 'conditions');
}

/** The conditions as one SQL condition on `inbox_items i` (items written by the account never match). */
export function compile(c: RuleConditions, ctx: RuleContext): SQL {
  const w: SQL[] = [sql`not i.from_account`];
  if (c.keywords?.anyOf?.length) w.push(sql`(${sql.join(c.keywords.anyOf.map(keywordMatch), sql` or `)})`);
  if (c.keywords?.noneOf?.length) w.push(sql`not (${sql.join(c.keywords.noneOf.map(keywordMatch), sql` or `)})`);
  if (c.sentiment) w.push(sql`i.sentiment = any(${sql.param(c.sentiment)}::text[])`);
  if (c.platforms)
    w.push(
      sql`i.account_id in (select id from platform_accounts where workspace_id = ${ctx.workspaceId} and platform = any(${sql.param(c.platforms)}::text[]))`,
    );
  if (c.accountIds) w.push(sql`i.account_id = any(${sql.param(c.accountIds)}::uuid[])`);
  if (c.kind) w.push(sql`i.kind = ${c.kind}`);
  if (c.author?.id) w.push(sql`i.author_id = ${c.author.id}`);
  if (c.author?.nameContains) w.push(sql`strpos(lower(coalesce(i.author_name, '')), lower(${c.author.nameContains})) > 0`);
  if (c.isQuestion !== undefined) w.push(c.isQuestion ? sql`coalesce(i.is_question, false)` : sql`not coalesce(i.is_question, false)`);
  if (c.isComplaint !== undefined) w.push(c.isComplaint ? sql`coalesce(i.is_complaint, false)` : sql`not coalesce(i.is_complaint, false)`);
  const t = c.time;
  if (t && (t.weekdays || t.hours)) w.push(sql`${ranges(ctx, windowCalendar(ctx, t))} @> i.at`);
  if (t?.businessHours) {
    const inside = sql`${ranges(ctx, ctx.cal)} @> i.at`;
    w.push(t.businessHours === 'inside' ? inside : sql`not ${inside}`);
  }
  return sql.join(w, sql` and `);
}
