import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../identity/tables';

const now = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/**
 * In-app notifications, one row per recipient. The publications trigger (migration 0002) writes
 * here in the publishing hot path, so the table has no foreign keys (each one is a per-row
 * lookup) and few indexes; rows of a user who left are simply never listed again.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid().notNull(),
    userId: uuid().notNull(),
    kind: text().notNull(),
    /** info | warning | critical */
    severity: text().notNull().default('info'),
    titleZh: text().notNull(),
    titleEn: text().notNull(),
    bodyZh: text().notNull().default(''),
    bodyEn: text().notNull().default(''),
    link: text(),
    /** The row this is about (a publication id for the trigger's rows). */
    sourceId: uuid(),
    /**
     * Set by the trigger when managers and group robots must hear about it too: the row is
     * its own outbox entry, swept by the notify worker (one INSERT per publication, no more).
     */
    fanoutPending: boolean().notNull().default(false),
    readAt: timestamp({ withTimezone: true }),
    createdAt: now(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.workspaceId, t.createdAt),
    index('notifications_unread_idx').on(t.userId, t.workspaceId).where(sql`${t.readAt} is null`),
    index('notifications_fanout_idx').on(t.createdAt).where(sql`${t.fanoutPending}`),
  ],
);

/** Group-robot webhooks (WeCom / DingTalk / Feishu) of a workspace. */
export const notifyChannels = pgTable(
  'notify_channels',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** wecom | dingtalk | feishu */
    type: text().notNull(),
    name: text().notNull(),
    /** The webhook URL sealed with the secret box: its key/token is the credential. */
    urlSealed: text().notNull(),
    /** The URL with its key/token masked, for display; computed when the URL is saved. */
    urlMasked: text().notNull(),
    /** DingTalk 加签 / Feishu 签名校验 secret, sealed; null when the robot has none. */
    secretSealed: text(),
    /** Kind prefixes subscribed ('publication.', 'incident.'); empty = every kind. */
    kinds: text().array().notNull().default([]),
    minSeverity: text().notNull().default('info'),
    /** zh-CN | en | both: the language of the group message. */
    language: text().notNull().default('zh-CN'),
    enabled: boolean().notNull().default(true),
    lastDeliveryAt: timestamp({ withTimezone: true }),
    lastDeliveryOk: boolean(),
    lastError: text(),
    createdBy: uuid().notNull(),
    createdAt: now(),
    updatedAt: now(),
  },
  (t) => [index('notify_channels_ws_idx').on(t.workspaceId)],
);

/** One row per attempt to deliver one event to one channel. */
export const notifyDeliveries = pgTable(
  'notify_deliveries',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: uuid().notNull(),
    channelId: uuid()
      .notNull()
      .references(() => notifyChannels.id, { onDelete: 'cascade' }),
    eventKind: text().notNull(),
    /** ok | retrying (a transient error; the job runs again) | failed (given up) */
    status: text().notNull(),
    attempt: integer().notNull().default(1),
    httpStatus: integer(),
    /** The platform's errcode / code, as text. */
    responseCode: text(),
    responseMessage: text(),
    durationMs: integer().notNull().default(0),
    at: now(),
  },
  (t) => [index('notify_deliveries_channel_idx').on(t.channelId, t.at)],
);
