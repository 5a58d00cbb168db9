import { and, eq, inArray } from 'drizzle-orm';
import { type CheckedVariant, checkVariant, effectiveVariant, type MediaFacts, type VariantIssue } from '../../../../contract/platforms';
import type { Executor } from '../../db/pool';
import { AppError } from '../../lib/errors';
import { platformAccounts, platformApps } from '../accounts/tables';
import { htmlToText } from '../risk/html';
import { mediaView } from './media';
import type { PostRow } from './repository';
import { media, postVariants } from './tables';

type VariantRow = typeof postVariants.$inferSelect;

/** The post's variants with their account's platform, in the API's shape. */
export async function variantViews(tx: Executor, postId: string) {
  const rows = await tx
    .select({ v: postVariants, platform: platformAccounts.platform, settings: platformApps.settings })
    .from(postVariants)
    .innerJoin(platformAccounts, eq(platformAccounts.id, postVariants.accountId))
    .leftJoin(platformApps, and(eq(platformApps.workspaceId, postVariants.workspaceId), eq(platformApps.platform, platformAccounts.platform)))
    .where(eq(postVariants.postId, postId));
  return rows.map(({ v, platform, settings }) => ({
    accountId: v.accountId,
    platform,
    title: v.title,
    digest: v.digest,
    bodyHtml: v.bodyHtml,
    text: v.text,
    imageMediaIds: v.imageMediaIds,
    videoMediaId: v.videoMediaId,
    coverMediaId: v.coverMediaId,
    topics: v.topics,
    tags: v.tags,
    options: v.options,
    safeDomain: settings?.safeDomain ?? null,
  }));
}

const mediaIdsOf = (v: Pick<VariantRow, 'imageMediaIds' | 'videoMediaId' | 'coverMediaId'>) =>
  [...v.imageMediaIds, v.videoMediaId, v.coverMediaId].filter((x): x is string => !!x);

/** The library files a post and its variants use, with their facts (the editor checks against them). */
export async function usedMedia(
  tx: Executor,
  workspaceId: string,
  post: Pick<PostRow, 'coverMediaId'>,
  variants: readonly Pick<VariantRow, 'imageMediaIds' | 'videoMediaId' | 'coverMediaId'>[],
) {
  const ids = [...new Set([post.coverMediaId, ...variants.flatMap(mediaIdsOf)].filter((x): x is string => !!x))];
  if (!ids.length) return [];
  const rows = await tx
    .select()
    .from(media)
    .where(and(inArray(media.id, ids), eq(media.workspaceId, workspaceId)));
  return rows.map(mediaView);
}

/** Every media id a variant names must be a file of the workspace's library. */
export async function checkVariantRefs(
  tx: Executor,
  workspaceId: string,
  v: { imageMediaIds?: string[]; videoMediaId?: string | null; coverMediaId?: string | null },
) {
  const ids = [...new Set([...(v.imageMediaIds ?? []), v.videoMediaId, v.coverMediaId].filter((x): x is string => !!x))];
  if (!ids.length) return;
  const found = await tx
    .select({ id: media.id })
    .from(media)
    .where(and(inArray(media.id, ids), eq(media.workspaceId, workspaceId)));
  if (found.length !== ids.length) throw new AppError('validation_failed', { zh: '所选素材不存在', en: 'A chosen media file does not exist' });
}

export interface AccountIssue extends VariantIssue {
  accountId: string;
  accountName: string;
  platform: string;
}

/** Each target account's variant checked by its platform's rules (contract/platforms.ts). */
export async function variantIssues(tx: Executor, post: PostRow): Promise<AccountIssue[]> {
  const rows = await tx
    .select({ v: postVariants, platform: platformAccounts.platform, name: platformAccounts.name })
    .from(postVariants)
    .innerJoin(platformAccounts, eq(platformAccounts.id, postVariants.accountId))
    .where(eq(postVariants.postId, post.id));
  if (!rows.length) return [];
  const ids = [...new Set([post.coverMediaId, ...rows.flatMap((r) => mediaIdsOf(r.v))].filter((x): x is string => !!x))];
  const files = ids.length
    ? await tx
        .select()
        .from(media)
        .where(and(inArray(media.id, ids), eq(media.workspaceId, post.workspaceId)))
    : [];
  const facts: Record<string, MediaFacts> = Object.fromEntries(
    files.map((m) => [m.id, { size: m.size, contentType: m.contentType, width: m.width, height: m.height, durationMs: m.durationMs }]),
  );
  const apps = await tx
    .select({ platform: platformApps.platform, settings: platformApps.settings })
    .from(platformApps)
    .where(eq(platformApps.workspaceId, post.workspaceId));
  const settingsOf = (platform: string) => apps.find((a) => a.platform === platform)?.settings ?? {};
  const out: AccountIssue[] = [];
  for (const { v, platform, name } of rows) {
    const checked: CheckedVariant = effectiveVariant(
      { title: post.title, digest: post.digest, bodyText: htmlToText(v.bodyHtml ?? post.bodyHtml), coverMediaId: post.coverMediaId },
      v,
    );
    for (const i of checkVariant(platform, checked, facts, { safeDomain: settingsOf(platform).safeDomain ?? null })) {
      out.push({ ...i, accountId: v.accountId, accountName: name, platform });
    }
  }
  return out;
}

/** Refuses a submit when any account's variant has an error; warnings pass (and are returned). */
export async function assertVariantsValid(tx: Executor, post: PostRow) {
  const issues = await variantIssues(tx, post);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length) {
    const zh = errors.map((e) => `「${e.accountName}」${e.message.zh}`).join('；');
    const en = errors.map((e) => `"${e.accountName}" ${e.message.en}`).join('; ');
    throw new AppError('variant_invalid', { zh: `发布版本不符合平台规则：${zh}`, en: `A variant breaks its platform's rules: ${en}` }, { issues: errors });
  }
  return issues;
}
