// Importing figures from a CSV or xlsx sheet: every row is checked on its own (its post, its
// day, each figure) and answered with its errors; committing writes only the rows without any,
// each replacing its (publication, day), so the same file imported twice changes nothing.
import { METRIC_FIELDS } from '../../../../contract/analytics';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { badRequest, type Bilingual } from '../../lib/errors';
import { type Actor, audit } from '../identity/audit';
import { type FoundPublication, findPublications, linkKey } from '../publishing/lookup';
import { type Column, mapHeader, parseCount, parseDay, TEMPLATE_COLUMNS } from './columns';
import { latestDay, mayRecord, NOT_OPERATOR, NOT_PUBLISHED } from './metrics';
import { type Figures, figuresOf, sameFigures, storedDays, upsertDays } from './repository';
import { type Cell, readSheet } from './sheet';

type RowError = { field: string } & Bilingual;
type Checked = {
  line: number;
  link: string | null;
  publicationId: string | null;
  postTitle: string | null;
  accountName: string | null;
  day: string | null;
  values: Figures;
  errors: RowError[];
  action: 'insert' | 'replace' | 'unchanged' | null;
  pub: FoundPublication | null;
};

/** The rows without errors, each with its publication and day. */
const goodRows = (rows: Checked[]) => rows.flatMap((r) => (!r.errors.length && r.pub && r.day ? [{ ...r, pub: r.pub, day: r.day }] : []));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (c: Cell) => (c == null ? '' : c instanceof Date ? c.toISOString() : String(c).trim());

/** Reads and checks every row of the file, writing nothing. */
async function checkFile(ex: Executor, actor: Actor, data: Buffer) {
  const sheet = await readSheet(data);
  const cols = mapHeader(sheet.header);
  const at = (c: Column) => cols.indexOf(c);
  if (at('day') < 0 || (at('link') < 0 && at('publicationId') < 0) || !METRIC_FIELDS.some((f) => at(f) >= 0)) {
    const expected = TEMPLATE_COLUMNS.map((c) => c.header).join(', ');
    throw badRequest({
      zh: `表头不完整：需要「日期」、「发布链接」或「发布ID」，以及至少一项数据列。模板表头：${expected}`,
      en: `The header row is incomplete: it needs a date column, a link or publication id column, and at least one figure. Template headers: ${expected}`,
    });
  }
  const cell = (cells: Cell[], c: Column) => (at(c) >= 0 ? (cells[at(c)] ?? null) : null);

  const rows: Checked[] = sheet.rows.map(({ line, cells }) => {
    const errors: RowError[] = [];
    const link = text(cell(cells, 'link')) || null;
    const publicationId = text(cell(cells, 'publicationId')) || null;
    if (!link && !publicationId) errors.push({ field: 'link', zh: '缺少发布链接或发布ID', en: 'No post link or publication id' });
    if (publicationId && !UUID.test(publicationId))
      errors.push({ field: 'publicationId', zh: `发布ID无效：${publicationId}`, en: `Not a valid publication id: ${publicationId}` });
    const d = parseDay(cell(cells, 'day'));
    if (!d.ok) errors.push({ field: 'day', ...d.error });
    else if (d.value > latestDay()) errors.push({ field: 'day', zh: `日期 ${d.value} 还没有到`, en: `The day ${d.value} has not come yet` });
    const values = figuresOf({});
    for (const f of METRIC_FIELDS) {
      const v = parseCount(cell(cells, f), f === 'followersGained');
      if (v.ok) values[f] = v.value;
      else errors.push({ field: f, ...v.error });
    }
    if (!errors.some((e) => (METRIC_FIELDS as readonly string[]).includes(e.field)) && METRIC_FIELDS.every((f) => values[f] === null)) {
      errors.push({ field: 'values', zh: '这一行没有任何数据', en: 'The row has no figures' });
    }
    return { line, link, publicationId, postTitle: null, accountName: null, day: d.ok ? d.value : null, values, errors, action: null, pub: null };
  });

  await matchPublications(ex, actor, rows);
  markDuplicates(rows);
  const good = goodRows(rows);
  const stored = await storedDays(
    ex,
    actor.workspaceId,
    good.map((r) => r.pub.id),
    good.map((r) => r.day),
  );
  for (const r of rows) {
    if (r.errors.length || !r.pub) continue;
    const before = stored.get(`${r.pub.id}|${r.day}`);
    r.action = !before ? 'insert' : sameFigures(before, r.values) ? 'unchanged' : 'replace';
  }
  return { format: sheet.format, rows };
}

