// Contract tests of the Weibo comment replier: comments/reply.json's parameters as [QQ]
// WeiboApiComments.apiReplyComment sends them (cid, id, comment, rip), its answer a Comment (the
// open.weibo.com/wiki/2/comments/reply JSON示例 shape as [QQ] model/Comment reads it: created_at,
// id, idstr, text, user, reply_comment), the error answers' mapping ([HR] WeiboError: 20021
// content refused, HTTP 5xx), and how an unknown outcome is read back from comments/show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type GrantAccess, PlatformError } from '../adapter';
import type { ReplyTarget } from '../inbox';
import { WeiboClient } from './client';
import { weiboReplies } from './replies';

const ME = '1404376561';
const REPLY_DOC = {
  created_at: 'Wed Jun 01 00:52:25 +0800 2011',
  id: 12438492185,
  idstr: '12438492185',
  text: '回复@zaku:谢谢',
  mid: '202110601896455630',
  user: { id: 1404376561, idstr: ME, screen_name: '媒运官方' },
  reply_comment: {
    created_at: 'Wed Jun 01 00:50:25 +0800 2011',
    id: 12438492184,
    idstr: '12438492184',
    text: 'love your work.......',
    user: { id: 1404376560, screen_name: 'zaku' },
  },
};
const target: ReplyTarget = { externalId: '12438492184', publishId: '11488058246', msgDataId: null, clientIp: '203.0.113.10' };

function fakeWeibo(answer: (path: string) => Response) {
  const sent: { path: string; params: Record<string, string> }[] = [];
  const fetch = (async (url: string | URL, init?: RequestInit) => {
    const u = new URL(String(url));
    const params = Object.fromEntries([...u.searchParams, ...new URLSearchParams(typeof init?.body === 'string' ? init.body : '')]);
    delete params.access_token;
    sent.push({ path: u.pathname, params });
    return answer(u.pathname);
  }) as typeof globalThis.fetch;
  const g: GrantAccess = {
    current: async () => ({
      accessToken: 'T',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      refreshToken: null,
      refreshExpiresAt: null,
      openId: ME,
      scopes: ['all'],
      renewalsLeft: null,
      obtainedAt: new Date().toISOString(),
    }),
    refreshed: async () => {
      throw new PlatformError({ kind: 'auth', platform: 'weibo', message: 'cannot refresh' });
    },
  };
  const client = new WeiboClient({ baseUrl: 'http://weibo.test', grant: g, timeoutMs: 1000, fetch });
  return { replier: weiboReplies(client, async () => ME), sent };
}

test('comments/reply.json: cid, id, comment and rip sent; the Comment answered is the reply, named by its idstr', async () => {
  const { replier, sent } = fakeWeibo(() => Response.json(REPLY_DOC));
  const r = await replier.reply(target, '谢谢');
  assert.deepEqual(sent, [{ path: '/2/comments/reply.json', params: { cid: '12438492184', id: '11488058246', comment: '谢谢', rip: '203.0.113.10' } }]);
  assert.deepEqual(r, { externalId: '12438492185', at: new Date('2011-05-31T16:52:25Z') });
});

test('comments/reply.json failures: 20021 refused content with Weibo’s reason, HTTP 502 an unknown outcome, no rip refused before sending', async () => {
  const refused = await fakeWeibo(() => Response.json({ request: '/2/comments/reply.json', error_code: 20021, error: 'Content is illegal!' }, { status: 400 }))
    .replier.reply(target, '违规')
    .catch((e) => e);
  assert.equal(refused.kind, 'invalid');
  assert.equal(refused.platformMessage, 'Content is illegal!');
  const lost = await fakeWeibo(() => new Response('bad gateway', { status: 502 }))
    .replier.reply(target, '好')
    .catch((e) => e);
  assert.equal(lost.kind, 'unknown_outcome');
  const w = fakeWeibo(() => Response.json(REPLY_DOC));
  const noIp = await w.replier.reply({ ...target, clientIp: null }, '好').catch((e) => e);
  assert.equal(noIp.kind, 'invalid');
  assert.equal(w.sent.length, 0);
});

test("findReply: the account's own comment answering cid with our text is sent; someone else's, or another comment's, is not", async () => {
  const other = { ...REPLY_DOC, idstr: '12438492186', id: 12438492186, user: { id: 7, idstr: '7', screen_name: 'x' } };
  const { replier, sent } = fakeWeibo(() => Response.json({ comments: [other, REPLY_DOC], total_number: 2 }));
  assert.deepEqual(await replier.findReply(target, '谢谢', new Date('2011-05-31T16:50:00Z')), {
    state: 'sent',
    reply: { externalId: '12438492185', at: new Date('2011-05-31T16:52:25Z') },
  });
  assert.equal(sent[0].path, '/2/comments/show.json');
  assert.equal(sent[0].params.id, '11488058246');
  assert.deepEqual(await replier.findReply({ ...target, externalId: '999' }, '谢谢', new Date()), { state: 'absent' });
});
