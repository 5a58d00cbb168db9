// The import template: the headers the import reads, in Chinese and English, as CSV (UTF-8 with
// a BOM, so Excel opens the Chinese right) or xlsx (with a sheet of notes on each column).
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { TEMPLATE_COLUMNS } from './columns';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function template(format: 'csv' | 'xlsx'): Promise<{ filename: string; contentType: string; data: Buffer }> {
  const headers = TEMPLATE_COLUMNS.map((c) => c.header);
  if (format === 'csv') {
    return { filename: 'metrics-template.csv', contentType: 'text/csv; charset=utf-8', data: Buffer.from(`\uFEFF${stringify([headers])}`, 'utf8') };
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据 Metrics');
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.key === 'link' ? 48 : c.key === 'publicationId' ? 40 : c.key === 'title' ? 28 : 16,
    // Dates typed as text stay exactly as typed; figures may be typed as "1.2万".
    style: { numFmt: '@' },
  }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const notes = wb.addWorksheet('说明 Notes');
  notes.columns = [
    { header: '列 / Column', width: 28 },
    { header: '说明', width: 40 },
    { header: 'Notes', width: 56 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of TEMPLATE_COLUMNS) notes.addRow([c.header, c.note.zh, c.note.en]);
  notes.addRow([]);
  notes.addRow([
    '',
    '留空表示未知（不是 0）；可写 1.2万、10万+',
    'Leave a figure empty when it is not known (it is not 0); 1.2万 and 10万+ are read as the platform shows them',
  ]);
  notes.addRow(['', '同一发布同一天再次导入会替换原数据', 'Importing the same publication and day again replaces its figures']);
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: 'metrics-template.xlsx', contentType: XLSX_TYPE, data };
}
