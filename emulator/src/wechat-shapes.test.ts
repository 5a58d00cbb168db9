// WeChat OA emulator: live versus documented answer shapes (per-app `answers`), and the daily
// quotas of a newly registered account.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Emu, emulator } from './testkit';

async function account(emu: Emu, over: Record<string, unknown> = {}) {
  const { appid, secret } = await emu.app(over);
  return { appid, secret, token: await emu.token(appid, secret) };
}

describe('answer shapes', () => {
  let emu: Emu;
  before(async () => {
    emu = await emulator({ publishDelayMs: 50 });
  });
  after(() => emu.close());

  async function publish(token: string, title: string) {
    const sub = await emu.wx('/cgi-bin/freepublish/submit', { token, body: { media_id: await emu.draft(token, { title }) } });
    await emu.advance(100);
    return sub;
  }

  test('live by default: submit is {errcode, errmsg, publish_id:<number>}; get echoes a number; batchget has update_time in content', async () => {
    const { token } = await account(emu);
    const sub = await publish(token, 'live one');
    assert.deepEqual(Object.keys(sub).sort(), ['errcode', 'errmsg', 'publish_id']);
    assert.equal(typeof sub.publish_id, 'number');
    assert.ok(sub.publish_id > 2 ** 31);
    // The number answered is the id freepublish/get accepts, as a number or as a string.
    for (const publish_id of [sub.publish_id, String(sub.publish_id)]) {
      const r = await emu.wx('/cgi-bin/freepublish/get', { token, body: { publish_id } });
      assert.equal(r.publish_status, 0);
      assert.equal(r.publish_id, sub.publish_id);
    }
    const list = await emu.wx('/cgi-bin/freepublish/batchget', { token, body: { offset: 0, count: 20, no_content: 1 } });
    const item = list.item[0];
    assert.deepEqual(Object.keys(item).sort(), ['article_id', 'content']);
    assert.deepEqual(Object.keys(item.content).sort(), ['create_time', 'news_item', 'update_time']);
    assert.equal(typeof item.content.update_time, 'number');
    assert.equal(item.content.news_item[0].title, 'live one');
  });

  test('doc shapes per app; a later post changes one key and keeps the others', async () => {
    const { appid, secret, token } = await account(emu, { answers: { submit: 'doc', batchget: 'doc' } });
    const sub = await publish(token, 'doc one');
    assert.deepEqual(Object.keys(sub).sort(), ['errcode', 'errmsg', 'msg_data_id', 'publish_id']);
    assert.equal(typeof sub.publish_id, 'string');
    assert.equal(typeof sub.msg_data_id, 'string');
    assert.match(sub.publish_id, /^\d+$/);
    const asNumber = await emu.wx('/cgi-bin/freepublish/get', { token, body: { publish_id: Number(sub.publish_id) } });
    assert.equal(asNumber.publish_id, Number(sub.publish_id));
    const list = await emu.wx('/cgi-bin/freepublish/batchget', { token, body: { offset: 0, count: 20, no_content: 1 } });
    assert.deepEqual(Object.keys(list.item[0]).sort(), ['article_id', 'content', 'update_time']);
    assert.deepEqual(Object.keys(list.item[0].content), ['news_item']);

    const again = await emu.ctl('POST', '/__control/wechat/apps', {
      appid,
      secret,
      type: 'service',
      entity: 'company',
      verified: true,
      answers: { getId: 'string' },
    });
    assert.deepEqual(again.json.answers, { submit: 'doc', batchget: 'doc', getId: 'string' });
    const asString = await emu.wx('/cgi-bin/freepublish/get', { token, body: { publish_id: sub.publish_id } });
    assert.equal(asString.publish_id, sub.publish_id);
    const published = (await emu.ctl('GET', `/__control/wechat/published?appid=${appid}`)).json;
    assert.equal(published[0].msg_data_id, sub.msg_data_id);
  });

  test('bad answers and the retired publishIdAsNumber are refused with 400', async () => {
    const base = { appid: 'wxshapes00000001', secret: 's', type: 'service', entity: 'company', verified: true };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ answers: { submit: 'number' } }, /answers\.submit must be one of live, doc/],
      [{ answers: { shape: 'live' } }, /answers\.shape is not a setting/],
      [{ answers: 'live' }, /answers must be an object/],
      [{ publishIdAsNumber: true }, /publishIdAsNumber is gone/],
    ];
    for (const [over, message] of cases) {
      const r = await emu.ctl('POST', '/__control/wechat/apps', { ...base, ...over });
      assert.equal(r.status, 400, JSON.stringify(over));
      assert.match(r.json.error, message);
    }
  });
});

