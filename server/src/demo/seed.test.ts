import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { signIn } from '../test/app';
import { publishingEnv } from '../test/publishing';
import { seedDemo } from './seed';

// The demo as `npm run demo` makes it: the emulator running, seeded through the services.
const e = await publishingEnv({ worker: false });

type PostView = { id: string; title: string; status: string; version: number; approvalsNeeded: number; approvalsGiven: number; scheduledAt: string | null };
type Detail = PostView & {
  approvals: { reviewerName: string; decision: string; postVersion: number }[];
  publications: { state: string }[];
};

async function get<T>(cookie: string, url: string): Promise<T> {
  const r = await e.app.inject({ method: 'GET', url, headers: { cookie } });
  assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
  return r.json() as T;
}

/** Rows the demo workspace holds, table by table: what a second run must leave as it was. */
async function footprint() {
  const r = await e.deps.db.execute(sql`
    with ws as (select id from workspaces where name = '媒运演示 Demo')
    select (select count(*) from posts where workspace_id in (select id from ws))::int as posts,
           (select count(*) from post_versions where workspace_id in (select id from ws))::int as versions,
           (select count(*) from approvals where workspace_id in (select id from ws))::int as approvals,
           (select count(*) from publications where workspace_id in (select id from ws))::int as publications,
           (select count(*) from audit_log where workspace_id in (select id from ws))::int as audit,
           (select count(*) from topics where workspace_id in (select id from ws))::int as topics,
           (select count(*) from media where workspace_id in (select id from ws))::int as media,
           (select count(*) from account_metrics where workspace_id in (select id from ws))::int as account_days,
           (select count(*) from post_metrics where workspace_id in (select id from ws))::int as post_days,
           -- Rewritten figures would move this: a second seed must leave them alone.
           (select max(updated_at)::text from post_metrics where workspace_id in (select id from ws)) as metrics_written,
           (select count(*) from workspaces where name = '媒运演示 Demo')::int as workspaces,
           (select coalesce(max(updated_at), 'epoch') from posts where workspace_id in (select id from ws))::text as last_post_change`);
  return r.rows[0];
}

test('every approved demo post carries its approval by the reviewer, on its current version', async () => {
  const creds = await seedDemo(e.deps, e.emulator.url);
  const manager = creds.users.find((u) => u.role === 'manager');
  assert.ok(manager);
  const cookie = await signIn(e.app, manager.email, creds.password);

  const list = await get<{ items: PostView[]; total: number }>(cookie, '/api/v1/posts?status=approved&pageSize=200');
  assert.ok(list.total >= 15, `a month of history and the upcoming posts: ${list.total}`);
  for (const p of list.items) {
    assert.ok(p.approvalsGiven >= p.approvalsNeeded && p.approvalsNeeded >= 1, `${p.title}: ${p.approvalsGiven} / ${p.approvalsNeeded}`);
    const d = await get<Detail>(cookie, `/api/v1/posts/${p.id}`);
    const approvals = d.approvals.filter((a) => a.decision === 'approved' && a.postVersion === d.version);
    assert.deepEqual(
      approvals.map((a) => a.reviewerName),
      ['赵审核'],
      `${p.title} was approved by the demo reviewer`,
    );
    assert.ok(d.scheduledAt, `${p.title} is planned or was published`);
    assert.equal(d.publications.length, 1, `${p.title} has its publication`);
  }
  const published = list.items.filter((p) => new Date(p.scheduledAt as string) < new Date());
  assert.ok(published.length >= 10, `a month of history: ${published.length}`);

  // The trail behind one of them: created, submitted, approved, each by the person who did it.
  const sample = published[0];
  const audit = await get<{ items: { action: string; entityId: string | null; actorName: string | null }[] }>(cookie, '/api/v1/audit?entityType=post&pageSize=200');
  const trail = audit.items
    .filter((a) => a.entityId === sample.id)
    .map((a) => `${a.action} ${a.actorName}`)
    .sort();
  assert.deepEqual(trail, ['post.create 陈编辑', 'post.review.approved 赵审核', 'post.submit 陈编辑']);
  const versions = await get<{ version: number; createdByName: string }[]>(cookie, `/api/v1/posts/${sample.id}/versions`);
  assert.deepEqual(
    versions.map((v) => [v.version, v.createdByName]),
    [[1, '陈编辑']],
  );

  const waiting = await get<{ items: PostView[] }>(cookie, '/api/v1/posts?status=in_review');
  assert.equal(waiting.items.length, 1, 'one post waits for review');
  assert.equal(waiting.items[0].approvalsGiven, 0);
});

test('a second seed (the demo started again) changes nothing', async () => {
  const before = await footprint();
  assert.ok(Number(before.posts) > 0, 'seeded by the test before');
  // The dashboards have something to show: 90 days of each of the three accounts, and post days.
  assert.equal(before.account_days, 270);
  assert.ok(Number(before.post_days) > 0);
  await seedDemo(e.deps, e.emulator.url);
  assert.deepEqual(await footprint(), before);
});
