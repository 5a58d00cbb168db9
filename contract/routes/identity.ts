import { z } from 'zod';
import { Id, Ok, paged, withPage } from '../common';
import * as C from '../identity';
import { departments } from './departments';
import { route } from './route';

const UserParam = z.object({ userId: Id });
const IdParam = z.object({ id: Id });

export const identity = {
  setupStatus: route({
    method: 'GET',
    path: '/api/v1/setup',
    access: 'public',
    response: { 200: C.SetupStatus },
    summary: '是否还需要创建第一个所有者 / Whether the first owner is still to be created',
  }),
  setup: route({
    method: 'POST',
    path: '/api/v1/setup',
    access: 'public',
    body: C.SetupBody,
    response: { 200: C.Me },
    summary:
      '首次运行：创建所有者和第一个工作区并登录（仅当还没有用户时）/ First run: create the owner and the first workspace, signed in (only while no user exists)',
  }),
  signIn: route({
    method: 'POST',
    path: '/api/v1/auth/sign-in',
    access: 'public',
    body: C.SignInBody,
    response: { 200: C.Me },
    summary: '登录（有频率限制）/ Sign in (rate-limited)',
  }),
  signOut: route({ method: 'POST', path: '/api/v1/auth/sign-out', access: 'signed_in', response: { 200: Ok }, summary: '退出登录 / Sign out' }),
  me: route({
    method: 'GET',
    path: '/api/v1/me',
    access: 'signed_in',
    response: { 200: C.Me },
    summary: '当前用户、工作区与权限 / The signed-in user, workspaces and permissions',
  }),
  switchWorkspace: route({
    method: 'POST',
    path: '/api/v1/me/workspace',
    access: 'signed_in',
    body: C.SwitchWorkspaceBody,
    response: { 200: C.Me },
    summary: '切换到自己所属的另一个工作区 / Switch to another workspace one belongs to',
  }),
  createWorkspace: route({
    method: 'POST',
    path: '/api/v1/workspaces',
    access: 'signed_in',
    body: C.CreateWorkspaceBody,
    response: { 200: C.Me },
    summary: '新建工作区并切换过去 / Create a workspace and switch to it',
  }),
  getWorkspace: route({
    method: 'GET',
    path: '/api/v1/workspace',
    access: 'member',
    response: { 200: C.Workspace },
    summary: '当前工作区 / The current workspace',
  }),
  updateWorkspace: route({
    method: 'PATCH',
    path: '/api/v1/workspace',
    access: 'workspace.manage',
    body: C.UpdateWorkspaceBody,
    response: { 200: C.Workspace },
    summary: '修改工作区名称、时区、错过窗口 / Change the workspace name, time zone, missed window',
  }),
  listMembers: route({
    method: 'GET',
    path: '/api/v1/members',
    access: 'member',
    query: withPage(C.MemberQuery),
    response: { 200: paged(C.Member) },
    summary: '成员列表 / Members',
  }),
  updateMember: route({
    method: 'PATCH',
    path: '/api/v1/members/:userId',
    access: 'members.manage',
    params: UserParam,
    body: C.UpdateMemberBody,
    response: { 200: C.Member },
    summary: '修改成员角色（只有所有者能授予所有者）/ Change a member role (only an owner grants owner)',
  }),
  removeMember: route({
    method: 'DELETE',
    path: '/api/v1/members/:userId',
    access: 'members.manage',
    params: UserParam,
    response: { 200: Ok },
    summary: '移除成员 / Remove a member',
  }),
  listInvitations: route({
    method: 'GET',
    path: '/api/v1/invitations',
    access: 'members.manage',
    query: withPage(C.InvitationQuery),
    response: { 200: paged(C.Invitation) },
    summary: '邀请列表 / Invitations',
  }),
  invite: route({
    method: 'POST',
    path: '/api/v1/invitations',
    access: 'members.manage',
    body: C.InviteBody,
    response: { 200: C.Invitation },
    summary: '邀请成员（答复里带一次性链接 token）/ Invite a member (the answer carries the one-time token)',
  }),
  revokeInvitation: route({
    method: 'DELETE',
    path: '/api/v1/invitations/:id',
    access: 'members.manage',
    params: IdParam,
    response: { 200: Ok },
    summary: '撤销邀请 / Revoke an invitation',
  }),
  acceptInvitation: route({
    method: 'POST',
    path: '/api/v1/invitations/accept',
    access: 'public',
    body: C.AcceptInviteBody,
    response: { 200: C.Me },
    summary: '接受邀请并登录（需持有 token）/ Accept an invitation, signed in (with the token)',
  }),
  audit: route({
    method: 'GET',
    path: '/api/v1/audit',
    access: 'audit.read',
    query: withPage(C.AuditQuery),
    response: { 200: paged(C.AuditEntry) },
    summary: '审计日志 / Audit log',
  }),
  ...departments,
};
