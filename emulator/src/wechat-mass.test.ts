// WeChat OA emulator: mass send (群发), its allowance and dedup by clientmsgid, tags and followers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Emu, type Json, emulator } from './testkit';

async function account(emu: Emu, over: Record<string, unknown> = {}) {
  const { appid, secret } = await emu.app({
    followers: 1000,
    tags: [
      { id: 2, name: '星标组', count: 0 },
      { id: 100, name: '读者', count: 40 },
    ],
    ...over,
  });
  return { appid, secret, token: await emu.token(appid, secret) };
}

const toAll = (media_id: string, extra: Json = {}) => ({
  filter: { is_to_all: true },
  mpnews: { media_id },
  msgtype: 'mpnews',
  send_ignore_reprint: 0,
  ...extra,
});
const toTag = (media_id: string, tag_id: number, extra: Json = {}) => ({
  filter: { is_to_all: false, tag_id },
  mpnews: { media_id },
  msgtype: 'mpnews',
  send_ignore_reprint: 0,
  ...extra,
});
const toOpenids = (media_id: string, touser: string[], extra: Json = {}) => ({
  touser,
  mpnews: { media_id },
  msgtype: 'mpnews',
  send_ignore_reprint: 0,
  ...extra,
});

describe('mass send', () => {
  let emu: Emu;
  before(async () => {
    emu = await emulator({ publishDelayMs: 100 });
  });
  after(() => emu.close());
  const sendall = (token: string, body: Json) => emu.wx('/cgi-bin/message/mass/sendall', { token, body });
  const send = (token: string, body: Json) => emu.wx('/cgi-bin/message/mass/send', { token, body });
  const massList = async (appid: string) => (await emu.ctl('GET', `/__control/wechat/mass?appid=${appid}`)).json as Json[];

  test('sendall to all: job accepted, SENDING, then SEND_SUCCESS; listed once', async () => {
    const { appid, token } = await account(emu);
    const mediaId = await emu.draft(token, { title: '周报' });
    const r = await sendall(token, toAll(mediaId));
    assert.deepEqual(Object.keys(r).sort(), ['errcode', 'errmsg', 'msg_data_id', 'msg_id']);
    assert.equal(r.errcode, 0);
    assert.equal(r.errmsg, 'send job submission success');
    assert.equal(typeof r.msg_id, 'number');
    assert.equal(typeof r.msg_data_id, 'number');
    assert.deepEqual(await emu.wx('/cgi-bin/message/mass/get', { token, body: { msg_id: String(r.msg_id) } }), { msg_id: r.msg_id, msg_status: 'SENDING' });
    await emu.advance(150);
    assert.deepEqual(await emu.wx('/cgi-bin/message/mass/get', { token, body: { msg_id: r.msg_id } }), { msg_id: r.msg_id, msg_status: 'SEND_SUCCESS' });
    const rows = await massList(appid);
    assert.equal(rows.length, 1);
    assert.deepEqual(
      { msg_id: rows[0].msg_id, media_id: rows[0].media_id, title: rows[0].title, to: rows[0].to, total: rows[0].total_count, status: rows[0].status },
      { msg_id: r.msg_id, media_id: mediaId, title: '周报', to: 'all', total: 1000, status: 'SEND_SUCCESS' },
    );
    // 群发 is not 发布: nothing was freepublished.
    assert.equal((await emu.ctl('GET', `/__control/wechat/published?appid=${appid}`)).json.length, 0);
  });

  test('a repeated clientmsgid answers 45065 with the first msg_id and sends nothing again', async () => {
    const { appid, secret, token } = await account(emu);
    const mediaId = await emu.draft(token);
    const first = await sendall(token, toTag(mediaId, 100, { clientmsgid: 'post-42-run-1' }));
    assert.equal(first.errcode, 0);
    const again = await sendall(token, toTag(mediaId, 100, { clientmsgid: 'post-42-run-1' }));
    assert.deepEqual(again, { errcode: 45065, errmsg: 'clientmsgid exist', msg_id: first.msg_id });
    // Another target with the same clientmsgid is the same job too.
    assert.equal((await sendall(token, toAll(mediaId, { clientmsgid: 'post-42-run-1' }))).msg_id, first.msg_id);
    const rows = await massList(appid);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].clientmsgid, 'post-42-run-1');
    assert.deepEqual(rows[0].to, { tag_id: 100 });
    // After 24 h the clientmsgid may be used again.
    await emu.advance(24 * 3600 * 1000 + 1000);
    const later = await sendall(await emu.token(appid, secret), toTag(mediaId, 100, { clientmsgid: 'post-42-run-1' }));
    assert.equal(later.errcode, 0);
    assert.notEqual(later.msg_id, first.msg_id);
  });

  test('without clientmsgid the same target and draft within 24 h is a repeat too', async () => {
    const { appid, token } = await account(emu);
    const mediaId = await emu.draft(token);
    const first = await send(token, toOpenids(mediaId, ['oA', 'oB']));
    assert.equal(first.errcode, 0);
    assert.deepEqual(await send(token, toOpenids(mediaId, ['oB', 'oA'])), { errcode: 45065, errmsg: 'clientmsgid exist', msg_id: first.msg_id });
    const other = await send(token, toOpenids(mediaId, ['oA', 'oC']));
    assert.equal(other.errcode, 0);
    const rows = await massList(appid);
    assert.deepEqual(
      rows.map((j) => [j.msg_id, j.clientmsgid, j.to]),
      [
        [first.msg_id, null, { openids: 2 }],
        [other.msg_id, null, { openids: 2 }],
      ],
    );
  });

  test('clientmsgid over 64 bytes: 45067 (bytes, not characters)', async () => {
    const { appid, token } = await account(emu);
    const mediaId = await emu.draft(token);
    const r = await sendall(token, toAll(mediaId, { clientmsgid: '中'.repeat(22) }));
    assert.equal(r.errcode, 45067);
    assert.match(r.errmsg, /^clientmsgid size out of limit rid: /);
    assert.equal((await massList(appid)).length, 0);
    assert.equal((await sendall(token, toAll(mediaId, { clientmsgid: 'x'.repeat(64) }))).errcode, 0);
  });

  test('订阅号: once a Beijing day; the second send answers 45028', async () => {
    await emu.startOfBeijingDay();
    const { appid, secret, token } = await account(emu, { type: 'subscription' });
    const a = await emu.draft(token, { title: 'a' });
    const b = await emu.draft(token, { title: 'b' });
    assert.equal((await sendall(token, toTag(a, 100))).errcode, 0);
    const over = await sendall(token, toAll(b));
    assert.equal(over.errcode, 45028);
    assert.match(over.errmsg, /^has no masssend quota rid: /);
    assert.equal((await send(token, toOpenids(b, ['o1', 'o2']))).errcode, 45028);
    assert.equal((await massList(appid)).length, 1);
    await emu.advance(24 * 3600 * 1000);
    assert.equal((await sendall(await emu.token(appid, secret), toAll(b))).errcode, 0);
  });

  test('服务号: four a month, to all at most once a day; refused calls use none of it', async () => {
    await emu.startOfBeijingDay();
    const { appid, token } = await account(emu, { type: 'service' });
    const drafts = [];
    for (let i = 0; i < 6; i++) drafts.push(await emu.draft(token, { title: `d${i}` }));
    assert.equal((await sendall(token, toAll(drafts[0]))).errcode, 0);
    assert.equal((await sendall(token, toAll(drafts[1]))).errcode, 45028, 'to all twice in a day');
    assert.equal((await sendall(token, toTag(drafts[1], 100))).errcode, 0);
    assert.equal((await send(token, toOpenids(drafts[2], ['o1', 'o2']))).errcode, 0);
    assert.equal((await sendall(token, toTag(drafts[3], 2))).errcode, 0);
    assert.equal((await sendall(token, toTag(drafts[4], 100))).errcode, 45028, 'the fifth of the month');
    assert.equal((await massList(appid)).length, 4);
  });

  test('personal or unverified accounts: 48001', async () => {
    for (const over of [
      { entity: 'personal', verified: true },
      { entity: 'company', verified: false },
    ]) {
      const { token } = await account(emu, over);
      const mediaId = await emu.draft(token);
      assert.equal((await sendall(token, toAll(mediaId))).errcode, 48001, JSON.stringify(over));
      assert.equal((await send(token, toOpenids(mediaId, ['o1', 'o2']))).errcode, 48001);
      assert.equal((await emu.wx('/cgi-bin/message/mass/get', { token, body: { msg_id: 1 } })).errcode, 48001);
    }
  });

  test('forced SEND_FAIL and DELETE; mass/delete marks a send deleted', async () => {
    const { appid, token } = await account(emu);
    const get = async (msg_id: number) => (await emu.wx('/cgi-bin/message/mass/get', { token, body: { msg_id } })).msg_status;
    await emu.ctl('POST', '/__control/wechat/mass-outcome', { appid, status: 'SEND_FAIL' });
    const failed = await send(token, toOpenids(await emu.draft(token), ['o1', 'o2']));
    assert.equal(await get(failed.msg_id), 'SENDING');
    await emu.advance(150);
    assert.equal(await get(failed.msg_id), 'SEND_FAIL');
    await emu.ctl('POST', '/__control/wechat/mass-outcome', { appid, status: 'DELETE' });
    const gone = await send(token, toOpenids(await emu.draft(token), ['o3', 'o4']));
    await emu.advance(150);
    assert.equal(await get(gone.msg_id), 'DELETE');
    // The rules are used up: the next send succeeds, and delete marks it.
    const ok = await send(token, toOpenids(await emu.draft(token), ['o5', 'o6']));
    await emu.advance(150);
    assert.equal(await get(ok.msg_id), 'SEND_SUCCESS');
    assert.deepEqual(await emu.wx('/cgi-bin/message/mass/delete', { token, body: { msg_id: ok.msg_id, article_idx: 0 } }), { errcode: 0, errmsg: 'ok' });
    assert.equal(await get(ok.msg_id), 'DELETE');
    assert.equal((await emu.wx('/cgi-bin/message/mass/get', { token, body: { msg_id: 12345 } })).errcode, 40059);
    assert.equal((await emu.ctl('POST', '/__control/wechat/mass-outcome', { status: 'SEND_SUCCESS' })).status, 400);
  });

  test('refused requests: unknown draft 40007, other msgtype 40008, unknown tag, no tag 40152, too few openids 40130', async () => {
    const { appid, token } = await account(emu);
    const mediaId = await emu.draft(token);
    assert.equal((await sendall(token, toAll('no-such-draft'))).errcode, 40007);
    assert.equal((await sendall(token, { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'hi' } })).errcode, 40008);
    const unknownTag = await sendall(token, toTag(mediaId, 999));
    assert.equal(unknownTag.errcode, -1);
    assert.match(unknownTag.errmsg, /^system error rid: /);
    assert.equal((await sendall(token, { filter: { is_to_all: false }, mpnews: { media_id: mediaId }, msgtype: 'mpnews' })).errcode, 40152);
    assert.equal((await send(token, toOpenids(mediaId, ['only-one']))).errcode, 40130);
    // Another account's draft is not this account's.
    const other = await account(emu);
    assert.equal((await sendall(other.token, toAll(mediaId))).errcode, 40007);
    assert.equal((await massList(appid)).length, 0);
  });
});

