// Replies from the inbox: a member writes one to an item, it is queued in the same transaction
// as its job and sent exactly once by the worker (reply-send.ts). Checked here: the text (not
// empty, within the platform's length), the item (a comment from the public, not the account's
// own), the platform (it has a reply API: else 409), one reply in flight per item, and for a
// platform that keeps one reply per comment, none sent already. Replying opens a new item
// (new → open) and leaves any other status alone unless the member marks it done. A user's message
// is answered through the platform's message replier, only within its window after the user's
// last message (WeChat: 48 h; after it 409).
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as C from '../../../../contract/inbox';
import type { Deps } from '../../context';
import type { Tx } from '../../db/pool';
import { AppError, conflictOnDuplicate, notFound } from '../../lib/errors';
import { isoOr } from '../../lib/time';
import type { ReplyLimits } from '../../platforms/inbox';
import { platformModule } from '../../platforms/registry';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { lastMessageAt } from './pushed';
import { ensureReplyQueue, queueReply } from './reply-job';

type Reply = z.infer<typeof C.InboxReply>;
export type Row = Record<string, unknown>;

export const replyView = (r: Row): Reply => ({
  id: r.id as string,
  itemId: r.item_id as string,
  authorId: (r.author_id as string) ?? null,
  text: r.text as string,
  state: r.state as Reply['state'],
  attemptCount: r.attempt_count as number,
  platformReplyId: (r.platform_reply_id as string) ?? null,
  error: (r.error as string) ?? null,
  createdAt: isoOr(r.created_at as Date),
  sentAt: r.sent_at ? isoOr(r.sent_at as Date) : null,
  needsDecision: (r.awaiting_decision as boolean) ?? false,
});

const NO_REPLY_API = {
  zh: '该平台的接口不支持回复评论，请在平台后台回复',
  en: "This platform's API cannot reply to comments; reply in the platform's own console",
};

const ONE_PER_COMMENT = {
  zh: '这条评论已有回复或正在回复（平台每条评论只保留一条回复）',
  en: 'This comment already has a reply, or one on its way (the platform keeps one reply per comment)',
};
const NO_MESSAGE_API = {
  zh: '该平台的接口不支持回复私信，请在平台后台回复',
  en: "This platform's API cannot answer messages; reply in the platform's own console",
};

/** A message is answered only within the window after its author's last message. */
async function assertWindow(deps: Deps, itemId: string, windowMs: number) {
  const last = await lastMessageAt(deps, itemId);
  const hours = Math.round(windowMs / 3_600_000);
  if (!last || last.getTime() + windowMs <= Date.now())
    throw new AppError('conflict', {
      zh: `已超过回复时限：只能在用户最后一条消息后 ${hours} 小时内回复，请等用户再次发来消息`,
      en: `The reply window has closed: a message can be answered only within ${hours} hours of the user's last message; wait for the user to write again`,
    });
}

const IN_FLIGHT = { zh: '这条评论已有一条回复正在发送', en: 'A reply to this comment is already on its way' };

export async function itemOf(deps: Deps, actor: Actor, itemId: string) {
  const r = await deps.db.execute<Row>(sql`
    select i.id, i.kind, i.from_account, i.status, i.hidden_at, a.platform from inbox_items i join platform_accounts a on a.id = i.account_id
    where i.id = ${itemId} and i.workspace_id = ${actor.workspaceId}`);
  if (!r.rows[0]) throw notFound({ zh: '消息', en: 'Inbox item' });
  return r.rows[0];
}

/** The platform's reply limits for the item, and the text as it will go (trimmed, within the length). */
export function checkReply(item: Row, raw: string) {
  const mod = platformModule(item.platform as string);
  const message = item.kind === 'message';
  const limits = message ? mod?.messageReplyLimits : mod?.replyLimits;
  if (!(message ? mod?.messageReplies : mod?.replies) || !limits) throw new AppError('invalid_state', message ? NO_MESSAGE_API : NO_REPLY_API);
  if (item.from_account) throw new AppError('invalid_state', { zh: '不能回复账号自己的回复', en: "The account's own reply cannot be answered here" });
  if (item.hidden_at)
    throw new AppError('invalid_state', {
      zh: '这条评论已隐藏（已在平台删除），不能回复',
      en: 'This comment is hidden (deleted on the platform) and cannot be answered',
    });
  const text = raw.trim();
  if (!text) throw new AppError('validation_failed', { zh: '回复内容不能为空', en: 'The reply must not be empty' }, [{ path: 'text', message: 'empty' }]);
  const length = limits.length(text);
  if (length > limits.maxLength)
    throw new AppError(
      'validation_failed',
      { zh: `回复最多 ${limits.maxLength} 字（现 ${length} 字）`, en: `A reply is at most ${limits.maxLength} characters here (this one: ${length})` },
      [{ path: 'text', message: 'too long' }],
    );
  return { limits, text, length };
}

