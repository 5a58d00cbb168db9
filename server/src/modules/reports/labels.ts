// Words and number formats shared by the findings, the xlsx and the PDF.
import type { KpiKey, ReportData, ReportPeriod } from '../../../../contract/reports';

export const KPI_LABEL: Record<KpiKey, { zh: string; en: string }> = {
  followersNet: { zh: '净增粉丝', en: 'Net new followers' },
  followersTotal: { zh: '粉丝总数', en: 'Total followers' },
  views: { zh: '阅读/播放', en: 'Reads / plays' },
  viewsPerPost: { zh: '篇均阅读', en: 'Reads per post' },
  shares: { zh: '分享/转发', en: 'Shares' },
  zaikan: { zh: '在看', en: '在看 (Wow)' },
  interactions: { zh: '互动', en: 'Interactions' },
  engagementRate: { zh: '互动率（按阅读）', en: 'Engagement rate (by views)' },
  posts: { zh: '发布篇数', en: 'Posts published' },
  conversions: { zh: '转化', en: 'Conversions' },
};

export const NOT_CONNECTED = { zh: '未接入', en: 'not connected' };
export const INTERACTIONS_DEFINITION = {
  zh: '互动 = 点赞 + 评论 + 分享 + 在看；互动率 = 互动 ÷ 阅读/播放',
  en: 'Interactions = likes + comments + shares + 在看; engagement rate = interactions ÷ reads/plays',
};

export const FORMAT_LABEL: Record<string, { zh: string; en: string }> = {
  article: { zh: '图文', en: 'Article' },
  status: { zh: '微博', en: 'Status' },
  video: { zh: '视频', en: 'Video' },
  note: { zh: '笔记', en: 'Note' },
  zhihu: { zh: '问答/文章', en: 'Q&A / article' },
  channels: { zh: '视频号', en: 'Channels video' },
  custom: { zh: '其他', en: 'Other' },
};
export const formatLabel = (f: string) => FORMAT_LABEL[f] ?? { zh: f, en: f };

export const PERIOD_LABEL: Record<ReportPeriod, { zh: string; en: string }> = {
  week: { zh: '周报', en: 'Weekly report' },
  month: { zh: '月报', en: 'Monthly report' },
};

export function titleOf(period: ReportPeriod, start: string, end: string, scopeName: string) {
  const p = PERIOD_LABEL[period];
  return { zh: `${scopeName} ${p.zh} ${start} 至 ${end}`, en: `${scopeName} ${p.en} ${start} – ${end}` };
}

export const scopeName = (d: ReportData) => d.scope.accountName ?? d.scope.workspaceName;

/** 12,345 or 1.2%; "—" for unknown. */
export function showValue(key: KpiKey | 'count', v: number | null) {
  if (v == null) return key === 'conversions' ? NOT_CONNECTED.zh : '—';
  if (key === 'engagementRate') return `${(v * 100).toFixed(2)}%`;
  if (key === 'viewsPerPost') return Math.round(v).toLocaleString('en-US');
  return v.toLocaleString('en-US');
}

/** +12.5% / −3.0% / —. */
export const showChange = (v: number | null) => (v == null ? '—' : `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)}%`);
