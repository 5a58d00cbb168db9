import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import pg from 'pg';

/**
 * A fresh database for the calling test file, cloned from the migrated template that
 * scripts/test.mjs prepared. Dropped when the file's tests are done.
 */
export async function testDatabaseUrl(): Promise<string> {
  const base = process.env.MEIYUN_TEST_PG;
  const template = process.env.MEIYUN_TEST_TEMPLATE;
  if (!base || !template) throw new Error('Run tests with `npm test` (scripts/test.mjs prepares the database).');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  after(async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await c.end();
  });
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}
