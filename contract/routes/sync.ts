import { z } from 'zod';
import { Id } from '../common';
import * as S from '../sync';
import { route } from './route';

// The metrics sync of accounts. "Sync now": managers, or an operator of the account (any role),
// checked in analytics/sync-status.ts.
export const sync = {
  listSyncStatus: route({
    method: 'GET',
    path: '/api/v1/analytics/sync',
    access: 'member',
    response: { 200: z.array(S.AccountSyncStatus) },
    summary: '各账号的数据同步状态 / The metrics sync status of every account',
  }),
  syncNow: route({
    method: 'POST',
    path: '/api/v1/accounts/:id/sync',
    access: 'member',
    params: z.object({ id: Id }),
    response: { 200: S.AccountSyncStatus },
    summary: '立即同步账号数据 / Sync the account’s metrics now',
  }),
};
