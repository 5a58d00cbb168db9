// The one way figures get into the metric tables: typed, imported and synced days alike. Rows go
// in as arrays (one statement per chunk, `unnest`), each replacing the stored day of its key; a
// day stored with the same figures is not rewritten, so a sync or import run twice changes nothing.
// Post days have no foreign key (see tables.ts): the statement writes only the rows of
// publications that exist, locking each of them once (FOR KEY SHARE) so none is deleted until
// the write commits; rows of a publication deleted meanwhile are counted as skipped.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { plainArray } from '../../lib/pg-array';

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
  /** Rows of a publication that no longer exists (deleted while its figures were read). */
  skipped: number;
}

const CHUNK = 5000;
const snake = (f: string) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const ident = (f: string) => sql.identifier(snake(f));
const list = (fields: readonly string[], prefix = '') => sql.raw(fields.map((f) => `${prefix}"${snake(f)}"`).join(', '));

/** `unnest($1::uuid[], $2::date[], …) as u(a, b, …)` for columns of one type each (uuids, days and figures: no text). */
function unnest(cols: { name: string; type: string; values: unknown[] }[]) {
  const args = sql.join(
    cols.map((c) => sql`${plainArray(c.values as (string | number | null)[])}::${sql.raw(c.type)}[]`),
    sql`, `,
  );
  return sql`unnest(${args}) as u(${sql.raw(cols.map((c) => `"${c.name}"`).join(', '))})`;
}

/** Only the rows whose parent (e.g. the publication) exists, each parent locked once for the write. */
type Parent = { table: string; column: string; ids: string[] };

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
  parent?: Parent,
): Promise<Written> {
  const n = keyCols[0].values.length;
  const cols = [...keyCols, ...fields.map((f, i) => ({ name: snake(f), type: 'bigint', values: figures.map((r) => r[i]) }))];
  const target = sql.raw(key.map((k) => `"${k}"`).join(', '));
  const live = parent
    ? sql`live as materialized (select id from ${sql.identifier(parent.table)} where id = any(${plainArray([...new Set(parent.ids)])}::uuid[]) for key share),`
    : sql``;
  const onlyLive = parent ? sql`where u.${sql.identifier(parent.column)} in (select id from live)` : sql``;
  const res = await ex.execute<{ inserted: number; written: number; live: string[] | null }>(sql`
    with ${live} w as (
      insert into ${sql.identifier(table)} (${sql.raw(cols.map((c) => `"${c.name}"`).join(', '))}, ${sql.raw(extraCols)})
      select u.*, ${extra} from ${unnest(cols)} ${onlyLive}
      on conflict (${target}) do update set
        ${sql.join(
          fields.map((f) => sql`${ident(f)} = excluded.${ident(f)}`),
          sql`, `,
        )}, ${sql.raw(extraValues)}
      where (${list(fields, `${table}.`)}) is distinct from (${list(fields, 'excluded.')})
      returning (xmax = 0) as inserted)
    select (select count(*) from w where inserted)::int as inserted, (select count(*) from w)::int as written,
      ${parent ? sql`array(select id::text from live)` : sql`null::text[]`} as live`);
  const { inserted, written, live: found } = res.rows[0];
  const alive = found ? new Set(found) : null;
  const skipped = alive && parent ? parent.ids.filter((id) => !alive.has(id)).length : 0;
  return { inserted, replaced: written - inserted, unchanged: n - written - skipped, skipped };
}

export const addWritten = (a: Written, b: Written): Written => ({
  inserted: a.inserted + b.inserted,
  replaced: a.replaced + b.replaced,
  unchanged: a.unchanged + b.unchanged,
  skipped: a.skipped + b.skipped,
});
export const NOTHING_WRITTEN: Written = { inserted: 0, replaced: 0, unchanged: 0, skipped: 0 };

/** Last one wins when a batch names the same key twice (one statement cannot update a row twice). */
function lastPerKey<T>(rows: T[], key: (r: T) => string): T[] {
  const m = new Map<string, T>();
  for (const r of rows) m.set(key(r), r);
  return m.size === rows.length ? rows : [...m.values()];
}

/** Writes rows a chunk at a time, each chunk one statement, last one wins within the batch. */
async function ingestRows<T>(ex: Executor, rows: T[], keyOf: (r: T) => string, write: (chunk: T[]) => Promise<Written>): Promise<Written> {
  let out = NOTHING_WRITTEN;
  const unique = lastPerKey(rows, keyOf);
  for (let i = 0; i < unique.length; i += CHUNK) out = addWritten(out, await write(unique.slice(i, i + CHUNK)));
  return out;
}

/** Account days, each replacing the stored (account, day). */
export function ingestAccountDays(ex: Executor, days: AccountDay[], source: Source): Promise<Written> {
  return ingestRows(
    ex,
    days,
    (d) => `${d.accountId}|${d.day}`,
    (c) =>
      upsertChunk(
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

/** Post days, each replacing the stored (publication, day). `userId`: who typed or imported them. */
export function ingestPostDays(ex: Executor, days: PostDay[], source: Source, userId: string | null = null): Promise<Written> {
  return ingestRows(
    ex,
    days,
    (d) => `${d.publicationId}|${d.day}`,
    (c) =>
      upsertChunk(
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
        { table: 'publications', column: 'publication_id', ids: c.map((d) => d.publicationId) },
      ),
  );
}
