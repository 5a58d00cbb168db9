// WeChat OA emulator: comment/reply/add {msg_data_id, index, user_comment_id, content} answered by
// errcode (API-REFERENCE.md §1; [WXD] leaving/api_replycomment): the reply shows on its comment in
// comment/list, a second one replaces what the list shows, every accepted reply is logged for the
// tests; 44004 empty, 40060 an unknown comment, 88000 comments closed; the http_status fault
// answers a 5xx before anything is stored.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Emu, emulator } from './testkit';

let emu: Emu;
before(async () => {
  emu = await emulator();
});
after(() => emu.close());

async function commented() {
  const { appid, secret } = await emu.app();
  const msgDataId = String(2247483000 + Math.floor(Math.random() * 1e5));
  await emu.ctl('POST', '/__control/wechat/datacube/articles', { appid, msgDataId, publishedAt: new Date().toISOString() });
  const { json } = await emu.ctl('POST', '/__control/wechat/comments', { appid, msgDataId, content: '何时发货' });
  const token = await emu.token(appid, secret);
  const reply = (content: unknown, id = json.userCommentId) =>
    emu.wx('/cgi-bin/comment/reply/add', { token, body: { msg_data_id: Number(msgDataId), index: 0, user_comment_id: id, content } });
  const shown = async () =>
    (await emu.wx('/cgi-bin/comment/list', { token, body: { msg_data_id: Number(msgDataId), index: 0, begin: 0, count: 49, type: 0 } })).comment[0].reply;
  const log = async () => (await emu.ctl('GET', `/__control/wechat/comments/replies?appid=${appid}`)).json;
  return { appid, msgDataId, token, reply, shown, log };
}

test('reply/add: errcode 0, the reply on its comment in comment/list, a second one replaces it; both logged', async () => {
  const c = await commented();
  assert.deepEqual(await c.reply('下周一'), { errcode: 0, errmsg: 'ok' });
  assert.equal((await c.shown()).content, '下周一');
  await c.reply('改为周二');
  assert.equal((await c.shown()).content, '改为周二');
  assert.deepEqual(
    (await c.log()).map((r) => r.content),
    ['下周一', '改为周二'],
  );
});

test('reply/add refusals: 44004 empty, 40060 unknown comment, 88000 closed; a 502 fault stores nothing', async () => {
  const c = await commented();
  assert.equal((await c.reply('  ')).errcode, 44004);
  assert.equal((await c.reply('好', 999999)).errcode, 40060);
  await emu.ctl('POST', '/__control/wechat/faults', { path: '/cgi-bin/comment/reply/add', mode: 'http_status', status: 502 });
  await assert.rejects(c.reply('好'), /HTTP 502/);
  assert.deepEqual(await c.log(), []);
  await emu.ctl('POST', '/__control/wechat/comments/close', { appid: c.appid, msgDataId: c.msgDataId });
  assert.equal((await c.reply('好')).errcode, 88000);
});
