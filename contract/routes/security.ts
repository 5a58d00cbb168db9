import { z } from 'zod';
import { Id, Ok, paged, withPage } from '../common';
import { Me, Workspace } from '../identity';
import * as C from '../security';
import { route } from './route';

/** Sessions, passwords, reset links, two-factor sign-in and sign-in events. */
export const security = {
  getSecurity: route({
    method: 'GET',
    path: '/api/v1/me/security',
    access: 'signed_in',
    response: { 200: C.SecurityOverview },
    summary: '我的登录安全：两步验证、会话、密码 / My sign-in security: two-factor, sessions, password',
  }),
  changePassword: route({
    method: 'POST',
    path: '/api/v1/me/password',
    access: 'signed_in',
    body: C.ChangePasswordBody,
    response: { 200: C.SessionsRevoked },
    summary: '修改密码（其他会话全部退出）/ Change my password (other sessions are signed out)',
  }),
  listSessions: route({
    method: 'GET',
    path: '/api/v1/me/sessions',
    access: 'signed_in',
    response: { 200: z.array(C.Session) },
    summary: '我的登录会话 / My sessions',
  }),
  revokeSession: route({
    method: 'DELETE',
    path: '/api/v1/me/sessions/:id',
    access: 'signed_in',
    params: z.object({ id: Id }),
    response: { 200: Ok },
    summary: '退出一个会话 / Sign one session out',
  }),
  revokeOtherSessions: route({
    method: 'POST',
    path: '/api/v1/me/sessions/revoke-others',
    access: 'signed_in',
    response: { 200: C.SessionsRevoked },
    summary: '退出其他所有会话 / Sign all other sessions out',
  }),
  signOutEverywhere: route({
    method: 'POST',
    path: '/api/v1/auth/sign-out-everywhere',
    access: 'signed_in',
    response: { 200: C.SessionsRevoked },
    summary: '在所有设备上退出 / Sign out everywhere',
  }),
  listOwnAuthEvents: route({
    method: 'GET',
    path: '/api/v1/me/auth-events',
    access: 'signed_in',
    query: withPage(C.AuthEventQuery),
    response: { 200: paged(C.AuthEvent) },
    summary: '我的登录记录 / My sign-in events',
  }),
  listAuthEvents: route({
    method: 'GET',
    path: '/api/v1/auth-events',
    access: 'audit.read',
    query: withPage(C.AuthEventQuery),
    response: { 200: paged(C.AuthEvent) },
    summary: '本工作区成员的登录记录 / Sign-in events of the workspace members',
  }),
  startTotpSetup: route({
    method: 'POST',
    path: '/api/v1/me/totp/setup',
    access: 'signed_in',
    response: { 200: C.TotpSetup },
    summary: '开始设置两步验证（返回密钥与二维码内容）/ Start two-factor set-up (the secret and the QR text)',
  }),
  enableTotp: route({
    method: 'POST',
    path: '/api/v1/me/totp/enable',
    access: 'signed_in',
    body: C.TotpEnableBody,
    response: { 200: C.TotpEnabled },
    summary: '用验证码确认并开启两步验证（返回一次性恢复码）/ Confirm with a code and turn two-factor on (recovery codes, shown once)',
  }),
  disableTotp: route({
    method: 'POST',
    path: '/api/v1/me/totp/disable',
    access: 'signed_in',
    body: C.TotpDisableBody,
    response: { 200: Ok },
    summary: '关闭两步验证（需密码与验证码）/ Turn two-factor off (password and code)',
  }),
  issuePasswordReset: route({
    method: 'POST',
    path: '/api/v1/members/:userId/password-reset',
    access: 'members.manage',
    params: z.object({ userId: Id }),
    response: { 200: C.PasswordResetLink },
    summary: '为成员生成一次性重设密码链接（只显示一次）/ Issue a member a one-time password reset link (shown once)',
  }),
  checkPasswordReset: route({
    method: 'POST',
    path: '/api/v1/auth/password-reset/check',
    access: 'public',
    body: C.ResetTokenBody,
    response: { 200: C.PasswordResetInfo },
    summary: '检查重设密码链接 / Check a password reset link',
  }),
  usePasswordReset: route({
    method: 'POST',
    path: '/api/v1/auth/password-reset',
    access: 'public',
    body: C.PasswordResetBody,
    response: { 200: Me },
    summary: '用重设链接设置新密码并登录 / Set a new password with a reset link, and sign in',
  }),
  setWorkspaceSecurity: route({
    method: 'PUT',
    path: '/api/v1/workspace/security',
    access: 'workspace.security',
    body: C.WorkspaceSecurityBody,
    response: { 200: Workspace },
    summary: '要求本工作区成员使用两步验证 / Require two-factor sign-in of the workspace members',
  }),
};
