import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every running worker process, seen every second. A worker that stops being seen is dead:
 * the jobs it held are handed back to the queue at once instead of after the queue's expiry.
 */
export const workerHeartbeats = pgTable('worker_heartbeats', {
  workerId: uuid().primaryKey(),
  host: text().notNull(),
  pid: text().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  seenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The queue jobs a worker is running now. */
export const jobLeases = pgTable(
  'job_leases',
  {
    jobId: uuid().primaryKey(),
    queue: text().notNull(),
    workerId: uuid().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('job_leases_worker_idx').on(t.workerId)],
);