describe('quota defaults of a new account', () => {
  let emu: Emu;
  before(async () => {
    emu = await emulator({ publishDelayMs: 10 });
  });
  after(() => emu.close());

  const limitOf = async (token: string, cgi_path: string) =>
    (await emu.wx('/cgi-bin/openapi/quota/get', { token, body: { cgi_path } })).quota.daily_limit as number;

  test('openapi/quota/get answers the API_Call_Limits table; paths it does not name get 100,000', async () => {
    const { token } = await account(emu);
    const expected: [string, number][] = [
      ['/cgi-bin/token', 2000],
      ['/cgi-bin/stable_token', 500_000],
      ['/cgi-bin/draft/add', 1000],
      ['/cgi-bin/draft/get', 500],
      ['/cgi-bin/draft/delete', 1000],
      ['/cgi-bin/draft/update', 1000],
      ['/cgi-bin/draft/count', 1000],
      ['/cgi-bin/draft/batchget', 1000],
      ['/cgi-bin/freepublish/submit', 100],
      ['/cgi-bin/freepublish/get', 100],
      ['/cgi-bin/freepublish/delete', 10],
      ['/cgi-bin/freepublish/getarticle', 100],
      ['/cgi-bin/freepublish/batchget', 100],
      ['/cgi-bin/message/mass/sendall', 100],
      ['/cgi-bin/message/mass/send', 100],
      ['/cgi-bin/user/get', 500],
      ['/cgi-bin/material/add_material', 100_000],
      ['/cgi-bin/tags/get', 100_000],
    ];
    for (const [path, limit] of expected) assert.equal(await limitOf(token, path), limit, path);
  });

  test('sendall and send draw on one limit (高级群发接口)', async () => {
    const { appid, token } = await account(emu);
    await emu.ctl('POST', '/__control/wechat/quota', { appid, path: '/cgi-bin/message/mass/send', dailyLimit: 1 });
    assert.equal(await limitOf(token, '/cgi-bin/message/mass/sendall'), 1);
    const first = await emu.wx('/cgi-bin/message/mass/sendall', { token, body: { filter: { is_to_all: true }, msgtype: 'mpnews', mpnews: { media_id: 'x' } } });
    assert.equal(first.errcode, 40007);
    const second = await emu.wx('/cgi-bin/message/mass/send', { token, body: { touser: ['a', 'b'], msgtype: 'mpnews', mpnews: { media_id: 'x' } } });
    assert.equal(second.errcode, 45009);
  });

  test('the 101st freepublish/submit of a Beijing day answers 45009 and publishes nothing', async () => {
    await emu.startOfBeijingDay();
    const { appid, secret, token } = await account(emu);
    const thumb = await emu.thumb(token);
    const drafts: string[] = [];
    for (let i = 0; i < 101; i++) drafts.push(await emu.draft(token, { title: `post ${i}`, thumb_media_id: thumb }));
    for (let i = 0; i < 100; i++) {
      const r = await emu.wx('/cgi-bin/freepublish/submit', { token, body: { media_id: drafts[i] } });
      assert.equal(r.errcode, 0, `submit ${i + 1}: ${JSON.stringify(r)}`);
    }
    const over = await emu.wx('/cgi-bin/freepublish/submit', { token, body: { media_id: drafts[100] } });
    assert.equal(over.errcode, 45009);
    assert.match(over.errmsg, /^reach max api daily quota limit rid: /);
    assert.equal((await emu.ctl('GET', `/__control/wechat/published?appid=${appid}`)).json.length, 100);
    // The next Beijing day the allowance is back.
    await emu.advance(24 * 3600 * 1000);
    const fresh = await emu.token(appid, secret);
    assert.equal((await emu.wx('/cgi-bin/freepublish/submit', { token: fresh, body: { media_id: drafts[100] } })).errcode, 0);
  });
});
