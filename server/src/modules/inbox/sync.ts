// The comment sync of one account: the comments on its posts published within its platform's
// window (found through publishing/lookup.ts), read page by page from each post's cursor. Each
// page goes in through ingestItems (stored once, replies threaded, screened by the risk monitor)
// in one transaction with the post's new cursor, so a run that stops midway resumes after the
// last page stored and a run repeated stores nothing. Platforms whose cursor misses late replies
// are read from the start every fullReadEveryMs (resumable too). A post the platform refuses (comments closed)
// does not stop the others; the run is then recorded as failed with that error; any other error
// stops the run. Failing runs in a row notify the account's operators once. Platform-neutral:
// platforms say how through platforms/inbox.ts.
import type { Deps } from '../../context';
import { AppError, notFound } from '../../lib/errors';
import { type CallMeter, isPlatformError, PlatformError } from '../../platforms/adapter';
import type { CommentReader } from '../../platforms/inbox';
import type { PostRef } from '../../platforms/metrics';
import { grantCapabilities, platformModule } from '../../platforms/registry';
import { contextWithApp, refreshMeters } from '../accounts/platform';
import { type AccountRow, findAccount } from '../accounts/repository';
import { publicationsByPublishId, publishedSince } from '../publishing/lookup';
import { ingestItems } from './ingest';
import { keepFeatured } from './moderation';
import { notifyFailing } from './sync-notify';
import { type InboxSyncState, markFailed, markSucceeded, saveCursor, startFullRead, takeLease } from './sync-state';

const DAY = 86_400_000;
/** The cursor of the account's comment inbox (platforms with one), kept beside the posts' cursors. */
export const INBOX_CURSOR = '@inbox';
/** A run holds its account at most this long (a crashed run's lease lapses). */
const LEASE_MS = 15 * 60_000;

export interface InboxSyncReport {
  /** false when another run held the account. */
  ran: boolean;
  posts: number;
  pages: number;
  stored: number;
  duplicates: number;
}

export const NO_COMMENT_API = {
  zh: '该账号的平台接口不提供评论读取（或授权中没有评论权限），无法同步评论',
  en: "This account's platform API gives no comment access (or its grant lacks it); comments cannot be synced",
};

/** Whether the account's platform has a comment reader and its grant allows comments. */
export function readsComments(row: Pick<AccountRow, 'platform' | 'scopes'>): boolean {
  const mod = platformModule(row.platform);
  return !!mod?.comments && grantCapabilities(mod, row.scopes).has.includes('comments');
}

function checkQuota(meter: CallMeter, apis: string[]) {
  const spent = apis.find((api) => meter.remaining(api) < 1);
  if (spent) {
    throw new PlatformError({
      kind: 'rate_limited',
      platform: 'meter',
      code: 'quota',
      message: `the daily quota of ${spent} is used up; the sync continues tomorrow (今日接口额度已用完，明天继续同步)`,
    });
  }
}

export function errorText(err: unknown): string {
  if (err instanceof AppError) return `${err.message}`;
  if (isPlatformError(err)) return `${err.code ?? err.kind}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** One comment sync run of an account. `now` is the clock it judges the window by (tests move it). */
export async function syncInbox(deps: Deps, workspaceId: string, accountId: string, opts: { now?: Date } = {}): Promise<InboxSyncReport> {
  const now = opts.now ?? new Date();
  const row = await findAccount(deps.db, workspaceId, accountId);
  if (!row) throw notFound({ zh: '账号', en: 'Account' });
  const mod = platformModule(row.platform);
  if (!mod?.comments || !readsComments(row)) throw new AppError('invalid_state', NO_COMMENT_API);
  const state = await takeLease(deps.db, workspaceId, accountId, now, new Date(now.getTime() + LEASE_MS));
  if (!state) return { ran: false, posts: 0, pages: 0, stored: 0, duplicates: 0 };
  try {
    await refreshMeters(deps, [row]);
    const ctx = await contextWithApp(deps, row);
    return await run(deps, row, mod.comments(ctx), ctx.meter, state, now);
  } catch (err) {
    const failed = await markFailed(deps.db, accountId, errorText(err));
    if (failed) await notifyFailing(deps, row, failed, now);
    throw err;
  }
}

async function run(deps: Deps, row: AccountRow, reader: CommentReader, meter: CallMeter, state: InboxSyncState, now: Date): Promise<InboxSyncReport> {
  const l = reader.limits;
  const fullRead = l.fullReadEveryMs !== null && (!state.fullReadAt || now.getTime() - state.fullReadAt.getTime() >= l.fullReadEveryMs);
  if (fullRead) await startFullRead(deps.db, row.id, now);
  const cursors = fullRead ? {} : state.cursors;
  const pubs = await publishedSince(deps.db, row.workspaceId, row.id, new Date(now.getTime() - l.windowDays * DAY));
  const report: InboxSyncReport = { ran: true, posts: pubs.length, pages: 0, stored: 0, duplicates: 0 };
  let refused: unknown = null;
  for (const p of pubs) {
    const ref: PostRef = {
      publicationId: p.id,
      publishId: p.publishId,
      msgDataId: p.msgDataId,
      articleId: p.articleId,
      articleUrl: p.articleUrl,
      publishedAt: p.publishedAt,
    };
    try {
      checkQuota(meter, l.apis);
      for await (const page of reader.postComments([ref], cursors)) {
        const r = await deps.db.transaction(async (tx) => {
          const ingested = await ingestItems(deps, tx, row.workspaceId, row.id, 'sync', page.items);
          await keepFeatured(tx, row.id, page.items);
          await saveCursor(tx, row.id, page.publicationId, page.cursor);
          return ingested;
        });
        report.pages += 1;
        report.stored += r.stored;
        report.duplicates += r.duplicates;
      }
    } catch (err) {
      // Comments closed on one post: the others are still read.
      if (!isPlatformError(err) || err.kind !== 'permission') throw err;
      refused ??= err;
    }
  }
  if (reader.inbox) {
    checkQuota(meter, l.apis);
    for await (const page of reader.inbox(cursors[INBOX_CURSOR] ?? null)) {
      const linked = await publicationsByPublishId(
        deps.db,
        row.workspaceId,
        row.id,
        page.items.flatMap((i) => (i.publishId ? [i.publishId] : [])),
      );
      const items = page.items.map((i) => ({ ...i, publicationId: i.publicationId ?? (i.publishId ? (linked.get(i.publishId) ?? null) : null) }));
      const r = await deps.db.transaction(async (tx) => {
        const ingested = await ingestItems(deps, tx, row.workspaceId, row.id, 'sync', items);
        await saveCursor(tx, row.id, INBOX_CURSOR, page.cursor);
        return ingested;
      });
      report.pages += 1;
      report.stored += r.stored;
      report.duplicates += r.duplicates;
    }
  }
  if (refused) throw refused;
  await markSucceeded(deps.db, row.id, now, [...pubs.map((p) => p.id), INBOX_CURSOR]);
  return report;
}
