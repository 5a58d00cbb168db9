import type { Dict } from './index';

export const inboxRules: Dict = {
  'nav.inboxRules': ['规则', 'Rules'],
  'inbox.reply.state.proposed': ['待批准', 'Proposed'],
  'inbox.reply.approve': ['批准发送', 'Approve and send'],
  'inbox.reply.discard': ['丢弃', 'Discard'],
  'inbox.reply.approved': ['已批准，正在发送', 'Approved; on its way'],
  'inbox.reply.discarded': ['已丢弃', 'Discarded'],
  'inbox.ruleHit': ['规则：{{name}}', 'Rule: {{name}}'],
};
