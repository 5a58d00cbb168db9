// Each chart's table as a file: CSV (UTF-8 with a BOM, so Excel reads the Chinese) or xlsx with
// real number cells (rates as percentages; WeChat article reads of 100001 shown as 10万+ by the
// cell's number format, the cell still holding the number).
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { ExportQuery } from '../../../../contract/dashboard';
import type { Executor } from '../../db/pool';
import { contentAnalysis, rankPosts } from './dashboard-posts';
import { postPage } from './dashboard-post';
import { audience, overview } from './dashboard-overview';
import type { Scope } from './dashboard-range';
import { XLSX_TYPE } from './template';
import { badRequest } from '../../lib/errors';

type Kind = 'text' | 'count' | 'rate' | 'reads';
type Column = { key: string; zh: string; en: string; kind: Kind };
export type Table = { name: string; columns: Column[]; rows: Record<string, unknown>[] };

const col = (key: string, zh: string, en: string, kind: Kind = 'count'): Column => ({ key, zh, en, kind });
const TOTALS = [
  col('followers', '粉丝数', 'Followers'),
  col('followersGained', '新增关注', 'Gained'),
  col('followersLost', '取消关注', 'Lost'),
  col('netFollowers', '净增', 'Net'),
  col('views', '阅读/播放', 'Views'),
  col('likes', '点赞', 'Likes'),
  col('comments', '评论', 'Comments'),
  col('shares', '分享/转发', 'Shares'),
  col('favorites', '收藏', 'Favorites'),
  col('interactions', '互动', 'Interactions'),
  col('engagementRate', '互动率', 'Engagement rate', 'rate'),
  col('clicks', '短链点击', 'Link clicks'),
  col('conversions', '转化', 'Conversions'),
  col('conversionRate', '转化率', 'Conversion rate', 'rate'),
];
const POST = [
  col('title', '标题', 'Title', 'text'),
  col('accountName', '账号', 'Account', 'text'),
  col('platform', '平台', 'Platform', 'text'),
  col('publishedAt', '发布时间', 'Published at', 'text'),
  col('views', '阅读/播放', 'Views', 'reads'),
  col('likes', '点赞', 'Likes'),
  col('comments', '评论', 'Comments'),
  col('shares', '分享/转发', 'Shares'),
  col('zaikan', '在看', '在看 (zaikan)'),
  col('interactions', '互动', 'Interactions'),
  col('engagementRate', '互动率', 'Engagement rate', 'rate'),
  col('clicks', '短链点击', 'Link clicks'),
  col('conversions', '转化', 'Conversions'),
  col('conversionRate', '转化率', 'Conversion rate', 'rate'),
];

export async function tableOf(ex: Executor, s: Scope, q: z.infer<typeof ExportQuery>): Promise<Table> {
  const p = { from: q.from, to: q.to };
  switch (q.chart) {
    case 'overview': {
      const o = await overview(ex, s, p, q.granularity);
      return {
        name: 'overview',
        columns: [
          col('period', '日期', 'Period', 'text'),
          ...['followers', 'followersGained', 'followersLost', 'views', 'interactions', 'engagementRate'].map((k) => TOTALS.find((c) => c.key === k) as Column),
        ],
        rows: o.series,
      };
    }
    case 'platforms':
    case 'accounts': {
      const o = await overview(ex, s, p, 'day');
      const label = q.chart === 'platforms' ? col('label', '平台', 'Platform', 'text') : col('label', '账号', 'Account', 'text');
      return { name: q.chart, columns: [label, col('accounts', '账号数', 'Accounts'), ...TOTALS], rows: q.chart === 'platforms' ? o.byPlatform : o.byAccount };
    }
    case 'audience': {
      const a = await audience(ex, s, p, q.granularity);
      return {
        name: 'audience',
        columns: [
          col('period', '日期', 'Period', 'text'),
          col('followers', '粉丝数', 'Followers'),
          col('gained', '新增关注', 'Gained'),
          col('lost', '取消关注', 'Lost'),
          col('net', '净增', 'Net'),
        ],
        rows: a.series,
      };
    }
    case 'content': {
      const c = await contentAnalysis(ex, s, p, q.by);
      return {
        name: `content-${q.by}`,
        columns: [
          col('label', '分组', 'Group', 'text'),
          col('publications', '发布数', 'Publications'),
          col('views', '阅读/播放', 'Views'),
          col('interactions', '互动', 'Interactions'),
          col('viewsPerPublication', '篇均阅读', 'Views per publication'),
          col('engagementRate', '互动率', 'Engagement rate', 'rate'),
          col('clicks', '链接点击', 'Link clicks'),
          col('conversions', '转化', 'Conversions'),
          col('conversionRate', '转化率', 'Conversion rate', 'rate'),
        ],
        rows: c.rows,
      };
    }
    case 'posts': {
      const r = await rankPosts(ex, s, p, { sort: q.sort, order: q.order, limit: q.limit });
      return { name: q.order === 'asc' ? 'bottom-posts' : 'top-posts', columns: POST, rows: r.rows };
    }
    case 'post': {
      if (!q.postId) throw badRequest({ zh: '导出单篇数据需要 postId', en: 'Exporting a post needs its postId' });
      const pp = await postPage(ex, s.workspaceId, q.postId, p);
      return {
        name: 'post',
        columns: [
          col('day', '日期', 'Day', 'text'),
          ...['views', 'likes', 'comments', 'shares'].map((k) => POST.find((c) => c.key === k) as Column),
          col('favorites', '收藏', 'Favorites'),
          col('zaikan', '在看', '在看 (zaikan)'),
          col('interactions', '互动', 'Interactions'),
        ],
        rows: pp.series,
      };
    }
  }
}

const header = (c: Column) => `${c.zh} ${c.en}`;

export async function exportTable(t: Table, format: 'csv' | 'xlsx', range: { from: string; to: string }) {
  const filename = `meiyun-${t.name}-${range.from}-${range.to}.${format}`;
  if (format === 'csv') {
    const rows = t.rows.map((r) => t.columns.map((c) => r[c.key] ?? ''));
    return { filename, contentType: 'text/csv; charset=utf-8', data: Buffer.from(`\uFEFF${stringify([t.columns.map(header), ...rows])}`, 'utf8') };
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t.name.slice(0, 31));
  ws.columns = t.columns.map((c) => ({ header: header(c), key: c.key, width: c.kind === 'text' ? 28 : 14 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of t.rows) {
    const row = ws.addRow(Object.fromEntries(t.columns.map((c) => [c.key, r[c.key] ?? null])));
    t.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.kind === 'rate') cell.numFmt = '0.00%';
      if (c.kind === 'reads' && r.platform === 'wechat_oa') cell.numFmt = '[>=100001]"10万+";0';
    });
  }
  return { filename, contentType: XLSX_TYPE, data: Buffer.from(await wb.xlsx.writeBuffer()) };
}
