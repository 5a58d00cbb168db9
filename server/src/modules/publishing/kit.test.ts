import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { as } from '../../test/app';
import { uploadImage } from '../../test/fixtures';
import { approvedDue, manualWorkspace } from '../../test/manual';
import { publishingEnv, waitFor } from '../../test/publishing';
import { safeName } from './kit';

const e = await publishingEnv();
const pubOfPost = async (postId: string) =>
  (await e.deps.db.execute(sql`select * from publications where post_id = ${postId}`)).rows[0] as Record<string, unknown> & { id: string; state: string };

async function awaiting(ws: Awaited<ReturnType<typeof manualWorkspace>>, title: string, variant?: Record<string, unknown>) {
  const postId = await approvedDue(e, ws, title, 300, variant);
  return waitFor(
    'awaiting_manual',
    () => pubOfPost(postId),
    (p) => p.state === 'awaiting_manual',
    20_000,
  );
}

test('the manual kit: text in parts, the media as one zip with text.txt, the platform checklist', async () => {
  const ws = await manualWorkspace(e);
  const editor = as(e, ws.team.editor);
  const cover = await uploadImage(e, ws.team.editor);
  const second = await uploadImage(e, ws.team.editor);
  const pub = await awaiting(ws, '春日穿搭', { imageMediaIds: [cover.id, second.id], text: '三套春日通勤穿搭', topics: ['春日穿搭', '通勤'], tags: ['OOTD'] });

  const kit = await editor({ method: 'GET', url: `/api/v1/publications/${pub.id}/kit` });
  assert.equal(kit.statusCode, 200, kit.body);
  const k = kit.json();
  assert.equal(k.route, 'manual');
  assert.equal(k.handoff, null);
  assert.deepEqual(k.text, {
    title: '春日穿搭',
    body: '三套春日通勤穿搭',
    topics: ['#春日穿搭', '#通勤'],
    tags: ['OOTD'],
    full: '春日穿搭\n\n三套春日通勤穿搭\n\n#春日穿搭 #通勤\n\nOOTD',
  });
  assert.deepEqual(k.linkHosts, ['xiaohongshu.com', 'xhslink.com']);
  const keys = k.checklist.map((c: { key: string }) => c.key);
  assert.ok(keys.includes('title_20') && keys.includes('cover_first') && keys.includes('topics_added'), keys.join());
  assert.equal(k.checklist.find((c: { key: string }) => c.key === 'location').optional, true);

  const zip = await editor({ method: 'GET', url: `/api/v1/publications/${pub.id}/kit.zip` });
  assert.equal(zip.statusCode, 200, zip.body);
  assert.equal(zip.headers['content-type'], 'application/zip');
  assert.match(String(zip.headers['content-disposition']), /attachment; .*filename\*=UTF-8''%E6%98%A5/);
  const files = unzipSync(new Uint8Array(zip.rawPayload));
  assert.deepEqual(Object.keys(files).sort(), ['01-cover.png', '02-cover.png', 'text.txt']);
  const text = strFromU8(files['text.txt']);
  assert.match(text, /【标题 \/ Title】\n春日穿搭/);
  assert.match(text, /#春日穿搭 #通勤/);
  const stored = await e.deps.storage.read(
    ((await e.deps.db.execute(sql`select storage_key from media where id = ${cover.id}`)).rows[0] as { storage_key: string }).storage_key,
  );
  assert.deepEqual(Buffer.from(files['01-cover.png']), stored);
});

test('checklist ticks keep who and when; unknown items, other roles and other workspaces are refused', async () => {
  const ws = await manualWorkspace(e, 'zhihu', '知乎号');
  const pub = await awaiting(ws, '知乎文章');
  const tick = (m = ws.team.analyst, payload: Record<string, unknown> = { key: 'topics_added', done: true }) =>
    as(e, m)({ method: 'POST', url: `/api/v1/publications/${pub.id}/checklist`, payload });

  const r = await tick();
  assert.equal(r.statusCode, 200, r.body);
  const item = r.json().checklist.find((c: { key: string }) => c.key === 'topics_added');
  assert.equal(item.done, true);
  assert.equal(item.byName, 'analyst');
  assert.ok(Math.abs(Date.parse(item.at) - Date.now()) < 60_000);
  assert.equal((await tick()).statusCode, 200, 'ticking twice keeps the first tick');

  const off = await tick(ws.team.editor, { key: 'topics_added', done: false });
  assert.equal(off.json().checklist.find((c: { key: string }) => c.key === 'topics_added').done, false);

  const unknown = await tick(ws.team.editor, { key: 'cover_first', done: true });
  assert.equal(unknown.statusCode, 400, unknown.body);
  assert.match(unknown.json().error.message, /清单/);
  assert.equal((await tick(ws.team.guest)).statusCode, 403);

  const other = await manualWorkspace(e);
  for (const req of [
    { method: 'GET' as const, url: `/api/v1/publications/${pub.id}/kit` },
    { method: 'GET' as const, url: `/api/v1/publications/${pub.id}/kit.zip` },
    { method: 'POST' as const, url: `/api/v1/publications/${pub.id}/checklist`, payload: { key: 'topics_added', done: true } },
  ]) {
    assert.equal((await as(e, other.team.owner)(req)).statusCode, 404, req.url);
  }
  // A manual post has no hand-off link to renew.
  assert.equal((await as(e, ws.team.editor)({ method: 'POST', url: `/api/v1/publications/${pub.id}/handoff/renew` })).statusCode, 409);
});

test("the live link must be on the platform's domain; a custom channel takes any web link", async () => {
  const ws = await manualWorkspace(e);
  const pub = await awaiting(ws, '链接检查');
  const complete = (url: string, id = pub.id) => as(e, ws.team.editor)({ method: 'POST', url: `/api/v1/publications/${id}/complete`, payload: { url } });
  const wrong = await complete('https://www.example.com/explore/1');
  assert.equal(wrong.statusCode, 400, wrong.body);
  assert.match(wrong.json().error.message, /xiaohongshu\.com/);
  assert.match(wrong.json().error.message, /域名/);
  assert.equal((await pubOfPost(pub.post_id as string)).state, 'awaiting_manual');
  assert.equal((await complete('https://xhslink.com/a/AbCd')).statusCode, 200);

  const custom = await manualWorkspace(e, 'custom', '线下门店屏');
  const c = await awaiting(custom, '门店海报');
  const ok = await as(e, custom.team.editor)({ method: 'POST', url: `/api/v1/publications/${c.id}/complete`, payload: { url: 'https://shop.example.cn/p/1' } });
  assert.equal(ok.statusCode, 200, ok.body);
  const generic = (await as(e, custom.team.editor)({ method: 'GET', url: `/api/v1/publications/${c.id}/kit` })).json();
  assert.deepEqual(
    generic.checklist.map((x: { key: string }) => x.key),
    ['text_pasted', 'media_added', 'link_copied'],
  );
});

test('safe names: no path, no reserved or control characters, the extension kept', () => {
  assert.equal(safeName('../../etc/passwd', 'f'), '_.._etc_passwd');
  assert.equal(safeName('春日:穿搭?.jpg', 'f'), '春日_穿搭_.jpg');
  assert.equal(safeName('a\u0000b.png', 'f'), 'a_b.png');
  assert.equal(safeName('...', 'f'), 'f');
});
