// WeChat OA emulator: users' messages and customer-service replies. A user's message is pushed to
// the account's server (safe mode: encrypted, msg_signature, the user's openid in the query) with
// its type's fields and MsgId; message/custom/send answers inside the 48 h window after the user's
// last message and refuses after it (45015), past the per-window count (45047), to an openid that
// never wrote (40003), for msgtype other than text (40008) and empty content (44004); faults apply;
// every message sent is listed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Receiver, decrypt, receiver, sha1Sorted, xmlField } from './pushkit';
import { type Emu, emulator } from './testkit';

const TOKEN = 'meiyunToken1';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const H = 3_600_000;

describe('users’ messages and customer-service replies', () => {
  let emu: Emu;
  let rx: Receiver;
  before(async () => {
    emu = await emulator({ pushTimeoutMs: 500 });
    rx = await receiver();
  });
  after(async () => {
    await emu.close();
    await rx.close();
  });

  async function account() {
    const { appid, secret } = await emu.app({ followers: 10 });
    const r = await emu.ctl('PUT', `/__control/wechat/apps/${appid}/server`, { url: rx.url, token: TOKEN, mode: 'safe', encodingAESKey: AES_KEY });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return { appid, secret, token: await emu.token(appid, secret) };
  }
  const write = async (appid: string, body: Record<string, unknown>) => {
    const r = await emu.ctl('POST', '/__control/wechat/messages', { appid, ...body });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json as unknown as { openid: string; msgId: string | null };
  };
  const kf = (token: string, touser: string, content = '您好', msgtype = 'text') =>
    emu.wx('/cgi-bin/message/custom/send', { token, body: { touser, msgtype, text: { content } } });

  test('a user’s message is pushed encrypted in safe mode, with the user’s openid, its fields and MsgId', async () => {
    const { appid } = await account();
    const before = rx.got.length;
    const m = await write(appid, { openid: 'o-user-1', msgType: 'image' });
    const [got] = (await rx.waitFor(before + 1)).slice(before);
    const q = got.query;
    assert.equal(q.get('openid'), 'o-user-1');
    assert.equal(q.get('encrypt_type'), 'aes');
    const enc = xmlField(got.body, 'Encrypt') ?? '';
    assert.equal(q.get('msg_signature'), sha1Sorted(TOKEN, q.get('timestamp') ?? '', q.get('nonce') ?? '', enc));
    const plain = decrypt(AES_KEY, enc);
    assert.equal(plain.appid, appid);
    assert.equal(xmlField(plain.message, 'FromUserName'), 'o-user-1');
    assert.equal(xmlField(plain.message, 'MsgType'), 'image');
    assert.match(xmlField(plain.message, 'PicUrl') ?? '', /^http/);
    assert.ok(xmlField(plain.message, 'MediaId'));
    assert.equal(xmlField(plain.message, 'MsgId'), m.msgId);
    const without = await write(appid, { openid: 'o-user-1', content: '无编号', noMsgId: true });
    assert.equal(without.msgId, null);
    const [second] = (await rx.waitFor(before + 2)).slice(before + 1);
    assert.equal(xmlField(decrypt(AES_KEY, xmlField(second.body, 'Encrypt') ?? '').message, 'MsgId'), undefined);
  });

  test('custom/send: within 48 h of the user’s last message; 45015 after it; 45047 past the count; 40003, 40008, 44004', async () => {
    const { appid, secret, token } = await account();
    assert.equal((await kf(token, 'o-never-wrote')).errcode, 40003);
    await write(appid, { openid: 'o-user-2', content: '在吗' });
    assert.equal((await kf(token, 'o-user-2', '在的')).errcode, 0);
    assert.equal((await kf(token, 'o-user-2', '', 'text')).errcode, 44004);
    assert.equal((await kf(token, 'o-user-2', '图', 'image')).errcode, 40008);
    for (let i = 0; i < 4; i++) assert.equal((await kf(token, 'o-user-2', `第${i}条`)).errcode, 0);
    const over = await kf(token, 'o-user-2', '第六条');
    assert.equal(over.errcode, 45047, JSON.stringify(over));
    await write(appid, { openid: 'o-user-2', content: '再问一次' });
    assert.equal((await kf(token, 'o-user-2', '好的')).errcode, 0, 'a new message opens a new window');
    await emu.advance(48 * H + 1000);
    const late = await kf(await emu.token(appid, secret), 'o-user-2', '晚了');
    assert.equal(late.errcode, 45015);
    assert.match(late.errmsg, /^response out of time limit or subscription is canceled rid: /);
    const sent = (await emu.ctl('GET', `/__control/wechat/kf/sent?appid=${appid}`)).json as { touser: string; content: string }[];
    assert.deepEqual(
      sent.map((x) => x.content),
      ['在的', '第0条', '第1条', '第2条', '第3条', '好的'],
    );
  });

  test('faults apply to custom/send like every cgi path', async () => {
    const { appid, token } = await account();
    await write(appid, { openid: 'o-user-3', content: '你好' });
    await emu.ctl('POST', '/__control/wechat/faults', { path: '/cgi-bin/message/custom/send', appid, mode: 'errcode', errcode: 48001 });
    assert.equal((await kf(token, 'o-user-3')).errcode, 48001);
    assert.equal((await kf(token, 'o-user-3')).errcode, 0);
  });
});
