// The report as a workbook of real cells: 概览 (KPIs with 环比/同比), 帖子 (per post), 增长 (per day), 发现 (findings).
import ExcelJS from 'exceljs';
import type { ReportData, ReportFinding } from '../../../../contract/reports';
import { formatLabel, INTERACTIONS_DEFINITION, KPI_LABEL, NOT_CONNECTED, scopeName, titleOf } from './labels';

const PCT = '0.0%';
const INT = '#,##0';

function header(ws: ExcelJS.Worksheet, cols: { header: string; key: string; width: number; fmt?: string }[]) {
  ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.fmt ? { numFmt: c.fmt } : {} }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

export async function reportXlsx(d: ReportData, findings: ReportFinding[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Meiyun 媒运';
  const title = titleOf(d.period, d.start, d.end, scopeName(d));

  const kpi = wb.addWorksheet('概览 KPI');
  header(kpi, [
    { header: '指标 / Metric', key: 'metric', width: 28 },
    { header: '本期 / This period', key: 'current', width: 18, fmt: INT },
    { header: '上期 / Previous', key: 'previous', width: 18, fmt: INT },
    { header: '环比 / vs previous', key: 'mom', width: 16, fmt: PCT },
    { header: '去年同期 / Last year', key: 'lastYear', width: 18, fmt: INT },
    { header: '同比 / vs last year', key: 'yoy', width: 16, fmt: PCT },
  ]);
  for (const k of d.kpis) {
    const row = kpi.addRow({
      metric: `${KPI_LABEL[k.key].zh} / ${KPI_LABEL[k.key].en}`,
      current: k.key === 'conversions' && k.current == null ? `${NOT_CONNECTED.zh} / ${NOT_CONNECTED.en}` : k.current,
      previous: k.previous,
      mom: k.mom,
      lastYear: k.lastYear,
      yoy: k.yoy,
    });
    if (k.key === 'engagementRate') for (const c of ['current', 'previous', 'lastYear']) row.getCell(c).numFmt = '0.00%';
  }
  kpi.addRow({});
  kpi.addRow({ metric: title.zh });
  kpi.addRow({
    metric: `周期 / Period: ${d.start} – ${d.end}（${d.timezone}）；上期 ${d.previous.start} – ${d.previous.end}；去年同期 ${d.lastYear.start} – ${d.lastYear.end}`,
  });
  kpi.addRow({ metric: `${INTERACTIONS_DEFINITION.zh} / ${INTERACTIONS_DEFINITION.en}` });

  const posts = wb.addWorksheet('帖子 Posts');
  header(posts, [
    { header: '标题 / Title', key: 'title', width: 36 },
    { header: '账号 / Account', key: 'accountName', width: 18 },
    { header: '平台 / Platform', key: 'platform', width: 12 },
    { header: '形式 / Format', key: 'format', width: 12 },
    { header: '选题 / Topic', key: 'topic', width: 16 },
    { header: '发布时间 / Published', key: 'publishedAt', width: 20, fmt: 'yyyy-mm-dd hh:mm' },
    { header: '阅读 / Views', key: 'views', width: 12, fmt: INT },
    { header: '点赞 / Likes', key: 'likes', width: 10, fmt: INT },
    { header: '评论 / Comments', key: 'comments', width: 10, fmt: INT },
    { header: '分享 / Shares', key: 'shares', width: 10, fmt: INT },
    { header: '收藏 / Favorites', key: 'favorites', width: 10, fmt: INT },
    { header: '在看 / Zaikan', key: 'zaikan', width: 10, fmt: INT },
    { header: '互动 / Interactions', key: 'interactions', width: 12, fmt: INT },
    { header: '互动率 / Engagement', key: 'engagementRate', width: 12, fmt: '0.00%' },
    { header: '转化 / Conversions', key: 'conversions', width: 14 },
  ]);
  for (const p of d.posts) {
    posts.addRow({
      ...p,
      format: formatLabel(p.format).zh,
      // Shown in the workspace's zone: exceljs writes a Date as UTC wall time.
      publishedAt: new Date(new Date(p.publishedAt).getTime() + offsetMs(d.timezone, p.publishedAt)),
      // A post without a tracked link has no conversions to count (not 0).
      conversions: p.conversions ?? '—',
    });
  }
  if (d.postsTotal > d.posts.length)
    posts.addRow({ title: `共 ${d.postsTotal} 篇，列出阅读最高的 ${d.posts.length} 篇 / ${d.postsTotal} posts, the ${d.posts.length} most read listed` });

  const growth = wb.addWorksheet('增长 Growth');
  header(growth, [
    { header: '日期 / Day', key: 'day', width: 14 },
    { header: '新增关注 / Gained', key: 'gained', width: 16, fmt: INT },
    { header: '取消关注 / Lost', key: 'lost', width: 16, fmt: INT },
    { header: '净增 / Net', key: 'net', width: 12, fmt: INT },
    { header: '粉丝总数 / Followers', key: 'followers', width: 18, fmt: INT },
  ]);
  for (const g of d.growth) growth.addRow(g);

  const notes = wb.addWorksheet('发现 Findings');
  header(notes, [
    { header: '发现 / Finding (中文)', key: 'zh', width: 80 },
    { header: 'Finding (English)', key: 'en', width: 80 },
  ]);
  for (const f of findings) notes.addRow(f);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The zone's offset from UTC at that moment, in ms. */
function offsetMs(timezone: string, at: string) {
  const d = new Date(at);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return wall - Math.floor(d.getTime() / 1000) * 1000;
}
