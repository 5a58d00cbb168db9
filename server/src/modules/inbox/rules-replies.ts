// Replies a rule proposed (state `proposed`, never sent as they are): a member who works the
// inbox approves one, which puts it on the normal exactly-once path (queued with its job, in one
// transaction, under the same checks as a reply written by hand: the platform, the length, one
// reply in flight, one per comment where the platform keeps one), or discards it.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Tx } from '../../db/pool';
import { AppError, conflictOnDuplicate, notFound } from '../../lib/errors';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { assertNoReply, checkReply, itemOf, openReplied, type Row, replyView } from './replies';
import { ensureReplyQueue, queueReply } from './reply-job';

/** The proposed reply, locked for this transaction; 404 when not of the workspace, 409 when no longer proposed. */
async function proposed(tx: Tx, actor: Actor, replyId: string) {
  const r = await tx.execute<Row>(sql`select * from inbox_replies where id = ${replyId} and workspace_id = ${actor.workspaceId} for update`);
  const row = r.rows[0];
  if (!row) throw notFound({ zh: '回复', en: 'Reply' });
  if (row.state !== 'proposed')
    throw new AppError('invalid_state', {
      zh: `只有待批准的回复可以批准或丢弃（当前：${row.state}）`,
      en: `Only a proposed reply can be approved or discarded (this one is ${row.state})`,
    });
  return row;
}

export async function approveReply(deps: Deps, actor: Actor, replyId: string, clientIp: string | null) {
  assertCan(actor.role, 'inbox.work');
  await ensureReplyQueue(deps.boss);
  return deps.db.transaction(async (tx) => {
    const row = await proposed(tx, actor, replyId);
    const item = await itemOf(deps, actor, row.item_id as string);
    const { limits, text } = checkReply(item, row.text as string);
    const busy = await assertNoReply(tx, item.id as string, limits);
    const r = await conflictOnDuplicate(
      () =>
        tx.execute<Row>(sql`
          update inbox_replies set state = 'queued', text = ${text}, author_id = ${actor.userId}, client_ip = ${clientIp}, next_attempt_at = now(),
            updated_at = now()
          where id = ${replyId} and state = 'proposed' returning *`),
      busy,
    );
    const reply = replyView(r.rows[0]);
    await openReplied(tx, item);
    await queueReply(deps, tx, reply.id);
    await audit(tx, actor, { action: 'inbox.reply_approve', entityType: 'inbox_item', entityId: reply.itemId, after: { replyId } });
    return reply;
  });
}

export async function discardReply(deps: Deps, actor: Actor, replyId: string) {
  assertCan(actor.role, 'inbox.work');
  await deps.db.transaction(async (tx) => {
    const row = await proposed(tx, actor, replyId);
    await tx.execute(sql`delete from inbox_replies where id = ${replyId} and state = 'proposed'`);
    await audit(tx, actor, { action: 'inbox.reply_discard', entityType: 'inbox_item', entityId: row.item_id as string, before: { replyId, text: row.text } });
  });
  return { ok: true as const };
}
