// Pushes to a workspace's app URL (Bilibili Webhooks): the URL check answered, a signed video_open
// records the publication as published at once, and anything not signed with this workspace's app
// secret is refused without touching a publication.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { posts } from '../content/tables';
import { publications } from '../publishing/tables';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { platformAccounts, platformApps } from './tables';

const t = await testEnv({ MEIYUN_PUBLIC_URL: 'https://meiyun.example.com' });

async function workspaceWithSubmitted(clientId: string, secret: string, resourceId: string) {
  const team = await workspaceWithTeam(t);
  await t.deps.db.insert(platformApps).values({ workspaceId: team.workspaceId, platform: 'bilibili', clientId, secretSealed: t.deps.secrets.seal(secret) });
  const [acc] = await t.deps.db
    .insert(platformAccounts)
    .values({ workspaceId: team.workspaceId, platform: 'bilibili', name: 'UP主', scopes: ['ARC_BASE'] })
    .returning();
  const [post] = await t.deps.db
    .insert(posts)
    .values({
      workspaceId: team.workspaceId,
      title: '投稿',
      bodyHtml: '<p>x</p>',
      status: 'approved',
      ownerId: team.editor.userId,
      createdBy: team.editor.userId,
    })
    .returning();
  const [pub] = await t.deps.db
    .insert(publications)
    .values({
      workspaceId: team.workspaceId,
      postId: post.id,
      accountId: acc.id,
      dueAt: new Date(),
      state: 'submitted',
      publishId: resourceId,
      submittedAt: new Date(),
    })
    .returning();
  return { team, pubId: pub.id };
}

const sign = (secret: string, body: string) =>
  createHash('sha1')
    .update(secret + body)
    .digest('hex');
const push = (workspaceId: string, body: string, signature?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/app-hooks/bilibili/${workspaceId}`,
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-bilibili-signature': signature } : {}) },
    payload: body,
  });
const stateOf = async (id: string) => (await t.deps.db.select().from(publications).where(eq(publications.id, id)))[0];

const openEvent = (clientId: string, resourceId: string) =>
  JSON.stringify({
    event: 'video_open',
    content: { client_id: clientId, openid: 'op-1', resource_id: resourceId, state: 0, state_desc: '开放浏览' },
    timestamp: '2026-12-02 12:00:00',
  });

test('the URL check is answered with its data; the app view shows the URL to enter in the console', async () => {
  const { team } = await workspaceWithSubmitted('bili-a', 'sec-a', 'BV1aa');
  const r = await push(team.workspaceId, JSON.stringify({ event: 'verify_webhooks', content: { data: 1371848576 }, timestamp: '2021-01-01 12:01:01' }));
  assert.equal(r.statusCode, 200);
  assert.deepEqual(r.json(), { data: 1371848576 });
  const apps = (await as(t, team.manager)({ method: 'GET', url: '/api/v1/platform-apps' })).json() as { platform: string; hookUrl: string | null }[];
  assert.equal(apps.find((a) => a.platform === 'bilibili')?.hookUrl, `https://meiyun.example.com/api/v1/app-hooks/bilibili/${team.workspaceId}`);
});

test('a signed video_open publishes the submitted publication with its link, once', async () => {
  const { team, pubId } = await workspaceWithSubmitted('bili-b', 'sec-b', 'BV1bb');
  const body = openEvent('bili-b', 'BV1bb');
  const r = await push(team.workspaceId, body, sign('sec-b', body));
  assert.equal(r.statusCode, 200, r.body);
  const p = await stateOf(pubId);
  assert.equal(p.state, 'published');
  assert.equal(p.articleUrl, 'https://www.bilibili.com/video/BV1bb');
  // The platform retries a push it thinks was lost: nothing changes the second time.
  const again = await push(team.workspaceId, body, sign('sec-b', body));
  assert.equal(again.statusCode, 200);
  assert.equal((await stateOf(pubId)).publishedAt?.getTime(), p.publishedAt?.getTime());
});

test('unsigned, wrongly signed, other-app and other-workspace pushes are refused and change nothing', async () => {
  const a = await workspaceWithSubmitted('bili-c', 'sec-c', 'BV1cc');
  const b = await workspaceWithSubmitted('bili-d', 'sec-d', 'BV1dd');
  const body = openEvent('bili-c', 'BV1cc');
  for (const [ws, sig] of [
    [a.team.workspaceId, undefined],
    [a.team.workspaceId, sign('wrong', body)],
    [a.team.workspaceId, sign('sec-c', `${body} `)],
    // Signed for workspace a's app, sent to b's URL: b's secret does not verify it.
    [b.team.workspaceId, sign('sec-c', body)],
  ] as const) {
    const r = await push(ws, body, sig);
    assert.equal(r.statusCode, 400, `${ws} ${sig}`);
    assert.match(r.json().error.message, /推送校验失败 \/ The push could not be verified/);
  }
  // Signed by b's secret but naming a's app.
  const other = openEvent('bili-c', 'BV1dd');
  assert.equal((await push(b.team.workspaceId, other, sign('sec-d', other))).statusCode, 400);
  assert.equal((await stateOf(a.pubId)).state, 'submitted');
  assert.equal((await stateOf(b.pubId)).state, 'submitted');
  // Not JSON at all: a clear 400, not a 500.
  assert.equal((await push(a.team.workspaceId, 'not json', sign('sec-c', 'not json'))).statusCode, 400);
});
