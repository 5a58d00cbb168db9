import { boolean, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { platformAccounts } from '../accounts/tables';
import { workspaces } from '../identity/tables';

/**
 * Where the metrics sync of one account stands: when it last succeeded, its last error, how many
 * runs in a row failed (and whether the operators were told), the backfill of a new account
 * (from..to, done through), and the last day stored after it became final on the platform
 * (later days are fetched again on the next run).
 */
export const accountSync = pgTable('account_sync', {
  accountId: uuid()
    .primaryKey()
    .references(() => platformAccounts.id, { onDelete: 'cascade' }),
  workspaceId: uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  lastSyncedAt: timestamp({ withTimezone: true }),
  lastAttemptAt: timestamp({ withTimezone: true }),
  lastError: text(),
  consecutiveFailures: integer().notNull().default(0),
  /** When the operators were told the sync keeps failing (cleared by the next success). */
  failureNotifiedAt: timestamp({ withTimezone: true }),
  backfillFrom: date({ mode: 'string' }),
  backfillTo: date({ mode: 'string' }),
  /** The last day of the backfill stored so far (it goes oldest first). */
  backfillThrough: date({ mode: 'string' }),
  backfillDone: boolean().notNull().default(false),
  /** Days up to here were stored after the platform's finality; later ones are fetched again. */
  finalThrough: date({ mode: 'string' }),
  /** A run holds the account until then (a second run, e.g. "sync now" during the scheduled one, skips it). */
  leaseUntil: timestamp({ withTimezone: true }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
