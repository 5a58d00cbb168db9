// What the feedback module needs of the inbox (the inbox owns its tables): the message a feedback
// item is made from, and "tell the inbox when it is solved": the source item is reopened if it
// was done (through the same status record as the inbox's own changes, so service levels count
// it) and its assignee, else the account's operators, else the owners and managers, are told.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Platform } from '../../../../contract/accounts';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { notFound } from '../../lib/errors';
import { operatorsOf } from '../accounts/repository';
import { type Actor, audit } from '../identity/audit';
import { notify } from '../notify/service';
import { recordStatus } from './sla-events';

export type SourceItem = {
  id: string;
  text: string;
  accountId: string;
  accountName: string;
  platform: z.infer<typeof Platform>;
  authorId: string | null;
  authorName: string | null;
  at: Date;
};

/** The workspace's inbox item, with its account's name and platform (404 otherwise). */
export async function itemForFeedback(ex: Executor, workspaceId: string, itemId: string): Promise<SourceItem> {
  const r = await ex.execute<SourceItem>(sql`
    select i.id, i.text, i.account_id as "accountId", a.name as "accountName", a.platform, i.author_id as "authorId", i.author_name as "authorName", i.at
    from inbox_items i join platform_accounts a on a.id = i.account_id
    where i.id = ${itemId} and i.workspace_id = ${workspaceId}`);
  if (!r.rows[0]) throw notFound({ zh: '消息', en: 'Inbox item' });
  return { ...r.rows[0], at: new Date(r.rows[0].at) };
}

export type Solved = { itemId: string; feedbackId: string; number: number; title: string; status: 'resolved' | 'wont_fix'; resolution: string };

/** Reopens the source item if done and notifies its people, in the caller's transaction. */
export async function feedbackSolved(deps: Deps, tx: Executor, actor: Actor, s: Solved) {
  const r = await tx.execute<{ status: string; assignee_id: string | null; account_id: string; text: string }>(
    sql`select status, assignee_id, account_id, left(text, 60) as text from inbox_items where id = ${s.itemId} and workspace_id = ${actor.workspaceId} for update`,
  );
  const item = r.rows[0];
  if (!item) return;
  if (item.status === 'done') {
    await recordStatus(tx, actor, [s.itemId], 'open');
    await tx.execute(sql`update inbox_items set status = 'open', updated_at = now() where id = ${s.itemId} and workspace_id = ${actor.workspaceId}`);
    await audit(tx, actor, {
      action: 'inbox.feedback_reopen',
      entityType: 'inbox_item',
      entityId: s.itemId,
      before: { status: 'done' },
      after: { status: 'open', feedbackId: s.feedbackId },
    });
  }
  const operators = item.assignee_id ? [] : ((await operatorsOf(tx, [item.account_id])).get(item.account_id) ?? []);
  const done = s.status === 'resolved' ? { zh: '已解决', en: 'resolved' } : { zh: '不予处理', en: 'closed as won’t fix' };
  await notify(
    deps,
    {
      workspaceId: actor.workspaceId,
      kind: 'inbox.feedback_resolved',
      title: {
        zh: `反馈 #${s.number}「${s.title}」${done.zh}，可以回复用户了`,
        en: `Feedback #${s.number} "${s.title}" is ${done.en}: the user can be answered`,
      },
      body: { zh: `处理结果：${s.resolution}\n消息：${item.text}`, en: `Resolution: ${s.resolution}\nMessage: ${item.text}` },
      link: `/inbox?item=${s.itemId}`,
      userIds: item.assignee_id ? [item.assignee_id] : operators.length ? operators : undefined,
    },
    tx,
  );
}
