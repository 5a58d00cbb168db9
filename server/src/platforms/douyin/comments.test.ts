// Contract tests of the Douyin comment reader and replier against answers in the shape
// API-REFERENCE.md §3 "Comments" gives ([DYD] comment-management-enterprise: list[{comment_id,
// comment_user_id, content, create_time, digg_count, reply_comment_total, top}], cursor, has_more;
// the reply answers comment_id), in the envelope of [DG] res.go (doc-answers.ts). The values are
// ours; the reference publishes no example answer (UNVERIFIED beyond the field names).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Grant, PlatformError, UNMETERED } from '../adapter';
import type { CommentPage, ReplyTarget } from '../inbox';
import type { WireInit } from '../keepalive';
import { DouyinClient } from './client';
import { douyinComments, douyinReplies } from './comments';
import { dyErr, ok } from './doc-answers';

const ME = 'open-me';
const grant: Grant = {
  accessToken: 'act.1',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  refreshToken: 'rft',
  refreshExpiresAt: null,
  openId: ME,
  scopes: ['video.comment'],
  renewalsLeft: 5,
  obtainedAt: new Date().toISOString(),
};
const c = (id: string, user: string, content: string, createTime: number, replies = 0) => ({
  comment_id: id,
  comment_user_id: user,
  content,
  create_time: createTime,
  digg_count: 1,
  reply_comment_total: replies,
  top: false,
});

function fake(answer: (path: string, q: URLSearchParams, body: string) => unknown) {
  const sent: { method: string; path: string; q: URLSearchParams; body: string; token: string | undefined }[] = [];
  const request = async (url: string, init: WireInit) => {
    const u = new URL(url);
    const body = typeof init.body === 'string' ? init.body : '';
    sent.push({ method: init.method ?? 'POST', path: u.pathname, q: u.searchParams, body, token: init.headers?.['access-token'] });
    const a = answer(u.pathname, u.searchParams, body);
    if (a === 'drop') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    return { status: 200, text: JSON.stringify(a), header: () => null };
  };
  const client = new DouyinClient({
    baseUrl: 'http://douyin.test',
    timeoutMs: 1000,
    meter: UNMETERED,
    grant: { current: async () => grant, refreshed: async () => grant },
    request,
  });
  return { client, sent };
}

const ref = { publicationId: 'pub-1', publishId: '@9VxS1/item', msgDataId: null, articleId: null, articleUrl: null, publishedAt: new Date() };
const target: ReplyTarget = { externalId: 'c1', publishId: '@9VxS1/item', msgDataId: null, clientIp: null };

test('the reader pages the comments by cursor, reads the replies of commented ones, and knows the account’s own', async () => {
  const { client, sent } = fake((path, q) => {
    if (path === '/video/comment/list/')
      return q.get('cursor') === '0'
        ? ok({ list: [c('c2', 'u2', '什么时候发货？', 1_764_000_200), c('c1', 'u1', '好看', 1_764_000_100, 1)], cursor: 2, has_more: true })
        : ok({ list: [c('c0', 'u3', '第一', 1_764_000_000)], cursor: 3, has_more: false });
    if (path === '/video/comment/reply/list/') return ok({ list: [c('r1', ME, '谢谢喜欢', 1_764_000_300)], cursor: 1, has_more: false });
    return dyErr(28001007, '参数不合法');
  });
  const pages: CommentPage[] = [];
  for await (const p of douyinComments(client, async () => ME).postComments([ref], {})) pages.push(p);
  const items = pages.flatMap((p) => p.items);
  assert.deepEqual(
    items.map((i) => [i.externalId, i.parentExternalId, i.fromAccount, i.text]),
    [
      ['c2', null, false, '什么时候发货？'],
      ['c1', null, false, '好看'],
      ['r1', 'c1', true, '谢谢喜欢'],
      ['c0', null, false, '第一'],
    ],
  );
  assert.equal(items[0].at.toISOString(), new Date(1_764_000_200_000).toISOString());
  assert.deepEqual(
    pages.map((p) => p.cursor),
    [null, null],
    'offsets shift as comments arrive: every read starts from the first page',
  );
  const list = sent.filter((s) => s.path === '/video/comment/list/');
  assert.deepEqual(
    list.map((s) => [s.method, s.q.get('item_id'), s.q.get('cursor'), s.q.get('count'), s.q.get('open_id')]),
    [
      ['GET', '@9VxS1/item', '0', '50', ME],
      ['GET', '@9VxS1/item', '2', '50', ME],
    ],
  );
  assert.equal(list[0].token, 'act.1', 'the token goes in the access-token header');
  assert.equal(sent.filter((s) => s.path === '/video/comment/reply/list/').length, 1, 'only the comment with replies is opened');
});

test('a reply is posted once with item_id, comment_id and content; its comment_id is what the sync will name it', async () => {
  const { client, sent } = fake((path) => (path === '/video/comment/reply/' ? ok({ comment_id: 'r9' }) : dyErr(28001007, 'x')));
  const r = await douyinReplies(client, async () => ME).reply(target, '感谢支持');
  assert.equal(r.externalId, 'r9');
  assert.equal(sent.length, 1);
  assert.equal(sent[0].q.get('open_id'), ME);
  assert.deepEqual(JSON.parse(sent[0].body), { item_id: '@9VxS1/item', comment_id: 'c1', content: '感谢支持' });
});

test('a lost answer is an unknown outcome; reading the replies back finds it, or says nothing arrived', async () => {
  const since = new Date(1_764_000_000_000);
  let replies: unknown[] = [];
  const { client } = fake((path) => (path === '/video/comment/reply/' ? 'drop' : ok({ list: replies, cursor: replies.length, has_more: false })));
  const replier = douyinReplies(client, async () => ME);
  await assert.rejects(replier.reply(target, '感谢支持'), (e: unknown) => e instanceof PlatformError && e.kind === 'unknown_outcome');
  replies = [c('r0', ME, '感谢支持', 1_763_000_000), c('r5', 'u9', '感谢支持', 1_764_000_010)];
  assert.deepEqual(await replier.findReply(target, '感谢支持', since), { state: 'absent' }, 'an older reply of ours and a user’s same words do not count');
  replies.push(c('r6', ME, '感谢支持', 1_764_000_020));
  const found = await replier.findReply(target, '感谢支持', since);
  assert.deepEqual(found.state === 'sent' && found.reply.externalId, 'r6');
});

test('without the comment scope the platform’s 28001012 is a permission error', async () => {
  const { client } = fake(() => dyErr(28001012, '应用未获得该能力'));
  const read = async () => {
    for await (const _ of douyinComments(client, async () => ME).postComments([ref], {}));
  };
  await assert.rejects(read, (e: unknown) => e instanceof PlatformError && e.kind === 'permission');
});
