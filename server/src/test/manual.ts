// Helpers for the manual / hand-off route tests: a workspace with an account on a platform
// without a publishing API, and an approved post due now.
import { accountOperators, platformAccounts } from '../modules/accounts/tables';
import { as, workspaceWithTeam } from './app';
import { uploadImage } from './fixtures';
import type { PubEnv } from './publishing';

export async function manualWorkspace(e: PubEnv, platform = 'xiaohongshu', name = '小红书号') {
  const team = await workspaceWithTeam(e);
  const [account] = await e.deps.db.insert(platformAccounts).values({ workspaceId: team.workspaceId, platform, name }).returning();
  // The analyst operates the account: operators hear of it too.
  await e.deps.db.insert(accountOperators).values({ accountId: account.id, userId: team.analyst.userId });
  return { team, account };
}

/** An approved post with a variant for the account, scheduled a moment from now. */
export async function approvedDue(e: PubEnv, ws: Awaited<ReturnType<typeof manualWorkspace>>, title: string, inMs = 300) {
  const { team, account } = ws;
  const created = await as(e, team.editor)({ method: 'POST', url: '/api/v1/posts', payload: { title, bodyHtml: '<p>春日穿搭分享</p>', accountIds: [account.id] } });
  if (created.statusCode !== 200 && created.statusCode !== 201) throw new Error(created.body);
  const id = created.json().id as string;
  // A note needs at least one picture, a Zhihu answer its question (contract/platforms.ts): an article here.
  const image = await uploadImage(e, team.editor);
  const v = await as(e, team.editor)({ method: 'PUT', url: `/api/v1/posts/${id}/variants/${account.id}`, payload: { imageMediaIds: [image.id], ...(account.platform === 'zhihu' ? { options: { mode: 'article' } } : {}) } });
  if (v.statusCode !== 200) throw new Error(v.body);
  const sub = await as(e, team.editor)({ method: 'POST', url: `/api/v1/posts/${id}/submit` });
  if (sub.statusCode !== 200) throw new Error(sub.body);
  await as(e, team.reviewer)({ method: 'POST', url: `/api/v1/posts/${id}/review`, payload: { decision: 'approved' } });
  const s = await as(e, team.editor)({ method: 'POST', url: `/api/v1/posts/${id}/schedule`, payload: { scheduledAt: new Date(Date.now() + inMs).toISOString() } });
  if (s.statusCode !== 200) throw new Error(s.body);
  return id;
}
