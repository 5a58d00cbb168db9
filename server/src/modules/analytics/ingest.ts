// The one way figures get into the metric tables: typed, imported and synced days alike. Rows go
// in as arrays (one statement per chunk, `unnest`), each replacing the stored day of its key; a
// day stored with the same figures is not rewritten, so a sync or import run twice changes nothing.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';

export const ACCOUNT_FIELDS = ['followers', 'followersGained', 'followersLost', 'views', 'likes', 'comments', 'shares', 'favorites'] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];
export type AccountFigures = Record<AccountField, number | null>;

export const POST_FIELDS = ['views', 'likes', 'comments', 'shares', 'favorites', 'zaikan', 'followersGained'] as const;
type PostField = (typeof POST_FIELDS)[number];

export type Source = 'typed' | 'import' | 'sync';

export interface AccountDay {
  workspaceId: string;
  accountId: string;
  day: string;
  figures: AccountFigures;
}

export interface PostDay {
  workspaceId: string;
  publicationId: string;
  postId: string;
  accountId: string;
  day: string;
  figures: Record<PostField, number | null>;
}

export interface Written {
  inserted: number;
  replaced: number;
  unchanged: number;
}

const CHUNK = 5000;
const snake = (f: string) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const ident = (f: string) => sql.identifier(snake(f));
const list = (fields: readonly string[], prefix = '') => sql.raw(fields.map((f) => `${prefix}"${snake(f)}"`).join(', '));

/** `unnest($1::uuid[], $2::date[], …) as u(a, b, …)` for columns of one type each. */
function unnest(cols: { name: string; type: string; values: unknown[] }[]) {
  const args = sql.join(
    cols.map((c) => sql`${sql.param(c.values)}::${sql.raw(c.type)}[]`),
    sql`, `,
  );
  return sql`unnest(${args}) as u(${sql.raw(cols.map((c) => `"${c.name}"`).join(', '))})`;
}

async function upsertChunk(
  ex: Executor,
  table: string,
  key: readonly string[],
  keyCols: { name: string; type: string; values: unknown[] }[],
  fields: readonly string[],
  figures: (number | null)[][],
  extra: SQL,
  extraCols: string,
  extraValues: string,
): Promise<Written> {
  const n = keyCols[0].values.length;
  const cols = [...keyCols, ...fields.map((f, i) => ({ name: snake(f), type: 'bigint', values: figures.map((r) => r[i]) }))];
  const target = sql.raw(key.map((k) => `"${k}"`).join(', '));
  const res = await ex.execute(sql`
    insert into ${sql.identifier(table)} (${sql.raw(cols.map((c) => `"${c.name}"`).join(', '))}, ${sql.raw(extraCols)})
    select u.*, ${extra} from ${unnest(cols)}
    on conflict (${target}) do update set
      ${sql.join(
        fields.map((f) => sql`${ident(f)} = excluded.${ident(f)}`),
        sql`, `,
      )}, ${sql.raw(extraValues)}
    where (${list(fields, `${table}.`)}) is distinct from (${list(fields, 'excluded.')})
    returning (xmax = 0) as inserted`);
  const rows = res.rows as { inserted: boolean }[];
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, replaced: rows.length - inserted, unchanged: n - rows.length };
}

const add = (a: Written, b: Written): Written => ({ inserted: a.inserted + b.inserted, replaced: a.replaced + b.replaced, unchanged: a.unchanged + b.unchanged });
const none: Written = { inserted: 0, replaced: 0, unchanged: 0 };

/** Last one wins when a batch names the same key twice (one statement cannot update a row twice). */
function lastPerKey<T>(rows: T[], key: (r: T) => string): T[] {
  const m = new Map<string, T>();
  for (const r of rows) m.set(key(r), r);
  return m.size === rows.length ? rows : [...m.values()];
}

/** Account days, each replacing the stored (account, day). */
export async function ingestAccountDays(ex: Executor, days: AccountDay[], source: Source): Promise<Written> {
  let out = none;
  const rows = lastPerKey(days, (d) => `${d.accountId}|${d.day}`);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const c = rows.slice(i, i + CHUNK);
    out = add(
      out,
      await upsertChunk(
        ex,
        'account_metrics',
        ['account_id', 'day'],
        [
          { name: 'workspace_id', type: 'uuid', values: c.map((d) => d.workspaceId) },
          { name: 'account_id', type: 'uuid', values: c.map((d) => d.accountId) },
          { name: 'day', type: 'date', values: c.map((d) => d.day) },
        ],
        ACCOUNT_FIELDS,
        c.map((d) => ACCOUNT_FIELDS.map((f) => d.figures[f])),
        sql`${source}::text, now()`,
        'source, updated_at',
        'source = excluded.source, updated_at = now()',
      ),
    );
  }
  return out;
}

/** Post days, each replacing the stored (publication, day). `userId`: who typed or imported them. */
export async function ingestPostDays(ex: Executor, days: PostDay[], source: Source, userId: string | null = null): Promise<Written> {
  let out = none;
  const rows = lastPerKey(days, (d) => `${d.publicationId}|${d.day}`);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const c = rows.slice(i, i + CHUNK);
    out = add(
      out,
      await upsertChunk(
        ex,
        'post_metrics',
        ['publication_id', 'day'],
        [
          { name: 'workspace_id', type: 'uuid', values: c.map((d) => d.workspaceId) },
          { name: 'publication_id', type: 'uuid', values: c.map((d) => d.publicationId) },
          { name: 'post_id', type: 'uuid', values: c.map((d) => d.postId) },
          { name: 'account_id', type: 'uuid', values: c.map((d) => d.accountId) },
          { name: 'day', type: 'date', values: c.map((d) => d.day) },
        ],
        POST_FIELDS,
        c.map((d) => POST_FIELDS.map((f) => d.figures[f])),
        sql`${source}::text, ${userId}::uuid, now()`,
        'source, updated_by, updated_at',
        'source = excluded.source, updated_by = excluded.updated_by, updated_at = now()',
      ),
    );
  }
  return out;
}
