import { z } from 'zod';
import { Id, Ok } from '../common';
import { InboxReply } from '../inbox';
import * as R from '../inbox-rules';
import { route } from './route';

const IdParam = z.object({ id: Id });
const ReplyParam = z.object({ replyId: Id });

// Inbox rules: managers write, order and try them (inbox.rules); a reply a rule proposes is
// approved or dropped by anyone who works the inbox.
export const inboxRules = {
  listInboxRules: route({
    method: 'GET',
    path: '/api/v1/inbox/rules',
    access: 'inbox.rules',
    response: { 200: z.array(R.InboxRule) },
    summary: '收件箱规则（按顺序，含近 30 天命中数）/ The inbox rules in order, with their hits in the last 30 days',
  }),
  createInboxRule: route({
    method: 'POST',
    path: '/api/v1/inbox/rules',
    access: 'inbox.rules',
    body: R.InboxRuleBody,
    response: { 200: R.InboxRule },
    summary: '新建规则（条件 → 动作，排在最后）/ Add a rule (conditions → actions), placed last',
  }),
  updateInboxRule: route({
    method: 'PATCH',
    path: '/api/v1/inbox/rules/:id',
    access: 'inbox.rules',
    params: IdParam,
    body: R.UpdateInboxRuleBody,
    response: { 200: R.InboxRule },
    summary: '修改、启用或停用规则 / Change a rule, switch it on or off',
  }),
  deleteInboxRule: route({
    method: 'DELETE',
    path: '/api/v1/inbox/rules/:id',
    access: 'inbox.rules',
    params: IdParam,
    response: { 200: Ok },
    summary: '删除规则（命中记录保留规则名）/ Delete a rule (its hits keep its name)',
  }),
  reorderInboxRules: route({
    method: 'POST',
    path: '/api/v1/inbox/rules/reorder',
    access: 'inbox.rules',
    body: R.ReorderRulesBody,
    response: { 200: z.array(R.InboxRule) },
    summary: '调整规则顺序（全部规则的 ID，按新顺序）/ Reorder the rules (every rule id, in the new order)',
  }),
  dryRunInboxRule: route({
    method: 'POST',
    path: '/api/v1/inbox/rules/dry-run',
    access: 'inbox.rules',
    body: R.DryRunBody,
    response: { 200: R.DryRunResult },
    summary: '试运行：这些条件在近 30 天会命中哪些消息 / Dry run: what the conditions would have matched in the last 30 days',
  }),
  approveInboxReply: route({
    method: 'POST',
    path: '/api/v1/inbox/replies/:replyId/approve',
    access: 'inbox.work',
    params: ReplyParam,
    response: { 200: InboxReply },
    summary: '批准规则拟定的回复并发送（只发送一次）/ Approve a reply a rule proposed and send it (exactly once)',
  }),
  discardInboxReply: route({
    method: 'POST',
    path: '/api/v1/inbox/replies/:replyId/discard',
    access: 'inbox.work',
    params: ReplyParam,
    response: { 200: Ok },
    summary: '丢弃规则拟定的回复（不发送）/ Discard a reply a rule proposed (nothing is sent)',
  }),
};