describe('tags and followers', () => {
  let emu: Emu;
  before(async () => {
    emu = await emulator();
  });
  after(() => emu.close());

  test('tags/get answers the account tags; the default is 星标组', async () => {
    const plain = await emu.app();
    assert.deepEqual(await emu.wx('/cgi-bin/tags/get', { token: await emu.token(plain.appid, plain.secret) }), {
      tags: [{ id: 2, name: '星标组', count: 0 }],
    });
    const { token } = await account(emu);
    assert.deepEqual(await emu.wx('/cgi-bin/tags/get', { token }), {
      tags: [
        { id: 2, name: '星标组', count: 0 },
        { id: 100, name: '读者', count: 40 },
      ],
    });
    const bad = await emu.ctl('POST', '/__control/wechat/apps', {
      appid: 'wxtags',
      secret: 's',
      type: 'service',
      entity: 'company',
      verified: true,
      tags: [
        { id: 1, name: 'a' },
        { id: 1, name: 'b' },
      ],
    });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /appears twice/);
  });

  test('user/get pages 10,000 openids with next_openid', async () => {
    const { token } = await account(emu, { followers: 10_001 });
    const first = await emu.wx('/cgi-bin/user/get', { token });
    assert.equal(first.total, 10_001);
    assert.equal(first.count, 10_000);
    assert.equal(new Set(first.data.openid).size, 10_000);
    assert.equal(first.next_openid, first.data.openid[9999]);
    assert.match(first.next_openid, /^o[A-Za-z0-9_-]{27}$/);
    const second = await emu.wx('/cgi-bin/user/get', { token, query: { next_openid: first.next_openid } });
    assert.equal(second.count, 1);
    assert.equal(second.next_openid, '');
    assert.ok(!first.data.openid.includes(second.data.openid[0]));
  });
});
