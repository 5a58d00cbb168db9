import { z } from 'zod';
import { Id, Ok, withPage } from '../common';
import * as I from '../inbox';
import { inboxModeration } from './inbox-moderation';
import { inboxNotes } from './inbox-notes';
import { inboxRules } from './inbox-rules';
import { inboxSla } from './inbox-sla';
import { route } from './route';

const IdParam = z.object({ id: Id });

// The inbox: every member but guests works it (inbox.work); guests of a department see only
// their feedback queue (a later part of the inbox issue).
export const inbox = {
  inboxSyncStatus: route({
    method: 'GET',
    path: '/api/v1/inbox/sync',
    access: 'inbox.work',
    response: { 200: z.array(I.InboxSyncStatus) },
    summary: '各账号的评论同步状态（上次同步、错误）/ The comment sync status of every account (last synced, error)',
  }),
  syncInboxNow: route({
    method: 'POST',
    path: '/api/v1/inbox/sync/:accountId',
    access: 'inbox.work',
    params: z.object({ accountId: Id }),
    response: { 200: I.InboxSyncStatus },
    summary: '立即同步账号的评论（管理员或该账号的运营人员）/ Sync the account’s comments now (managers or its operators)',
  }),
  listInbox: route({
    method: 'GET',
    path: '/api/v1/inbox',
    access: 'inbox.work',
    query: withPage(I.InboxQuery),
    response: { 200: I.InboxPage },
    summary:
      '收件箱：评论和消息，按账号、平台、状态、情感、标签、负责人、关键词、日期筛选 / Inbox: comments and messages, filtered by account, platform, status, sentiment, tag, assignee, keyword, date',
  }),
  inboxCounts: route({
    method: 'GET',
    path: '/api/v1/inbox/counts',
    access: 'inbox.work',
    response: { 200: I.InboxCounts },
    summary: '收件箱计数（新、处理中、待定、我的）/ Inbox counts (new, open, pending, mine)',
  }),
  getInboxItem: route({
    method: 'GET',
    path: '/api/v1/inbox/:id',
    access: 'inbox.work',
    params: IdParam,
    response: { 200: I.InboxThread },
    summary: '一条评论或消息及其会话 / One comment or message with its thread',
  }),
  updateInboxItem: route({
    method: 'PATCH',
    path: '/api/v1/inbox/:id',
    access: 'inbox.work',
    params: IdParam,
    body: I.UpdateInboxBody,
    response: { 200: I.InboxItem },
    summary: '改状态、优先级、负责人、标签 / Change status, priority, assignee, tags',
  }),
  bulkUpdateInbox: route({
    method: 'POST',
    path: '/api/v1/inbox/bulk',
    access: 'inbox.work',
    body: I.BulkInboxBody,
    response: { 200: I.BulkInboxResult },
    summary: '批量修改（最多 500 条）/ Change many at once (up to 500)',
  }),
  importInbox: route({
    method: 'POST',
    path: '/api/v1/inbox/import',
    access: 'inbox.work',
    body: I.InboxImportBody,
    response: { 200: I.InboxImportResult },
    summary:
      '导入评论或消息（无接口的平台；按账号 + 外部 ID 幂等）/ Import comments or messages (platforms without an API; idempotent on account + external id)',
  }),
  ...inboxSla,
  ...inboxRules,
  ...inboxNotes,
  ...inboxModeration,
  listInboxReplies: route({
    method: 'GET',
    path: '/api/v1/inbox/:id/replies',
    access: 'inbox.work',
    params: IdParam,
    response: { 200: z.array(I.InboxReply) },
    summary: '一条评论的回复及其发送状态 / The replies to one comment and how their delivery stands',
  }),
  createInboxReply: route({
    method: 'POST',
    path: '/api/v1/inbox/:id/replies',
    access: 'inbox.work',
    params: IdParam,
    body: I.CreateReplyBody,
    response: { 200: I.InboxReply },
    summary: '通过平台接口回复评论（只发送一次）/ Reply to a comment through the platform’s API (sent exactly once)',
  }),
  retryInboxReply: route({
    method: 'POST',
    path: '/api/v1/inbox/replies/:replyId/retry',
    access: 'inbox.work',
    params: z.object({ replyId: Id }),
    response: { 200: I.InboxReply },
    summary: '重试发送失败的回复（结果未知的回复先与平台核对）/ Retry a failed reply (one whose outcome is unknown is checked with the platform first)',
  }),
  decideInboxReply: route({
    method: 'POST',
    path: '/api/v1/inbox/replies/:replyId/decide',
    access: 'inbox.work',
    params: z.object({ replyId: Id }),
    body: I.DecideReplyBody,
    response: { 200: I.InboxReply },
    summary: '结果未知且无法回查的回复：确认已发出，或重新发送一次 / A reply whose outcome is unknown and cannot be read back: mark it sent, or send it again once',
  }),
  listInboxTemplates: route({
    method: 'GET',
    path: '/api/v1/inbox/templates',
    access: 'inbox.work',
    response: { 200: z.array(I.InboxTemplate) },
    summary: '常用回复模板 / The canned replies',
  }),
  createInboxTemplate: route({
    method: 'POST',
    path: '/api/v1/inbox/templates',
    access: 'inbox.manage',
    body: I.InboxTemplateBody,
    response: { 200: I.InboxTemplate },
    summary: '新建回复模板（变量 {{author}} {{account}} {{post}}）/ Add a canned reply (variables {{author}} {{account}} {{post}})',
  }),
  updateInboxTemplate: route({
    method: 'PATCH',
    path: '/api/v1/inbox/templates/:id',
    access: 'inbox.manage',
    params: IdParam,
    body: I.UpdateInboxTemplateBody,
    response: { 200: I.InboxTemplate },
    summary: '修改回复模板 / Change a canned reply',
  }),
  deleteInboxTemplate: route({
    method: 'DELETE',
    path: '/api/v1/inbox/templates/:id',
    access: 'inbox.manage',
    params: IdParam,
    response: { 200: Ok },
    summary: '删除回复模板 / Delete a canned reply',
  }),
  renderInboxTemplate: route({
    method: 'POST',
    path: '/api/v1/inbox/templates/:id/render',
    access: 'inbox.work',
    params: IdParam,
    body: I.RenderTemplateBody,
    response: { 200: I.RenderedTemplate },
    summary: '用一条评论填写模板（缺少的变量报错，不留空）/ Fill a canned reply in for one item (a missing variable is an error, never a blank)',
  }),
};
