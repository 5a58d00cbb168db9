// Reading back what the inbox sync stored: an account's items with their threads (the parent's
// external id), and its inbox_sync row.
import { asc, eq } from 'drizzle-orm';
import { inboxItems, inboxSync } from '../modules/inbox/tables';
import type { PubEnv } from './publishing';

export async function itemsOf(e: PubEnv, accountId: string) {
  const rows = await e.deps.db.select().from(inboxItems).where(eq(inboxItems.accountId, accountId)).orderBy(asc(inboxItems.at), asc(inboxItems.externalId));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows.map((r) => ({
    externalId: r.externalId,
    text: r.text,
    fromAccount: r.fromAccount,
    publicationId: r.publicationId,
    authorName: r.authorName,
    /** The external id of the item it is threaded under (null: a thread of its own). */
    parent: r.parentId ? (byId.get(r.parentId)?.externalId ?? '?') : null,
    root: r.rootId ? (byId.get(r.rootId)?.externalId ?? '?') : null,
  }));
}

export async function syncStateOf(e: PubEnv, accountId: string) {
  const [s] = await e.deps.db.select().from(inboxSync).where(eq(inboxSync.accountId, accountId));
  return s;
}
