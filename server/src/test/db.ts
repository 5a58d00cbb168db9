import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A fresh database for the calling test file, cloned from the migrated template that
 * scripts/test.mjs prepared. The caller drops it with `drop()` once nothing uses it any more:
 * a forced drop while a pool or the queue still holds connections ends their queries with
 * errors nobody is waiting for (node:test runs `after` hooks in the order they were added,
 * so the drop cannot simply be an `after` hook of its own).
 */
export async function testDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.MEIYUN_TEST_PG;
  const template = process.env.MEIYUN_TEST_TEMPLATE;
  if (!base || !template) throw new Error('Run tests with `npm test` (scripts/test.mjs prepares the database).');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const drop = async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await c.end();
  };
  const u = new URL(base);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop };
}
