// The one way items get into the inbox: platform syncs, pushes and imports alike. Items go in as
// arrays in one statement, once per (account, kind, external id): a sync or import run again
// finds them and stores nothing. Replies are threaded to the item they answer, also when the
// answer arrives first (it waits as its own thread until its parent comes, then joins it). Every
// new item is read by the text module (sentiment, question, complaint) and goes through the risk
// monitor (keyword and negative-spike alerts), then the workspace's inbox rules (rules-live.ts).
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Tx } from '../../db/pool';
import { plainArray } from '../../lib/pg-array';
import { screenBatch } from '../incidents/monitor';
import { classify } from '../text/index';
import { applyRules } from './rules-live';
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
  /** The fields as the platform pushed them (kept in `raw`). */
  raw?: Record<string, string> | null;
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

type Node = { id: string; parent: string | null; root: string | null };

/**
 * Ids, parents and roots before the insert: a parent already stored wins over one in the batch
 * (which may be a repeat that will not be stored); a parent in the batch is resolved there; a
 * reply whose parent has not come yet waits as the root of its own thread.
 */
async function plan(tx: Tx, accountId: string, items: NewItem[]): Promise<Node[]> {
  const wanted = [...new Set(items.flatMap((i) => (i.parentExternalId ? [`${i.kind}|${i.parentExternalId}`] : [])))];
  const stored = new Map<string, { id: string; root: string }>();
  if (wanted.length) {
    const pairs = wanted.map((k) => [k.slice(0, k.indexOf('|')), k.slice(k.indexOf('|') + 1)]);
    const r = await tx.execute<{ k: string; id: string; root: string }>(sql`
      select i.kind || '|' || i.external_id as k, i.id, i.root_id as root
      from unnest(${sql.param(pairs.map((p) => p[0]))}::text[], ${sql.param(pairs.map((p) => p[1]))}::text[]) as w(kind, external_id)
      join inbox_items i on i.account_id = ${accountId} and i.kind = w.kind and i.external_id = w.external_id`);
    for (const row of r.rows) stored.set(row.k, row);
  }
  const nodes: Node[] = items.map(() => ({ id: randomUUID(), parent: null, root: null }));
  const inBatch = new Map(items.map((it, i) => [`${it.kind}|${it.externalId}`, i]));
  const parentIndex = items.map((it) => {
    const k = it.parentExternalId ? `${it.kind}|${it.parentExternalId}` : null;
    return k && !stored.has(k) ? (inBatch.get(k) ?? null) : null;
  });
  const rootOf = (i: number, depth = 0): string => {
    const n = nodes[i];
    if (n.root) return n.root;
    const k = items[i].parentExternalId ? `${items[i].kind}|${items[i].parentExternalId}` : null;
    const s = k ? stored.get(k) : undefined;
    const p = parentIndex[i];
    if (s) [n.parent, n.root] = [s.id, s.root];
    else if (p != null && p !== i && depth < 50) [n.parent, n.root] = [nodes[p].id, rootOf(p, depth + 1)];
    else n.root = n.id;
    return n.root as string;
  };
  for (let i = 0; i < items.length; i++) rootOf(i);
  return nodes;
}