/** Refuses a second reply in flight, or any reply on a one-reply platform once one is there. */
export async function assertNoReply(tx: Tx, itemId: string, limits: ReplyLimits) {
  const open = await tx.execute(sql`
    select state from inbox_replies where item_id = ${itemId} and (state in ('queued', 'sending', 'unknown') or (${limits.onePerComment} and state = 'sent'))
    union all select 'sent' from inbox_items where parent_id = ${itemId} and from_account and ${limits.onePerComment}
    limit 1`);
  const busy = limits.onePerComment ? ONE_PER_COMMENT : IN_FLIGHT;
  if (open.rows.length) throw new AppError('conflict', busy);
  return busy;
}

/** Replying opens a new item (new → open), or marks it done when asked. */
export async function openReplied(tx: Tx, item: Row, done?: boolean) {
  const status = done ? 'done' : item.status === 'new' ? 'open' : null;
  if (status) await tx.execute(sql`update inbox_items set status = ${status}, updated_at = now() where id = ${item.id as string}`);
}

export async function createReply(deps: Deps, actor: Actor, itemId: string, body: z.infer<typeof C.CreateReplyBody>, clientIp: string | null) {
  assertCan(actor.role, 'inbox.work');
  const item = await itemOf(deps, actor, itemId);
  const { limits, text, length } = checkReply(item, body.text);
  if (limits.windowMs) await assertWindow(deps, itemId, limits.windowMs);
  await ensureReplyQueue(deps.boss);
  return deps.db.transaction(async (tx) => {
    const busy = await assertNoReply(tx, itemId, limits);
    // Two members replying at once: the partial unique index lets one through.
    const r = await conflictOnDuplicate(
      () =>
        tx.execute<Row>(sql`
          insert into inbox_replies (workspace_id, item_id, author_id, text, client_ip) values (${actor.workspaceId}, ${itemId}, ${actor.userId}, ${text}, ${clientIp})
          returning *`),
      busy,
    );
    const reply = replyView(r.rows[0]);
    await openReplied(tx, item, body.done);
    await queueReply(deps, tx, reply.id);
    await audit(tx, actor, { action: 'inbox.reply', entityType: 'inbox_item', entityId: itemId, after: { replyId: reply.id, length } });
    return reply;
  });
}

export async function listReplies(deps: Deps, actor: Actor, itemId: string) {
  assertCan(actor.role, 'inbox.work');
  await itemOf(deps, actor, itemId);
  const r = await deps.db.execute<Row>(
    sql`select * from inbox_replies where item_id = ${itemId} and workspace_id = ${actor.workspaceId} order by created_at, id`,
  );
  return r.rows.map(replyView);
}

/**
 * A failed reply tried again. One that may have reached the platform (a send was started) goes to
 * `unknown`, so the comments are read back before anything is sent; `unknown` itself is never
 * retried by hand: the worker reconciles it.
 */
export async function retryReply(deps: Deps, actor: Actor, replyId: string) {
  assertCan(actor.role, 'inbox.work');
  await ensureReplyQueue(deps.boss);
  return deps.db.transaction(async (tx) => {
    const r = await tx.execute<Row>(sql`
      update inbox_replies set attempt_count = 0, error = null,
        -- A message reply fails only on a refusal: nothing went out (no unknown outcome ends failed).
        state = case when send_started_at is null or exists (select 1 from inbox_items i where i.id = item_id and i.kind = 'message') then 'queued' else 'unknown' end,
        next_attempt_at = now(), updated_at = now()
      where id = ${replyId} and workspace_id = ${actor.workspaceId} and state = 'failed'
      returning *`);
    if (!r.rows[0]) {
      const found = await tx.execute<Row>(sql`select state from inbox_replies where id = ${replyId} and workspace_id = ${actor.workspaceId}`);
      if (!found.rows[0]) throw notFound({ zh: '回复', en: 'Reply' });
      throw new AppError('invalid_state', {
        zh: `只有发送失败的回复可以重试（当前：${found.rows[0].state}）`,
        en: `Only a failed reply can be retried (this one is ${found.rows[0].state})`,
      });
    }
    const reply = replyView(r.rows[0]);
    await queueReply(deps, tx, reply.id);
    await audit(tx, actor, { action: 'inbox.reply_retry', entityType: 'inbox_item', entityId: reply.itemId, after: { replyId } });
    return reply;
  });
}
