// Working the inbox: the list with its filters and keyword search, one item with its thread,
// changes (status, priority, assignee, tags) one at a time or in bulk, the counts, and the import
// of items from platforms without an API. Every query is scoped to the actor's workspace.
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as C from '../../../../contract/inbox';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, notFound } from '../../lib/errors';
import { isoOr } from '../../lib/time';
import { platformModule } from '../../platforms/registry';
import { findAccount } from '../accounts/repository';
import { feedbackOfInboxItem } from '../feedback/for-inbox';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { assertMember } from '../identity/membership';
import { findPublications } from '../publishing/lookup';
import { derivedId, ingestItems } from './ingest';
import { keywordMatch } from './search';
import { changeItems } from './changes';
import { ruleHitsOf } from './rules-live';

type Item = z.infer<typeof C.InboxItem>;
type Query = z.infer<typeof C.InboxQuery> & { page: number; pageSize: number };
type Changes = z.infer<typeof C.UpdateInboxBody>;

/** Counting stops here: an exact total of a million rows costs more than the page itself. */
const COUNT_CAP = 10_000;

type Row = Record<string, unknown>;
const view = (r: Row): Item => ({
  id: r.id as string,
  accountId: r.account_id as string,
  accountName: r.account_name as string,
  platform: r.platform as Item['platform'],
  kind: r.kind as Item['kind'],
  externalId: r.external_id as string,
  parentId: (r.parent_id as string) ?? null,
  rootId: (r.root_id as string) ?? null,
  publicationId: (r.publication_id as string) ?? null,
  authorId: (r.author_id as string) ?? null,
  authorName: (r.author_name as string) ?? null,
  fromAccount: r.from_account as boolean,
  text: r.text as string,
  at: isoOr(r.at as Date),
  receivedAt: isoOr(r.received_at as Date),
  source: r.source as Item['source'],
  status: r.status as Item['status'],
  priority: r.priority as Item['priority'],
  assigneeId: (r.assignee_id as string) ?? null,
  tags: r.tags as string[],
  sentiment: (r.sentiment as Item['sentiment']) ?? null,
  sentimentScore: (r.sentiment_score as number) ?? null,
  isQuestion: (r.is_question as boolean) ?? null,
  isComplaint: (r.is_complaint as boolean) ?? null,
  featured: r.featured as boolean,
  hiddenAt: r.hidden_at ? isoOr(r.hidden_at as Date) : null,
  hiddenBy: (r.hidden_by as string) ?? null,
  replyWindow: replyWindow(r),
});

/** A user's message answered within a window (platforms/inbox.ts ReplyLimits.windowMs): from the author's last message. */
function replyWindow(r: Row): Item['replyWindow'] {
  const windowMs = platformModule(r.platform as string)?.messageReplyLimits?.windowMs;
  if (r.kind !== 'message' || r.from_account || !r.last_user_at || !windowMs) return null;
  return { endsAt: new Date(new Date(r.last_user_at as string).getTime() + windowMs).toISOString() };
}

const COLUMNS = sql.raw(
  'i.id, i.account_id, i.kind, i.external_id, i.parent_id, i.root_id, i.publication_id, i.author_id, i.author_name, i.from_account, i.text, i.at, i.received_at, i.source, i.status, i.priority, i.assignee_id, i.tags, i.sentiment, i.sentiment_score, i.is_question, i.is_complaint, i.featured, i.hidden_at, i.hidden_by',
);
/**
 * Items with their account's name and platform (joined after the items are chosen), and for a
 * message when its author last wrote (the reply window), read for the chosen items only.
 */
const withAccounts = (items: SQL) =>
  sql`select p.*, a.name as account_name, a.platform,
      case when p.kind = 'message' and p.author_id is not null then (select max(m.at) from inbox_items m where m.account_id = p.account_id
        and m.kind = 'message' and m.author_id = p.author_id and not m.from_account) end as last_user_at
    from (${items}) p join platform_accounts a on a.id = p.account_id order by p.at, p.id`;
const SELECT = (where: SQL, order = sql``) => withAccounts(sql`select ${COLUMNS} from inbox_items i where ${where} ${order}`);

type Bounds = { from: string | null; to: string | null } | null;

/**
 * The instants the days begin and end in the workspace's time zone, read once: as constants the
 * planner reads them through the time index (as an expression it guessed a third of the rows and
 * scanned the table, 0.6–0.9 s for "the last 7 days" of a million items).
 */
