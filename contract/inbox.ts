// The unified inbox (E1, E2): comments and messages from every account, worked by the team.
// See server/src/modules/inbox/README.md.
import { z } from 'zod';
import { Platform } from './accounts';
import { Day, Id, IsoDate, patch, text } from './common';
import { FeedbackRef } from './feedback';

export const InboxKind = z.enum(['comment', 'message']);
/** new: not looked at; open: someone is on it; pending: waiting for someone else (the user, a department); done. */
export const InboxStatus = z.enum(['new', 'open', 'pending', 'done']);
export const InboxPriority = z.enum(['low', 'normal', 'high', 'urgent']);
export const Sentiment = z.enum(['positive', 'neutral', 'negative']);

export const Tag = text().trim().min(1, { error: '标签不能为空 / a tag must not be empty' }).max(30, { error: '标签最多 30 字 / a tag is at most 30 characters' });

export const InboxItem = z.object({
  id: Id,
  accountId: Id,
  accountName: z.string(),
  platform: Platform,
  kind: InboxKind,
  externalId: z.string(),
  parentId: Id.nullable(),
  rootId: Id.nullable(),
  publicationId: Id.nullable(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  fromAccount: z.boolean(),
  text: z.string(),
  at: IsoDate,
  receivedAt: IsoDate,
  source: z.enum(['sync', 'push', 'import', 'reply']),
  status: InboxStatus,
  priority: InboxPriority,
  assigneeId: Id.nullable(),
  tags: z.array(z.string()),
  sentiment: Sentiment.nullable(),
  sentimentScore: z.number().nullable(),
  isQuestion: z.boolean().nullable(),
  isComplaint: z.boolean().nullable(),
  /** Featured (精选) on the platform; hidden: deleted on the platform by a member, kept here for the record. */
  featured: z.boolean(),
  hiddenAt: IsoDate.nullable(),
  hiddenBy: Id.nullable(),
  /** A user's message on a platform that answers within a window (WeChat: 48 h after the user's last message): when it closes. */
  replyWindow: z.object({ endsAt: IsoDate }).nullable(),
});

/** What an inbox rule's hit applied to the item (contract/inbox-rules.ts). */
export const RuleActionName = z.enum(['assign', 'tags', 'priority', 'notify', 'alert', 'reply']);
export const RuleHit = z.object({ ruleId: Id.nullable(), ruleName: z.string(), at: IsoDate, actions: z.array(RuleActionName) });

/** `feedback`: the feedback items made from the item, for the thread to show; `ruleHits`: the rules applied to it. */
export const InboxThread = z.object({ item: InboxItem, thread: z.array(InboxItem), feedback: z.array(FeedbackRef), ruleHits: z.array(RuleHit) });

const flag = z.enum(['yes', 'no']).optional();
export const InboxQuery = z.object({
  accountId: Id.optional(),
  platform: Platform.optional(),
  kind: InboxKind.optional(),
  status: InboxStatus.optional(),
  priority: InboxPriority.optional(),
  sentiment: Sentiment.optional(),
  tag: Tag.optional(),
  /** A member's id, `me`, or `none` (unassigned). */
  assignee: z.union([Id, z.enum(['me', 'none'])]).optional(),
  question: flag,
  complaint: flag,
  featured: flag,
  hidden: flag,
  /** Keyword(s) in the text; two-character Chinese words such as 退款 included. */
  q: text().trim().max(50, { error: '关键词最多 50 字 / the keyword is at most 50 characters' }).optional(),
  from: Day.optional(),
  to: Day.optional(),
});

/** `total` is exact up to 10,000; above that `totalCapped` is true and the list still pages on. */
export const InboxPage = z.object({
  items: z.array(InboxItem),
  total: z.number().int(),
  totalCapped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const Changes = {
  status: InboxStatus,
  priority: InboxPriority,
  assigneeId: Id.nullable(),
  tags: z.array(Tag).max(20, { error: '最多 20 个标签 / at most 20 tags' }),
};
export const UpdateInboxBody = patch(Changes);
export const BulkInboxBody = z.strictObject({
  ids: z.array(Id).min(1, { error: '至少选一条 / select at least one item' }).max(500, { error: '一次最多 500 条 / at most 500 items at a time' }),
  set: patch(Changes),
});
export const BulkInboxResult = z.object({ updated: z.number().int() });

export const InboxCounts = z.object({
  new: z.number().int(),
  open: z.number().int(),
  pending: z.number().int(),
  /** Not done and assigned to the caller. */
  mine: z.number().int(),
});

const ImportItem = z.strictObject({
  /** The platform's id of the item; when absent, one is derived from author, time and text so a repeat import is still found. */
  externalId: text().trim().min(1).max(200).optional(),
  /** The external id of the item it answers (a reply). */
  parentExternalId: text().trim().min(1).max(200).optional(),
  kind: InboxKind.default('comment'),
  authorId: text().trim().max(200).optional(),
  authorName: text().trim().max(100).optional(),
  fromAccount: z.boolean().default(false),
  text: text()
    .trim()
    .min(1, { error: '内容不能为空 / the text must not be empty' })
    .max(5000, { error: '内容最多 5000 字 / the text is at most 5000 characters' }),
  at: IsoDate,
  /** The live link of the post it is about (found among the account's publications). */
  postUrl: z.url({ error: '必须是有效的链接 / must be a valid URL' }).max(2000).optional(),
});
export const InboxImportBody = z.strictObject({
  accountId: Id,
  items: z.array(ImportItem).min(1, { error: '至少一条 / at least one item' }).max(500, { error: '一次最多 500 条 / at most 500 items at a time' }),
});
export const InboxImportResult = z.object({ received: z.number().int(), stored: z.number().int(), duplicates: z.number().int() });

/** Where the comment sync of one account stands (inbox/sync.ts). */
export const InboxSyncStatus = z.object({
  accountId: Id,
  /** false: the platform has no comment API, or the account's grant lacks comments; not synced. */
  supported: z.boolean(),
  lastSyncedAt: IsoDate.nullable(),
  lastAttemptAt: IsoDate.nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  /** A run holds the account now, or "sync now" just queued one. */
  running: z.boolean(),
});
export type InboxSyncStatus = z.infer<typeof InboxSyncStatus>;

/** A reply sent from the inbox through the platform, exactly once (server/src/modules/inbox/README.md). */
/** proposed: written by a rule, waiting for a person to approve it (nothing is sent before). */
export const InboxReplyState = z.enum(['proposed', 'queued', 'sending', 'sent', 'failed', 'unknown']);
export const InboxReply = z.object({
  id: Id,
  itemId: Id,
  authorId: Id.nullable(),
  text: z.string(),
  state: InboxReplyState,
  attemptCount: z.number().int(),
  platformReplyId: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: IsoDate,
  sentAt: IsoDate.nullable(),
  /** `unknown` on a platform that cannot be read back: a person says whether it arrived (decide). */
  needsDecision: z.boolean(),
});
/** What a person found about a reply whose outcome is unknown: it arrived (sent), or send it again (resend). */
export const DecideReplyBody = z.strictObject({ outcome: z.enum(['sent', 'resend']) });
export const CreateReplyBody = z.object({
  text: text().max(5000, { error: '回复太长 / the reply is too long' }),
  /** Mark the item done as the reply goes. */
  done: z.boolean().optional(),
});

/** A canned reply: a body with {{author}}, {{account}}, {{post}} filled in from the item when used. */
export const TEMPLATE_VARIABLES = ['author', 'account', 'post'] as const;
export const InboxTemplate = z.object({ id: Id, name: z.string(), body: z.string(), createdAt: IsoDate, updatedAt: IsoDate });
const TemplateFields = {
  name: text().trim().min(1, { error: '名称不能为空 / the name must not be empty' }).max(60, { error: '名称最多 60 字 / the name is at most 60 characters' }),
  body: text()
    .trim()
    .min(1, { error: '内容不能为空 / the body must not be empty' })
    .max(2000, { error: '内容最多 2000 字 / the body is at most 2000 characters' }),
};
export const InboxTemplateBody = z.object(TemplateFields);
export const UpdateInboxTemplateBody = patch(TemplateFields);
export const RenderTemplateBody = z.object({ itemId: Id });
export const RenderedTemplate = z.object({ text: z.string() });
