// WeChat OA emulator: comment/markelect and comment/unmarkelect set and clear a comment's featured
// mark (comment_type 1, listed by type 2, not by type 1), twice changes nothing; comment/delete
// takes the comment out of comment/list for good (a second delete, a reply or a mark answer
// 40060); 88000 when comments are closed; an errcode fault answers before anything changes; the
// control shows the platform's state, deleted comments included.
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
  const msgDataId = String(2247484000 + Math.floor(Math.random() * 1e5));
  await emu.ctl('POST', '/__control/wechat/datacube/articles', { appid, msgDataId, publishedAt: new Date().toISOString() });
  const a = (await emu.ctl('POST', '/__control/wechat/comments', { appid, msgDataId, content: '写得真好' })).json.userCommentId as number;
  const b = (await emu.ctl('POST', '/__control/wechat/comments', { appid, msgDataId, content: '广告链接' })).json.userCommentId as number;
  const token = await emu.token(appid, secret);
  const call = (path: string, id: number) =>
    emu.wx(`/cgi-bin/comment/${path}`, { token, body: { msg_data_id: Number(msgDataId), index: 0, user_comment_id: id } });
  const list = async (type: number) =>
    (await emu.wx('/cgi-bin/comment/list', { token, body: { msg_data_id: Number(msgDataId), index: 0, begin: 0, count: 49, type } })) as {
      total: number;
      comment: { user_comment_id: number; comment_type: number }[];
    };
  const held = async () =>
    (await emu.ctl('GET', `/__control/wechat/comments?appid=${appid}&msgDataId=${msgDataId}`)).json as unknown as { userCommentId: number; elected: boolean; deleted: boolean }[];
  return { appid, msgDataId, a, b, call, list, held };
}

test('markelect features a comment (comment_type 1, listed by type 2), twice is fine; unmarkelect clears it', async () => {
  const c = await commented();
  assert.deepEqual(await c.call('markelect', c.a), { errcode: 0, errmsg: 'ok' });
  assert.deepEqual(await c.call('markelect', c.a), { errcode: 0, errmsg: 'ok' }, 'marking twice is not an error');
  const all = await c.list(0);
  assert.deepEqual(
    all.comment.map((x) => [x.user_comment_id, x.comment_type]),
    [
      [c.a, 1],
      [c.b, 0],
    ],
  );
  assert.deepEqual(
    (await c.list(2)).comment.map((x) => x.user_comment_id),
    [c.a],
  );
  assert.deepEqual(
    (await c.list(1)).comment.map((x) => x.user_comment_id),
    [c.b],
  );
  assert.deepEqual(await c.call('unmarkelect', c.a), { errcode: 0, errmsg: 'ok' });
  assert.equal((await c.list(2)).total, 0);
  assert.deepEqual(
    (await c.held()).map((x) => x.elected),
    [false, false],
  );
});

test('delete takes the comment out of the list for good: a second delete, a mark or a reply answer 40060', async () => {
  const c = await commented();
  await c.call('markelect', c.b);
  assert.deepEqual(await c.call('delete', c.b), { errcode: 0, errmsg: 'ok' });
  const all = await c.list(0);
  assert.deepEqual([all.total, all.comment.map((x) => x.user_comment_id)], [1, [c.a]]);
  assert.equal((await c.list(2)).total, 0, 'a deleted comment is no longer featured');
  assert.equal((await c.call('delete', c.b)).errcode, 40060);
  assert.equal((await c.call('markelect', c.b)).errcode, 40060);
  assert.equal((await c.call('markelect', 999999)).errcode, 40060);
  assert.deepEqual(
    (await c.held()).map((x) => [x.userCommentId, x.deleted]),
    [
      [c.a, false],
      [c.b, true],
    ],
  );
});

test('88000 when comments are closed; an errcode fault answers before anything changes', async () => {
  const c = await commented();
  await emu.ctl('POST', '/__control/wechat/faults', { path: '/cgi-bin/comment/delete', mode: 'errcode', errcode: 48001 });
  assert.equal((await c.call('delete', c.a)).errcode, 48001);
  assert.equal((await c.list(0)).total, 2, 'the fault deleted nothing');
  await emu.ctl('POST', '/__control/wechat/comments/close', { appid: c.appid, msgDataId: c.msgDataId });
  assert.equal((await c.call('markelect', c.a)).errcode, 88000);
  assert.equal((await c.call('delete', c.a)).errcode, 88000);
  await emu.ctl('POST', '/__control/wechat/comments/close', { appid: c.appid, msgDataId: c.msgDataId, closed: false });
  assert.equal((await c.list(0)).total, 2);
});
