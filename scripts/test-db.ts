import pg from 'pg';
import { startEmbeddedPostgres } from '../server/src/db/embedded';
import { runMigrations } from '../server/src/db/migrate';
import { createBoss, ensureQueues } from '../server/src/jobs/boss';

/** Starts (or connects to) PostgreSQL and builds the migrated template every test file clones. */
export async function prepareTestDatabase(dir: string) {
  let baseUrl: string;
  let stop = async () => {};
  if (process.env.DATABASE_URL) {
    baseUrl = process.env.DATABASE_URL;
  } else {
    const server = await startEmbeddedPostgres({ dir, persistent: false, unsafeFast: true });
    baseUrl = server.url('postgres');
    stop = () => server.stop();
  }
  const template = `meiyun_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  const url = withDb(baseUrl, template);
  await runMigrations(url);
  const boss = createBoss(url);
  await boss.start();
  await ensureQueues(boss);
  await boss.stop({ graceful: false, wait: true });
  const prevStop = stop;
  stop = async () => {
    // Test files drop their own databases; the template goes last.
    await admin.query(`drop database if exists ${template} with (force)`).catch(() => {});
    await admin.end();
    await prevStop();
  };
  return { baseUrl, template, stop };
}

export function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
