import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inArray, sql } from 'drizzle-orm';
import { sleep } from '../../lib/time';
import { as, type Member, testEnv, workspaceWithTeam } from '../../test/app';
import { platformAccounts } from '../accounts/tables';
import { posts } from '../content/tables';
import { publications } from '../publishing/tables';
import { sweepFanout } from './fanout';
import { startRobotReceiver } from './testing';

const robots = await startRobotReceiver();
const t = await testEnv({ MEIYUN_WEBHOOK_ALLOW_HOSTS: '127.0.0.1', MEIYUN_WEBHOOK_RETRY_DELAY_SECONDS: '1' });
t.cleanup(() => robots.close());

type Team = Awaited<ReturnType<typeof workspaceWithTeam>>;

/** A post owned by `owner` going out to one account: the publication as the engine creates it. */
async function publication(team: Team, owner: Member, title = '春季新品发布会') {
  const [acc] = await t.deps.db.insert(platformAccounts).values({ workspaceId: team.workspaceId, platform: 'wechat_oa', name: '官方公众号' }).returning();
  const [post] = await t.deps.db
    .insert(posts)
    .values({ workspaceId: team.workspaceId, title, status: 'approved', ownerId: owner.userId, createdBy: owner.userId })
    .returning();
  const [pub] = await t.deps.db
    .insert(publications)
    .values({ workspaceId: team.workspaceId, postId: post.id, accountId: acc.id, dueAt: new Date() })
    .returning();
  return pub;
}

const setState = (id: string, state: string, reason: string | null = null) =>
  t.deps.db.execute(sql`update publications set state = ${state}, state_reason = ${reason}, updated_at = now() where id = ${id}`);

