// Comments to reply to, stored the way the product stores them (the comment sync from the
// emulator), and what the platform ended up holding: for the exactly-once checks of replies.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { syncInbox } from '../modules/inbox/sync';
import { inboxItems } from '../modules/inbox/tables';
import type { PubEnv } from './publishing';
import { wechatWorkspace } from './publishing';
import { publishedPosts } from './sync';
import { weiboShare, weiboWorkspace } from './weibo';

/**
 * A WeChat account with one published article and `n` readers' comments, synced into the inbox
 * (`item`: the first). `beforeSync` runs once the workspace exists, before the comments are read
 * (to set up inbox rules).
 */
export async function wechatCommented(e: PubEnv, n = 1, beforeSync?: (ws: Awaited<ReturnType<typeof wechatWorkspace>>) => Promise<void>) {
  const ws = await wechatWorkspace(e, 1);
  const [acc] = ws.accounts;
  const at = new Date(Date.now() - 3_600_000);
  const msgDataId = String(2247480000 + Math.floor(Math.random() * 1e6));
  await publishedPosts(e, ws, at, [{ msgDataId }]);
  await e.control('POST', '/wechat/datacube/articles', { appid: acc.appid, msgDataId, publishedAt: at.toISOString() });
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const content = i ? `什么时候发货？(${i})` : '什么时候发货？';
    const made = (await e.control('POST', '/wechat/comments', { appid: acc.appid, msgDataId, content, openid: `o-${randomUUID()}` })) as {
      userCommentId: number;
    };
    ids.push(made.userCommentId);
  }
  await beforeSync?.(ws);
  await syncInbox(e.deps, ws.team.workspaceId, acc.id);
  const items = await Promise.all(ids.map((id) => itemByExternalId(e, acc.id, `${msgDataId}_0_${id}`)));
  const item = items[0];
  /** The replies WeChat took (comment/reply/add calls that took effect). */
  const replies = async () => (await e.control('GET', `/wechat/comments/replies?appid=${acc.appid}`)) as { content: string; userCommentId: number }[];
  return { ws, team: ws.team, acc, item, items, replies, sync: () => syncInbox(e.deps, ws.team.workspaceId, acc.id) };
}

/** How many of the workspace's replies are in each state. */
export async function replyStates(e: PubEnv, workspaceId: string): Promise<Record<string, number>> {
  const r = await e.deps.db.execute<{ state: string; n: number }>(
    sql`select state, count(*)::int as n from inbox_replies where workspace_id = ${workspaceId} group by state order by state`,
  );
  return Object.fromEntries(r.rows.map((x) => [x.state, x.n]));
}

/** A Weibo account with one status and one comment on it, synced into the inbox. */
export async function weiboCommented(e: PubEnv, text = '有优惠吗') {
  const ws = await weiboWorkspace(e, 1);
  const [acc] = ws.accounts;
  const idstr = await weiboShare(e, acc.token, `回复测试 ${randomUUID().slice(0, 8)}`);
  await publishedPosts(e, ws as never, new Date(Date.now() - 60_000), [{ publishId: idstr }]);
  const cid = ((await e.control('POST', '/weibo/comments', { idstr, uid: '7000000001', text })) as { idstr: string }).idstr;
  await syncInbox(e.deps, ws.team.workspaceId, acc.id);
  const item = await itemByExternalId(e, acc.id, cid);
  /** The account's comments answering the comment, as Weibo holds them. */
  const replies = async () =>
    ((await e.control('GET', '/weibo/comments')) as { idstr: string; uid: string; text: string; replyTo: string | null }[]).filter(
      (c) => c.uid === acc.uid && c.replyTo === cid,
    );
  return { ws, team: ws.team, acc, item, replies, sync: () => syncInbox(e.deps, ws.team.workspaceId, acc.id) };
}

export async function itemByExternalId(e: PubEnv, accountId: string, externalId: string) {
  const rows = await e.deps.db.select().from(inboxItems).where(eq(inboxItems.accountId, accountId));
  const item = rows.find((r) => r.externalId === externalId);
  if (!item) throw new Error(`the sync stored no item ${externalId}`);
  return item;
}
