import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../context';
import { platformAccounts } from '../modules/accounts/tables';
import { media, postVariants, posts, topics } from '../modules/content/tables';
import type { Role } from '../modules/identity/roles';
import { hashPassword } from '../modules/identity/service';
import { memberships, users, workspaces } from '../modules/identity/tables';
import { publications } from '../modules/publishing/tables';
import { coverPng } from './cover';

const DEMO_WS = '媒运演示 Demo';
const PASSWORD = 'meiyun-demo-2026';
const ROLES: [Role, string][] = [
  ['owner', '林总监'],
  ['manager', '王主管'],
  ['editor', '陈编辑'],
  ['reviewer', '赵审核'],
  ['analyst', '周分析'],
  ['guest', '市场部访客'],
];
const ACCOUNTS = [
  { name: '媒运科技', appid: 'wxdemo0000000001', type: 'service' },
  { name: '媒运生活家', appid: 'wxdemo0000000002', type: 'subscription' },
  { name: '媒运招聘', appid: 'wxdemo0000000003', type: 'service' },
] as const;
const TITLES = ['新品发布会回顾', '用户故事：一位老客户的十年', '本周行业观察', '产品小技巧 5 则', '直播预告', '团队日常', '节日福利来了', '客户答疑精选'];

/** Registers the demo apps with the emulator (its state is in memory) and seeds the workspace once. */
export async function seedDemo(deps: Deps, emulatorUrl: string) {
  for (const a of ACCOUNTS) {
    const r = await fetch(`${emulatorUrl}/__control/wechat/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appid: a.appid, secret: `secret-${a.appid}`, type: a.type, entity: 'company', verified: true, name: a.name }),
    });
    if (!r.ok) throw new Error(`emulator refused demo app ${a.appid}: ${r.status}`);
  }
  const emails = ROLES.map(([role]) => ({ role, email: `${role}@demo.meiyun.local` }));
  const [existing] = await deps.db.select().from(workspaces).where(eq(workspaces.name, DEMO_WS));
  if (existing) return { password: PASSWORD, users: emails };

  await deps.db.transaction(async (tx) => {
    const [ws] = await tx.insert(workspaces).values({ name: DEMO_WS }).returning();
    const hash = await hashPassword(PASSWORD);
    const ids: Record<string, string> = {};
    for (const [role, name] of ROLES) {
      const [u] = await tx.insert(users).values({ email: `${role}@demo.meiyun.local`, name, passwordHash: hash }).onConflictDoNothing().returning();
      const id = u?.id ?? (await tx.select().from(users).where(eq(users.email, `${role}@demo.meiyun.local`)))[0].id;
      ids[role] = id;
      await tx.insert(memberships).values({ workspaceId: ws.id, userId: id, role }).onConflictDoNothing();
    }
    const png = coverPng(900, 383, [37, 99, 235]);
    const { key, sha256 } = await deps.storage.put(png);
    const [cover] = await tx
      .insert(media)
      .values({ workspaceId: ws.id, filename: 'demo-cover.png', contentType: 'image/png', size: png.length, sha256, storageKey: key, uploadedBy: ids.editor })
      .returning();
    const accounts = [];
    for (const a of ACCOUNTS) {
      const [row] = await tx
        .insert(platformAccounts)
        .values({
          workspaceId: ws.id,
          platform: 'wechat_oa',
          name: a.name,
          platformId: `gh_${a.appid.slice(-6)}`,
          appId: a.appid,
          entityName: '媒运科技有限公司',
          entityType: 'company',
          verification: 'verified',
          verificationExpiresOn: new Date(Date.now() + (a.type === 'subscription' ? 20 : 200) * 86400_000).toISOString().slice(0, 10),
          accountType: a.type,
          cadencePerWeek: a.type === 'subscription' ? 5 : 1,
          credentialsSealed: deps.secrets.seal(JSON.stringify({ appId: a.appid, appSecret: `secret-${a.appid}` })),
          credentialsUpdatedAt: sql`now()`,
        })
        .returning();
      accounts.push(row);
    }
    const day = 86400_000;
    // A month of history: what was published, as the record of it.
    for (let d = 30; d >= 1; d--) {
      const acc = accounts[d % 3];
      if (acc.accountType === 'service' && d % 7 !== 0) continue;
      const at = new Date(Date.now() - d * day);
      at.setUTCHours(1, 30, 0, 0);
      const [p] = await tx
        .insert(posts)
        .values({ workspaceId: ws.id, title: `${TITLES[d % TITLES.length]}（第 ${31 - d} 期）`, author: '陈编辑', digest: '演示历史稿件', bodyHtml: '<p>演示正文。</p>', coverMediaId: cover.id, status: 'approved', scheduledAt: at, ownerId: ids.editor, createdBy: ids.editor })
        .returning();
      await tx.insert(postVariants).values({ workspaceId: ws.id, postId: p.id, accountId: acc.id });
      await tx.insert(publications).values({ workspaceId: ws.id, postId: p.id, accountId: acc.id, dueAt: at, state: 'published', submittedAt: at, publishedAt: at, articleUrl: `https://mp.weixin.qq.com/s/demo${d}` });
    }
    // Coming up: approved posts that the worker will really publish to the emulator.
    const upcoming = [2, 10, 60 * 24 + 60, 60 * 48 + 120, 60 * 72];
    for (const [i, minutes] of upcoming.entries()) {
      const at = new Date(Date.now() + minutes * 60_000);
      const acc = accounts[i % 3];
      const [p] = await tx
        .insert(posts)
        .values({ workspaceId: ws.id, title: `${TITLES[(i + 3) % TITLES.length]}（预告 ${i + 1}）`, author: '陈编辑', digest: '即将发布', bodyHtml: '<p>即将发布的演示稿件。</p>', coverMediaId: cover.id, status: 'approved', scheduledAt: at, ownerId: ids.editor, createdBy: ids.editor })
        .returning();
      await tx.insert(postVariants).values({ workspaceId: ws.id, postId: p.id, accountId: acc.id });
      await tx.insert(publications).values({ workspaceId: ws.id, postId: p.id, accountId: acc.id, dueAt: at });
    }
    const [inReview] = await tx
      .insert(posts)
      .values({ workspaceId: ws.id, title: '年终盘点：这一年我们做对了什么', author: '陈编辑', digest: '待审核', bodyHtml: '<p>请审核。</p>', coverMediaId: cover.id, status: 'in_review', ownerId: ids.editor, createdBy: ids.editor })
      .returning();
    await tx.insert(postVariants).values({ workspaceId: ws.id, postId: inReview.id, accountId: accounts[0].id });
    for (const title of ['双十二活动预热', '客户案例征集', '冬季产品保养指南']) {
      await tx.insert(topics).values({ workspaceId: ws.id, title, createdBy: ids.manager, ownerId: ids.editor, tags: ['演示'] });
    }
  });
  return { password: PASSWORD, users: emails };
}