const inbox = async (m: Member, query = '') => (await as(t, m)({ method: 'GET', url: `/api/v1/notifications${query}` })).json();
const unread = async (m: Member) => (await as(t, m)({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json().count as number;

test('a publication that fails notifies the post owner with the reason; they see it, count it and mark it read', async () => {
  const team = await workspaceWithTeam(t);
  const pub = await publication(team, team.editor);
  await setState(pub.id, 'dispatching');
  await setState(pub.id, 'failed', '平台拒绝：标题含有违规词（45028）/ the platform refused it: the title has a banned word (45028)');
  const list = await inbox(team.editor);
  assert.equal(list.total, 1);
  const n = list.items[0];
  assert.equal(n.kind, 'publication.failed');
  assert.equal(n.severity, 'warning');
  assert.deepEqual(n.title, { zh: '《春季新品发布会》发布失败', en: '"春季新品发布会" failed to publish' });
  assert.deepEqual(n.body, { zh: '平台拒绝：标题含有违规词（45028）', en: 'the platform refused it: the title has a banned word (45028)' });
  assert.equal(n.link, `/publications/${pub.id}`);
  assert.equal(await unread(team.editor), 1);
  // Nobody else has it yet: managers hear through the fan-out sweep.
  assert.equal(await unread(team.manager), 0);
  assert.equal(await unread(team.reviewer), 0);
  const read = await as(t, team.editor)({ method: 'POST', url: `/api/v1/notifications/${n.id}/read` });
  assert.equal(read.statusCode, 200);
  assert.equal(await unread(team.editor), 0);
  assert.equal((await inbox(team.editor, '?unread=true')).total, 0);
});

test('each watched state notifies once; other updates and unwatched states do not', async () => {
  const team = await workspaceWithTeam(t);
  const pub = await publication(team, team.editor, '周报');
  await setState(pub.id, 'paused', '工作区已暂停发布 / publishing is paused for the workspace');
  await setState(pub.id, 'paused', '工作区已暂停发布 / publishing is paused for the workspace');
  await t.deps.db.execute(sql`update publications set attempt_count = attempt_count + 1 where id = ${pub.id}`);
  await setState(pub.id, 'scheduled');
  await setState(pub.id, 'dispatching');
  await setState(pub.id, 'submitted');
  await t.deps.db.execute(
    sql`update publications set state = 'published', article_url = 'https://mp.weixin.qq.com/s/abc', published_at = now() where id = ${pub.id}`,
  );
  const pub2 = await publication(team, team.manager, '活动预告');
  await setState(pub2.id, 'missed', '超过发布时间窗口 60 分钟未能发出 / not sent within 60 minutes of its time');
  const pub3 = await publication(team, team.editor, '无理由');
  await setState(pub3.id, 'expired', null);
  await setState(pub3.id, 'canceled', '已取消排期 / unscheduled');

  const mine = (await inbox(team.editor)).items as { kind: string; title: { zh: string }; body: { zh: string; en: string } }[];
  assert.deepEqual(mine.map((n) => n.kind).sort(), ['publication.expired', 'publication.paused', 'publication.published']);
  const published = mine.find((n) => n.kind === 'publication.published');
  assert.equal(published?.title.zh, '《周报》已发布');
  assert.deepEqual(published?.body, { zh: '文章地址：https://mp.weixin.qq.com/s/abc', en: 'Live at https://mp.weixin.qq.com/s/abc' });
  assert.deepEqual(mine.find((n) => n.kind === 'publication.expired')?.body, { zh: '', en: '' });
  const managers = (await inbox(team.manager)).items as { kind: string }[];
  assert.deepEqual(
    managers.map((n) => n.kind),
    ['publication.missed'],
  );
  const pending = await t.deps.db.execute(sql`select kind from notifications where workspace_id = ${team.workspaceId} and fanout_pending order by kind`);
  assert.deepEqual(pending.rows, [{ kind: 'publication.missed' }]);
});

test('failed / needs attention / missed reach the managers and the subscribed group robots; bursts become one digest', async () => {
  await sweepFanout(t.deps); // what earlier tests left pending
  const team = await workspaceWithTeam(t);
  const subscribed = `pub${Date.now()}abcdef`;
  const other = `inc${Date.now()}abcdef`;
  for (const [key, kinds] of [
    [subscribed, ['publication.']],
    [other, ['incident.']],
  ] as const) {
    const r = await as(
      t,
      team.owner,
    )({ method: 'POST', url: '/api/v1/notify/channels', payload: { type: 'wecom', name: key, url: robots.wecomUrl(key), kinds } });
    assert.equal(r.statusCode, 201, r.body);
  }
  const one = await publication(team, team.editor, '单篇');
  await setState(one.id, 'needs_attention', '提交结果未知 / outcome unknown');
  assert.equal(await sweepFanout(t.deps), 1);
  assert.equal(await sweepFanout(t.deps), 0, 'claimed once');
  const mgr = (await inbox(team.manager)).items;
  assert.equal(mgr.length, 1);
  assert.equal(mgr[0].title.zh, '《单篇》的发布需要处理');
  assert.equal((await inbox(team.owner)).total, 1);
  assert.equal((await inbox(team.editor)).total, 1, 'the owner of the post is not notified twice');

  const many = [];
  for (let i = 0; i < 12; i++) many.push(await publication(team, team.editor, `批量 ${i}`));
  await t.deps.db
    .update(publications)
    .set({ state: 'failed', stateReason: '平台 5xx / platform 5xx' })
    .where(
      inArray(
        publications.id,
        many.map((p) => p.id),
      ),
    );
  assert.equal(await sweepFanout(t.deps), 12);
  const digest = (await inbox(team.manager, '?kind=publication.failed')).items;
  assert.equal(digest.length, 1);
  assert.equal(digest[0].title.zh, '12 条内容发布失败');
  assert.match(digest[0].body.zh, /• 《批量 0》发布失败：平台 5xx/);
  assert.match(digest[0].body.zh, /…另有 2 条/);
  assert.equal(digest[0].link, '/publications?state=failed');

  // The group robots: run the queued deliveries.
  const { startNotifyWorker } = await import('./worker');
  const worker = await startNotifyWorker(t.deps, { sweepIntervalMs: 200 });
  t.cleanup(() => worker.stop());
  const end = Date.now() + 15_000;
  while (robots.of(subscribed).length < 2 && Date.now() < end) await sleep(100);
  await sleep(500);
  const sent = robots.of(subscribed).map((r) => (r.body.markdown as { content: string }).content);
  assert.equal(sent.length, 2, 'one message for the single event, one digest');
  assert.ok(sent.some((c) => c.includes('《单篇》的发布需要处理')));
  assert.ok(sent.some((c) => c.includes('12 条内容发布失败')));
  assert.equal(robots.of(other).length, 0);
});

test('bulk: 10,000 publications turning published in one statement write 10,000 owner notifications, cheaply', async (ctx) => {
  const team = await workspaceWithTeam(t);
  const ws = team.workspaceId;
  await t.deps.db.execute(sql`
    insert into platform_accounts (workspace_id, platform, name) select ${ws}, 'wechat_oa', '号 ' || g from generate_series(1, 100) g`);
  await t.deps.db.execute(sql`
    insert into posts (workspace_id, title, status, owner_id, created_by)
    select ${ws}, '批量 ' || g, 'approved', case when g % 2 = 0 then ${team.editor.userId}::uuid else ${team.manager.userId}::uuid end, ${team.owner.userId}
    from generate_series(1, 100) g`);
  await t.deps.db.execute(sql`
    insert into publications (workspace_id, post_id, account_id, due_at, state)
    select ${ws}, p.id, a.id, now(), 'submitted' from posts p cross join platform_accounts a
    where p.workspace_id = ${ws} and a.workspace_id = ${ws} and p.title like '批量 %' and a.name like '号 %'`);
  const burst = async () => {
    const started = performance.now();
    const r = await t.deps.db.execute(
      sql`update publications set state = 'published', published_at = now() where workspace_id = ${ws} and state = 'submitted'`,
    );
    return { ms: performance.now() - started, rows: r.rowCount };
  };
  await t.deps.db.execute(sql`alter table publications disable trigger publications_notify_state`);
  const without = await burst();
  await t.deps.db.execute(sql`alter table publications enable trigger publications_notify_state`);
  await t.deps.db.execute(sql`update publications set state = 'submitted' where workspace_id = ${ws}`);
  const withTrigger = await burst();
  assert.equal(without.rows, 10_000);
  assert.equal(withTrigger.rows, 10_000);
  ctx.diagnostic(`10,000 rows → published: ${without.ms.toFixed(0)} ms without the trigger, ${withTrigger.ms.toFixed(0)} ms with it`);
  const counts = await t.deps.db.execute(sql`
    select user_id, count(*)::int as n, bool_or(fanout_pending) as fanout from notifications
    where workspace_id = ${ws} and kind = 'publication.published' group by user_id order by n`);
  assert.deepEqual(
    counts.rows.map((r) => [r.user_id, r.n, r.fanout]).sort(),
    [
      [team.editor.userId, 5000, false],
      [team.manager.userId, 5000, false],
    ].sort(),
  );
  // Generous on a shared 2-core machine; a per-row query beyond the post lookup would blow it.
  assert.ok(withTrigger.ms < without.ms * 6 + 3000, `${withTrigger.ms} ms vs ${without.ms} ms`);
});
