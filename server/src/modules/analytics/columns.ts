// The columns of an import sheet and how a cell becomes a figure or a day. Headers are matched
// in Chinese or English ("阅读 / Views", "views", "阅读量" all name the same column); figures
// as platforms' consoles show them ("1,234", "1.2万", "10万+" counted as 100001).
import type { MetricField } from '../../../../contract/analytics';
import type { Bilingual } from '../../lib/errors';
import type { Cell } from './sheet';

export type Column = 'link' | 'publicationId' | 'day' | MetricField;

/** The template's headers, in column order: what the download carries and the import expects. */
export const TEMPLATE_COLUMNS: { key: Column | 'title'; header: string; note: Bilingual }[] = [
  { key: 'link', header: '发布链接 / Link', note: { zh: '作品的线上链接（与发布ID二选一）', en: "The post's live link (or give the publication id)" } },
  {
    key: 'publicationId',
    header: '发布ID / Publication ID',
    note: { zh: '媒运中的发布ID（与链接二选一）', en: 'The publication id in Meiyun (or give the link)' },
  },
  { key: 'title', header: '标题 / Title', note: { zh: '仅供对照，导入时忽略', en: 'For reference only; ignored by the import' } },
  { key: 'day', header: '日期 / Date', note: { zh: '平台统计日，如 2026-03-01', en: "The platform's day, e.g. 2026-03-01" } },
  { key: 'views', header: '阅读/播放 / Views', note: { zh: '阅读数（图文）或播放数（视频）', en: 'Reads (articles) or plays (videos)' } },
  { key: 'likes', header: '点赞 / Likes', note: { zh: '点赞数', en: 'Likes' } },
  { key: 'comments', header: '评论 / Comments', note: { zh: '评论数', en: 'Comments' } },
  { key: 'shares', header: '分享/转发 / Shares', note: { zh: '分享或转发数', en: 'Shares or reposts' } },
  { key: 'favorites', header: '收藏 / Favorites', note: { zh: '收藏数', en: 'Favorites (saves)' } },
  { key: 'zaikan', header: '在看 / Wow', note: { zh: '在看数（公众号文章）', en: '在看 ("Wow") count, for WeChat articles' } },
  {
    key: 'followersGained',
    header: '涨粉 / Followers gained',
    note: { zh: '当天由该作品带来的新增关注（可为负）', en: 'Followers gained from the post that day (may be negative)' },
  },
];

const ALIASES: Record<Column, string[]> = {
  link: ['发布链接', '链接', '作品链接', '文章链接', '线上链接', '网址', 'link', 'url', 'livelink', 'postlink'],
  publicationId: ['发布id', '发布编号', 'publicationid', 'publication'],
  day: ['日期', '统计日期', '数据日期', 'date', 'day', 'refdate'],
  views: ['阅读播放', '阅读', '阅读数', '阅读量', '播放', '播放数', '播放量', '浏览', '浏览量', 'views', 'reads', 'plays'],
  likes: ['点赞', '点赞数', '点赞量', '赞', 'likes', 'attitudes'],
  comments: ['评论', '评论数', '评论量', 'comments'],
  shares: ['分享转发', '分享', '分享数', '转发', '转发数', 'shares', 'reposts'],
  favorites: ['收藏', '收藏数', '收藏量', 'favorites', 'favourites', 'saves'],
  zaikan: ['在看', '在看数', 'wow', 'wows', 'zaikan'],
  followersGained: ['涨粉', '涨粉数', '新增关注', '新增粉丝', 'followersgained', 'newfollowers', 'followers'],
};

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-()（）·.:：]/g, '');
const BY_ALIAS = new Map<string, Column>(Object.entries(ALIASES).flatMap(([k, list]) => list.map((a) => [norm(a), k as Column] as const)));

/** Which column each header names (by any of its "中文 / English" parts), or null for one the import ignores. */
export function mapHeader(header: string[]): (Column | null)[] {
  const seen = new Set<Column>();
  return header.map((h) => {
    const parts = [h, ...h.split(/\s\/\s|\/|\|/)].map(norm).filter(Boolean);
    const col = parts.map((p) => BY_ALIAS.get(p)).find(Boolean) ?? null;
    // A second column with the same meaning is ignored: the first one wins.
    if (!col || seen.has(col)) return null;
    seen.add(col);
    return col;
  });
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: Bilingual };

const EMPTY = new Set(['', '-', '--', '—', '/', 'n/a', 'na', '无', '暂无']);
const UNITS: Record<string, number> = { 万: 10_000, w: 10_000, 亿: 100_000_000, k: 1_000 };

/** A figure: a whole number, "1,234", "1.2万", "3w", "10万+" (the platform's floor plus one). Empty is not known (null). */
export function parseCount(cell: Cell, signed: boolean): Parsed<number | null> {
  const bad = (why?: Bilingual): Parsed<number | null> => ({
    ok: false,
    error: { zh: `数字无效：${String(cell)}${why ? `（${why.zh}）` : ''}`, en: `Not a valid number: ${String(cell)}${why ? ` (${why.en})` : ''}` },
  });
  if (cell == null) return { ok: true, value: null };
  if (cell instanceof Date) return bad();
  let n: number;
  if (typeof cell === 'number') n = cell;
  else {
    const s = cell
      .trim()
      .toLowerCase()
      .replace(/[,，\s]/g, '');
    if (EMPTY.has(s)) return { ok: true, value: null };
    const m = /^([+-]?\d+(?:\.\d+)?)(万|w|亿|k)?(\+)?$/.exec(s);
    if (!m) return bad();
    n = Number(m[1]) * (m[2] ? UNITS[m[2]] : 1) + (m[3] ? 1 : 0);
    if (m[2]) n = Math.round(n);
  }
  if (!Number.isFinite(n) || !Number.isInteger(n)) return bad({ zh: '须为整数', en: 'must be a whole number' });
  if (!signed && n < 0) return bad({ zh: '不能为负数', en: 'must not be negative' });
  if (Math.abs(n) > 1_000_000_000_000) return bad({ zh: '数值过大', en: 'too large' });
  return { ok: true, value: n };
}

const pad = (n: number) => String(n).padStart(2, '0');
const validDay = (y: number, m: number, d: number): string | null => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1970 || y > 9999 || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
};

/** A day: 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日, 20260301, an xlsx date cell or serial number. */
export function parseDay(cell: Cell): Parsed<string> {
  const bad: Parsed<string> = {
    ok: false,
    error:
      cell == null || cell === ''
        ? { zh: '缺少日期', en: 'The date is missing' }
        : { zh: `日期无效：${String(cell)}（应为 YYYY-MM-DD）`, en: `Not a valid date: ${String(cell)} (use YYYY-MM-DD)` },
  };
  let day: string | null = null;
  if (cell instanceof Date) {
    // exceljs reads a date cell as that calendar day at 00:00 UTC.
    day = Number.isNaN(cell.getTime()) ? null : validDay(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  } else if (typeof cell === 'number') {
    // An Excel serial day number (days since 1899-12-30), when the cell is not formatted as a date.
    if (Number.isInteger(cell) && cell > 25_569 && cell < 2_958_466) {
      const dt = new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000);
      day = validDay(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
    } else if (/^\d{8}$/.test(String(cell))) day = compact(String(cell));
  } else if (typeof cell === 'string') {
    const s = cell.trim();
    const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
    if (m) day = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
    else if (/^\d{8}$/.test(s)) day = compact(s);
  }
  return day ? { ok: true, value: day } : bad;
}

const compact = (s: string) => validDay(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