async function dayBounds(ex: Executor, workspaceId: string, q: { from?: string; to?: string }): Promise<Bounds> {
  if (!q.from && !q.to) return null;
  const r = await ex.execute<{ from: string | null; to: string | null }>(sql`
    select (${q.from ?? null}::date::timestamp at time zone timezone)::text as from,
      ((${q.to ?? null}::date + 1)::timestamp at time zone timezone)::text as to
    from workspaces where id = ${workspaceId}`);
  return r.rows[0] ?? null;
}

function filters(actor: Actor, q: z.infer<typeof C.InboxQuery>, bounds: Bounds) {
  const w = [sql`i.workspace_id = ${actor.workspaceId}`];
  if (q.accountId) w.push(sql`i.account_id = ${q.accountId}`);
  if (q.platform) w.push(sql`i.account_id in (select id from platform_accounts where workspace_id = ${actor.workspaceId} and platform = ${q.platform})`);
  if (q.kind) w.push(sql`i.kind = ${q.kind}`);
  if (q.status) w.push(sql`i.status = ${q.status}`);
  if (q.priority) w.push(sql`i.priority = ${q.priority}`);
  if (q.sentiment) w.push(sql`i.sentiment = ${q.sentiment}`);
  if (q.tag) w.push(sql`${q.tag} = any(i.tags)`);
  if (q.assignee === 'none') w.push(sql`i.assignee_id is null`);
  else if (q.assignee) w.push(sql`i.assignee_id = ${q.assignee === 'me' ? actor.userId : q.assignee}`);
  if (q.question) w.push(q.question === 'yes' ? sql`i.is_question` : sql`not coalesce(i.is_question, false)`);
  if (q.complaint) w.push(q.complaint === 'yes' ? sql`i.is_complaint` : sql`not coalesce(i.is_complaint, false)`);
  if (q.featured) w.push(q.featured === 'yes' ? sql`i.featured` : sql`not i.featured`);
  if (q.hidden) w.push(q.hidden === 'yes' ? sql`i.hidden_at is not null` : sql`i.hidden_at is null`);
  if (bounds?.from) w.push(sql`i.at >= ${bounds.from}`);
  if (bounds?.to) w.push(sql`i.at < ${bounds.to}`);
  if (q.q) w.push(keywordMatch(q.q));
  return sql.join(w, sql` and `);
}

/**
 * Matches up to this many count as a rare keyword: its items are gathered from the keyword index
 * and sorted. Above it the newest items are read in order and checked for the keyword, which
 * finds a page of a frequent word (质量) in a few thousand rows instead of sorting all its matches.
 */
const RARE = 2_000;

