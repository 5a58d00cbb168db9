import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { platformApps } from '../accounts/tables';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount, createPost, PNG_1x1, uploadImage } from '../../test/fixtures';
import { media } from './tables';

const t = await testEnv();

async function weiboApp(workspaceId: string, safeDomain: string) {
  await t.deps.db
    .insert(platformApps)
    .values({ workspaceId, platform: 'weibo', clientId: 'k', secretSealed: t.deps.secrets.seal('s'), settings: { safeDomain } });
}

test('variants store text, ordered images, video, cover, topics, tags and options; null inherits; foreign media is refused', async () => {
  const team = await workspaceWithTeam(t);
  const acc = await createAccount(t, team.owner, { platform: 'bilibili', name: 'B站号' });
  const p = await createPost(t, team.editor, { accountIds: [acc.id] });
  const [a, b] = [await uploadImage(t, team.editor), await uploadImage(t, team.editor)];
  const put = (payload: Record<string, unknown>) => as(t, team.editor)({ method: 'PUT', url: `/api/v1/posts/${p.id}/variants/${acc.id}`, payload });
  const r = await put({ text: '简介', imageMediaIds: [b.id, a.id], coverMediaId: a.id, topics: ['新品'], tags: ['科技', '数码'], options: { tid: 95 } });
  assert.equal(r.statusCode, 200, r.body);
  const v = r.json().variants[0];
  assert.deepEqual(
    [v.platform, v.text, v.imageMediaIds, v.coverMediaId, v.topics, v.tags, v.options, v.title],
    ['bilibili', '简介', [b.id, a.id], a.id, ['新品'], ['科技', '数码'], { tid: 95 }, null],
  );
  // The detail carries the facts of the files the variants use, for the editor's checks.
  assert.deepEqual(
    r
      .json()
      .media.map((m: { id: string }) => m.id)
      .sort(),
    [a.id, b.id].sort(),
  );
  assert.equal(r.json().media[0].size, PNG_1x1.length);
  // A field left out keeps its value; null goes back to the post.
  const back = (await put({ text: null })).json().variants[0];
  assert.deepEqual([back.text, back.tags], [null, ['科技', '数码']]);
  // Another workspace's file cannot be named.
  const other = await workspaceWithTeam(t);
  const theirs = await uploadImage(t, other.editor);
  const bad = await put({ imageMediaIds: [theirs.id] });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /所选素材不存在.*does not exist/);
});

test('submit checks every target account variant: a Weibo text over 140 is refused naming the account, field and rule; fixed, it passes', async () => {
  const team = await workspaceWithTeam(t);
  const wx = await createAccount(t, team.owner, { approvalSteps: 1 });
  const wb = await createAccount(t, team.owner, { platform: 'weibo', name: '官方微博' });
  const [ws] = await t.deps.db.execute<{ workspace_id: string }>(`select workspace_id from platform_accounts where id = '${wb.id}'`).then((r) => r.rows);
  await weiboApp(ws.workspace_id, 'example.com');
  const p = await createPost(t, team.editor, { accountIds: [wx.id, wb.id] });
  const put = (payload: Record<string, unknown>) => as(t, team.editor)({ method: 'PUT', url: `/api/v1/posts/${p.id}/variants/${wb.id}`, payload });
  const submit = () => as(t, team.editor)({ method: 'POST', url: `/api/v1/posts/${p.id}/submit` });
  const link = ' https://example.com/a';
  assert.equal((await put({ text: `${'字'.repeat(141)}${link}` })).statusCode, 200);
  const refused = await submit();
  assert.equal(refused.statusCode, 422);
  const err = refused.json().error;
  assert.equal(err.code, 'variant_invalid');
  assert.match(err.message, /「官方微博」正文：最多 140 字（现 152 字）/);
  assert.match(err.message, /"官方微博" text: at most 140 characters \(now 152\)/);
  assert.deepEqual(
    err.details.issues.map((i: { accountId: string; field: string; code: string }) => [i.accountId, i.field, i.code]),
    [[wb.id, 'text', 'too_long']],
  );
  // The editor gets the app's safe domain with the variant, to check the link live.
  const detail = (await as(t, team.editor)({ method: 'GET', url: `/api/v1/posts/${p.id}` })).json();
  assert.deepEqual(
    detail.variants.map((v: { accountId: string; safeDomain: string | null }) => [v.accountId, v.safeDomain]).sort(),
    [
      [wx.id, null],
      [wb.id, 'example.com'],
    ].sort(),
  );
  // Still a draft: nothing moved.
  assert.equal((await as(t, team.editor)({ method: 'GET', url: `/api/v1/posts/${p.id}` })).json().status, 'draft');
  // A link off the safe domain is refused too.
  await put({ text: '新品上市 https://other.cn/x' });
  assert.match((await submit()).json().error.message, /须包含安全域名 example\.com 下的链接/);
  await put({ text: `新品上市${link}` });
  const ok = await submit();
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().status, 'in_review');
});

test('media facts from the library decide: a Weibo picture of 5 MB or more is refused; warnings (a guessed cover shape) pass', async () => {
  const team = await workspaceWithTeam(t);
  const wb = await createAccount(t, team.owner, { platform: 'weibo', name: '微博' });
  const dy = await createAccount(t, team.owner, { platform: 'douyin', name: '抖音' });
  const [ws] = await t.deps.db.execute<{ workspace_id: string }>(`select workspace_id from platform_accounts where id = '${wb.id}'`).then((r) => r.rows);
  await weiboApp(ws.workspace_id, 'example.com');
  const big = await uploadImage(t, team.editor);
  const video = await uploadImage(t, team.editor);
  const cover = await uploadImage(t, team.editor);
  // The facts as the media library records them (video facts come from ffprobe at upload).
  await t.deps.db
    .update(media)
    .set({ size: 5 * 1024 * 1024 })
    .where(eq(media.id, big.id));
  await t.deps.db.update(media).set({ contentType: 'video/mp4', durationMs: 60_000 }).where(eq(media.id, video.id));
  await t.deps.db.update(media).set({ width: 1920, height: 1080 }).where(eq(media.id, cover.id));
  const p = await createPost(t, team.editor, { accountIds: [wb.id, dy.id] });
  const put = (acc: string, payload: Record<string, unknown>) => as(t, team.editor)({ method: 'PUT', url: `/api/v1/posts/${p.id}/variants/${acc}`, payload });
  await put(wb.id, { text: '看图 https://example.com/p', imageMediaIds: [big.id] });
  const refused = await as(t, team.editor)({ method: 'POST', url: `/api/v1/posts/${p.id}/submit` });
  assert.equal(refused.statusCode, 422);
  assert.deepEqual(
    refused
      .json()
      .error.details.issues.map((i: { accountName: string; field: string; code: string }) => `${i.accountName}:${i.field}:${i.code}`)
      .sort(),
    ['微博:images:too_big', '抖音:video:required'].sort(),
  );
  await put(wb.id, { imageMediaIds: [] });
  // A 16:9 cover on Douyin is only a warning (its cover shapes are UNVERIFIED).
  await put(dy.id, { videoMediaId: video.id, coverMediaId: cover.id });
  const ok = await as(t, team.editor)({ method: 'POST', url: `/api/v1/posts/${p.id}/submit` });
  assert.equal(ok.statusCode, 200, ok.body);
});
