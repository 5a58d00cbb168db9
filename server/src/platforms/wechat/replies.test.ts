// Contract tests of the WeChat comment replier: the request comment/reply/add sends as the doc
// gives it ([WXD] leaving/api_replycomment: msg_data_id, index, user_comment_id, content; the
// answer {"errcode":0,"errmsg":"ok"}), how its failures are classified (88000 no comment
// privilege, [WXD] Comments_management; 45009 from the global code table; a lost answer), and
// how an unknown outcome is read back from comment/list ([WJ] WxMpCommentListVo: reply{content,
// create_time} on the comment).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryTokenStore, PlatformError } from '../adapter';
import type { ReplyTarget } from '../inbox';
import { WechatClient } from './client';
import { wechatReplies } from './replies';

const OK = { errcode: 0, errmsg: 'ok' };
const target: ReplyTarget = { externalId: '2247483700_0_2', publishId: '2650177668', msgDataId: '2247483700', clientIp: null };

function fakeWechat(answer: (path: string, body: Record<string, unknown>) => unknown) {
  const sent: Record<string, unknown>[] = [];
  const fetch = (async (url: string | URL, init?: RequestInit) => {
    const path = new URL(String(url)).pathname;
    const body = JSON.parse(String(init?.body ?? '{}'));
    if (path === '/cgi-bin/stable_token') return Response.json({ access_token: 'TOKEN', expires_in: 7200 });
    sent.push({ path, ...body });
    const a = answer(path, body);
    return a instanceof Response ? a : Response.json(a);
  }) as typeof globalThis.fetch;
  const client = new WechatClient({ baseUrl: 'http://wechat.test', appId: 'wx1', appSecret: 'secret-1', tokenStore: new MemoryTokenStore(), fetch });
  return { replier: wechatReplies(client), sent };
}

const listWith = (reply: { content: string; create_time: number } | null) => ({
  ...OK,
  total: 2,
  comment: [
    { user_comment_id: 1, openid: 'oFSq3wdwFZJdfqD5ja3kJ5b5f4vg', create_time: 1711000000, content: '写得真好', comment_type: 0 },
    {
      user_comment_id: 2,
      openid: 'oFSq3wXP1JdC9t8aqz1xbOcVDsdM',
      create_time: 1711007200,
      content: '什么时候发货？',
      comment_type: 0,
      ...(reply ? { reply } : {}),
    },
  ],
});

test('comment/reply/add: the documented body; errcode 0 is a reply the sync will name <comment id>_reply', async () => {
  const { replier, sent } = fakeWechat(() => OK);
  const r = await replier.reply(target, '下周一发货');
  assert.deepEqual(sent, [{ path: '/cgi-bin/comment/reply/add', msg_data_id: 2247483700, index: 0, user_comment_id: 2, content: '下周一发货' }]);
  assert.equal(r.externalId, '2247483700_0_2_reply');
  assert.deepEqual([replier.limits.maxLength, replier.limits.onePerComment, replier.limits.length('回复 ok')], [600, true, 5]);
});

test('comment/reply/add failures: 88000 permission, 45009 rate limited with a wait, HTTP 502 an unknown outcome', async () => {
  const cases: [unknown, string][] = [
    [{ errcode: 88000, errmsg: 'without comment privilege' }, 'permission'],
    [{ errcode: 45009, errmsg: 'reach max api daily quota limit' }, 'rate_limited'],
    [new Response('<html>502 Bad Gateway</html>', { status: 502 }), 'unknown_outcome'],
  ];
  for (const [answer, kind] of cases) {
    const { replier } = fakeWechat(() => answer);
    const err = await replier.reply(target, '好的').catch((e) => e);
    assert.ok(err instanceof PlatformError, String(err));
    assert.equal(err.kind, kind);
    if (kind === 'rate_limited') assert.ok((err.retryAfterMs ?? 0) > 0);
  }
});

test('findReply reads comment/list: our text = sent (with its create_time), none = absent, another text = other', async () => {
  const at = 1711010000;
  for (const [reply, want] of [
    [
      { content: '下周一发货', create_time: at },
      { state: 'sent', reply: { externalId: '2247483700_0_2_reply', at: new Date(at * 1000) } },
    ],
    [null, { state: 'absent' }],
    [
      { content: '别的回复', create_time: at },
      { state: 'other', text: '别的回复' },
    ],
  ] as const) {
    const { replier, sent } = fakeWechat(() => listWith(reply));
    assert.deepEqual(await replier.findReply(target, '下周一发货', new Date()), want);
    assert.deepEqual(sent, [{ path: '/cgi-bin/comment/list', msg_data_id: 2247483700, index: 0, begin: 0, count: 49, type: 0 }]);
  }
});