export async function list(deps: Deps, actor: Actor, q: Query) {
  assertCan(actor.role, 'inbox.work');
  const where = filters(actor, q, await dayBounds(deps.db, actor.workspaceId, q));
  // `nulls last` as the indexes are built (at is never null, but only the same order reads them in order).
  // The total first (capped): it also says which way a keyword's page is cheaper to read.
  const count = await deps.db.execute<{ n: number }>(sql`select count(*)::int as n from (select 1 from inbox_items i where ${where} limit ${COUNT_CAP + 1}) x`);
  const n = count.rows[0].n;
  const page = SELECT(where, sql`order by i.at desc nulls last, i.id desc nulls last limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  const rows =
    q.q && n > RARE
      ? await deps.db.transaction(async (tx) => {
          await tx.execute(sql`set local enable_bitmapscan = off`);
          return tx.execute(page);
        })
      : await deps.db.execute(page);
  const items = (rows.rows as Row[]).map(view).reverse();
  return { items, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, page: q.page, pageSize: q.pageSize };
}

/** The newest `limit` items matching `where` (a condition on `inbox_items i`), newest first. */
export async function pageOfItems(ex: Executor, where: SQL, limit: number) {
  const r = await ex.execute(SELECT(where, sql`order by i.at desc, i.id desc limit ${limit}`));
  return (r.rows as Row[]).map(view).reverse();
}

async function one(ex: Executor, actor: Actor, id: string) {
  const r = await ex.execute(SELECT(sql`i.id = ${id} and i.workspace_id = ${actor.workspaceId}`));
  if (!r.rows[0]) throw notFound({ zh: '消息', en: 'Inbox item' });
  return view(r.rows[0] as Row);
}

export async function get(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'inbox.work');
  const item = await one(deps.db, actor, id);
  const t = await deps.db.execute(SELECT(sql`i.root_id = ${item.rootId ?? item.id} and i.workspace_id = ${actor.workspaceId}`));
  return {
    item,
    thread: (t.rows as Row[]).map(view),
    feedback: await feedbackOfInboxItem(deps.db, actor.workspaceId, item.id),
    ruleHits: await ruleHitsOf(deps.db, actor.workspaceId, item.id),
  };
}

async function assertAssignee(ex: Executor, actor: Actor, userId: string | null | undefined) {
  if (userId) await assertMember(ex, actor.workspaceId, userId, { zh: '负责人', en: 'The assignee' });
}

export async function update(deps: Deps, actor: Actor, id: string, c: Changes) {
  assertCan(actor.role, 'inbox.work');
  return deps.db.transaction(async (tx) => {
    const before = await one(tx, actor, id);
    await assertAssignee(tx, actor, c.assigneeId);
    await changeItems(tx, actor, [id], c);
    const after = await one(tx, actor, id);
    await audit(tx, actor, {
      action: 'inbox.update',
      entityType: 'inbox_item',
      entityId: id,
      before: { status: before.status, priority: before.priority, assigneeId: before.assigneeId, tags: before.tags },
      after: c,
    });
    return after;
  });
}

export async function bulk(deps: Deps, actor: Actor, body: z.infer<typeof C.BulkInboxBody>) {
  assertCan(actor.role, 'inbox.work');
  return deps.db.transaction(async (tx) => {
    await assertAssignee(tx, actor, body.set.assigneeId);
    const updated = await changeItems(tx, actor, body.ids, body.set);
    await audit(tx, actor, {
      action: 'inbox.bulk',
      entityType: 'workspace',
      entityId: actor.workspaceId,
      after: { ids: body.ids.length, set: body.set, updated },
    });
    return { updated };
  });
}

export async function counts(deps: Deps, actor: Actor) {
  assertCan(actor.role, 'inbox.work');
  const r = await deps.db.execute<{ new: number; open: number; pending: number; mine: number }>(sql`
    select count(*) filter (where status = 'new')::int as new, count(*) filter (where status = 'open')::int as open,
      count(*) filter (where status = 'pending')::int as pending,
      count(*) filter (where assignee_id = ${actor.userId})::int as mine
    from inbox_items where workspace_id = ${actor.workspaceId} and status <> 'done'`);
  return r.rows[0];
}

export async function importItems(deps: Deps, actor: Actor, body: z.infer<typeof C.InboxImportBody>) {
  assertCan(actor.role, 'inbox.work');
  const account = await findAccount(deps.db, actor.workspaceId, body.accountId);
  if (!account) throw notFound({ zh: '账号', en: 'Account' });
  const now = Date.now();
  body.items.forEach((it, i) => {
    if (Date.parse(it.at) > now + 5 * 60_000)
      throw new AppError('validation_failed', { zh: `第 ${i + 1} 条的时间晚于现在`, en: `Item ${i + 1}: its time is in the future` }, [
        { path: `items.${i}.at`, message: 'in the future' },
      ]);
  });
  const links = body.items.flatMap((it) => (it.postUrl ? [it.postUrl] : []));
  const pubs = links.length ? await findPublications(deps.db, actor.workspaceId, { ids: [], links }) : [];
  const pubOf = (url?: string) =>
    pubs.find((p) => p.accountId === account.id && p.articleUrl && url && p.articleUrl.replace(/\/+$/, '') === url.trim().replace(/\/+$/, ''))?.id ?? null;
  return deps.db.transaction(async (tx) => {
    const r = await ingestItems(
      deps,
      tx,
      actor.workspaceId,
      account.id,
      'import',
      body.items.map((it) => {
        const at = new Date(it.at);
        return { ...it, at, externalId: it.externalId ?? derivedId({ ...it, at }), publicationId: pubOf(it.postUrl) };
      }),
    );
    const result = { received: r.received, stored: r.stored, duplicates: r.duplicates };
    await audit(tx, actor, { action: 'inbox.import', entityType: 'platform_account', entityId: account.id, after: result });
    return result;
  });
}
