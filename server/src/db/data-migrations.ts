// Data migrations: changes to rows (not to the schema) that every existing database needs once,
// such as re-sanitising HTML stored before the sanitiser existed. They run after the SQL
// migrations, under the same advisory lock (db/migrate.ts), in list order; each is recorded in
// data_migrations when it has finished, so a crash half-way runs it again from the start. That is
// why each must be idempotent, and why it works in small batches of its own transactions: a big
// table is never locked whole, and what was done before a crash is simply found clean again.
import type pg from 'pg';
import { sanitizeArticleHtml } from '../lib/sanitize-html';

export interface DataMigration {
  /** Stable forever: the key in data_migrations. */
  name: string;
  run(client: pg.ClientBase, opts: { batchSize: number }): Promise<void>;
}

/**
 * Rewrites one text value per row in batches (keyset on id): `read` is the SQL expression read,
 * `write` the SET clause that stores $2 for row $1. Rows whose value `fn` leaves alone are not written.
 */
async function rewriteRows(c: pg.ClientBase, table: string, read: string, write: string, batchSize: number, fn: (v: string) => string) {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await c.query<{ id: string; v: string }>(
      `select id, ${read} as v from ${table} where id > $1 and ${read} is not null order by id limit $2`,
      [after, batchSize],
    );
    if (!rows.length) return;
    await c.query('begin');
    try {
      for (const r of rows) {
        const next = fn(r.v);
        if (next !== r.v) await c.query(`update ${table} set ${write} where id = $1`, [r.id, next]);
      }
      await c.query('commit');
    } catch (e) {
      await c.query('rollback');
      throw e;
    }
    after = rows[rows.length - 1].id;
  }
}

/** Bodies stored before every write was sanitised (issue 6: an <img onerror> ran in a reader's session). */
const sanitizeStoredHtml: DataMigration = {
  name: '2026-sanitize-stored-html',
  async run(c, { batchSize }) {
    const clean = (html: string) => sanitizeArticleHtml(html);
    await rewriteRows(c, 'posts', 'body_html', 'body_html = $2', batchSize, clean);
    await rewriteRows(c, 'post_variants', 'body_html', 'body_html = $2', batchSize, clean);
    // Version snapshots are shown in the activity list and can be restored into the editor.
    await rewriteRows(
      c,
      'post_versions',
      "(case when jsonb_typeof(snapshot->'bodyHtml') = 'string' then snapshot->>'bodyHtml' end)",
      "snapshot = jsonb_set(snapshot, '{bodyHtml}', to_jsonb($2::text))",
      batchSize,
      clean,
    );
  },
};

export const DATA_MIGRATIONS: readonly DataMigration[] = [sanitizeStoredHtml];

/** Runs the data migrations this database has not recorded yet; returns the names it ran. */
export async function runDataMigrations(c: pg.ClientBase, list: readonly DataMigration[] = DATA_MIGRATIONS, opts = { batchSize: 200 }): Promise<string[]> {
  const done = new Set((await c.query<{ name: string }>('select name from data_migrations')).rows.map((r) => r.name));
  const ran: string[] = [];
  for (const m of list) {
    if (done.has(m.name)) continue;
    await m.run(c, opts);
    await c.query('insert into data_migrations (name) values ($1) on conflict do nothing', [m.name]);
    ran.push(m.name);
  }
  return ran;
}
