// Seeding for the team tests: publications with their plan and live moment, review decisions,
// sent inbox replies and post days (through analytics' ingestion), each with the time it happened.
import { ingestPostDays } from '../modules/analytics/ingest';
import { approvals, posts } from '../modules/content/tables';
import { inboxItems, inboxReplies } from '../modules/inbox/tables';
import { publications } from '../modules/publishing/tables';
import type { TestEnv } from './app';

let n = 0;

/** A post owned by `ownerId`, live on the account at `publishedAt`, planned for `dueAt` (default: the same). */
export async function shipped(t: TestEnv, workspaceId: string, ownerId: string, accountId: string, publishedAt: string, dueAt = publishedAt) {
  const [post] = await t.deps.db
    .insert(posts)
    .values({ workspaceId, title: `文章 ${++n}`, status: 'approved', ownerId, createdBy: ownerId })
    .returning({ id: posts.id });
  const [p] = await t.deps.db
    .insert(publications)
    .values({ workspaceId, postId: post.id, accountId, dueAt: new Date(dueAt), publishedAt: new Date(publishedAt), state: 'published' })
    .returning({ id: publications.id });
  return { id: p.id, postId: post.id, accountId };
}

/** Review decisions on a post, one minute apart from `at`. */
export async function decisions(
  t: TestEnv,
  workspaceId: string,
  postId: string,
  reviewerId: string,
  list: ('approved' | 'rejected')[],
  at = '2026-03-01T00:00:00Z',
) {
  for (const [i, decision] of list.entries()) {
    await t.deps.db.insert(approvals).values({
      workspaceId,
      postId,
      postVersion: 1,
      reviewerId,
      decision,
      comment: decision === 'rejected' ? '请修改' : '',
      createdAt: new Date(Date.parse(at) + i * 60_000),
    });
  }
}

/** One day of a publication's interactions (likes only; the other figures unknown). */
export async function likes(t: TestEnv, workspaceId: string, pub: { id: string; postId: string; accountId: string }, day: string, likes: number) {
  await ingestPostDays(
    t.deps.db,
    [
      {
        workspaceId,
        publicationId: pub.id,
        postId: pub.postId,
        accountId: pub.accountId,
        day,
        figures: { views: null, likes, comments: null, shares: null, favorites: null, zaikan: null, followersGained: null },
      },
    ],
    'import',
  );
}

/** A customer's comment written at `at` (received at `receivedAt`). */
export async function comment(t: TestEnv, workspaceId: string, accountId: string, at: string, receivedAt = at) {
  const [i] = await t.deps.db
    .insert(inboxItems)
    .values({
      workspaceId,
      accountId,
      kind: 'comment',
      externalId: `c-${++n}`,
      text: '有优惠吗',
      source: 'import',
      at: new Date(at),
      receivedAt: new Date(receivedAt),
    })
    .returning({ id: inboxItems.id });
  return i.id;
}

/** A reply by a member, in the given state (sent ones at `sentAt`). */
export async function reply(t: TestEnv, workspaceId: string, itemId: string, authorId: string, sentAt: string, state = 'sent') {
  const [r] = await t.deps.db
    .insert(inboxReplies)
    .values({ workspaceId, itemId, authorId, text: '您好', state, sentAt: state === 'sent' ? new Date(sentAt) : null })
    .returning({ id: inboxReplies.id });
  return r.id;
}
