import { and, eq, inArray, sql } from 'drizzle-orm';
import { CreatePostBody, ReviewBody, TopicBody } from '../../../contract/content';
import type { Deps } from '../context';
import { setCallback } from '../modules/accounts/callbacks';
import { platformAccounts } from '../modules/accounts/tables';
import { uploadMedia } from '../modules/content/media';
import { createPost } from '../modules/content/posts';
import { media, posts, topics } from '../modules/content/tables';
import { createTopic } from '../modules/content/topics';
import { review, schedule, submitForReview } from '../modules/content/workflow';
import type { Actor } from '../modules/identity/audit';
import type { Role } from '../modules/identity/roles';
import { hashPassword } from '../modules/identity/service';
import { memberships, users, workspaces } from '../modules/identity/tables';
import { publications } from '../modules/publishing/tables';
import { coverPng } from './cover';
import { seedDemoMetrics } from './metrics';

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
const COVER_NAME = 'demo-cover.png';
const DAY = 86400_000;

type Team = { workspaceId: string; as: (role: Role) => Actor; accountIds: string[] };

/** Registers the demo apps with the emulator (its state is in memory). */
async function registerApps(emulatorUrl: string) {
  for (const a of ACCOUNTS) {
    const r = await fetch(`${emulatorUrl}/__control/wechat/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appid: a.appid, secret: `secret-${a.appid}`, type: a.type, entity: 'company', verified: true, name: a.name }),
    });
    if (!r.ok) throw new Error(`emulator refused demo app ${a.appid}: ${r.status}`);
  }
}

/** The workspace, one member of every role and the connected accounts: made once, in one transaction. */
async function ensureTeam(deps: Deps): Promise<Team> {
  const workspaceId = await deps.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(workspaces).where(eq(workspaces.name, DEMO_WS));
    if (existing) return existing.id;
    const [ws] = await tx.insert(workspaces).values({ name: DEMO_WS }).returning();
    const hash = await hashPassword(PASSWORD);
    for (const [role, name] of ROLES) {
      const email = `${role}@demo.meiyun.local`;
      const [u] = await tx.insert(users).values({ email, name, passwordHash: hash }).onConflictDoNothing().returning();
      const id = u?.id ?? (await tx.select().from(users).where(eq(users.email, email)))[0].id;
      await tx.insert(memberships).values({ workspaceId: ws.id, userId: id, role }).onConflictDoNothing();
    }
    for (const a of ACCOUNTS) {
      await tx.insert(platformAccounts).values({
        workspaceId: ws.id,
        platform: 'wechat_oa',
        name: a.name,
        platformId: `gh_${a.appid.slice(-6)}`,
        appId: a.appid,
        entityName: '媒运科技有限公司',
        entityType: 'company',
        verification: 'verified',
        verificationExpiresOn: new Date(Date.now() + (a.type === 'subscription' ? 20 : 200) * DAY).toISOString().slice(0, 10),
        accountType: a.type,
        cadencePerWeek: a.type === 'subscription' ? 5 : 1,
        credentialsSealed: deps.secrets.seal(JSON.stringify({ appId: a.appid, appSecret: `secret-${a.appid}` })),
        credentialsUpdatedAt: sql`now()`,
      });
    }
    return ws.id;
  });
  const members = await deps.db
    .select({ id: users.id, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        inArray(
          users.email,
          ROLES.map(([r]) => `${r}@demo.meiyun.local`),
        ),
      ),
    );
  const accounts = await deps.db
    .select({ id: platformAccounts.id, appId: platformAccounts.appId })
    .from(platformAccounts)
    .where(eq(platformAccounts.workspaceId, workspaceId));
  const userOf = new Map(members.map((m) => [m.role, m.id]));
  return {
    workspaceId,
    as: (role) => ({ userId: userOf.get(role) as string, workspaceId, role }),
    accountIds: ACCOUNTS.map((a) => accounts.find((r) => r.appId === a.appid)?.id as string),
  };
}

async function ensureCover(deps: Deps, team: Team): Promise<string> {
  const [found] = await deps.db
    .select({ id: media.id })
    .from(media)
    .where(and(eq(media.workspaceId, team.workspaceId), eq(media.filename, COVER_NAME)));
  if (found) return found.id;
  return (await uploadMedia(deps, team.as('editor'), { filename: COVER_NAME, data: coverPng(900, 383, [37, 99, 235]) })).id;
}

/**
 * A post written by the editor and taken through the workflow as people would: submitted, then
 * (for `approved`) approved by the reviewer, then scheduled when `at` is given. A post already
 * there (found by title) is taken on from the step it reached, so a second run changes nothing
 * and an interrupted one is completed.
 */
async function ensurePost(
  deps: Deps,
  team: Team,
  p: { title: string; digest: string; bodyHtml: string; coverMediaId: string; accountId: string; stage: 'in_review' | 'approved'; at?: Date },
) {
  const editor = team.as('editor');
  const [found] = await deps.db
    .select()
    .from(posts)
    .where(and(eq(posts.workspaceId, team.workspaceId), eq(posts.title, p.title)));
  let id = found?.id;
  let status = found?.status;
  if (!id) {
    const body = CreatePostBody.parse({
      title: p.title,
      author: '陈编辑',
      digest: p.digest,
      bodyHtml: p.bodyHtml,
      coverMediaId: p.coverMediaId,
      accountIds: [p.accountId],
    });
    ({ id, status } = await createPost(deps, editor, body));
  }
  if (status === 'draft') ({ status } = await submitForReview(deps, editor, id));
  if (p.stage === 'approved' && status === 'in_review') {
    const { decision, comment } = ReviewBody.parse({ decision: 'approved', comment: '内容与配图已核对，同意发布。' });
    ({ status } = await review(deps, team.as('reviewer'), id, decision, comment));
  }
  if (p.at && status === 'approved' && !found?.scheduledAt) await schedule(deps, editor, id, p.at.toISOString());
  return id;
}

/**
 * The accounts' server configuration, as a manager would set it up: push settings generated in
 * the product and entered at the emulator (which, like WeChat, checks the URL), so publish
 * results arrive by push. Done at every start: the emulator keeps its state in memory.
 */
async function connectPushes(deps: Deps, team: Awaited<ReturnType<typeof ensureTeam>>, emulatorUrl: string, productUrl: string) {
  const manager = team.as('manager');
  for (const [i, a] of ACCOUNTS.entries()) {
    const settings = await setCallback(deps, manager, team.accountIds[i], { mode: 'safe' });
    const r = await fetch(`${emulatorUrl}/__control/wechat/apps/${a.appid}/server`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${productUrl}${settings.path}`, token: settings.token, encodingAESKey: settings.aesKey, mode: 'safe' }),
    });
    if (!r.ok) throw new Error(`emulator refused the push settings of ${a.appid}: ${r.status} ${await r.text()}`);
  }
}