/** Stores the new items of one account (same key twice in a batch: the first wins). */
export async function ingestItems(
  deps: Deps,
  tx: Tx,
  workspaceId: string,
  accountId: string,
  source: 'sync' | 'push' | 'import' | 'reply',
  items: NewItem[],
): Promise<Ingested> {
  const seen = new Set<string>();
  const unique = items.filter((it) => {
    const k = `${it.kind}|${it.externalId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (!unique.length) return { received: items.length, stored: 0, duplicates: items.length, ids: [] };
  const nodes = await plan(tx, accountId, unique);
  const read = unique.map((i) => classify(i.text));
  const col = <T>(f: (it: NewItem, i: number) => T) => sql.param(unique.map(f));
  // Ids, times, readings and flags need no quoting: written as array literals here (lib/pg-array).
  const plain = (f: (it: NewItem, i: number) => string | number | boolean | null) => plainArray(unique.map(f));
  const res = await tx.execute<{ id: string; text: string; at: Date; author_name: string | null; kind: string; external_id: string }>(sql`
    insert into inbox_items (id, parent_id, root_id, workspace_id, account_id, source, kind, external_id, parent_external_id, publication_id,
      author_id, author_name, from_account, text, grams, at, sentiment, sentiment_score, is_question, is_complaint, raw)
    select u.id, u.parent_id, u.root_id, ${workspaceId}::uuid, ${accountId}::uuid, ${source}, u.kind, u.external_id, u.parent_external_id, u.publication_id,
      u.author_id, u.author_name, u.from_account, u.text, string_to_array(u.grams, chr(1)), u.at,
      u.sentiment, u.sentiment_score, u.is_question, u.is_complaint, u.raw::jsonb
    from unnest(${plain((_, i) => nodes[i].id)}::uuid[], ${plain((_, i) => nodes[i].parent)}::uuid[], ${plain((_, i) => nodes[i].root)}::uuid[],
      ${col((i) => i.kind)}::text[], ${col((i) => i.externalId)}::text[], ${col((i) => i.parentExternalId ?? null)}::text[],
      ${col((i) => i.publicationId ?? null)}::uuid[], ${col((i) => i.authorId ?? null)}::text[], ${col((i) => i.authorName ?? null)}::text[],
      ${plain((i) => i.fromAccount ?? false)}::boolean[], ${col((i) => i.text)}::text[], ${col((i) => gramsOf(i.text).join('\u0001'))}::text[],
      ${plain((i) => i.at.toISOString())}::timestamptz[], ${plain((_, i) => read[i].sentiment.label)}::text[],
      ${plain((_, i) => read[i].sentiment.score)}::real[], ${plain((_, i) => read[i].isQuestion)}::boolean[], ${plain((_, i) => read[i].isComplaint)}::boolean[],
      ${col((i) => (i.raw ? JSON.stringify(i.raw) : null))}::text[])
      as u(id, parent_id, root_id, kind, external_id, parent_external_id, publication_id, author_id, author_name, from_account, text, grams, at,
        sentiment, sentiment_score, is_question, is_complaint, raw)
    on conflict (account_id, kind, external_id) do nothing
    returning id, text, at, author_name, kind, external_id`);
  const ids = res.rows.map((r) => r.id);
  // The monitor takes the reading made for the insert instead of reading each text again.
  const readOf = new Map(nodes.map((n, i) => [n.id, read[i].sentiment]));
  if (ids.length) {
    await adopt(
      tx,
      accountId,
      res.rows.map((r) => `${r.kind}|${r.external_id}`),
    );
    await screenBatch(
      deps,
      tx,
      workspaceId,
      res.rows.map((r) => ({
        accountId,
        source: r.kind as 'comment' | 'message',
        externalId: r.id,
        author: r.author_name,
        text: r.text,
        at: r.at,
        sentiment: readOf.get(r.id),
      })),
    );
    await applyRules(deps, tx, workspaceId, res.rows);
  }
  return { received: items.length, stored: ids.length, duplicates: items.length - ids.length, ids };
}

/**
 * Older replies that were waiting for one of these new items: linked to it, and their threads
 * (rooted at them while they waited) moved into the new item's thread. Rare (a reply read before
 * its parent); every statement reads only the rows concerned (the waiting replies' partial index,
 * ids, root_id).
 */
async function adopt(tx: Tx, accountId: string, newKeys: string[]) {
  const linked = await tx.execute<{ id: string; root: string }>(sql`
    update inbox_items c set parent_id = p.id, root_id = p.root_id, updated_at = now()
    from inbox_items p
    where c.account_id = ${accountId} and c.parent_id is null and c.parent_external_id is not null
      and c.parent_external_id = any(${sql.param(newKeys.map((k) => k.slice(k.indexOf('|') + 1)))}::text[])
      and p.account_id = c.account_id and p.kind = c.kind and p.external_id = c.parent_external_id
    returning c.id, p.root_id as root`);
  if (!linked.rows.length) return;
  await tx.execute(sql`
    update inbox_items x set root_id = m.root
    from unnest(${sql.param(linked.rows.map((r) => r.id))}::uuid[], ${sql.param(linked.rows.map((r) => r.root))}::uuid[]) as m(id, root)
    where x.root_id = m.id and x.id <> m.id`);
}
