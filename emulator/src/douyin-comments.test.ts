// Douyin emulator: the enterprise comment-management API (list, reply list, reply) and its controls.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type RunningEmulator, startEmulator } from './server';

// biome-ignore lint/suspicious/noExplicitAny: answers read loosely
type J = Record<string, any>;
let emu: RunningEmulator;
const ctl = async (path: string, body?: unknown): Promise<J> => {
  const r = await fetch(`${emu.url}/__control/douyin${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return r.json();
};
const get = async (path: string, token: string, query: Record<string, string>): Promise<J> =>
  (await fetch(`${emu.url}/douyin${path}?${new URLSearchParams(query)}`, { headers: { 'access-token': token } })).json();
const post = async (path: string, token: string, openId: string, json: unknown): Promise<J> =>
  (
    await fetch(`${emu.url}/douyin${path}?${new URLSearchParams({ open_id: openId })}`, {
      method: 'POST',
      headers: { 'access-token': token, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    })
  ).json();

/** An account with `scopes` and one published item of its own. */
async function account(openId: string, scopes = ['user_info', 'video.comment']) {
  const app = await ctl('/apps', {});
  const acc = await ctl('/accounts', { client_key: app.client_key, open_id: openId, scopes });
  const { item_id } = await ctl('/items', { open_id: openId, title: '评论视频' });
  return { token: acc.access_token as string, openId, itemId: item_id as string };
}

before(async () => {
  emu = await startEmulator({});
});
after(() => emu.close());

describe('douyin comments', () => {
  test('list: top-level comments newest first, offset cursor and has_more, the documented item shape', async () => {
    const a = await account('c1');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await ctl('/comments', { item_id: a.itemId, user_id: `u${i}`, content: `评论${i}`, create_time: 1_700_000_000 + i })).comment_id);
    await ctl('/comments', { item_id: a.itemId, user_id: 'u9', content: '回复', reply_to: ids[4], create_time: 1_700_000_100 });
    const q = { open_id: a.openId, item_id: a.itemId, count: '2' };
    const p1 = await get('/video/comment/list/', a.token, { ...q, cursor: '0' });
    assert.equal(p1.data.error_code, 0);
    assert.equal(p1.extra.error_code, 0);
    assert.deepEqual(p1.data.list[0], {
      comment_id: ids[4],
      comment_user_id: 'u4',
      content: '评论4',
      create_time: 1_700_000_004,
      digg_count: 0,
      reply_comment_total: 1,
      top: false,
    });
    assert.deepEqual([p1.data.list.map((c: J) => c.content), p1.data.cursor, p1.data.has_more], [['评论4', '评论3'], 2, true]);
    const p2 = await get('/video/comment/list/', a.token, { ...q, cursor: String(p1.data.cursor) });
    assert.deepEqual([p2.data.list.map((c: J) => c.content), p2.data.cursor, p2.data.has_more], [['评论2', '评论1'], 4, true]);
    const p3 = await get('/video/comment/list/', a.token, { ...q, cursor: String(p2.data.cursor) });
    assert.deepEqual([p3.data.list.map((c: J) => c.content), p3.data.cursor, p3.data.has_more], [['评论0'], 5, false], 'replies are not listed as comments');
  });

  test('a token without video.comment is refused with 28001012 on every comment API', async () => {
    const a = await account('c2', ['user_info', 'video.create.bind']);
    const { comment_id } = await ctl('/comments', { item_id: a.itemId, content: '你好' });
    const q = { open_id: a.openId, item_id: a.itemId, count: '10' };
    const list = await get('/video/comment/list/', a.token, q);
    const replies = await get('/video/comment/reply/list/', a.token, { ...q, comment_id });
    const reply = await post('/video/comment/reply/', a.token, a.openId, { item_id: a.itemId, comment_id, content: '谢谢' });
    assert.deepEqual(
      [list, replies, reply].map((r) => [r.data.error_code, r.extra.error_code]),
      [
        [28001012, 28001012],
        [28001012, 28001012],
        [28001012, 28001012],
      ],
    );
    assert.equal((await ctl(`/comments?item_id=${encodeURIComponent(a.itemId)}`)).length, 1, 'the refused reply stored nothing');
  });

  test("the account's reply is stored under the top-level comment and listed oldest first in reply/list", async () => {
    const a = await account('c3');
    const { comment_id: root } = await ctl('/comments', { item_id: a.itemId, user_id: 'fan1', content: '多少钱？', create_time: 1_700_000_000 });
    const { comment_id: fanReply } = await ctl('/comments', {
      item_id: a.itemId,
      user_id: 'fan2',
      content: '同问',
      reply_to: root,
      create_time: 1_700_000_010,
    });
    const r1 = await post('/video/comment/reply/', a.token, a.openId, { item_id: a.itemId, comment_id: root, content: '私信您' });
    assert.equal(r1.data.error_code, 0);
    assert.equal(typeof r1.data.comment_id, 'string');
    // Answering a reply puts the new reply under its top-level comment.
    const r2 = await post('/video/comment/reply/', a.token, a.openId, { item_id: a.itemId, comment_id: fanReply, content: '也私信您' });
    assert.equal(r2.data.error_code, 0);
    const list = await get('/video/comment/reply/list/', a.token, { open_id: a.openId, item_id: a.itemId, comment_id: root, cursor: '0', count: '10' });
    assert.equal(list.data.error_code, 0);
    assert.deepEqual(
      list.data.list.map((c: J) => [c.comment_id, c.comment_user_id, c.content]),
      [
        [fanReply, 'fan2', '同问'],
        [r1.data.comment_id, 'c3', '私信您'],
        [r2.data.comment_id, 'c3', '也私信您'],
      ],
    );
    assert.deepEqual([list.data.cursor, list.data.has_more], [3, false]);
    const all = await ctl(`/comments?item_id=${encodeURIComponent(a.itemId)}`);
    assert.deepEqual(
      all.filter((c: J) => c.user_id === 'c3').map((c: J) => [c.parent_id, c.content]),
      [
        [root, '私信您'],
        [root, '也私信您'],
      ],
    );
    const top = await get('/video/comment/list/', a.token, { open_id: a.openId, item_id: a.itemId, count: '10' });
    assert.equal(top.data.list[0].reply_comment_total, 3);
  });

  test('drop_after_accept: the reply is stored once though the answer never arrives', async () => {
    const a = await account('c4');
    const { comment_id } = await ctl('/comments', { item_id: a.itemId, content: '在吗' });
    const replyCalls = async () => (await ctl('/calls')).filter((c: J) => c.path === '/video/comment/reply/').length;
    const callsBefore = await replyCalls();
    await ctl('/faults', { path: '/video/comment/reply/', mode: 'drop_after_accept' });
    await assert.rejects(post('/video/comment/reply/', a.token, a.openId, { item_id: a.itemId, comment_id, content: '在的' }));
    const all = await ctl(`/comments?item_id=${encodeURIComponent(a.itemId)}`);
    assert.deepEqual(
      all.map((c: J) => [c.parent_id, c.user_id, c.content]),
      [
        [null, all[0].user_id, '在吗'],
        [comment_id, 'c4', '在的'],
      ],
    );
    assert.equal((await replyCalls()) - callsBefore, 1, 'one call, no retry inside the emulator');
  });

  test('bad parameters are 28001007 with a description: foreign or unknown item, count, unknown comment, empty or long content', async () => {
    const a = await account('c5');
    const other = await account('c6');
    const { comment_id } = await ctl('/comments', { item_id: a.itemId, content: '第一' });
    const base = { open_id: a.openId, item_id: a.itemId, cursor: '0' };
    const cases: [string, J][] = [
      ['foreign item', await get('/video/comment/list/', a.token, { ...base, item_id: other.itemId, count: '10' })],
      ['unknown item', await get('/video/comment/list/', a.token, { ...base, item_id: '@nope', count: '10' })],
      ['count 0', await get('/video/comment/list/', a.token, { ...base, count: '0' })],
      ['count 51', await get('/video/comment/list/', a.token, { ...base, count: '51' })],
      ['count missing', await get('/video/comment/list/', a.token, base)],
      ['unknown comment', await get('/video/comment/reply/list/', a.token, { ...base, comment_id: 'cmnope', count: '10' })],
      ['reply to foreign item', await post('/video/comment/reply/', a.token, a.openId, { item_id: other.itemId, comment_id, content: 'x' })],
      ['reply to unknown comment', await post('/video/comment/reply/', a.token, a.openId, { item_id: a.itemId, comment_id: 'cmnope', content: 'x' })],
      ['empty content', await post('/video/comment/reply/', a.token, a.openId, { item_id: a.itemId, comment_id, content: '  ' })],
    ];
    for (const [name, r] of cases) {
      assert.deepEqual([r.data.error_code, r.extra.error_code], [28001007, 28001007], name);
      assert.ok(r.data.description.length > 0, name);
    }
    const long = await post('/video/comment/reply/', a.token, a.openId, { item_id: a.itemId, comment_id, content: '好'.repeat(101) });
    assert.deepEqual([long.data.error_code, long.data.description], [28001007, '评论内容过长']);
    const fits = await post('/video/comment/reply/', a.token, a.openId, { item_id: a.itemId, comment_id, content: '好'.repeat(100) });
    assert.equal(fits.data.error_code, 0);
    assert.equal((await ctl(`/comments?item_id=${encodeURIComponent(a.itemId)}`)).length, 2, 'only the reply that fits was stored');
  });
});
