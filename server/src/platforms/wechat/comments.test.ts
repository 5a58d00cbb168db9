// Contract tests of the WeChat comment reader against the example answer of comment/list as
// WeChat's documentation gives it ([WXD] Comments_management "查看指定文章的评论数据", the same
// fields as [WJ] WxMpCommentListVo: total, comment[{user_comment_id, openid, create_time, content,
// comment_type, reply{content, create_time}}]) with the placeholders filled in, and its 88000.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryTokenStore, PlatformError } from '../adapter';
import type { PostRef } from '../metrics';
import { WechatClient } from './client';
import { wechatComments } from './comments';

const DOC_LIST = {
  errcode: 0,
  errmsg: 'ok',
  total: 2,
  comment: [
    {
      user_comment_id: 1,
      openid: 'oFSq3wdwFZJdfqD5ja3kJ5b5f4vg',
      create_time: 1711000000,
      content: '写得真好',
      comment_type: 0,
      reply: { content: '谢谢', create_time: 1711003600 },
    },
    { user_comment_id: 2, openid: 'oFSq3wXP1JdC9t8aqz1xbOcVDsdM', create_time: 1711007200, content: '什么时候发货？', comment_type: 1 },
  ],
};

function fakeWechat(answer: (body: Record<string, unknown>) => unknown) {
  const sent: Record<string, unknown>[] = [];
  const fetch = (async (url: string | URL, init?: RequestInit) => {
    const path = new URL(String(url)).pathname;
    const body = JSON.parse(String(init?.body ?? '{}'));
    if (path === '/cgi-bin/stable_token') return Response.json({ access_token: 'TOKEN', expires_in: 7200 });
    sent.push({ path, ...body });
    return Response.json(answer(body));
  }) as typeof globalThis.fetch;
  const client = new WechatClient({ baseUrl: 'http://wechat.test', appId: 'wx1', appSecret: 'secret-1', tokenStore: new MemoryTokenStore(), fetch });
  return { reader: wechatComments(client), sent };
}

const ref: PostRef = { publicationId: 'pub-1', publishId: '2650177668', msgDataId: '2247483700', articleId: null, articleUrl: null, publishedAt: new Date() };

async function pages(reader: ReturnType<typeof fakeWechat>['reader'], cursors: Record<string, string> = {}) {
  const out = [];
  for await (const p of reader.postComments([ref, { ...ref, publicationId: 'no-msg-data-id', msgDataId: null }], cursors)) out.push(p);
  return out;
}

test('comment/list: each comment one item scoped by article, the reply a child written by the account; the cursor is the next begin', async () => {
  const { reader, sent } = fakeWechat(() => DOC_LIST);
  const got = await pages(reader);
  assert.deepEqual(sent, [{ path: '/cgi-bin/comment/list', msg_data_id: 2247483700, index: 0, begin: 0, count: 49, type: 0 }]);
  assert.equal(got.length, 1, 'a publication without msg_data_id is not read');
  assert.equal(got[0].cursor, '2');
  assert.deepEqual(
    got[0].items.map((i) => [i.externalId, i.parentExternalId, i.authorId, i.fromAccount, i.text, i.at.toISOString(), i.publicationId]),
    [
      ['2247483700_0_1', null, 'oFSq3wdwFZJdfqD5ja3kJ5b5f4vg', false, '写得真好', new Date(1711000000_000).toISOString(), 'pub-1'],
      ['2247483700_0_1_reply', '2247483700_0_1', null, true, '谢谢', new Date(1711003600_000).toISOString(), 'pub-1'],
      ['2247483700_0_2', null, 'oFSq3wXP1JdC9t8aqz1xbOcVDsdM', false, '什么时候发货？', new Date(1711007200_000).toISOString(), 'pub-1'],
    ],
  );
});

test('a full page asks for the next one from its end; a stored cursor starts there', async () => {
  const full = { ...DOC_LIST, total: 50, comment: Array.from({ length: 49 }, (_, i) => ({ ...DOC_LIST.comment[1], user_comment_id: i + 1 })) };
  const { reader, sent } = fakeWechat((b) => (b.begin === 0 ? full : { ...DOC_LIST, total: 50, comment: [{ ...DOC_LIST.comment[1], user_comment_id: 50 }] }));
  const got = await pages(reader);
  assert.deepEqual(
    sent.map((s) => s.begin),
    [0, 49],
  );
  assert.deepEqual(
    got.map((p) => p.cursor),
    ['49', '50'],
  );
  const again = fakeWechat(() => ({ ...DOC_LIST, total: 50, comment: [] }));
  await pages(again.reader, { 'pub-1': '50' });
  assert.equal(again.sent[0].begin, 50);
});

test('88000 is a permission error saying comments are closed, with WeChat errmsg kept', async () => {
  const { reader } = fakeWechat(() => ({ errcode: 88000, errmsg: 'without comment privilege rid: 65f0a1b2-1a2b3c4d-5e6f7a8b' }));
  await assert.rejects(pages(reader), (err) => {
    assert.ok(err instanceof PlatformError);
    assert.deepEqual([err.kind, err.code], ['permission', 88000]);
    assert.match(err.message, /comments are closed on this article, or the account has no comment privilege/);
    assert.match(err.message, /已关闭留言/);
    assert.equal(err.platformMessage, 'without comment privilege rid: 65f0a1b2-1a2b3c4d-5e6f7a8b');
    return true;
  });
});
