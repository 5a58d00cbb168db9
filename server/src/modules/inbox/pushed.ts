// Users' messages a platform pushed to the account's callback URL (WeChat: 接收普通消息, parsed
// in platforms/wechat/messages.ts and handed over by accounts/callbacks.ts). Stored through
// ingestItems like everything else, once per message id: WeChat's retries of the same push (it
// tries three times when no answer comes within 5 s) store nothing more. One thread per user: a
// message joins the user's open thread (its first message not done), else starts one. Pushes of
// one user are taken one at a time (a transaction lock on the account and the user), so two
// arriving together do not open two threads.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { PushedMessage } from '../../platforms/inbox';
import { type Ingested, ingestItems } from './ingest';

export async function ingestPushed(deps: Deps, workspaceId: string, accountId: string, messages: PushedMessage[]): Promise<Ingested> {
  const total: Ingested = { received: 0, stored: 0, duplicates: 0, ids: [] };
  for (const m of messages) {
    const r = await deps.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`inbox-push|${accountId}|${m.authorId}`}, 0))`);
      const open = await tx.execute<{ external_id: string }>(sql`
        select r.external_id from inbox_items m join inbox_items r on r.id = m.root_id
        where m.account_id = ${accountId} and m.kind = 'message' and m.author_id = ${m.authorId} and not m.from_account and r.status <> 'done'
        order by m.at desc, m.received_at desc limit 1`);
      const root = open.rows[0]?.external_id;
      return ingestItems(deps, tx, workspaceId, accountId, 'push', [
        {
          kind: 'message',
          externalId: m.externalId,
          parentExternalId: root && root !== m.externalId ? root : null,
          authorId: m.authorId,
          text: m.text,
          at: m.at,
          raw: m.raw,
        },
      ]);
    });
    total.received += r.received;
    total.stored += r.stored;
    total.duplicates += r.duplicates;
    total.ids.push(...r.ids);
  }
  return total;
}

/** When the author of this message last wrote to the account (the start of a reply window), or null. */
export async function lastMessageAt(deps: Deps, itemId: string): Promise<Date | null> {
  const r = await deps.db.execute<{ at: string | Date | null }>(sql`
    select (select max(m.at) from inbox_items m where m.account_id = i.account_id and m.kind = 'message' and m.author_id = i.author_id
      and not m.from_account) as at
    from inbox_items i where i.id = ${itemId} and i.kind = 'message' and i.author_id is not null`);
  const at = r.rows[0]?.at;
  return at ? new Date(at) : null;
}
