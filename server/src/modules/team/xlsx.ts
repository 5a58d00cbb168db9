// The scorecards as a workbook of real cells: 记分卡 (each member's figures, previous, change) and
// 明细 (every item behind a figure, by id), with the exceljs the reports already use.
import ExcelJS from 'exceljs';
import { FIGURE_KEYS, type FigureKey } from '../../../../contract/team';
import type { ScorecardData } from './scorecard';

export const FIGURE_LABEL: Record<FigureKey, string> = {
  postsShipped: '发布数 / Posts shipped',
  onTimeRate: '准时率 / On-time rate',
  approvalRounds: '审核轮次 / Approval rounds',
  engagementVsAccount: '互动 vs 账号均值 / Engagement vs account',
  repliesSent: '回复数 / Replies sent',
  medianFirstResponseMinutes: '首次响应中位数（分钟）/ Median first response (min)',
  tasksDone: '完成任务 / Tasks done',
  tasksOnTime: '按时完成任务 / Tasks on time',
};
const ID_KIND: Record<FigureKey, string> = {
  postsShipped: 'publication',
  onTimeRate: 'publication (late)',
  approvalRounds: 'post',
  engagementVsAccount: 'publication',
  repliesSent: 'inbox reply',
  medianFirstResponseMinutes: 'inbox item',
  tasksDone: 'task',
  tasksOnTime: 'task',
};

type List = {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  items: { current: ScorecardData; previous: ScorecardData; delta: Record<FigureKey, number | null> }[];
};

export async function scorecardXlsx(list: List): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Meiyun 媒运';
  const sheet = wb.addWorksheet('记分卡 Scorecards');
  sheet.columns = [
    { header: '成员 / Member', key: 'member', width: 18 },
    { header: '指标 / Figure', key: 'figure', width: 40 },
    { header: `本期 / ${list.from}–${list.to}`, key: 'current', width: 22 },
    { header: `上期 / ${list.previousFrom}–${list.previousTo}`, key: 'previous', width: 22 },
    { header: '变化 / Change', key: 'delta', width: 14 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const items = wb.addWorksheet('明细 Items');
  items.columns = [
    { header: '成员 / Member', key: 'member', width: 18 },
    { header: '指标 / Figure', key: 'figure', width: 40 },
    { header: '类型 / Kind', key: 'kind', width: 20 },
    { header: 'ID', key: 'id', width: 40 },
  ];
  items.getRow(1).font = { bold: true };
  for (const it of list.items) {
    for (const k of FIGURE_KEYS) {
      const row = sheet.addRow({
        member: it.current.name,
        figure: FIGURE_LABEL[k],
        current: it.current[k].value,
        previous: it.previous[k].value,
        delta: it.delta[k],
      });
      if (k === 'onTimeRate') for (const c of ['current', 'previous', 'delta']) row.getCell(c).numFmt = '0.0%';
      for (const id of it.current[k].ids) items.addRow({ member: it.current.name, figure: FIGURE_LABEL[k], kind: ID_KIND[k], id });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
