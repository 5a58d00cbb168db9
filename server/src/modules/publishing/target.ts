import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { publishAdapterFor } from '../accounts/platform';
import { platformAccounts, platformApps } from '../accounts/tables';
import { media, postVariants, posts } from '../content/tables';
import { workspaces } from '../identity/tables';
import type { Delivery, MediaRef, PlatformAdapter, PublishInput } from '../../platforms/adapter';
import { htmlToText } from '../risk/html';
import { publications } from './tables';

function targetQuery(db: Executor) {
  return db
    .select({ pub: publications, post: posts, account: platformAccounts, app: platformApps, paused: workspaces.paused, variant: postVariants })
    .from(publications)
    .innerJoin(posts, eq(posts.id, publications.postId))
    .innerJoin(platformAccounts, eq(platformAccounts.id, publications.accountId))
    .innerJoin(workspaces, eq(workspaces.id, publications.workspaceId))
    .leftJoin(postVariants, and(eq(postVariants.postId, publications.postId), eq(postVariants.accountId, publications.accountId)))
    .leftJoin(platformApps, and(eq(platformApps.workspaceId, publications.workspaceId), eq(platformApps.platform, platformAccounts.platform)));
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

export function publisherFor(deps: Deps, t: Target): PlatformAdapter {
  return publishAdapterFor(deps, t.account, t.app);
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

/** The post as the adapter of this account sees it: the variant applied over the master post. */
export async function publishInput(deps: Deps, t: Target): Promise<PublishInput> {
  const ws = t.pub.workspaceId;
  const load = async (id: string) => {
    const [m] = await deps.db.select().from(media).where(and(eq(media.id, id), eq(media.workspaceId, ws)));
    if (!m) throw new Error(`media ${id} is gone`);
    return { data: await deps.storage.read(m.storageKey), filename: m.filename, contentType: m.contentType };
  };
  const v = t.variant;
  const coverId = t.post.coverMediaId;
  const variantCoverId = v?.coverMediaId ?? coverId;
  const ids = [...new Set([...(v?.imageMediaIds ?? []), v?.videoMediaId, variantCoverId].filter((x): x is string => !!x))];
  const rows = ids.length ? await deps.db.select().from(media).where(and(inArray(media.id, ids), eq(media.workspaceId, ws))) : [];
  const byId = new Map(rows.map((m) => [m.id, m]));
  const ref = (id: string): MediaRef => {
    const m = byId.get(id);
    if (!m) throw new Error(`media ${id} is gone`);
    return { mediaId: m.id, filename: m.filename, contentType: m.contentType, size: m.size, width: m.width, height: m.height, durationMs: m.durationMs, load: () => deps.storage.read(m.storageKey) };
  };
  const title = titleOf(t);
  const bodyHtml = v?.bodyHtml ?? t.post.bodyHtml;
  return {
    title,
    author: t.post.author,
    digest: v?.digest ?? t.post.digest,
    bodyHtml,
    contentSourceUrl: t.post.contentSourceUrl,
    cover: coverId ? { mediaId: coverId, load: () => load(coverId) } : null,
    loadMedia: load,
    variant: {
      text: v?.text ?? `${title}\n${htmlToText(bodyHtml)}`.trim(),
      images: (v?.imageMediaIds ?? []).map(ref),
      video: v?.videoMediaId ? ref(v.videoMediaId) : null,
      cover: variantCoverId ? ref(variantCoverId) : null,
      topics: v?.topics ?? [],
      tags: v?.tags ?? [],
      options: v?.options ?? {},
    },
    clientIp: t.pub.clientIp,
  };
}
