import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { publishAdapterFor } from '../accounts/platform';
import { platformAccounts } from '../accounts/tables';
import { media, postVariants, posts } from '../content/tables';
import { workspaces } from '../identity/tables';
import type { Delivery, PublishAdapter, PublishInput } from '../../platforms/adapter';
import { publications } from './tables';

function targetQuery(db: Executor) {
  return db
    .select({ pub: publications, post: posts, account: platformAccounts, paused: workspaces.paused, variant: postVariants })
    .from(publications)
    .innerJoin(posts, eq(posts.id, publications.postId))
    .innerJoin(platformAccounts, eq(platformAccounts.id, publications.accountId))
    .innerJoin(workspaces, eq(workspaces.id, publications.workspaceId))
    .leftJoin(postVariants, and(eq(postVariants.postId, publications.postId), eq(postVariants.accountId, publications.accountId)));
}

/** Everything one publication job needs, read in one query. */
export async function loadTarget(db: Executor, publicationId: string) {
  const [row] = await targetQuery(db).where(eq(publications.id, publicationId));
  return row ?? null;
}
export type Target = NonNullable<Awaited<ReturnType<typeof loadTarget>>>;

/** The same for many publications at once, by id. */
export async function loadTargets(db: Executor, ids: string[]): Promise<Map<string, Target>> {
  if (!ids.length) return new Map();
  const rows = await targetQuery(db).where(inArray(publications.id, ids));
  return new Map(rows.map((r) => [r.pub.id, r]));
}

export function publisherFor(deps: Deps, t: Target): PublishAdapter {
  return publishAdapterFor(deps, t.account);
}

export const deliveryOf = (t: Target): Delivery => t.pub.delivery as Delivery;

/**
 * The submit's idempotency key: the same for every dispatch of the
 * publication until a person restarts it, so a repeat after an unknown outcome is recognised.
 */
export const submitKey = (t: Target) => `${t.pub.id}.${t.pub.generation}`;

export function titleOf(t: Target): string {
  return t.variant?.title ?? t.post.title;
}

export function publishInput(deps: Deps, t: Target): PublishInput {
  const load = async (id: string) => {
    const [m] = await deps.db.select().from(media).where(and(eq(media.id, id), eq(media.workspaceId, t.pub.workspaceId)));
    if (!m) throw new Error(`media ${id} is gone`);
    return { data: await deps.storage.read(m.storageKey), filename: m.filename, contentType: m.contentType };
  };
  const coverId = t.post.coverMediaId;
  return {
    title: titleOf(t),
    author: t.post.author,
    digest: t.variant?.digest ?? t.post.digest,
    bodyHtml: t.variant?.bodyHtml ?? t.post.bodyHtml,
    contentSourceUrl: t.post.contentSourceUrl,
    cover: coverId ? { mediaId: coverId, load: () => load(coverId) } : null,
    loadMedia: load,
  };
}
