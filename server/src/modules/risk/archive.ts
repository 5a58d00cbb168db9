// The originality archive in PostgreSQL: a MinHash signature and LSH band keys per post,
// kept by indexPost on every save, caught up by backfill for posts saved before (or by paths
// that do not call indexPost: a stale version is re-indexed), and searched by findSimilar.
import { and, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { PostStatus } from '../../../../contract/content';
import type { Deps } from '../../context';
import type { Db, Executor } from '../../db/pool';
import { isoOr, iso } from '../../lib/time';
import { posts } from '../content/tables';
import { bandKeys, compare, type Doc, estimateJaccard, isTooShort, type Passage, prepare, SCHEME, signature } from './originality';
import { originalitySignatures } from './originality-tables';
import { documentText } from './originality-text';

/** Candidates read from the band index, the ones sharing the most band keys first. */
const CANDIDATES = 200;
/** Candidates, best MinHash estimate first, that get the exact comparison. */
const EXACT = 10;
/**
 * A past post is reported only from this exact similarity up: two unrelated posts on one subject
 * (or sharing a signature block) stay well under it, a reworked copy is well over it.
 */
export const REPORT_FLOOR = 0.1;

export interface IndexablePost {
  id: string;
  workspaceId: string;
  version: number;
  title: string;
  bodyHtml: string;
}

type SigRow = typeof originalitySignatures.$inferInsert;

function signatureRow(post: IndexablePost): SigRow {
  const doc = prepare(documentText(post.title, post.bodyHtml));
  const sig = signature(doc);
  return {
    postId: post.id,
    workspaceId: post.workspaceId,
    version: post.version,
    scheme: SCHEME,
    signature: Array.from(sig, (v) => v | 0),
    bandKeys: bandKeys(sig, doc),
    textLength: doc.keys.length,
  };
}

async function upsert(tx: Executor, rows: SigRow[]) {
  if (!rows.length) return;
  await tx
    .insert(originalitySignatures)
    .values(rows)
    .onConflictDoUpdate({
      target: originalitySignatures.postId,
      set: {
        version: sql`excluded.version`,
        scheme: sql`excluded.scheme`,
        signature: sql`excluded.signature`,
        bandKeys: sql`excluded.band_keys`,
        textLength: sql`excluded.text_length`,
        updatedAt: sql`now()`,
      },
      // A backfill that read an older copy never overwrites a newer save.
      setWhere: sql`${originalitySignatures.version} <= excluded.version`,
    });
}

/** Stores the post's signature; call it in the transaction that saves the post's content. */
export async function indexPost(_deps: Pick<Deps, 'db'>, tx: Executor, post: IndexablePost): Promise<void> {
  await upsert(tx, [signatureRow(post)]);
}

const staleWhere = (workspaceId: string) =>
  and(
    eq(posts.workspaceId, workspaceId),
    or(isNull(originalitySignatures.postId), ne(originalitySignatures.version, posts.version), ne(originalitySignatures.scheme, SCHEME)),
  );

/** Posts of the workspace with no signature, or one of an older version or scheme. */
export async function pendingCount(db: Executor, workspaceId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(posts)
    .leftJoin(originalitySignatures, eq(originalitySignatures.postId, posts.id))
    .where(staleWhere(workspaceId));
  return r.n;
}

/**
 * Indexes the workspace's unindexed and stale posts, newest first, in batches, until none is
 * left or `budgetMs` has passed; returns how many are still pending (the next check goes on).
 * Run lazily by every check, so an archive from before this feature fills itself.
 */
export async function backfill(db: Db, workspaceId: string, opts: { budgetMs?: number; batch?: number } = {}): Promise<number> {
  const budget = opts.budgetMs ?? 3000;
  const batch = opts.batch ?? 100;
  const started = Date.now();
  const seen = new Set<string>();
  for (;;) {
    const rows = await db
      .select({ id: posts.id, workspaceId: posts.workspaceId, version: posts.version, title: posts.title, bodyHtml: posts.bodyHtml })
      .from(posts)
      .leftJoin(originalitySignatures, eq(originalitySignatures.postId, posts.id))
      .where(staleWhere(workspaceId))
      .orderBy(desc(posts.updatedAt))
      .limit(batch);
    const fresh = rows.filter((r) => !seen.has(r.id));
    if (!fresh.length) return rows.length ? pendingCount(db, workspaceId) : 0;
    for (const r of fresh) seen.add(r.id);
    const sigs = fresh.map(signatureRow);
    try {
      await upsert(db, sigs);
    } catch (e) {
      // A post deleted since it was read (foreign key): index the others one by one.
      if ((e as { code?: string }).code !== '23503') throw e;
      for (const s of sigs) await upsert(db, [s]).catch((err: { code?: string }) => (err.code === '23503' ? undefined : Promise.reject(err)));
    }
    if (rows.length < batch) return 0;
    if (Date.now() - started > budget) return pendingCount(db, workspaceId);
  }
}

export interface SimilarPost {
  postId: string;
  title: string;
  status: z.infer<typeof PostStatus>;
  publishedAt: string | null;
  updatedAt: string;
  similarity: number;
  coverage: number;
  text: string;
  passages: Passage[];
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * The `limit` past posts of the workspace most similar to `doc`: candidates from the LSH band
 * index (SQL), ranked by their MinHash estimate, the best EXACT compared exactly against the
 * posts' current text. `excludePostId` (the post being checked) is never a match.
 */
export async function findSimilar(db: Executor, workspaceId: string, doc: Doc, opts: { excludePostId?: string; limit?: number } = {}): Promise<SimilarPost[]> {
  if (isTooShort(doc)) return [];
  const sig = signature(doc);
  const keys = `{${bandKeys(sig, doc).join(',')}}`;
  const S = originalitySignatures;
  const candidates = await db
    .select({ postId: S.postId, signature: S.signature })
    .from(S)
    .where(
      and(
        eq(S.workspaceId, workspaceId),
        eq(S.scheme, SCHEME),
        sql`${S.bandKeys} && ${keys}::int4[]`,
        opts.excludePostId ? ne(S.postId, opts.excludePostId) : undefined,
      ),
    )
    .orderBy(sql`(select count(*) from unnest(${S.bandKeys}) k where k = any(${keys}::int4[])) desc`)
    .limit(CANDIDATES);
  const best = candidates
    .map((c) => ({ postId: c.postId, estimate: estimateJaccard(sig, c.signature) }))
    .sort((a, b) => b.estimate - a.estimate)
    .slice(0, EXACT);
  if (!best.length) return [];
  const rows = await db
    .select({
      id: posts.id,
      title: posts.title,
      bodyHtml: posts.bodyHtml,
      status: posts.status,
      updatedAt: posts.updatedAt,
      publishedAt: sql<string | null>`(select max(pb.published_at) from publications pb where pb.post_id = ${posts.id} and pb.state = 'published')`,
    })
    .from(posts)
    .where(
      and(
        eq(posts.workspaceId, workspaceId),
        inArray(
          posts.id,
          best.map((b) => b.postId),
        ),
      ),
    );
  const out: SimilarPost[] = [];
  for (const r of rows) {
    const old = prepare(documentText(r.title, r.bodyHtml));
    const c = compare(doc, old);
    if (c.similarity < REPORT_FLOOR) continue;
    out.push({
      postId: r.id,
      title: r.title,
      status: r.status as SimilarPost['status'],
      publishedAt: iso(r.publishedAt),
      updatedAt: isoOr(r.updatedAt),
      similarity: round(c.similarity),
      coverage: round(c.coverage),
      text: old.text,
      passages: c.passages,
    });
  }
  return out.sort((a, b) => b.similarity - a.similarity || (a.updatedAt < b.updatedAt ? 1 : -1)).slice(0, opts.limit ?? 5);
}
