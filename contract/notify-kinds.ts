// Zod-free so the web imports it without pulling zod into the bundle (zod probes eval, which the CSP forbids).

/**
 * The families of notification kinds the product writes (server/src/modules/notify/kinds.test.ts
 * checks every kind in the source has one); channels may subscribe to others too.
 */
export const NOTIFY_KIND_PREFIXES = [
  'publication.',
  'incident.',
  'alert.',
  'report.',
  'inbox.',
  'task.',
  'request.',
  'goal.',
  'cadence.',
  'anomaly.',
  'analytics.',
  'account.',
  'people.',
] as const;
