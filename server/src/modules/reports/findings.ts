// Findings written from the data, in Chinese and English: what moved, what worked, what needs care.
// A manager edits them before sending; these are only the first draft.
import type { ReportData, ReportFinding } from '../../../../contract/reports';
import { change } from './data';
import { formatLabel, KPI_LABEL, showChange, showValue } from './labels';

const MIN_VIEWS_TO_COMPARE = 100;

export function writeFindings(d: ReportData): ReportFinding[] {
  const out: ReportFinding[] = [];
  const kpi = (key: ReportData['kpis'][number]['key']) => d.kpis.find((k) => k.key === key);
  const views = kpi('views');
  const net = kpi('followersNet');
  if (views?.current != null) {
    out.push({
      zh: `本期阅读/播放 ${showValue('views', views.current)}，环比 ${showChange(views.mom)}，同比 ${showChange(views.yoy)}；净增粉丝 ${showValue('followersNet', net?.current ?? null)}（环比 ${showChange(net?.mom ?? null)}）。`,
      en: `Reads/plays this period: ${showValue('views', views.current)}, ${showChange(views.mom)} on the previous period and ${showChange(views.yoy)} on last year; net new followers ${showValue('followersNet', net?.current ?? null)} (${showChange(net?.mom ?? null)} on the previous period).`,
    });
  } else {
    out.push({ zh: '本期没有阅读/播放数据：请检查数据同步或导入。', en: 'No reads/plays for this period: check the data sync or import.' });
  }

  // Biggest movers: the accounts whose reads changed most against the previous period.
  const movers = d.accounts
    .filter((a) => a.views != null && a.previousViews != null && Math.max(a.views, a.previousViews) >= MIN_VIEWS_TO_COMPARE)
    .map((a) => ({ a, c: change(a.views, a.previousViews) ?? 0 }))
    .sort((x, y) => Math.abs(y.c) - Math.abs(x.c));
  const up = movers.find((m) => m.c > 0);
  const down = movers.find((m) => m.c < 0);
  if (up)
    out.push({
      zh: `增长最快的账号：${up.a.name}，阅读 ${showValue('views', up.a.views)}，环比 ${showChange(up.c)}。`,
      en: `Fastest-growing account: ${up.a.name}, ${showValue('views', up.a.views)} reads, ${showChange(up.c)} on the previous period.`,
    });
  if (down)
    out.push({
      zh: `下滑最多的账号：${down.a.name}，阅读 ${showValue('views', down.a.views)}，环比 ${showChange(down.c)}。`,
      en: `Biggest drop: ${down.a.name}, ${showValue('views', down.a.views)} reads, ${showChange(down.c)} on the previous period.`,
    });

  const top = d.topPosts[0];
  if (top)
    out.push({
      zh: `阅读最高的内容：《${top.title}》（${top.accountName}），阅读 ${showValue('views', top.views)}，互动 ${showValue('interactions', top.interactions)}。`,
      en: `Most-read post: "${top.title}" (${top.accountName}), ${showValue('views', top.views)} reads, ${showValue('interactions', top.interactions)} interactions.`,
    });

  const topic = d.topics.find((t) => t.avgViews != null);
  if (topic && d.topics.length > 1)
    out.push({
      zh: `表现最好的选题：${topic.name}，${topic.posts} 篇，篇均阅读 ${showValue('viewsPerPost', topic.avgViews)}。`,
      en: `Best topic: ${topic.name}, ${topic.posts} posts, ${showValue('viewsPerPost', topic.avgViews)} reads per post.`,
    });
  const format = d.formats.find((f) => f.avgViews != null);
  if (format && d.formats.length > 1) {
    const l = formatLabel(format.name);
    out.push({
      zh: `表现最好的形式：${l.zh}，${format.posts} 篇，篇均阅读 ${showValue('viewsPerPost', format.avgViews)}。`,
      en: `Best format: ${l.en}, ${format.posts} posts, ${showValue('viewsPerPost', format.avgViews)} reads per post.`,
    });
  }

  for (const g of d.goalsAtRisk)
    out.push({
      zh: `目标有风险：${g.name}，当前 ${showValue('count', g.progress)} / 目标 ${showValue('count', g.target)}。`,
      en: `Goal at risk: ${g.name}, ${showValue('count', g.progress)} of ${showValue('count', g.target)}.`,
    });
  if (d.quietAccounts.length)
    out.push({
      zh: `发布不足的账号：${d.quietAccounts.map((a) => `${a.name}（计划 ${a.planned}，实际 ${a.published}）`).join('、')}。`,
      en: `Quiet accounts: ${d.quietAccounts.map((a) => `${a.name} (planned ${a.planned}, published ${a.published})`).join(', ')}.`,
    });
  const rate = kpi('engagementRate');
  if (rate?.current != null)
    out.push({
      zh: `${KPI_LABEL.engagementRate.zh} ${showValue('engagementRate', rate.current)}，环比 ${showChange(rate.mom)}。`,
      en: `${KPI_LABEL.engagementRate.en} ${showValue('engagementRate', rate.current)}, ${showChange(rate.mom)} on the previous period.`,
    });
  return out;
}
