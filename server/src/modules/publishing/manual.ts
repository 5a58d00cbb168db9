// Publications that no API sends: the manual route (the platform has no publishing API) and the
// hand-off route (the adapter prepares, a member finishes in the platform's app). At the due time
// the engine moves them to awaiting_manual and tells the members; a member gives the live link.
// The route comes from the platform registry (accounts/platform.ts); nothing here names a platform.

import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Tx } from '../../db/pool';
import { can } from '../../../../contract/permissions';
import { AppError } from '../../lib/errors';
import type { PublishInput, PublishRoute } from '../../platforms/adapter';
import { platformModule } from '../../platforms/registry';
import { accountOperators } from '../accounts/tables';
import { type Actor, audit } from '../identity/audit';
import { notify } from '../notify/service';
import { recordAttempt } from './attempts';
import { lockPublication, namedView } from './service';
import { publications } from './tables';
import { publisherFor, publishInput, type Target, titleOf } from './target';

/** How this account's publications go out: through the API, by hand-off, or by hand. */
export function routeOf(account: { platform: string; scopes: string[] }): PublishRoute {
  const mod = platformModule(account.platform);
  return mod ? mod.route(account) : 'manual';
}

/** The ready-to-paste text of a publication: title, text, topics as #话题#, tags. */
export function pasteText(input: Pick<PublishInput, 'title' | 'variant'>): string {
  const v = input.variant;
  const parts = [input.title, v.text];
  if (v.topics.length) parts.push(v.topics.map((x) => `#${x.replace(/^#|#$/g, '')}`).join(' '));
  if (v.tags.length) parts.push(v.tags.join(' '));
  return parts.filter((x) => x && x.trim()).join('\n\n');
}

const linkOf = (id: string) => `/publications?open=${id}`;

async function recipients(tx: Tx, t: Target): Promise<string[]> {
  const ops = await tx.select({ id: accountOperators.userId }).from(accountOperators).where(eq(accountOperators.accountId, t.account.id));
  return [...new Set([t.post.ownerId, ...ops.map((o) => o.id)])];
}

/**
 * The due time of a publication without an API send: the hand-off route prepares and asks the
 * adapter for its kit first (a failure there is an ordinary step error); then, in one
 * transaction, the state and the members' notification.
 */
export async function moveToManual(deps: Deps, t: Target, route: 'manual' | 'handoff'): Promise<'done'> {
  const input = await publishInput(deps, t);
  let kit: typeof publications.$inferInsert.handoffKit = null;
  let fingerprint: string | null = null;
  if (route === 'handoff') {
    const adapter = publisherFor(deps, t);
    if (!adapter.handoff) throw new Error(`the ${t.account.platform} adapter has a hand-off route but no handoff()`);
    const started = performance.now();
    const prepared = await adapter.prepare(input, { coverRemoteId: t.pub.coverRemoteId });
    const k = await adapter.handoff(prepared, input);
    await recordAttempt(deps.db, t.pub, 'handoff', started, { outcome: 'ok', response: { ref: k.ref, expiresAt: k.expiresAt } });
    kit = { url: k.url, expiresAt: k.expiresAt ? k.expiresAt.toISOString() : null, ref: k.ref, steps: k.steps };
    fingerprint = prepared.fingerprint;
  }
  const title = titleOf(t);
  await deps.db.transaction(async (tx) => {
    const u = await tx
      .update(publications)
      .set({
        state: 'awaiting_manual',
        manualSince: sql`now()`,
        handoffKit: kit,
        contentFingerprint: fingerprint ?? t.pub.contentFingerprint,
        preparedVersion: t.post.version,
        stateReason: route === 'handoff' ? '请在手机上完成发布 / finish it on the phone' : '请在平台 App 中手动发布 / publish it by hand in the platform app',
        updatedAt: sql`now()`,
      })
      .where(and(eq(publications.id, t.pub.id), eq(publications.dispatchSeq, t.pub.dispatchSeq), eq(publications.state, 'dispatching')))
      .returning({ id: publications.id });
    if (!u.length) return;
    const text = pasteText(input);
    await notify(
      deps,
      {
        workspaceId: t.pub.workspaceId,
        kind: 'publication.awaiting_manual',
        severity: 'warning',
        title: { zh: `请手动发布：${title}（${t.account.name}）`, en: `Publish by hand: ${title} (${t.account.name})` },
        body: { zh: `可直接粘贴的文案：\n${text}`, en: `Ready-to-paste text:\n${text}` },
        link: linkOf(t.pub.id),
        userIds: await recipients(tx, t),
      },
      tx,
    );
  });
  return 'done';
}

/** A member published it in the app: the live link, who and when; audited. */
export async function completeManual(deps: Deps, actor: Actor, id: string, body: { url: string }) {
  return deps.db.transaction(async (tx) => {
    const p = await lockPublication(tx, actor, id);
    if (!can(actor.role, 'content.write')) {
      const [op] = await tx.select().from(accountOperators).where(and(eq(accountOperators.accountId, p.accountId), eq(accountOperators.userId, actor.userId)));
      if (!op) throw new AppError('forbidden', { zh: '只有编辑或该账号的运营人员可以标记发布', en: "Only writers or the account's operators can mark it published" });
    }
    if (p.state !== 'awaiting_manual') {
      throw new AppError('invalid_state', {
        zh: `发布任务处于 ${p.state} 状态，只有「待手动发布」的才能标记为已发布`,
        en: `The publication is ${p.state}; only one awaiting a manual publish can be marked published`,
      });
    }
    const [row] = await tx
      .update(publications)
      .set({
        state: 'published',
        articleUrl: body.url,
        publishedAt: sql`now()`,
        completedBy: actor.userId,
        stateReason: '已由成员手动发布 / published by hand by a member',
        updatedAt: sql`now()`,
      })
      .where(eq(publications.id, id))
      .returning();
    await audit(tx, actor, {
      action: 'publication.complete_manual',
      entityType: 'publication',
      entityId: id,
      before: { state: p.state },
      after: { state: row.state, url: row.articleUrl },
    });
    return namedView(tx, row);
  });
}

/**
 * Awaiting a member past its time plus the grace: once (escalated_at), the managers are told.
 * Safe in many processes: the UPDATE … RETURNING claims each row once.
 */
export async function escalateOverdue(deps: Deps): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const r = await tx.execute(sql`
      update publications p set escalated_at = now()
      from posts po, platform_accounts a
      where po.id = p.post_id and a.id = p.account_id and p.state = 'awaiting_manual' and p.escalated_at is null
        and p.due_at < now() - make_interval(mins => ${deps.config.MEIYUN_MANUAL_GRACE_MINUTES})
      returning p.id, p.workspace_id, po.title, a.name as account`);
    const rows = r.rows as { id: string; workspace_id: string; title: string; account: string }[];
    for (const x of rows) {
      await notify(
        deps,
        {
          workspaceId: x.workspace_id,
          kind: 'publication.manual_overdue',
          severity: 'warning',
          title: { zh: `手动发布已逾期：${x.title}（${x.account}）`, en: `Manual publish overdue: ${x.title} (${x.account})` },
          body: { zh: '已超过发布时间，仍未有成员标记为已发布', en: 'Past its time and no member has marked it published yet' },
          link: linkOf(x.id),
        },
        tx,
      );
    }
    return rows.length;
  });
}
