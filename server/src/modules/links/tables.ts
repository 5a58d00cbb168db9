import { boolean, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { platformAccounts } from '../accounts/tables';
import { posts } from '../content/tables';
import { users, workspaces } from '../identity/tables';
import { publications } from '../publishing/tables';

const ws = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });
const now = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/**
 * A short link `/l/<code>` to a stored target, for a post, one of its variants (post + account)
 * or one publication. The post, account and publication are checked through their modules'
 * lookups when the link is made; the account's platform is kept here (the default utm_source and
 * the dashboards' platform filter).
 */
export const links = pgTable(
  'links',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    /** base62, 8 characters from a CSPRNG: unique over every workspace. */
    code: text().notNull().unique(),
    targetUrl: text().notNull(),
    postId: uuid().references(() => posts.id, { onDelete: 'set null' }),
    accountId: uuid().references(() => platformAccounts.id, { onDelete: 'set null' }),
    publicationId: uuid().references(() => publications.id, { onDelete: 'set null' }),
    platform: text(),
    campaign: text(),
    utmSource: text().notNull(),
    utmMedium: text().notNull(),
    utmCampaign: text(),
    utmContent: text(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: now(),
    updatedAt: now(),
    archived: boolean().notNull().default(false),
  },
  (t) => [index('links_ws_created_idx').on(t.workspaceId, t.createdAt), index('links_ws_post_idx').on(t.workspaceId, t.postId)],
);

/**
 * Counters per (link, day of the workspace's time zone), nothing else: no IP, no user agent.
 * `uniques` counts a visitor (a keyed hash of IP + UA + day, kept in memory only) once a day;
 * `previews` are link previewers (WeChat, Weibo, chat apps) and `bots` crawlers, never clicks.
 */
export const linkClicks = pgTable(
  'link_clicks',
  {
    linkId: uuid()
      .notNull()
      .references(() => links.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    clicks: integer().notNull().default(0),
    uniques: integer().notNull().default(0),
    previews: integer().notNull().default(0),
    bots: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.linkId, t.day] })],
);

/** A conversion reported by the signed webhook or the pixel; event_id makes a repeat a no-op. */
export const conversions = pgTable(
  'conversions',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    linkId: uuid().references(() => links.id, { onDelete: 'set null' }),
    eventId: text().notNull(),
    /** signup | order | lead | … (lower-case word) */
    kind: text().notNull(),
    /** In CNY (元), when the event has a value. */
    value: numeric({ precision: 14, scale: 2, mode: 'number' }),
    /** webhook | pixel */
    source: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    receivedAt: now(),
  },
  (t) => [
    unique('conversions_ws_event_uq').on(t.workspaceId, t.eventId),
    index('conversions_ws_at_idx').on(t.workspaceId, t.occurredAt),
    index('conversions_link_idx').on(t.linkId),
  ],
);

/** The workspace's conversion webhook: its public key (in the URL) and its signing secret, sealed. */
export const linkSettings = pgTable('link_settings', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  hookKey: text().notNull().unique(),
  secretSealed: text().notNull(),
  rotatedAt: now(),
  rotatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
});
