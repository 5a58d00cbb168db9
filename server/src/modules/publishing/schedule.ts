import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/pool';
import { AppError } from '../../lib/errors';
import { platformAccounts } from '../accounts/tables';
import type { PostRow } from '../content/repository';
import { postVariants } from '../content/tables';
import type { Actor } from '../identity/audit';
import { workspaces } from '../identity/tables';
import { publications } from './tables';

/**
 * What a fresh start of a publication clears: the outcome of the last try. A new platform
 * draft is made (WeChat keeps a failed one, but the post may have changed since).
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
} as const;

/** States from which a publication may be (re)scheduled or canceled without touching the platform. */
export const RESTARTABLE = ['scheduled', 'paused', 'expired', 'missed', 'failed', 'canceled'];

/**
 * WeChat mass-send limits (PRODUCT.md): a subscription account (订阅号) once a day,
 * a service account (服务号) four times a month, counted in the workspace's time zone.
 */
async function checkQuota(tx: Tx, post: PostRow, accountId: string) {
  const [acc] = await tx.select().from(platformAccounts).where(eq(platformAccounts.id, accountId));
  if (acc.platform !== 'wechat_oa' || !acc.accountType || !post.scheduledAt) return;
  const [ws] = await tx.select({ tz: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, post.workspaceId));
  const unit = acc.accountType === 'subscription' ? 'day' : 'month';
  const limit = acc.accountType === 'subscription' ? 1 : 4;
  const r = await tx.execute(sql`
    select count(*)::int as n from publications p
    where p.account_id = ${accountId} and p.post_id <> ${post.id} and p.state in ('scheduled', 'dispatching', 'submitted', 'published', 'paused')
      and date_trunc(${unit}, p.due_at at time zone ${ws.tz}) = date_trunc(${unit}, ${post.scheduledAt.toISOString()}::timestamptz at time zone ${ws.tz})`);
  const n = (r.rows[0] as { n: number }).n;
  if (n >= limit) {
    const kind = acc.accountType === 'subscription' ? { zh: '订阅号每天只能群发 1 次', en: 'a subscription account may mass-send once a day' } : { zh: '服务号每月只能群发 4 次', en: 'a service account may mass-send four times a month' };
    throw new AppError('conflict', {
      zh: `「${acc.name}」在该${unit === 'day' ? '天' : '月'}已有 ${n} 次发布：${kind.zh}`,
      en: `"${acc.name}" already has ${n} publication(s) in that ${unit}: ${kind.en}`,
    });
  }
}

/**
 * Makes the post's publications match its targets and time: one per target account, due at
 * post.scheduledAt (or canceled when the post is unscheduled). Refuses to touch one that is on
 * its way to the platform or already there.
 */
export async function syncPublications(tx: Tx, post: PostRow, _actor: Actor) {
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
  for (const accountId of targets) {
    await checkQuota(tx, post, accountId);
    const p = byAccount.get(accountId);
    if (!p) {
      await tx.insert(publications).values({ workspaceId: post.workspaceId, postId: post.id, accountId, dueAt: post.scheduledAt });
    } else if (p.state === 'published') {
      // Already out on this account: nothing to plan.
    } else if (RESTARTABLE.includes(p.state)) {
      await tx
        .update(publications)
        .set({ ...RESTART, dueAt: post.scheduledAt, updatedAt: sql`now()` })
        .where(eq(publications.id, p.id));
    } else {
      throw busy(p);
    }
  }
}
