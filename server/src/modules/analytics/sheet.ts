// Reading an uploaded sheet, CSV or xlsx, into rows of plain cells. The format comes from the
// bytes (an xlsx is a zip), not from the file name. CSV from Excel on a Chinese system is often
// GB18030, not UTF-8: a file that is not valid UTF-8 is read as GB18030.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../lib/errors';

export type Cell = string | number | Date | null;
export type Sheet = { format: 'csv' | 'xlsx'; header: string[]; rows: { line: number; cells: Cell[] }[] };

export const MAX_ROWS = 10_000;

const UNREADABLE = () =>
  new AppError('bad_request', {
    zh: '无法读取文件：请上传 CSV（UTF-8 或 GBK）或 xlsx 表格',
    en: 'The file cannot be read: upload a CSV (UTF-8 or GBK) or an xlsx sheet',
  });
const TOO_MANY = () => new AppError('bad_request', { zh: `行数过多：一次最多导入 ${MAX_ROWS} 行`, en: `Too many rows: at most ${MAX_ROWS} in one import` });
const EMPTY = () => new AppError('bad_request', { zh: '文件中没有表头行', en: 'The file has no header row' });

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export async function readSheet(data: Buffer): Promise<Sheet> {
  if (data.length === 0) throw EMPTY();
  return isZip(data) ? readXlsx(data) : readCsv(data);
}

function decode(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

function readCsv(data: Buffer): Sheet {
  const text = decode(data).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw UNREADABLE();
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = !first.includes(',') && first.includes('\t') ? '\t' : !first.includes(',') && first.includes(';') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      trim: true,
    }) as unknown as typeof records;
  } catch {
    throw UNREADABLE();
  }
  const [head, ...body] = records;
  if (!head) throw EMPTY();
  if (body.length > MAX_ROWS) throw TOO_MANY();
  return {
    format: 'csv',
    header: head.record.map(String),
    rows: body.filter((r) => r.record.some((c) => c !== '')).map((r) => ({ line: r.info.lines, cells: r.record })),
  };
}

/** A cell of exceljs as a plain value: rich text and hyperlinks as their text, formulas as their result. */
function plain(v: ExcelJS.CellValue): Cell {
  if (v == null) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : plain(v.text as ExcelJS.CellValue);
    if ('result' in v) return plain(v.result as ExcelJS.CellValue);
    if ('error' in v) return null;
  }
  return String(v);
}

async function readXlsx(data: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw UNREADABLE();
  }
  const ws = wb.worksheets[0];
  if (!ws) throw EMPTY();
  if (ws.actualRowCount > MAX_ROWS + 1) throw TOO_MANY();
  const rows: { line: number; cells: Cell[] }[] = [];
  let header: string[] | null = null;
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as ExcelJS.CellValue[];
    // exceljs rows are 1-based: values[0] is always empty.
    const cells = values.slice(1).map((v) => {
      const c = plain(v);
      return typeof c === 'string' ? c.trim() : c;
    });
    if (!header) header = cells.map((c) => (c == null ? '' : String(c)));
    else if (cells.some((c) => c !== null && c !== '')) rows.push({ line, cells });
  });
  if (!header) throw EMPTY();
  return { format: 'xlsx', header, rows };
}