/** Each row's publication by id or live link, within the workspace, and whether this member may record it. */
async function matchPublications(ex: Executor, actor: Actor, rows: Checked[]) {
  const found = await findPublications(ex, actor.workspaceId, {
    ids: rows.map((r) => r.publicationId).filter((x): x is string => !!x && UUID.test(x)),
    links: rows.map((r) => r.link).filter((x): x is string => !!x),
  });
  const byId = new Map(found.map((p) => [p.id, p]));
  const byLink = new Map<string, FoundPublication[]>();
  for (const p of found) if (p.articleUrl) byLink.set(linkKey(p.articleUrl), [...(byLink.get(linkKey(p.articleUrl)) ?? []), p]);
  for (const r of rows) {
    let pub: FoundPublication | null = null;
    if (r.publicationId && UUID.test(r.publicationId)) {
      pub = byId.get(r.publicationId.toLowerCase()) ?? null;
      if (!pub) r.errors.push({ field: 'publicationId', zh: `未找到该发布：${r.publicationId}`, en: `No such publication: ${r.publicationId}` });
      else if (r.link && linkKey(pub.articleUrl ?? '') !== linkKey(r.link)) {
        r.errors.push({ field: 'link', zh: '发布链接与发布ID不是同一个发布', en: 'The link and the publication id name different publications' });
      }
    } else if (r.link && !r.publicationId) {
      const list = byLink.get(linkKey(r.link)) ?? [];
      if (list.length === 1) pub = list[0];
      else if (list.length > 1)
        r.errors.push({ field: 'link', zh: '该链接对应多个发布，请改用发布ID', en: 'Several publications have this link: use the publication id' });
      else r.errors.push({ field: 'link', zh: `未找到该链接对应的发布：${r.link}`, en: `No publication has this link: ${r.link}` });
    }
    if (!pub) continue;
    r.publicationId = pub.id;
    r.postTitle = pub.postTitle;
    r.accountName = pub.accountName;
    if (pub.state !== 'published') r.errors.push({ field: 'publicationId', ...NOT_PUBLISHED(pub.state) });
    else if (!mayRecord(actor, pub)) r.errors.push({ field: 'publicationId', ...NOT_OPERATOR });
    r.pub = pub;
  }
}

/** A second row for the same publication and day is refused: which of the two is right is the sender's call. */
function markDuplicates(rows: Checked[]) {
  const first = new Map<string, number>();
  for (const r of rows) {
    if (!r.pub || !r.day) continue;
    const key = `${r.pub.id}|${r.day}`;
    const line = first.get(key);
    if (line === undefined) first.set(key, r.line);
    else r.errors.push({ field: 'day', zh: `与第 ${line} 行重复（同一发布、同一天）`, en: `Duplicates line ${line} (same publication and day)` });
  }
}

// The answer's publicationId is the publication the row was matched to; the given text is in the errors.
const view = ({ pub, ...r }: Checked) => ({ ...r, publicationId: pub?.id ?? null });

export async function previewImport(deps: Deps, actor: Actor, file: { filename: string; data: Buffer }) {
  const { format, rows } = await checkFile(deps.db, actor, file.data);
  const invalid = rows.filter((r) => r.errors.length).length;
  return { filename: file.filename, format, rows: rows.map(view), summary: { total: rows.length, valid: rows.length - invalid, invalid } };
}

export async function commitImport(deps: Deps, actor: Actor, file: { filename: string; data: Buffer }) {
  return deps.db.transaction(async (tx) => {
    const { rows } = await checkFile(tx, actor, file.data);
    const good = goodRows(rows);
    const written = await upsertDays(
      tx,
      good.map((r) => ({
        workspaceId: actor.workspaceId,
        publicationId: r.pub.id,
        postId: r.pub.postId,
        accountId: r.pub.accountId,
        day: r.day,
        figures: r.values,
        source: 'import' as const,
        userId: actor.userId,
      })),
    );
    const result = {
      filename: file.filename,
      inserted: written.inserted,
      replaced: written.replaced,
      unchanged: written.unchanged,
      rejected: rows.length - good.length,
      errors: rows.filter((r) => r.errors.length).map(view),
    };
    const { errors: _, ...counts } = result;
    await audit(tx, actor, { action: 'metrics.import', entityType: 'workspace', entityId: actor.workspaceId, after: counts });
    return result;
  });
}
