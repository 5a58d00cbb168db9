// What a new workspace starts with: three playbooks and a crisis word list for monitoring.
// Seeded into the workspace's own tables on first use, so a team can edit or archive them.
import type { PlaybookItemRow } from './tables';

interface DefaultPlaybook {
  key: string;
  name: string;
  nameEn: string;
  description: string;
  defaultSeverity: 'sev1' | 'sev2' | 'sev3';
  items: PlaybookItemRow[];
}

const item = (text: string, textEn: string): PlaybookItemRow => ({ text, textEn });

export const DEFAULT_PLAYBOOKS: DefaultPlaybook[] = [
  {
    key: 'negative_publicity',
    name: '负面舆情',
    nameEn: 'Negative publicity',
    description: '评论区或外部平台出现集中负面声音 / A wave of negative comments or coverage',
    defaultSeverity: 'sev2',
    items: [
      item('确认事实：收集截图、链接和时间线', 'Establish the facts: screenshots, links and a timeline'),
      item('评估影响范围：平台、转发量、是否有媒体或大V跟进', 'Assess the reach: platforms, shares, media or influencers picking it up'),
      item('检查排期内容，必要时一键暂停全部发布', 'Check what is scheduled; pause all publishing if needed'),
      item('通知法务、公关和相关业务负责人', 'Inform legal, PR and the business owner'),
      item('选定并使用已审批的回应口径', 'Pick and use an approved holding statement'),
      item('统一回复评论与私信：不删评、不争辩', 'Answer comments and messages with one voice: no deleting, no arguing'),
      item('每 2 小时复盘一次舆情走势', 'Review the sentiment trend every 2 hours'),
      item('平息后恢复发布，完成复盘', 'When it calms down, resume publishing and write the post-mortem'),
    ],
  },
  {
    key: 'wrong_post',
    name: '内容事故（误发）',
    nameEn: 'Content accident (wrong post)',
    description: '发错内容、错别字、错误信息或发到了错误账号 / Wrong content, typo, wrong facts or the wrong account',
    defaultSeverity: 'sev2',
    items: [
      item('立即暂停全部排期发布', 'Pause all scheduled publishing at once'),
      item('确认误发内容、账号、发布时间和已触达人数', 'Identify the post, the account, when it went out and how many saw it'),
      item('删除或隐藏误发内容（先截图、存链接）', 'Delete or hide it (screenshot and save the link first)'),
      item('检查同一批次的其他排期内容', 'Check the other posts of the same batch'),
      item('发布更正或致歉说明（使用已审批口径）', 'Publish a correction or apology (approved statement)'),
      item('查明原因：审核流程哪一环漏掉了', 'Find where the review process let it through'),
      item('确认无误后恢复发布', 'Resume publishing once everything is checked'),
    ],
  },
  {
    key: 'account_security',
    name: '账号安全',
    nameEn: 'Account security',
    description: '账号被盗、异常登录、陌生管理员或非本方发布的内容 / Account taken over, odd logins, unknown admins or posts',
    defaultSeverity: 'sev1',
    items: [
      item('立即暂停全部发布', 'Pause all publishing at once'),
      item('修改账号密码和 AppSecret，撤销可疑授权', 'Change the password and AppSecret; revoke suspicious authorisations'),
      item('检查管理员与运营者名单，移除陌生人员', 'Check administrators and operators; remove anyone unknown'),
      item('核对近期发布与私信，删除非本方内容', 'Check recent posts and messages; delete what was not ours'),
      item('联系平台客服申诉或冻结账号', 'Contact the platform to appeal or freeze the account'),
      item('必要时向关注者发布安全提示', 'Warn followers if needed'),
      item('恢复发布，更新凭据管理制度', 'Resume publishing; update how credentials are kept'),
    ],
  },
];

/**
 * Words that usually mean trouble when they show up in comments about a brand. Category
 * 'crisis', severity 'block': a hit alerts by default (see monitor.ts DEFAULT_SETTINGS).
 */
export const DEFAULT_CRISIS_WORDS = [
  '维权',
  '曝光',
  '投诉',
  '举报',
  '315',
  '12315',
  '黑幕',
  '骗子',
  '诈骗',
  '欺诈',
  '虚假宣传',
  '假货',
  '食物中毒',
  '异物',
  '过敏',
  '受伤',
  '起诉',
  '律师函',
  '集体诉讼',
  '退钱',
  '跑路',
  '卷款',
  '抵制',
  '泄露',
  '被盗',
  '盗号',
  '辱华',
  '歧视',
];
