import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type PgBoss from 'pg-boss';
import { buildApp } from './app';
import type { Config } from './config';
import type { Deps } from './context';
import { type EmbeddedServer, startEmbeddedPostgres } from './db/embedded';
import { runMigrations } from './db/migrate';
import { type Db, createDb, ensureDatabase } from './db/pool';
import { createBoss, ensureQueues } from './jobs/boss';
import { loadSecretBox } from './lib/secret-key';
import { LocalStorage } from './lib/storage';
import { startLifecycleWorker } from './modules/accounts/lifecycle';
import { startSyncWorker } from './modules/analytics/sync-job';
import { startInboxSlaWorker } from './modules/inbox/sla-warnings';
import { startInboxSyncWorker } from './modules/inbox/sync-job';
import { startInboxReplyWorker } from './modules/inbox/reply-job';
import { startWatchWorker } from './modules/goals/worker';
import { type NotifyWorker, startNotifyWorker } from './modules/notify/worker';
import { type Worker, startWorker } from './modules/publishing/worker';
import { goalReportProviders } from './modules/goals/report-providers';
import { startReportWorker } from './modules/reports/jobs';
import { startTasksWorker } from './modules/tasks/worker';
import { startRequestsWorker } from './modules/requests/worker';

export interface Runtime {
  deps: Deps;
  url: string | null;
  databaseUrl: string;
  app: FastifyInstance | null;
  stop(): Promise<void>;
}

/** Resolves the database: DATABASE_URL, or the embedded server started in the data folder. */
export async function openDatabase(config: Config, log: (m: string) => void) {
  let embedded: EmbeddedServer | null = null;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dir: config.dataDir, clusterDir: config.MEIYUN_PG_DIR, port: config.MEIYUN_PG_PORT, announce: log });
    url = embedded.url('meiyun');
  }
  await ensureDatabase(url);
  await runMigrations(url);
  return { url, embedded };
}

export async function startRuntime(config: Config, roles: { serve: boolean; worker: boolean }): Promise<Runtime> {
  const log = pino({ level: config.LOG_LEVEL });
  const { url, embedded } = await openDatabase(config, (m) => log.info(m));
  const db: Db = createDb(url);
  const boss: PgBoss = createBoss(url, { maintenanceSeconds: config.MEIYUN_JOB_MAINTENANCE_SECONDS });
  let stopping: Promise<void> | null = null;
  // Ctrl-C reaches the embedded PostgreSQL too; connection errors while stopping are expected.
  boss.on('error', (err) => {
    if (!stopping) log.warn({ err }, 'job queue error');
  });
  await boss.start();
  await ensureQueues(boss);
  const base = {
    config,
    db,
    boss,
    secrets: loadSecretBox(config.MEIYUN_SECRET_KEY, config.dataDir),
    storage: new LocalStorage(path.join(config.dataDir, 'media')),
  };
  const deps: Deps = { ...base, log };
  let worker: Worker | null = null;
  if (roles.worker) worker = await startWorker(deps);
  let notifyWorker: NotifyWorker | null = null;
  if (roles.worker) notifyWorker = await startNotifyWorker(deps);
  // OAuth tokens refreshed and renewed ahead, and expiry warnings (accounts/lifecycle.ts).
  const lifecycle = roles.worker ? await startLifecycleWorker(deps) : null;
  // Metrics flow in: per-account sync on a schedule (analytics/sync-job.ts).
  const sync = roles.worker ? await startSyncWorker(deps) : null;
  // Comments flow in: per-account comment sync on a schedule (inbox/sync-job.ts).
  const inboxSync = roles.worker ? await startInboxSyncWorker(deps) : null;
  const inboxSla = roles.worker ? await startInboxSlaWorker(deps) : null;
  // Replies go out exactly once (inbox/reply-job.ts).
  const inboxReplies = roles.worker ? await startInboxReplyWorker(deps) : null;
  // Goals at risk, quiet accounts and anomalies, hourly (goals/worker.ts).
  const watch = roles.worker ? await startWatchWorker(deps) : null;
  // 周报/月报 builds and their schedules (reports/jobs.ts).
  const reportWorker = roles.worker ? await startReportWorker(deps, goalReportProviders) : null;
  // Overdue task alerts and weekly template starts (tasks/worker.ts).
  const tasksWatch = roles.worker ? await startTasksWorker(deps) : null;
  // Overdue request alerts, then the managers 24 h later (requests/worker.ts).
  const requestsWatch = roles.worker ? await startRequestsWorker(deps) : null;
  let app: FastifyInstance | null = null;
  let address: string | null = null;
  if (roles.serve) {
    app = await buildApp(base, { logger: true });
    address = await app.listen({ host: config.HOST, port: config.PORT });
  }
  const stop = () =>
    (stopping ??= (async () => {
      await app?.close().catch(() => {});
      await worker?.stop().catch(() => {});
      await notifyWorker?.stop().catch(() => {});
      await lifecycle?.stop().catch(() => {});
      await sync?.stop().catch(() => {});
      await inboxSync?.stop().catch(() => {});
      await inboxSla?.stop().catch(() => {});
      await inboxReplies?.stop().catch(() => {});
      await watch?.stop().catch(() => {});
      await reportWorker?.stop().catch(() => {});
      await tasksWatch?.stop().catch(() => {});
      await requestsWatch?.stop().catch(() => {});
      await boss.stop({ graceful: true, timeout: 5000 }).catch(() => {});
      await db.$client.end().catch(() => {});
      await embedded?.stop().catch(() => {});
    })());
  return { deps, url: address, databaseUrl: url, app, stop };
}
