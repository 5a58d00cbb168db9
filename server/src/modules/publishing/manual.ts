// Publications that no API sends: the manual route (the platform has no publishing API) and the
// hand-off route (the adapter prepares, a member finishes in the platform's app). At the due time
// the engine moves them to awaiting_manual and tells the members; a member gives the live link.
// The route comes from the platform registry (accounts/platform.ts); nothing here names a platform.

import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { can } from '../../../../contract/permissions';
import { liveLinkProblem } from '../../../../contract/manual';
import { AppError, badRequest } from '../../lib/errors';
import type { PublishInput, PublishRoute } from '../../platforms/adapter';
import { platformModule } from '../../platforms/registry';
import { accountOperators, platformAccounts } from '../accounts/tables';
import { type Actor, audit } from '../identity/audit';
import { notify } from '../notify/service';
import { recordAttempt } from './attempts';
import { queueHandoffCheck } from './handoff';
import { lockPublication, namedView } from './service';
import { publications } from './tables';
import { publisherFor, publishInput, type Target, titleOf } from './target';

/** How this account's publications go out: through the API, by hand-off, or by hand. */
export function routeOf(account: { platform: string; scopes: string[] }): PublishRoute {
  const mod = platformModule(account.platform);
  return mod ? mod.route(account) : 'manual';
}

/** The ready-to-paste text in the parts a member pastes one by one, and all of it at once. */
export function textParts(t: Target, input: PublishInput) {
  const title = titleOf(t);
  const v = input.variant;
  // Without a text of its own the variant's text starts with the title: the body is the rest.
  const body = v.text.startsWith(`${title}\n`) ? v.text.slice(title.length + 1).trim() : v.text;
  const topics = v.topics.map((x) => `#${x.replace(/^#|#$/g, '')}`);
  const full = [title, body, topics.join(' '), v.tags.join(' ')].filter((x) => x.trim()).join('\n\n');
  return { title, body, topics, tags: v.tags, full };
}

// The publication drawer (web route /publications/:id).
const linkOf = (id: string) => `/publications/${id}`;

type Kit = NonNullable<typeof publications.$inferInsert.handoffKit>;

/** The hand-off route: prepares the post and asks the adapter for the member's kit (link, steps). */
export async function handoffKit(deps: Deps, t: Target, input: PublishInput): Promise<{ kit: Kit; fingerprint: string }> {
  const adapter = publisherFor(deps, t);
  if (!adapter.handoff) throw new Error(`the ${t.account.platform} adapter has a hand-off route but no handoff()`);
  const started = performance.now();
  const prepared = await adapter.prepare(input, { coverRemoteId: t.pub.coverRemoteId });
  const k = await adapter.handoff(prepared, input);
  await recordAttempt(deps.db, t.pub, 'handoff', started, { outcome: 'ok', response: { ref: k.ref, expiresAt: k.expiresAt } });
  return { kit: { url: k.url, expiresAt: k.expiresAt ? k.expiresAt.toISOString() : null, ref: k.ref, steps: k.steps }, fingerprint: prepared.fingerprint };
}

async function recipients(tx: Executor, t: Target): Promise<string[]> {
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
  const { kit, fingerprint } = route === 'handoff' ? await handoffKit(deps, t, input) : { kit: null, fingerprint: null };
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
    if (kit) await queueHandoffCheck(deps, tx, { id: t.pub.id, pollCount: 0, handoffKit: kit });
    const text = textParts(t, input).full;
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

/** Writers, and the account's operators, finish manual posts (mark published, tick, new link). */
export async function assertMayFinish(tx: Executor, actor: Actor, accountId: string) {
  if (can(actor.role, 'content.write')) return;
  const [op] = await tx.select().from(accountOperators).where(and(eq(accountOperators.accountId, accountId), eq(accountOperators.userId, actor.userId)));
  if (!op) throw new AppError('forbidden', { zh: '只有编辑或该账号的运营人员可以处理手动发布', en: "Only writers or the account's operators can work on a manual post" });
}

/** A member published it in the app: the live link, who and when; audited. */
export async function completeManual(deps: Deps, actor: Actor, id: string, body: { url: string }) {
  return deps.db.transaction(async (tx) => {
    const p = await lockPublication(tx, actor, id);
    await assertMayFinish(tx, actor, p.accountId);
    if (p.state !== 'awaiting_manual') {
      throw new AppError('invalid_state', {
        zh: `发布任务处于 ${p.state} 状态，只有「待手动发布」的才能标记为已发布`,
        en: `The publication is ${p.state}; only one awaiting a manual publish can be marked published`,
      });
    }
    const [account] = await tx.select({ platform: platformAccounts.platform }).from(platformAccounts).where(eq(platformAccounts.id, p.accountId));
    const wrong = liveLinkProblem(account.platform, body.url);
    if (wrong) throw badRequest(wrong);
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
