import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { RuleActions, RuleConditions } from '../../../../contract/inbox-rules';
import { users, workspaces } from '../identity/tables';
import { inboxItems } from './tables';

/**
 * A workspace's inbox rules, tried in `position` order on every new item from the public
 * (rules-live.ts): all `conditions` must hold (rules-compile.ts), then the `actions` apply;
 * `stopAfter` skips the later rules for the items it matched.
 */
export const inboxRules = pgTable(
  'inbox_rules',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    enabled: boolean().notNull().default(false),
    position: integer().notNull(),
    conditions: jsonb().$type<RuleConditions>().notNull(),
    actions: jsonb().$type<RuleActions>().notNull(),
    stopAfter: boolean().notNull().default(false),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inbox_rules_ws_idx').on(t.workspaceId, t.position)],
);

/** One rule applied to one item: when, and which actions it applied. The rule's name is kept for when it is deleted. */
export const inboxRuleHits = pgTable(
  'inbox_rule_hits',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    ruleId: uuid().references(() => inboxRules.id, { onDelete: 'set null' }),
    ruleName: text().notNull(),
    itemId: uuid()
      .notNull()
      .references(() => inboxItems.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actions: jsonb().$type<string[]>().notNull(),
  },
  (t) => [index('inbox_rule_hits_item_idx').on(t.itemId, t.at), index('inbox_rule_hits_rule_idx').on(t.ruleId, t.at)],
);
