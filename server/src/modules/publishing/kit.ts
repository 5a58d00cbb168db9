// What a member gets to publish a manual or hand-off post: the ready-to-paste text in parts, the
// variant's media (one zip), the platform's checklist with who ticked what, and the hand-off link
// (renewed on request when it expired). The platform's checklist and link hosts are in
// contract/manual.ts; nothing here names a platform.

import { PassThrough, type Readable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { checklistOf, LIVE_LINK_HOSTS } from '../../../../contract/manual';
import type { Deps } from '../../context';
import { AppError, badRequest, invalidState, notFound } from '../../lib/errors';
import { isPlatformError, type PublishInput } from '../../platforms/adapter';
import { findMedia } from '../content/media';
import { type Actor, audit } from '../identity/audit';
import { users } from '../identity/tables';
import { queueHandoffCheck } from './handoff';
import { assertMayFinish, handoffKit, routeOf, textParts } from './manual';
import { publicationChecks, publications } from './tables';
import { loadTarget, publishInput } from './target';

const PUB = { zh: '发布任务', en: 'Publication' };

/** The workspace's publication of a manual or hand-off account, with its post as the member sees it. */
async function manualTarget(deps: Deps, actor: Actor, id: string) {
  const t = await loadTarget(deps.db, id);
  if (!t || t.pub.workspaceId !== actor.workspaceId) throw notFound(PUB);
  const route = routeOf({ platform: t.account.platform, scopes: t.account.scopes });
  if (route === 'api')
    throw invalidState({ zh: '该账号通过接口发布，没有手动发布素材包', en: 'This account publishes through the API; there is no manual kit' });
  return { t, route, input: await publishInput(deps, t) };
}

/** The files of the kit, in the order they are added on the platform: the cover first. */
function kitMedia(input: PublishInput) {
  const v = input.variant;
  const list = [v.cover, ...v.images, v.video].filter((m): m is NonNullable<typeof m> => !!m);
  return [...new Map(list.map((m) => [m.mediaId, m])).values()];
}

export async function manualKit(deps: Deps, actor: Actor, id: string) {
  const { t, route, input } = await manualTarget(deps, actor, id);
  const ticks = await deps.db
    .select({ key: publicationChecks.itemKey, at: publicationChecks.tickedAt, byName: users.name })
    .from(publicationChecks)
    .innerJoin(users, eq(users.id, publicationChecks.tickedBy))
    .where(and(eq(publicationChecks.publicationId, id), eq(publicationChecks.workspaceId, actor.workspaceId)));
  const byKey = new Map(ticks.map((x) => [x.key, x]));
  const kit = t.pub.handoffKit;
  return {
    publicationId: t.pub.id,
    route,
    platform: t.account.platform,
    accountName: t.account.name,
    text: textParts(t, input),
    media: kitMedia(input).map((m) => ({ id: m.mediaId, filename: m.filename, contentType: m.contentType, size: m.size })),
    checklist: checklistOf(t.account.platform).map((c) => {
      const done = byKey.get(c.key);
      return { key: c.key, zh: c.zh, en: c.en, optional: !!c.optional, done: !!done, byName: done?.byName ?? null, at: done ? done.at.toISOString() : null };
    }),
    linkHosts: LIVE_LINK_HOSTS[t.account.platform] ?? [],
    handoff: kit
      ? {
          url: kit.url,
          expiresAt: kit.expiresAt ? new Date(kit.expiresAt).toISOString() : null,
          expired: !!kit.expiresAt && new Date(kit.expiresAt).getTime() <= Date.now(),
          steps: (kit.steps as { zh: string; en: string }[]) ?? [],
        }
      : null,
  };
}

/** A file name safe in any archive tool and file system: no path, no control or reserved characters. */
export function safeName(name: string, fallback: string): string {
  const clean = name
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (!clean) return fallback;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return [...clean.slice(0, clean.length - ext.length)].slice(0, 60).join('') + ext;
}

/**
 * The kit as one zip, streamed: text.txt (the ready-to-paste text) and the variant's media files,
 * numbered in the order they are added. Media are stored as they are (already compressed).
 */
export async function kitZip(deps: Deps, actor: Actor, id: string): Promise<{ stream: Readable; filename: string }> {
  const { t, input } = await manualTarget(deps, actor, id);
  const parts = textParts(t, input);
  const files = await Promise.all(
    kitMedia(input).map(async (m) => ({ name: m.filename, key: (await findMedia(deps, t.pub.workspaceId, m.mediaId)).storageKey })),
  );
  const text = [
    `【标题 / Title】\n${parts.title}`,
    `【正文 / Text】\n${parts.body}`,
    parts.topics.length ? `【话题 / Topics】\n${parts.topics.join(' ')}` : '',
    parts.tags.length ? `【标签 / Tags】\n${parts.tags.join(' ')}` : '',
    `【全文 / All of it】\n${parts.full}`,
  ]
    .filter(Boolean)
    .join('\n\n');

  const out = new PassThrough();
  const zip = new Zip((err, chunk, final) => {
    if (err) return void out.destroy(err);
    out.write(chunk);
    if (final) out.end();
  });
  const txt = new ZipDeflate('text.txt', { level: 6 });
  zip.add(txt);
  txt.push(strToU8(`${text}\n`), true);
  void (async () => {
    try {
      for (const [i, f] of files.entries()) {
        const entry = new ZipPassThrough(`${String(i + 1).padStart(2, '0')}-${safeName(f.name, `file-${i + 1}`)}`);
        zip.add(entry);
        for await (const chunk of deps.storage.stream(f.key)) {
          entry.push(chunk as Buffer);
          if (out.writableNeedDrain) await new Promise((r) => out.once('drain', r));
        }
        entry.push(new Uint8Array(0), true);
      }
      zip.end();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return { stream: out, filename: `${safeName(parts.title, 'kit')}.zip` };
}

/** Ticks (or unticks) one checklist item: who and when are kept. */
export async function tickChecklist(deps: Deps, actor: Actor, id: string, body: { key: string; done: boolean }) {
  await deps.db.transaction(async (tx) => {
    const [p] = await tx
      .select()
      .from(publications)
      .where(and(eq(publications.id, id), eq(publications.workspaceId, actor.workspaceId)))
      .for('update');
    if (!p) throw notFound(PUB);
    await assertMayFinish(tx, actor, p.accountId);
    const t = await loadTarget(tx, id);
    if (!checklistOf(t?.account.platform ?? '').some((c) => c.key === body.key)) {
      throw badRequest({ zh: `清单中没有「${body.key}」这一项`, en: `The checklist has no item "${body.key}"` });
    }
    if (p.state !== 'awaiting_manual') {
      throw invalidState({ zh: '只有「待手动发布」的发布任务可以勾选清单', en: 'Only a publication awaiting a manual publish has a checklist to tick' });
    }
    if (body.done) {
      await tx
        .insert(publicationChecks)
        .values({ publicationId: id, workspaceId: actor.workspaceId, itemKey: body.key, tickedBy: actor.userId })
        .onConflictDoNothing();
    } else {
      await tx.delete(publicationChecks).where(and(eq(publicationChecks.publicationId, id), eq(publicationChecks.itemKey, body.key)));
    }
  });
  return manualKit(deps, actor, id);
}

/** A new hand-off link (the old one expired, or the member wants a fresh one); the checks start over. */
export async function renewHandoff(deps: Deps, actor: Actor, id: string) {
  const { t, input } = await manualTarget(deps, actor, id);
  await assertMayFinish(deps.db, actor, t.pub.accountId);
  if (t.pub.state !== 'awaiting_manual' || !t.pub.handoffKit) {
    throw invalidState({
      zh: '只有等待在 App 中完成的发布任务可以重新生成链接',
      en: 'Only a publication waiting to be finished in the app can get a new link',
    });
  }
  const old = t.pub.handoffKit;
  let made: Awaited<ReturnType<typeof handoffKit>>;
  try {
    made = await handoffKit(deps, t, input);
  } catch (e) {
    if (!isPlatformError(e)) throw e;
    throw new AppError('platform_error', {
      zh: `平台返回错误（${e.code ?? e.kind}）：${e.platformMessage || e.message}`,
      en: `The platform answered with an error (${e.code ?? e.kind}): ${e.message}`,
    });
  }
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(publications)
      .set({
        // The old link's ref is kept: a member who scanned it before may still finish with it.
        handoffKit: { ...made.kit, earlierRefs: [...(old.earlierRefs ?? []), ...(old.ref ? [old.ref] : [])] },
        contentFingerprint: made.fingerprint,
        pollCount: 0,
        updatedAt: sql`now()`,
      })
      .where(and(eq(publications.id, id), eq(publications.state, 'awaiting_manual')))
      .returning();
    if (!row) throw invalidState({ zh: '发布任务已不在等待状态', en: 'The publication is no longer waiting' });
    await queueHandoffCheck(deps, tx, row);
    await audit(tx, actor, {
      action: 'publication.handoff_renew',
      entityType: 'publication',
      entityId: id,
      before: { ref: t.pub.handoffKit?.ref },
      after: { ref: made.kit.ref },
    });
  });
  return manualKit(deps, actor, id);
}
