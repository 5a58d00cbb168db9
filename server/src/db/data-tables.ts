import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Data migrations (db/data-migrations.ts) that have run on this database, each once. */
export const dataMigrations = pgTable('data_migrations', {
  name: text().primaryKey(),
  appliedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
