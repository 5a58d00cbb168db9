// Every table of the product, for drizzle and drizzle-kit.
export * from '../modules/accounts/tables';
export * from '../modules/content/tables';
export * from '../modules/identity/tables';
export * from '../modules/publishing/tables';
