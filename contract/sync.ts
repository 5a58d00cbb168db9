import { z } from 'zod';
import { Id, IsoDate } from './common';

/** Where the metrics sync of one account stands (analytics/sync.ts). */
export const AccountSyncStatus = z.object({
  accountId: Id,
  /** false: the platform has no data API (its figures are typed or imported). */
  supported: z.boolean(),
  /** The platform has a data API but the account's grant lacks its scope: reconnect to sync. */
  grantLacksData: z.boolean(),
  lastSyncedAt: IsoDate.nullable(),
  lastAttemptAt: IsoDate.nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  /** A new account's backfill: from..to, stored through, and the share done (0..1). */
  backfill: z.object({ from: z.string(), to: z.string(), through: z.string().nullable(), done: z.boolean(), progress: z.number().min(0).max(1) }).nullable(),
  /** The last day stored after the platform made it final; later days are fetched again. */
  finalThrough: z.string().nullable(),
  /** Figures the platform's API does not give: shown as "import needed" where missing. */
  missing: z.object({ account: z.array(z.string()), post: z.array(z.string()) }),
  /** A run is in progress (or queued by "sync now"). */
  running: z.boolean(),
});
export type AccountSyncStatus = z.infer<typeof AccountSyncStatus>;
