// WeChat OA emulator: comment/list as the Comments management doc answers it (total, comment[]
// with user_comment_id, openid, create_time, content, comment_type and the account's reply),
// paging by begin/count under 50, the type filter, 88000 once comments are closed, and 40060 for
// an article the account never published.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Emu, emulator } from './testkit';

describe('comment/list', () => {
  let emu: Emu;
  before(async () => {
    emu = await emulator();
  });
  after(() => emu.close());

  async function article() {
    const { appid, secret } = await emu.app();
    const msgDataId = String(2247483000 + Math.floor(Math.random() * 1e5));
    await emu.ctl('POST', '/__control/wechat/datacube/articles', { appid, msgDataId, publishedAt: new Date().toISOString() });
    return { appid, msgDataId, token: await emu.token(appid, secret) };
  }
  const list = (token: string, msgDataId: string, over: Record<string, unknown> = {}) =>
    emu.wx('/cgi-bin/comment/list', { token, body: { msg_data_id: Number(msgDataId), index: 0, begin: 0, count: 49, type: 0, ...over } });

  test('comments oldest first in the documented fields, the reply on its comment, pages by begin/count', async () => {
    const { appid, msgDataId, token } = await article();
    const ids: number[] = [];
    for (const content of ['第一条', '第二条', '第三条']) {
      const { json } = await emu.ctl('POST', '/__control/wechat/comments', { appid, msgDataId, content, openid: `o-${content}`, at: '2026-03-01T02:00:00Z' });
      ids.push(json.userCommentId);
    }
    const r = await emu.ctl('POST', '/__control/wechat/comments/reply', {
      appid,
      msgDataId,
      userCommentId: ids[1],
      content: '谢谢支持',
      at: '2026-03-01T03:00:00Z',
    });
    assert.equal(r.status, 200);
    const all = await list(token, msgDataId);
    assert.equal(all.errcode, 0);
    assert.equal(all.total, 3);
    assert.deepEqual(all.comment[0], {
      user_comment_id: ids[0],
      openid: 'o-第一条',
      create_time: Date.parse('2026-03-01T02:00:00Z') / 1000,
      content: '第一条',
      comment_type: 0,
    });
    assert.deepEqual(all.comment[1].reply, { content: '谢谢支持', create_time: Date.parse('2026-03-01T03:00:00Z') / 1000 });
    const page = await list(token, msgDataId, { begin: 2, count: 2 });
    assert.deepEqual([page.total, page.comment.map((c: { content: string }) => c.content)], [3, ['第三条']]);
    assert.equal((await list(token, msgDataId, { type: 2 })).comment.length, 0, 'none featured');
    assert.equal((await list(token, msgDataId, { count: 50 })).errcode, 40035, 'count must be under 50');
  });

  test('88000 when the article or the account has comments closed; 40060 for an article not published', async () => {
    const { appid, msgDataId, token } = await article();
    await emu.ctl('POST', '/__control/wechat/comments/close', { appid, msgDataId });
    const closed = await list(token, msgDataId);
    assert.equal(closed.errcode, 88000);
    assert.match(closed.errmsg, /^without comment privilege rid: /);
    await emu.ctl('POST', '/__control/wechat/comments/close', { appid, msgDataId, closed: false });
    assert.equal((await list(token, msgDataId)).errcode, 0);
    await emu.ctl('POST', '/__control/wechat/comments/close', { appid });
    assert.equal((await list(token, msgDataId)).errcode, 88000, 'the account has no comment privilege');
    assert.equal((await list(token, '1234')).errcode, 40060);
    assert.equal((await list(token, msgDataId, { index: 2 })).errcode, 40060, 'the message has one article');
  });
});
