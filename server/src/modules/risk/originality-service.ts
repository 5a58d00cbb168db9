// Originality (C2) rules: who may check what, the workspace's threshold, the warning that
// submit and schedule answers carry. The comparison itself is originality.ts; the archive archive.ts.
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  ORIGINALITY_DEFAULT_THRESHOLD,
  ORIGINALITY_MIN_THRESHOLD,
  type OriginalityCheckBody,
  type OriginalitySettingsBody,
} from '../../../../contract/originality';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { iso } from '../../lib/time';
import { loadPost } from '../content/posts';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { backfill, findSimilar } from './archive';
import { isTooShort, prepare } from './originality';
import { originalitySettings } from './originality-tables';
import { documentText } from './originality-text';

export async function thresholdOf(db: Executor, workspaceId: string) {
  const [row] = await db.select().from(originalitySettings).where(eq(originalitySettings.workspaceId, workspaceId));
  return { threshold: row?.threshold ?? ORIGINALITY_DEFAULT_THRESHOLD, updatedAt: iso(row?.updatedAt) };
}

async function check(deps: Deps, actor: Actor, text: string, excludePostId?: string) {
  const pendingIndex = await backfill(deps.db, actor.workspaceId);
  const doc = prepare(text);
  const [{ threshold }, matches] = await Promise.all([
    thresholdOf(deps.db, actor.workspaceId),
    findSimilar(deps.db, actor.workspaceId, doc, { excludePostId }),
  ]);
  const maxSimilarity = matches[0]?.similarity ?? 0;
  return { maxSimilarity, threshold, warn: maxSimilarity >= threshold, tooShort: isTooShort(doc), pendingIndex, text: doc.text, matches };
}

/** GET /posts/:id/originality: the saved post against the rest of the archive; any member who can read it. */
export async function checkPost(deps: Deps, actor: Actor, postId: string) {
  const post = await loadPost(deps.db, actor, postId);
  return check(deps, actor, documentText(post.title, post.bodyHtml), post.id);
}

/** POST /originality/check: the editor's unsaved text; `postId` is the post being edited, left out. */
export async function checkDraft(deps: Deps, actor: Actor, body: z.infer<typeof OriginalityCheckBody>) {
  assertCan(actor.role, 'content.write');
  return check(deps, actor, documentText(body.title ?? '', body.bodyHtml), body.postId);
}

export async function getSettings(deps: Deps, actor: Actor) {
  const s = await thresholdOf(deps.db, actor.workspaceId);
  return { ...s, defaultThreshold: ORIGINALITY_DEFAULT_THRESHOLD, minThreshold: ORIGINALITY_MIN_THRESHOLD };
}

export async function updateSettings(deps: Deps, actor: Actor, body: z.infer<typeof OriginalitySettingsBody>) {
  assertCan(actor.role, 'workspace.manage');
  await deps.db.transaction(async (tx) => {
    const before = await thresholdOf(tx, actor.workspaceId);
    await tx
      .insert(originalitySettings)
      .values({ workspaceId: actor.workspaceId, threshold: body.threshold, updatedBy: actor.userId })
      .onConflictDoUpdate({ target: originalitySettings.workspaceId, set: { threshold: body.threshold, updatedBy: actor.userId, updatedAt: sql`now()` } });
    await audit(tx, actor, {
      action: 'originality.settings',
      entityType: 'workspace',
      entityId: actor.workspaceId,
      before: { threshold: before.threshold },
      after: { threshold: body.threshold },
    });
  });
  return getSettings(deps, actor);
}

/**
 * For the submit and schedule answers: the near-duplicates of a saved post at or above the
 * workspace's threshold, or null. It never blocks; it uses the archive as indexed (no backfill
 * inside the caller's transaction).
 */
export async function originalityWarning(tx: Executor, post: { id: string; workspaceId: string; title: string; bodyHtml: string }) {
  const doc = prepare(documentText(post.title, post.bodyHtml));
  const { threshold } = await thresholdOf(tx, post.workspaceId);
  const matches = (await findSimilar(tx, post.workspaceId, doc, { excludePostId: post.id })).filter((m) => m.similarity >= threshold);
  if (!matches.length) return null;
  return {
    maxSimilarity: matches[0].similarity,
    threshold,
    matches: matches.map((m) => ({ postId: m.postId, title: m.title, similarity: m.similarity })),
  };
}
