// The replies members sent from Meiyun, as the team scorecards read them: who sent what when, and
// for each item the first reply that went out (its sender owns the item's first response time).
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { inboxItems, inboxReplies } from './tables';

export type SentReply = {
  id: string;
  itemId: string;
  authorId: string;
  sentAt: Date;
  /** When the item reached the team (written on the platform, or received if later). */
  itemStart: Date;
  /** This reply was the first sent to its item. */
  first: boolean;
};

/** The replies sent in [from, to), oldest first. */
export async function sentRepliesBetween(ex: Executor, workspaceId: string, from: Date, to: Date): Promise<SentReply[]> {
  const r = await ex.execute<{ id: string; item_id: string; author_id: string; sent_at: string; item_start: string; first: boolean }>(sql`
    select r.id, r.item_id, r.author_id, r.sent_at, greatest(i.at, i.received_at) as item_start,
           not exists (select 1 from ${inboxReplies} e where e.item_id = r.item_id and e.state = 'sent'
                        and (e.sent_at < r.sent_at or (e.sent_at = r.sent_at and e.id < r.id))) as first
      from ${inboxReplies} r join ${inboxItems} i on i.id = r.item_id
     where r.workspace_id = ${workspaceId} and r.state = 'sent' and r.author_id is not null
       and r.sent_at >= ${from.toISOString()} and r.sent_at < ${to.toISOString()}
     order by r.sent_at, r.id`);
  return r.rows.map((x) => ({
    id: x.id,
    itemId: x.item_id,
    authorId: x.author_id,
    sentAt: new Date(x.sent_at),
    itemStart: new Date(x.item_start),
    first: x.first,
  }));
}
