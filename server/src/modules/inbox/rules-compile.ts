// The one reading of a rule's conditions: compiled to a SQL condition on `inbox_items i`, used by
// the dry run over the last 30 days and by the live path on the items just stored, so the two
// cannot disagree. Keywords are matched as the inbox's keyword search matches them (search.ts:
// folded text, two-character words such as 退款). Times are read in the workspace's time zone;
// "within business hours" is the workspace's opening intervals (weekly hours, China's holidays and
// 调休, closed days) over the span the items fall in, turned into instants here and compared in SQL.
import { type SQL, sql } from 'drizzle-orm';
import type { RuleConditions } from '../../../../contract/inbox-rules';
import type { Executor } from '../../db/pool';
import { AppError } from '../../lib/errors';
import { openBetween } from '../../lib/workcalendar/index';
import { keywordMatch } from './search';
import { slaOf } from './sla-settings';

export interface RuleContext {
  workspaceId: string;
  timezone: string;
  /** The workspace's opening intervals over the span the items were written in. */
  open: [number, number][];
}

/** What the conditions are read against: the workspace's zone and its business hours over [from, to]. */
export async function ruleContext(ex: Executor, workspaceId: string, from: Date, to: Date): Promise<RuleContext> {
  const { cal } = await slaOf(ex, workspaceId);
  // A day of margin either side: an interval that began before `from` still covers it.
  return { workspaceId, timezone: cal.timezone, open: openBetween(new Date(from.getTime() - 86_400_000), new Date(to.getTime() + 1), cal) };
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
  const local = sql`(i.at at time zone ${ctx.timezone})`;
  if (t?.weekdays) w.push(sql`extract(isodow from ${local})::int = any(${sql.param(t.weekdays)}::int[])`);
  if (t?.hours) {
    const h = sql`extract(hour from ${local})::int`;
    w.push(t.hours.from < t.hours.to ? sql`(${h} >= ${t.hours.from} and ${h} < ${t.hours.to})` : sql`(${h} >= ${t.hours.from} or ${h} < ${t.hours.to})`);
  }
  if (t?.businessHours) {
    const starts = ctx.open.map(([s]) => new Date(s).toISOString());
    const ends = ctx.open.map(([, e]) => new Date(e).toISOString());
    const inside = sql`exists (select 1 from unnest(${sql.param(starts)}::timestamptz[], ${sql.param(ends)}::timestamptz[]) b(s, e) where i.at >= b.s and i.at < b.e)`;
    w.push(t.businessHours === 'inside' ? inside : sql`not ${inside}`);
  }
  return sql.join(w, sql` and `);
}
