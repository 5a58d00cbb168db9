import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/pool';
import { AppError } from '../../lib/errors';
import { type Allowance, platformModule } from '../../platforms/registry';
import { platformAccounts } from '../accounts/tables';
import type { PostRow } from '../content/repository';
import { postVariants } from '../content/tables';
import type { Actor } from '../identity/audit';
import { workspaces } from '../identity/tables';
import { publications } from './tables';

/**
 * What a fresh start of a publication clears: the outcome of the last try. A new platform
 * draft is made (the platform may keep a failed one, but the post may have changed since).
 */
export const RESTART = {
  state: 'scheduled',
  stateReason: null,
  nextAttemptAt: null,
  lastErrorCode: null,
  attemptCount: 0,
  submitStartedAt: null,
  publishId: null,
  msgDataId: null,
  articleId: null,
  articleUrl: null,
  submittedAt: null,
  preparedVersion: null,
  prepareQueuedAt: null,
  contentFingerprint: null,
  pollCount: 0,
  // A fresh start is a new submit: a new idempotency key.
  generation: sql`${publications.generation} + 1`,
};

/** States from which a publication may be (re)scheduled or canceled without touching the platform. */
export const RESTARTABLE = ['scheduled', 'paused', 'expired', 'missed', 'failed', 'canceled'];

export type DeliveryChoice = { mode: string; tagId?: number | null };

/**
 * The delivery an account offers (platforms/registry.ts), and the allowance it counts against:
 * e.g. a subscription account's one mass send a day, counted in the workspace's time zone, and
 * only for deliveries that count. Returns the allowance key or null.
 */
async function checkAllowance(tx: Tx, post: PostRow, accountId: string, delivery: DeliveryChoice): Promise<Allowance | null> {
  const [acc] = await tx.select().from(platformAccounts).where(eq(platformAccounts.id, accountId));
  const mod = platformModule(acc.platform);
  const offered = mod?.deliveries ?? ['publish'];
  if (!offered.includes(delivery.mode)) {
    throw new AppError('validation_failed', {
      zh: `「${acc.name}」不支持发布方式 ${delivery.mode}（可选：${offered.join('、')}）`,
      en: `"${acc.name}" does not offer the delivery ${delivery.mode} (offered: ${offered.join(', ')})`,
    });
  }
  const allowance = mod?.allowance(acc, { ...delivery }) ?? null;
  if (!allowance || !post.scheduledAt) return allowance;
  const [ws] = await tx.select({ tz: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, post.workspaceId));
  const r = await tx.execute(sql`
    select count(*)::int as n from publications p
    where p.account_id = ${accountId} and p.post_id <> ${post.id} and p.allowance_key = ${allowance.key}
      and p.state in ('scheduled', 'dispatching', 'submitted', 'published', 'paused')
      and date_trunc(${allowance.unit}, p.due_at at time zone ${ws.tz}) = date_trunc(${allowance.unit}, ${post.scheduledAt.toISOString()}::timestamptz at time zone ${ws.tz})`);
  const n = (r.rows[0] as { n: number }).n;
  if (n >= allowance.limit) {
    const unit = allowance.unit === 'day' ? { zh: '天', en: 'day' } : { zh: '月', en: 'month' };
    throw new AppError('conflict', {
      zh: `「${acc.name}」在该${unit.zh}已有 ${n} 次群发：${allowance.label.zh}`,
      en: `"${acc.name}" already has ${n} mass send(s) in that ${unit.en}: ${allowance.label.en}`,
    });
  }
  return allowance;
}

/**
 * Makes the post's publications match its targets and time: one per target account, due at
 * post.scheduledAt (or canceled when the post is unscheduled). Refuses to touch one that is on
 * its way to the platform or already there.
 */
export async function syncPublications(tx: Tx, post: PostRow, actor: Actor, deliveries: Record<string, DeliveryChoice> = {}) {
  const targets = (await tx.select({ accountId: postVariants.accountId }).from(postVariants).where(eq(postVariants.postId, post.id))).map((t) => t.accountId);
  const existing = await tx.select().from(publications).where(eq(publications.postId, post.id)).for('update');
  const byAccount = new Map(existing.map((p) => [p.accountId, p]));
  const busy = (p: typeof publications.$inferSelect) => {
    const zh = p.state === 'published' ? '已发布' : '正在发布';
    return new AppError('invalid_state', {
      zh: `该稿件在一个账号上${zh}（${p.state}），不能改期或取消`,
      en: `The post is ${p.state} on one account; it cannot be rescheduled or canceled there`,
    });
  };

  for (const p of existing) {
    const keep = post.scheduledAt && targets.includes(p.accountId);
    if (!keep && p.state !== 'canceled' && p.state !== 'published') {
      if (!RESTARTABLE.includes(p.state)) throw busy(p);
      await tx.update(publications).set({ state: 'canceled', stateReason: '已取消排期 / unscheduled', updatedAt: sql`now()` }).where(eq(publications.id, p.id));
    }
  }
  if (!post.scheduledAt) return;
  const stray = Object.keys(deliveries).filter((id) => !targets.includes(id));
  if (stray.length) {
    throw new AppError('validation_failed', { zh: '发布方式只能为该稿件的目标账号设置', en: 'A delivery can only be set for a target account of the post' }, { accountIds: stray });
  }
  for (const accountId of targets) {
    const p = byAccount.get(accountId);
    const chosen = deliveries[accountId] ?? (p?.delivery as DeliveryChoice | undefined) ?? { mode: 'publish' };
    const delivery = chosen.mode === 'publish' ? { mode: 'publish' } : { mode: chosen.mode, tagId: chosen.tagId ?? null };
    const a = await checkAllowance(tx, post, accountId, delivery);
    const allowance = { allowanceKey: a?.key ?? null, allowanceLimit: a?.limit ?? null, allowanceUnit: a?.unit ?? null };
    const clientIp = actor.ip ?? null;
    if (!p) {
      await tx.insert(publications).values({ workspaceId: post.workspaceId, postId: post.id, accountId, dueAt: post.scheduledAt, delivery, ...allowance, clientIp });
    } else if (p.state === 'published') {
      // Already out on this account: nothing to plan.
    } else if (RESTARTABLE.includes(p.state)) {
      await tx
        .update(publications)
        .set({ ...RESTART, dueAt: post.scheduledAt, delivery, ...allowance, clientIp, updatedAt: sql`now()` })
        .where(eq(publications.id, p.id));
    } else {
      throw busy(p);
    }
  }
}
