import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as } from '../../test/app';
import { approvedDue, handoffWorkspace } from '../../test/manual';
import { publishingEnv, waitFor } from '../../test/publishing';
import { runHandoffCheck } from './handoff';

const e = await publishingEnv();
type Row = Record<string, unknown> & { id: string; state: string; handoff_kit: { ref: string; url: string } | null; poll_count: number };
const pubOfPost = async (postId: string) => (await e.deps.db.execute(sql`select * from publications where post_id = ${postId}`)).rows[0] as Row;
const attempts = async (id: string, step: string) =>
  (await e.deps.db.execute(sql`select * from publish_attempts where publication_id = ${id} and step = ${step}`)).rows;

async function awaitingHandoff(ws: Awaited<ReturnType<typeof handoffWorkspace>>, title: string, caption: string) {
  const postId = await approvedDue(e, ws, title, 300, { videoMediaId: ws.videoId, text: caption });
  const pub = await waitFor(
    'awaiting_manual',
    () => pubOfPost(postId),
    (p) => !['scheduled', 'dispatching'].includes(p.state),
    20_000,
  );
  assert.equal(pub.state, 'awaiting_manual', JSON.stringify(pub));
  assert.ok(pub.handoff_kit?.ref, 'the kit carries the share id');
  return pub;
}

test('hand-off: the member finishes the share in the app; the job finds the post and links it, once', async () => {
  const ws = await handoffWorkspace(e);
  const pub = await awaitingHandoff(ws, '春日 vlog', '春天来了，出门走走');
  assert.match(pub.handoff_kit?.url ?? '', /^snssdk1128:\/\/openplatform\/share\?/);

  // Not finished yet: a check finds nothing and it keeps waiting, asked again later.
  assert.equal(await runHandoffCheck(e.deps, pub.id), 'waiting');
  const waiting = await pubOfPost(pub.post_id as string);
  assert.equal(waiting.state, 'awaiting_manual');
  assert.ok(waiting.poll_count > pub.poll_count, 'the check was counted for the backoff');

  const done = (await e.control('POST', '/douyin/share-complete', { share_id: pub.handoff_kit?.ref, open_id: ws.openId, text: '春天来了，出门走走' })) as {
    item_id: string;
  };
  const after = await waitFor(
    'published',
    () => pubOfPost(pub.post_id as string),
    (p) => p.state === 'published',
    30_000,
  );
  assert.equal(after.article_id, done.item_id);
  assert.equal(after.article_url, `https://www.iesdouyin.com/share/video/${done.item_id}/`);
  assert.ok(after.published_at);

  // Checking again changes nothing: it was linked exactly once.
  assert.equal(await runHandoffCheck(e.deps, pub.id), 'stopped');
  assert.equal((await attempts(pub.id, 'handoff_found')).length, 1);

  // The drawer's view: published, with the link.
  const view = await as(e, ws.team.editor)({ method: 'GET', url: `/api/v1/publications/${pub.id}` });
  assert.equal(view.json().state, 'published');
  assert.equal(view.json().articleUrl, after.article_url);
});

test('a post already linked to another publication is not taken again by one with the same caption', async () => {
  const ws = await handoffWorkspace(e);
  const first = await awaitingHandoff(ws, '同款文案一', '一样的文案');
  await e.control('POST', '/douyin/share-complete', { share_id: first.handoff_kit?.ref, open_id: ws.openId, text: '一样的文案' });
  const linked = await waitFor(
    'first published',
    () => pubOfPost(first.post_id as string),
    (p) => p.state === 'published',
    30_000,
  );

  const second = await awaitingHandoff(ws, '同款文案二', '一样的文案');
  assert.equal(await runHandoffCheck(e.deps, second.id), 'waiting');
  const still = await pubOfPost(second.post_id as string);
  assert.equal(still.state, 'awaiting_manual');
  assert.equal(still.article_id, null);
  assert.equal((await pubOfPost(first.post_id as string)).article_id, linked.article_id);
});

