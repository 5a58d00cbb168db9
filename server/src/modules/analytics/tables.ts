import { bigint, date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { platformAccounts } from '../accounts/tables';
import { users } from '../identity/tables';
import { publications } from '../publishing/tables';

const count = () => bigint({ mode: 'number' });

/**
 * A publication's figures on one day of its platform (the platform's calendar day). One row per
 * (publication, day): typing, importing or syncing the same day again replaces it, never adds.
 * A null figure is not known (the platform does not report it, or nobody entered it), not zero.
 * post and account are copied from the publication for per-post and per-account queries.
 */
export const postMetrics = pgTable(
  'post_metrics',
  {
    // No foreign key: workspace, publication, post and account are copied from the publication.
    // A per-row foreign-key check cost a third of the ingestion rate (bench/README.md); instead the
    // ingestion statement keeps only rows of existing publications, locking each publication once
    // per statement (FOR KEY SHARE), and a trigger on publications deletes their days with them
    // (migration 0014).
    workspaceId: uuid().notNull(),
    publicationId: uuid().notNull(),
    postId: uuid().notNull(),
    accountId: uuid().notNull(),
    day: date({ mode: 'string' }).notNull(),
    /** 阅读 (articles) or 播放 (videos). */
    views: count(),
    likes: count(),
    comments: count(),
    /** 分享 / 转发. */
    shares: count(),
    /** 收藏. */
    favorites: count(),
    /** 在看 (WeChat articles). */
    zaikan: count(),
    followersGained: count(),
    /** typed | import | sync */
    source: text().notNull(),
    updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.publicationId, t.day] }),
    index('post_metrics_ws_day_idx').on(t.workspaceId, t.day),
    // No (account, day) index: one account's days are read by its publications' keys
    // (dashboard-range.ts postDaysWhere); the index cost ~10 % of the ingestion rate.
  ],
);

/**
 * An account's figures on one day of its platform: followers at the day's end, gained and lost,
 * views (阅读/播放) of all its content that day, interactions. One row per (account, day); a sync
 * or import of the same day replaces it. Null = not reported by the platform (Weibo has no reads).
 */
export const accountMetrics = pgTable(
  'account_metrics',
  {
    /** Copied from the account (which is the foreign key and takes its days with it). */
    workspaceId: uuid().notNull(),
    accountId: uuid()
      .notNull()
      .references(() => platformAccounts.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    /** Followers at the end of the day (累计关注). */
    followers: count(),
    followersGained: count(),
    followersLost: count(),
    views: count(),
    likes: count(),
    comments: count(),
    shares: count(),
    favorites: count(),
    /** typed | import | sync */
    source: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.day] }), index('account_metrics_ws_day_idx').on(t.workspaceId, t.day)],
);

/**
 * A post's running totals as read at one moment (platforms without per-day data, e.g. Weibo's
 * counts, are snapshotted on a schedule; per-day figures are derived from consecutive snapshots).
 */
export const postSnapshots = pgTable(
  'post_snapshots',
  {
    workspaceId: uuid().notNull(),
    publicationId: uuid()
      .notNull()
      .references(() => publications.id, { onDelete: 'cascade' }),
    takenAt: timestamp({ withTimezone: true }).notNull(),
    views: count(),
    likes: count(),
    comments: count(),
    shares: count(),
    favorites: count(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.takenAt] })],
);

/**
 * post_metrics summed per (publication, calendar month), kept by statement-level triggers on
 * post_metrics (migration 0014: insert, update, delete, each adding its transition table), so a
 * year of a workspace's posts is read from these rows plus the days of the partial months at the
 * range's edges. Each figure keeps its sum and how many days knew it (`*_n`): a month whose days are
 * all null stays null (not known), not 0. `interactions` is the per-day interactions summed the way
 * the dashboards define them (likes + comments + shares + 在看, null when none is known).
 */
export const postMetricsMonths = pgTable(
  'post_metrics_months',
  {
    workspaceId: uuid().notNull(),
    publicationId: uuid().notNull(),
    accountId: uuid().notNull(),
    month: date({ mode: 'string' }).notNull(),
    days: count().notNull(),
    views: count().notNull(),
    viewsN: count().notNull(),
    likes: count().notNull(),
    likesN: count().notNull(),
    comments: count().notNull(),
    commentsN: count().notNull(),
    shares: count().notNull(),
    sharesN: count().notNull(),
    favorites: count().notNull(),
    favoritesN: count().notNull(),
    zaikan: count().notNull(),
    zaikanN: count().notNull(),
    interactions: count().notNull(),
    interactionsN: count().notNull(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.month] }), index('post_metrics_months_ws_month_idx').on(t.workspaceId, t.month)],
);
