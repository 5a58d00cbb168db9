// Every table of the product, for drizzle and drizzle-kit.
export * from '../modules/accounts/tables';
export * from '../modules/analytics/tables';
export * from '../modules/analytics/sync-tables';
export * from '../modules/analytics/watch-tables';
export * from '../modules/content/tables';
export * from '../modules/goals/tables';
export * from '../modules/identity/tables';
export * from '../modules/inbox/tables';
export * from '../modules/incidents/tables';
export * from '../modules/links/tables';
export * from '../modules/notify/tables';
export * from '../modules/publishing/tables';
export * from '../modules/risk/tables';
export * from '../modules/risk/originality-tables';
export * from '../jobs/tables';
export * from './data-tables';
export * from '../modules/reports/tables';