test('the hand-off kit: QR link, steps and expiry for the drawer; a new link on request, the checks start over', async () => {
  const ws = await handoffWorkspace(e);
  const pub = await awaitingHandoff(ws, '新链接', '换个链接');
  const kit = await as(e, ws.team.analyst)({ method: 'GET', url: `/api/v1/publications/${pub.id}/kit` });
  assert.equal(kit.statusCode, 200, kit.body);
  assert.equal(kit.json().route, 'handoff');
  assert.equal(kit.json().handoff.url, pub.handoff_kit?.url);
  assert.equal(kit.json().handoff.expired, false);
  assert.ok(kit.json().handoff.steps.length >= 3);
  assert.deepEqual(
    kit.json().media.map((m: { filename: string }) => m.filename),
    ['春日 vlog.mp4'],
  );

  // Past its expiry the kit says so; a member asks for a new one.
  const past = new Date(Date.now() - 60_000).toISOString();
  await e.deps.db.execute(sql`update publications set handoff_kit = jsonb_set(handoff_kit, '{expiresAt}', to_jsonb(${past}::text)) where id = ${pub.id}`);
  assert.equal((await as(e, ws.team.analyst)({ method: 'GET', url: `/api/v1/publications/${pub.id}/kit` })).json().handoff.expired, true);
  const guest = await as(e, ws.team.guest)({ method: 'POST', url: `/api/v1/publications/${pub.id}/handoff/renew` });
  assert.equal(guest.statusCode, 403, guest.body);
  const renewed = await as(e, ws.team.analyst)({ method: 'POST', url: `/api/v1/publications/${pub.id}/handoff/renew` });
  assert.equal(renewed.statusCode, 200, renewed.body);
  assert.equal(renewed.json().handoff.expired, false);
  assert.notEqual(renewed.json().handoff.url, pub.handoff_kit?.url);
  const row = await pubOfPost(pub.post_id as string);
  assert.notEqual(row.handoff_kit?.ref, pub.handoff_kit?.ref);
  assert.equal(row.poll_count, 0);

  // The new link's share is found like the first.
  await e.control('POST', '/douyin/share-complete', { share_id: row.handoff_kit?.ref, open_id: ws.openId, text: '换个链接' });
  await waitFor(
    'published',
    () => pubOfPost(pub.post_id as string),
    (p) => p.state === 'published',
    30_000,
  );

  // Another workspace sees none of it.
  const other = await handoffWorkspace(e);
  assert.equal((await as(e, other.team.owner)({ method: 'GET', url: `/api/v1/publications/${pub.id}/kit` })).statusCode, 404);
  assert.equal((await as(e, other.team.owner)({ method: 'POST', url: `/api/v1/publications/${pub.id}/handoff/renew` })).statusCode, 404);
});

test('a member who finishes with the link that a new one replaced is still found, by the old link’s share id', async () => {
  const ws = await handoffWorkspace(e);
  const pub = await awaitingHandoff(ws, '旧链接', '先扫了旧码');
  const renewed = await as(e, ws.team.analyst)({ method: 'POST', url: `/api/v1/publications/${pub.id}/handoff/renew` });
  assert.equal(renewed.statusCode, 200, renewed.body);
  const row = await pubOfPost(pub.post_id as string);
  assert.notEqual(row.handoff_kit?.ref, pub.handoff_kit?.ref);
  // Finished with the first QR code, and the caption edited in the app: only the old share id links it.
  const done = (await e.control('POST', '/douyin/share-complete', { share_id: pub.handoff_kit?.ref, open_id: ws.openId, text: '在 App 里改了文案' })) as { item_id: string };
  const after = await waitFor(
    'published',
    () => pubOfPost(pub.post_id as string),
    (p) => p.state === 'published',
    30_000,
  );
  assert.equal(after.article_id, done.item_id);
});
