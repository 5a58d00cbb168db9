// The one way items get into the inbox: platform syncs, pushes and imports alike. Items go in as
// arrays in one statement, once per (account, kind, external id): a sync or import run again
// finds them and stores nothing. Replies are threaded to the item they answer, also when the
// answer arrives first (it waits as its own thread until its parent comes, then joins it). Every
// new item goes through the risk monitor (keyword and negative-spike alerts).
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Tx } from '../../db/pool';
import { screenBatch } from '../incidents/monitor';
import { gramsOf } from './search';

export interface NewItem {
  kind: 'comment' | 'message';
  externalId: string;
  parentExternalId?: string | null;
  publicationId?: string | null;
  authorId?: string | null;
  authorName?: string | null;
  fromAccount?: boolean;
  text: string;
  at: Date;
}

export interface Ingested {
  received: number;
  stored: number;
  duplicates: number;
  /** The ids of the items stored by this call. */
  ids: string[];
}

/** An external id for an item the platform gave none (pasted text): the same item hashes the same. */
export function derivedId(it: { authorId?: string | null; authorName?: string | null; at: Date; text: string }) {
  const h = createHash('sha256').update(`${it.authorId ?? it.authorName ?? ''}\u0000${it.at.toISOString()}\u0000${it.text}`);
  return `import:${h.digest('hex').slice(0, 32)}`;
}

/** Stores the new items of one account (same key twice in a batch: the first wins). */
export async function ingestItems(
  deps: Deps,
  tx: Tx,
  workspaceId: string,
  accountId: string,
  source: 'sync' | 'push' | 'import',
  items: NewItem[],
): Promise<Ingested> {
  const seen = new Set<string>();
  const unique = items.filter((it) => {
    const k = `${it.kind}|${it.externalId}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  if (!unique.length) return { received: items.length, stored: 0, duplicates: items.length, ids: [] };
  const col = <T>(f: (it: NewItem) => T) => sql.param(unique.map(f));
  const res = await tx.execute<{ id: string; text: string; at: Date; author_name: string | null; kind: string }>(sql`
    insert into inbox_items (workspace_id, account_id, source, kind, external_id, parent_external_id, publication_id,
      author_id, author_name, from_account, text, grams, at)
    select ${workspaceId}::uuid, ${accountId}::uuid, ${source}, u.kind, u.external_id, u.parent_external_id, u.publication_id,
      u.author_id, u.author_name, u.from_account, u.text, string_to_array(u.grams, chr(1)), u.at
    from unnest(${col((i) => i.kind)}::text[], ${col((i) => i.externalId)}::text[], ${col((i) => i.parentExternalId ?? null)}::text[],
      ${col((i) => i.publicationId ?? null)}::uuid[], ${col((i) => i.authorId ?? null)}::text[], ${col((i) => i.authorName ?? null)}::text[],
      ${col((i) => i.fromAccount ?? false)}::boolean[], ${col((i) => i.text)}::text[], ${col((i) => gramsOf(i.text).join('\u0001'))}::text[],
      ${col((i) => i.at.toISOString())}::timestamptz[])
      as u(kind, external_id, parent_external_id, publication_id, author_id, author_name, from_account, text, grams, at)
    on conflict (account_id, kind, external_id) do nothing
    returning id, text, at, author_name, kind`);
  const ids = res.rows.map((r) => r.id);
  if (ids.length) {
    await tx.execute(sql`update inbox_items set root_id = id where id = any(${sql.param(ids)}::uuid[])`);
    await thread(tx, accountId);
    await screenBatch(
      deps,
      tx,
      workspaceId,
      res.rows.map((r) => ({ accountId, source: r.kind as 'comment' | 'message', externalId: r.id, author: r.author_name, text: r.text, at: r.at })),
    );
  }
  return { received: items.length, stored: ids.length, duplicates: items.length - ids.length, ids };
}

/**
 * Links the account's waiting replies to their parents, then moves every item of a linked
 * reply's former thread into the parent's thread (repeated while chains are still settling:
 * platforms thread two levels deep, so this runs once or twice).
 */
async function thread(tx: Tx, accountId: string) {
  for (let i = 0; i < 5; i++) {
    const r = await tx.execute(sql`
      with linked as (
        update inbox_items c set parent_id = p.id, root_id = p.root_id, updated_at = now()
        from inbox_items p
        where c.account_id = ${accountId} and c.parent_id is null and c.parent_external_id is not null
          and p.account_id = c.account_id and p.kind = c.kind and p.external_id = c.parent_external_id
        returning c.id, p.root_id as root)
      update inbox_items x set root_id = l.root from linked l where x.root_id = l.id and x.id <> l.id`);
    const moved = await tx.execute(sql`
      update inbox_items x set root_id = p.root_id from inbox_items p
      where x.account_id = ${accountId} and x.parent_id = p.id and x.root_id is distinct from p.root_id`);
    if (!r.rowCount && !moved.rowCount) return;
  }
}