/**
 * Seeds the demo workspace: a month of published history, upcoming approved posts the worker
 * really publishes to the emulator (the first two minutes after the seed), a post waiting for
 * review and a few topics. Every post goes through the services, so approvals, versions and the
 * audit trail are the real ones; only the history's publications are written as the record of
 * what went out, since the past cannot be published again.
 */
export async function seedDemo(deps: Deps, emulatorUrl: string, productUrl?: string | null) {
  await registerApps(emulatorUrl);
  const team = await ensureTeam(deps);
  if (productUrl) await connectPushes(deps, team, emulatorUrl, productUrl);
  const coverMediaId = await ensureCover(deps, team);

  for (let d = 30; d >= 1; d--) {
    const i = d % 3;
    if (ACCOUNTS[i].type === 'service' && d % 7 !== 0) continue;
    const accountId = team.accountIds[i];
    const at = new Date(Date.now() - d * DAY);
    at.setUTCHours(1, 30, 0, 0);
    const body = { digest: '演示历史稿件', bodyHtml: `<p>第 ${31 - d} 期演示正文。</p>`, coverMediaId, accountId, stage: 'approved' as const };
    const postId = await ensurePost(deps, team, { title: `${TITLES[d % TITLES.length]}（第 ${31 - d} 期）`, ...body });
    const [done] = await deps.db.select({ id: publications.id }).from(publications).where(eq(publications.postId, postId));
    if (done) continue;
    await deps.db.transaction(async (tx) => {
      await tx.update(posts).set({ scheduledAt: at }).where(eq(posts.id, postId));
      await tx
        .insert(publications)
        .values({
          workspaceId: team.workspaceId,
          postId,
          accountId,
          dueAt: at,
          state: 'published',
          submittedAt: at,
          publishedAt: at,
          articleUrl: `https://mp.weixin.qq.com/s/demo${d}`,
        });
    });
  }
  // Times count from the seed that schedules them; a later start finds them scheduled (or published).
  const upcoming = [2, 10, 60 * 24 + 60, 60 * 48 + 120, 60 * 72];
  for (const [i, minutes] of upcoming.entries()) {
    await ensurePost(deps, team, {
      title: `${TITLES[(i + 3) % TITLES.length]}（预告 ${i + 1}）`,
      digest: '即将发布',
      bodyHtml: `<p>即将发布的演示稿件 ${i + 1}。</p>`,
      coverMediaId,
      accountId: team.accountIds[i % 3],
      stage: 'approved',
      at: new Date(Date.now() + minutes * 60_000),
    });
  }
  await ensurePost(deps, team, {
    title: '年终盘点：这一年我们做对了什么',
    digest: '待审核',
    bodyHtml: '<p>请审核。</p>',
    coverMediaId,
    accountId: team.accountIds[0],
    stage: 'in_review',
  });
  for (const title of ['双十二活动预热', '客户案例征集', '冬季产品保养指南']) {
    const [t] = await deps.db
      .select({ id: topics.id })
      .from(topics)
      .where(and(eq(topics.workspaceId, team.workspaceId), eq(topics.title, title)));
    if (!t) await createTopic(deps, team.as('manager'), TopicBody.parse({ title, tags: ['演示'], ownerId: team.as('editor').userId }));
  }
  // Figures for the dashboards and reports: the accounts' last 90 days and each published post's first week.
  await seedDemoMetrics(deps, team.workspaceId, team.accountIds);
  return { password: PASSWORD, users: ROLES.map(([role]) => ({ role, email: `${role}@demo.meiyun.local` })) };
}
