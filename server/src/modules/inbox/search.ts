// Keyword search over the inbox. Chinese has no spaces, and the words people look for are often
// two characters (退款, 发货, 客服): each item stores the two-character pieces of its text as the
// risk screener folds it (traditional → simplified, full-width → half-width, look-alikes and
// separators such as "退 款" or "退*款" read as 退款), in a GIN-indexed array. A query matches
// the items holding all of its pieces: exact for two-character queries; for longer ones the pieces
// are not checked for adjacency (a rare extra match, never a missed one). A one-character query
// has no piece and is matched on the raw text instead.
import { type SQL, sql } from 'drizzle-orm';
import { foldUnits } from '../risk/normalize';

/** The distinct two-unit pieces of the folded text. */
export function gramsOf(text: string): string[] {
  const u = foldUnits(text);
  const out = new Set<string>();
  for (let i = 0; i + 1 < u.length; i++) out.add(String.fromCharCode(u[i], u[i + 1]));
  return [...out];
}

/** The condition "item `i` holds the keyword", as the list's search and the rules both read it. */
export function keywordMatch(q: string): SQL {
  const grams = gramsOf(q);
  return grams.length ? sql`i.grams @> ${sql.param(grams)}::text[]` : sql`strpos(i.text, ${q}) > 0`;
}
