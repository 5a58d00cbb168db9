// A person's decision on a reply whose outcome is unknown on a platform that cannot be read back
// (reply-send.ts leaves it `unknown` with awaitingDecision: WeChat's customer-service messages
// have no idempotency key and no read-back). `sent`: the user got it; it is recorded sent and
// threaded as the account's message, nothing goes out. `resend`: it did not arrive; it is queued
// once more as a fresh send (its job in the same transaction). Only such a reply can be decided,
// once: the update is conditional, so two members deciding at once cannot send it twice.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { AppError, notFound } from '../../lib/errors';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { ingestItems } from './ingest';
import { replyView as view } from './replies';
import { ensureReplyQueue, queueReply } from './reply-job';

type Row = Record<string, unknown>;

export async function decideReply(deps: Deps, actor: Actor, replyId: string, outcome: 'sent' | 'resend') {
  assertCan(actor.role, 'inbox.work');
  await ensureReplyQueue(deps.boss);
  return deps.db.transaction(async (tx) => {
    const set =
      outcome === 'sent'
        ? sql`state = 'sent', platform_reply_id = ${`kf:${replyId}`}, sent_at = coalesce(send_started_at, now()), error = null`
        : sql`state = 'queued', send_started_at = null, attempt_count = 0, error = null, next_attempt_at = now()`;
    const r = await tx.execute<Row>(sql`
      update inbox_replies set ${set}, awaiting_decision = false, lease_until = null, updated_at = now()
      where id = ${replyId} and workspace_id = ${actor.workspaceId} and state = 'unknown' and awaiting_decision
      returning *`);
    const row = r.rows[0];
    if (!row) {
      const found = await tx.execute<Row>(sql`select state from inbox_replies where id = ${replyId} and workspace_id = ${actor.workspaceId}`);
      if (!found.rows[0]) throw notFound({ zh: '回复', en: 'Reply' });
      throw new AppError('invalid_state', {
        zh: `只有结果未知、等待确认的回复可以这样处理（当前：${found.rows[0].state}）`,
        en: `Only a reply whose outcome is unknown and waits for a person can be decided (this one is ${found.rows[0].state})`,
      });
    }
    if (outcome === 'resend') await queueReply(deps, tx, replyId);
    else {
      const item = await tx.execute<Row>(sql`select account_id, kind, external_id from inbox_items where id = ${row.item_id}`);
      const it = item.rows[0];
      await ingestItems(deps, tx, actor.workspaceId, it.account_id as string, 'reply', [
        {
          kind: it.kind as 'comment' | 'message',
          externalId: `kf:${replyId}`,
          parentExternalId: it.external_id as string,
          fromAccount: true,
          text: row.text as string,
          at: new Date(row.sent_at as string),
        },
      ]);
    }
    await audit(tx, actor, { action: 'inbox.reply_decide', entityType: 'inbox_item', entityId: row.item_id as string, after: { replyId, outcome } });
    return view(row);
  });
}
