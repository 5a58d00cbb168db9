// Helpers for the metrics tests: a publication already live on its platform, with its link.
import { randomUUID } from 'node:crypto';
import { accountOperators } from '../modules/accounts/tables';
import { publications } from '../modules/publishing/tables';
import type { TestEnv, workspaceWithTeam } from './app';
import { createAccount, createPost } from './fixtures';

type Team = Awaited<ReturnType<typeof workspaceWithTeam>>;

/** A published publication of a fresh post on a fresh account of the team; the analyst operates the account. */
export async function livePublication(t: TestEnv, team: Team, opts: { url?: string; state?: string; title?: string } = {}) {
  const account = await createAccount(t, team.owner);
  await t.deps.db.insert(accountOperators).values({ accountId: account.id, userId: team.analyst.userId });
  const post = await createPost(t, team.editor, { title: opts.title ?? '春季新品发布' });
  const url = opts.url ?? `https://mp.example.com/s/${randomUUID()}`;
  const [p] = await t.deps.db
    .insert(publications)
    .values({
      workspaceId: team.workspaceId,
      postId: post.id,
      accountId: account.id,
      dueAt: new Date(),
      state: opts.state ?? 'published',
      articleUrl: opts.state && opts.state !== 'published' ? null : url,
      publishedAt: new Date(),
    })
    .returning();
  return { id: p.id, url, accountId: account.id, postId: post.id };
}
