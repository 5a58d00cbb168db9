import { z } from 'zod';
import * as C from '../accounts';
import { Id, Ok, paged, withPage } from '../common';
import { route } from './route';

const IdParam = z.object({ id: Id });

export const accounts = {
  listAccounts: route({
    method: 'GET',
    path: '/api/v1/accounts',
    access: 'member',
    query: withPage(C.AccountQuery),
    response: { 200: paged(C.Account) },
    summary: '账号列表 / Accounts',
  }),
  createAccount: route({
    method: 'POST',
    path: '/api/v1/accounts',
    access: 'accounts.manage',
    body: C.CreateAccountBody,
    response: { 201: C.Account },
    summary: '新建账号 / Create an account',
  }),
  getAccount: route({
    method: 'GET',
    path: '/api/v1/accounts/:id',
    access: 'member',
    params: IdParam,
    response: { 200: C.Account },
    summary: '账号详情 / An account',
  }),
  updateAccount: route({
    method: 'PATCH',
    path: '/api/v1/accounts/:id',
    access: 'accounts.manage',
    params: IdParam,
    body: C.UpdateAccountBody,
    response: { 200: C.Account },
    summary: '修改账号 / Change an account',
  }),
  archiveAccount: route({
    method: 'DELETE',
    path: '/api/v1/accounts/:id',
    access: 'accounts.manage',
    params: IdParam,
    response: { 200: Ok },
    summary: '归档账号 / Archive an account',
  }),
  setCredentials: route({
    method: 'PUT',
    path: '/api/v1/accounts/:id/credentials',
    access: 'accounts.manage',
    params: IdParam,
    body: C.CredentialsBody,
    response: { 200: C.Account },
    summary: '设置 AppID 和 AppSecret（加密保存，不再返回）/ Set the AppID and AppSecret (sealed, never returned)',
  }),
  testConnection: route({
    method: 'POST',
    path: '/api/v1/accounts/:id/test-connection',
    access: 'accounts.manage',
    params: IdParam,
    response: { 200: C.ConnectionResult },
    summary: '测试与平台的连接 / Test the connection to the platform',
  }),
  accountsHealth: route({
    method: 'GET',
    path: '/api/v1/accounts-health',
    access: 'member',
    response: { 200: z.array(C.AccountHealth) },
    summary: '各账号健康状况 / Health of every account',
  }),
};
