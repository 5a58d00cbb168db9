// Inbox rules (issue 9 §4): conditions → actions, applied to every new item from the public as it
// is stored, tried against the last 30 days before being switched on (server/src/modules/inbox/rules*.ts).
import { z } from 'zod';
import { Platform } from './accounts';
import { Id, IsoDate, patch, text } from './common';
import { InboxItem, InboxKind, InboxPriority, Sentiment, Tag } from './inbox';

const Word = text()
  .trim()
  .min(1, { error: '关键词不能为空 / a keyword must not be empty' })
  .max(50, { error: '关键词最多 50 字 / a keyword is at most 50 characters' });
const Words = z.array(Word).max(50, { error: '关键词最多 50 个 / at most 50 keywords' });
const Hour = (max: number) =>
  z
    .number({ error: `小时应为 0–${max} 的整数 / the hour must be a whole number 0–${max}` })
    .int({ error: `小时应为 0–${max} 的整数 / the hour must be a whole number 0–${max}` })
    .min(0, { error: `小时应为 0–${max} / the hour must be 0–${max}` })
    .max(max, { error: `小时应为 0–${max} / the hour must be 0–${max}` });

/** When the item was written, in the workspace's time zone. */
export const RuleTime = z.strictObject({
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: z
    .array(z.number().int().min(1, { error: '星期应为 1–7 / a weekday is 1–7' }).max(7, { error: '星期应为 1–7 / a weekday is 1–7' }))
    .min(1)
    .optional(),
  /** From this hour (inclusive) to that one (exclusive); from > to wraps past midnight (22 → 6). */
  hours: z.strictObject({ from: Hour(23), to: Hour(24) }).optional(),
  /** Within or outside the workspace's business hours (服务水平 settings: weekly hours, holidays, 调休). */
  businessHours: z.enum(['inside', 'outside']).optional(),
});

/** Every condition given must hold; none given is refused (a rule for everything is a mistake). */
export const RuleConditions = z.strictObject({
  /** Matched like the inbox's keyword search (folded text, two-character words such as 退款). */
  keywords: z.strictObject({ anyOf: Words.optional(), noneOf: Words.optional() }).optional(),
  sentiment: z.array(Sentiment).min(1).optional(),
  platforms: z.array(Platform).min(1).optional(),
  accountIds: z.array(Id).min(1).optional(),
  kind: InboxKind.optional(),
  /** The author's platform id (exact), or a part of the name shown. */
  author: z.strictObject({ id: text().trim().min(1).max(200).optional(), nameContains: text().trim().min(1).max(60).optional() }).optional(),
  time: RuleTime.optional(),
  isQuestion: z.boolean().optional(),
  isComplaint: z.boolean().optional(),
});
export type RuleConditions = z.infer<typeof RuleConditions>;

export const RuleActions = z.strictObject({
  /** A member who works the inbox. */
  assigneeId: Id.optional(),
  addTags: z.array(Tag).min(1).max(10).optional(),
  priority: InboxPriority.optional(),
  /** Members told in-app, with a link that opens the item. */
  notifyUserIds: z.array(Id).min(1).max(20).optional(),
  /** Raise a risk alert (告警, kind `rule`) for the items matched. */
  alert: z.boolean().optional(),
  /** A canned reply, filled in for the item and proposed: sent only after a person approves it. */
  replyTemplateId: Id.optional(),
});
export type RuleActions = z.infer<typeof RuleActions>;

const Name = text()
  .trim()
  .min(1, { error: '名称不能为空 / the name must not be empty' })
  .max(60, { error: '名称最多 60 字 / the name is at most 60 characters' });

export const InboxRule = z.object({
  id: Id,
  name: z.string(),
  enabled: z.boolean(),
  /** Order: rules are tried from the lowest position up. */
  position: z.number().int(),
  conditions: RuleConditions,
  actions: RuleActions,
  /** When this rule matches, later rules are skipped for the item. */
  stopAfter: z.boolean(),
  createdBy: Id.nullable(),
  /** Items the rule matched in the last 30 days, and the last time it did. */
  hits: z.number().int(),
  lastHitAt: IsoDate.nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
const RuleFields = { name: Name, enabled: z.boolean(), conditions: RuleConditions, actions: RuleActions, stopAfter: z.boolean() };
export const InboxRuleBody = z.strictObject({ ...RuleFields, enabled: z.boolean().default(false), stopAfter: z.boolean().default(false) });
export const UpdateInboxRuleBody = patch(RuleFields);
export const ReorderRulesBody = z.strictObject({ ids: z.array(Id).min(1).max(500) });
export const DryRunBody = z.strictObject({ conditions: RuleConditions });
/** The last 30 days: how many items the conditions match, and the newest 50 of them. */
export const DryRunResult = z.object({ matched: z.number().int(), items: z.array(InboxItem), from: IsoDate });
