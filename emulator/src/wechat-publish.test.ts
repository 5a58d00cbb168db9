// WeChat OA emulator: publishing, forced outcomes, faults, quotas, rights, concurrency.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Emu, type Json, emulator } from './testkit';

async function account(emu: Emu, over: Record<string, unknown> = {}) {
  const { appid, secret } = await emu.app(over);
  return { appid, secret, token: await emu.token(appid, secret) };
}

describe('publishing', () => {
  let emu: Emu;
  before(async () => {
    emu = await emulator({ publishDelayMs: 150 });
  });
  after(() => emu.close());

  test('submit → status 1 → 0 with article URL; publish_id accepted as string or number', async () => {
    const { appid, token } = await account(emu);
    const mediaId = await emu.draft(token, { title: 'Launch day' });
    const sub = await emu.wx('/cgi-bin/freepublish/submit', { token, body: { media_id: mediaId } });
    // The live shape by default: a bare number above 2^31 and no msg_data_id.
    assert.deepEqual(Object.keys(sub).sort(), ['errcode', 'errmsg', 'publish_id']);
    assert.equal(sub.errcode, 0);
    assert.equal(sub.errmsg, 'ok');
    assert.ok(Number.isSafeInteger(sub.publish_id) && sub.publish_id > 2 ** 31, String(sub.publish_id));

    const pending = await emu.wx('/cgi-bin/freepublish/get', { token, body: { publish_id: String(sub.publish_id) } });
    assert.deepEqual(pending, { publish_id: sub.publish_id, publish_status: 1, fail_idx: [] });
    // Publishing hides the draft from the draft box.
    assert.deepEqual(await emu.wx('/cgi-bin/draft/count', { token }), { total_count: 0 });

    await new Promise((r) => setTimeout(r, 200));
    const done = await emu.wx('/cgi-bin/freepublish/get', { token, body: { publish_id: sub.publish_id } });
    assert.equal(done.publish_status, 0);
    assert.equal(done.publish_id, sub.publish_id);
    assert.equal(typeof done.article_id, 'string');
    assert.equal(done.article_detail.count, 1);
    assert.equal(done.article_detail.item[0].idx, 1);
    assert.match(done.article_detail.item[0].article_url, /^http:\/\/mp\.weixin\.qq\.com\/s\?__biz=.*&mid=\d+&idx=1&sn=/);
    assert.deepEqual(done.fail_idx, []);

    // A successful publish removes the draft for good; resubmitting it fails.
    assert.equal((await emu.wx('/cgi-bin/draft/get', { token, body: { media_id: mediaId } })).errcode, 40007);
    assert.equal((await emu.wx('/cgi-bin/freepublish/submit', { token, body: { media_id: mediaId } })).errcode, 40007);

    const list = await emu.wx('/cgi-bin/freepublish/batchget', { token, body: { offset: 0, count: 20, no_content: 0 } });
    assert.equal(list.total_count, 1);
    assert.equal(list.item[0].article_id, done.article_id);
    const item = list.item[0].content.news_item[0];
    assert.equal(item.title, 'Launch day');
    assert.equal(item.url, done.article_detail.item[0].article_url);
    assert.equal(item.is_deleted, false);
    assert.equal(typeof list.item[0].content.update_time, 'number');

    const art = await emu.wx('/cgi-bin/freepublish/getarticle', { token, body: { article_id: done.article_id } });
    assert.equal(art.news_item[0].content, '<p>body</p>');
    const published = (await emu.ctl('GET', `/__control/wechat/published?appid=${appid}`)).json;
    assert.equal(published.length, 1);
    assert.equal(published[0].status, 0);
    assert.equal(published[0].title, 'Launch day');
    assert.equal(published[0].media_id, mediaId);
    assert.equal(published[0].publish_id, String(sub.publish_id));
    assert.match(published[0].msg_data_id, /^\d+$/);

    // Deleting every article: is_deleted, status 5, gone from the success list.
    assert.deepEqual(
      await emu.wx('/cgi-bin/freepublish/delete', { token, body: { article_id: done.article_id, index: 1 } }),
      { errcode: 0, errmsg: 'ok' },
    );
    const after = await emu.wx('/cgi-bin/freepublish/getarticle', { token, body: { article_id: done.article_id } });
    assert.equal(after.news_item[0].is_deleted, true);
    const five = await emu.wx('/cgi-bin/freepublish/get', { token, body: { publish_id: sub.publish_id } });
    assert.equal(five.publish_status, 5);
    assert.equal((await emu.wx('/cgi-bin/freepublish/batchget', { token, body: { offset: 0, count: 20 } })).total_count, 0);
  });

  test('unknown draft 40007, unknown article 53600, bad count 40035', async () => {
    const { token } = await account(emu);
    assert.equal((await emu.wx('/cgi-bin/freepublish/submit', { token, body: { media_id: 'nope' } })).errcode, 40007);
    assert.equal((await emu.wx('/cgi-bin/freepublish/submit', { token, body: {} })).errcode, 40007);
    const art = await emu.wx('/cgi-bin/freepublish/getarticle', { token, body: { article_id: 'nope' } });
    assert.equal(art.errcode, 53600);
    assert.ok(art.errmsg.startsWith('Article ID 无效'));
    assert.equal((await emu.wx('/cgi-bin/freepublish/batchget', { token, body: { offset: 0, count: 21 } })).errcode, 40035);
  });

  test('personal or unverified accounts have no publishing rights: 48001', async () => {
    for (const over of [{ entity: 'personal', verified: true }, { entity: 'company', verified: false }]) {
      const { token } = await account(emu, over);
      const mediaId = await emu.draft(token);
      const r = await emu.wx('/cgi-bin/freepublish/submit', { token, body: { media_id: mediaId } });
      assert.equal(r.errcode, 48001, JSON.stringify(over));
      assert.ok(r.errmsg.startsWith('api unauthorized'));
    }
  });

  test('forced outcomes 2, 3, 4, 6 with fail_idx; a failed draft returns to the draft box', async () => {
    const { appid, token } = await account(emu);
    const expectations: [number, number[]][] = [[2, [2]], [3, [2]], [4, [2]], [6, [2]]];
    for (const [status, failIdx] of expectations) {
      await emu.ctl('POST', '/__control/wechat/publish-outcome', { appid, status, titleContains: 'risky' });
      const thumb = await emu.thumb(token);
      const { media_id } = await emu.wx('/cgi-bin/draft/add', {
        token,
        body: {
          articles: [
            { title: 'safe', content: 'a', thumb_media_id: thumb },
            { title: 'risky take', content: 'b', thumb_media_id: thumb },
          ],
        },
      });
      const sub = await emu.wx('/cgi-bin/freepublish/submit', { token, body: { media_id } });
      await emu.advance(200);
      const r = await emu.wx('/cgi-bin/freepublish/get', { token, body: { publish_id: sub.publish_id } });
      assert.equal(r.publish_status, status);
      assert.deepEqual(r.fail_idx, failIdx, `status ${status}`);
      assert.equal(r.article_detail, undefined);
      const back = await emu.wx('/cgi-bin/draft/get', { token, body: { media_id } });
      assert.equal(back.errcode === undefined, status !== 6, `draft back after status ${status}`);
    }
    // The rule is used up; a title that does not match never triggers it.
    await emu.ctl('POST', '/__control/wechat/publish-outcome', { appid, status: 4, titleContains: 'nomatch' });
    const mediaId = await emu.draft(token, { title: 'plain' });
    const sub = await emu.wx('/cgi-bin/freepublish/submit', { token, body: { media_id: mediaId } });
    await emu.advance(200);
    assert.equal((await emu.wx('/cgi-bin/freepublish/get', { token, body: { publish_id: sub.publish_id } })).publish_status, 0);
    const list = await emu.wx('/cgi-bin/freepublish/batchget', { token, body: { offset: 0, count: 20 } });
    assert.equal(list.total_count, 1);
  });
});

describe('faults', () => {
  let emu: Emu;
  before(async () => {
    emu = await emulator({ publishDelayMs: 50 });
  });
  after(() => emu.close());
  const fault = (body: Record<string, unknown>) => emu.ctl('POST', '/__control/wechat/faults', body);

  test('errcode: the next `times` matching calls, then normal; appid-scoped rules', async () => {
    const { appid, token } = await account(emu);
    const other = await account(emu);
    const r = await fault({ path: '/cgi-bin/draft/count', appid, mode: 'errcode', errcode: -1, times: 2 });
    assert.equal(r.status, 200);
    assert.equal(typeof r.json.id, 'string');
    assert.deepEqual(await emu.wx('/cgi-bin/draft/count', { token: other.token }), { total_count: 0 });
    for (let i = 0; i < 2; i++) {
      const e = await emu.wx('/cgi-bin/draft/count', { token });
      assert.equal(e.errcode, -1);
      assert.match(e.errmsg, /^system error rid: /);
    }
    assert.deepEqual(await emu.wx('/cgi-bin/draft/count', { token }), { total_count: 0 });
    await fault({ path: '*', mode: 'errcode', errcode: 45011, errmsg: 'custom text' });
    const e = await emu.wx('/cgi-bin/draft/count', { token });
    assert.equal(e.errcode, 45011);
    assert.match(e.errmsg, /^custom text rid: /);
  });

  test('probability 1 applies while the rule exists; 0 never; DELETE removes all', async () => {
    const { token } = await account(emu);
    await fault({ path: '/cgi-bin/draft/count', mode: 'errcode', errcode: 45009, probability: 1 });
    await fault({ path: '/cgi-bin/draft/batchget', mode: 'errcode', errcode: -1, probability: 0 });
    for (let i = 0; i < 3; i++) assert.equal((await emu.wx('/cgi-bin/draft/count', { token })).errcode, 45009);
    assert.equal((await emu.wx('/cgi-bin/draft/batchget', { token, body: { offset: 0, count: 1 } })).errcode, undefined);
    assert.deepEqual((await emu.ctl('DELETE', '/__control/wechat/faults')).json, { removed: 2 });
    assert.deepEqual(await emu.wx('/cgi-bin/draft/count', { token }), { total_count: 0 });
  });

  test('latency delays the answer', async () => {
    const { token } = await account(emu);
    await fault({ path: '/cgi-bin/draft/count', mode: 'latency', latencyMs: 150 });
    const t0 = Date.now();
    assert.deepEqual(await emu.wx('/cgi-bin/draft/count', { token }), { total_count: 0 });
    assert.ok(Date.now() - t0 >= 140, `took ${Date.now() - t0} ms`);
  });

  test('timeout holds the request until the client gives up; nothing is performed', async () => {
    const { appid, token } = await account(emu);
    const mediaId = await emu.draft(token);
    await fault({ path: '/cgi-bin/freepublish/submit', mode: 'timeout' });
    await assert.rejects(
      fetch(`${emu.url}/cgi-bin/freepublish/submit?access_token=${token}`, {
        method: 'POST',
        body: JSON.stringify({ media_id: mediaId }),
        signal: AbortSignal.timeout(200),
      }),
      (e: Error) => e.name === 'TimeoutError' || e.name === 'AbortError',
    );
    assert.equal((await emu.ctl('GET', `/__control/wechat/published?appid=${appid}`)).json.length, 0);
    const sub = await emu.wx('/cgi-bin/freepublish/submit', { token, body: { media_id: mediaId } });
    assert.equal(sub.errcode, 0);
  });

  test('a held request does not keep close() waiting', async () => {
    const own = await emulator();
    const { appid, secret } = await own.app();
    await own.ctl('POST', '/__control/wechat/faults', { path: '/cgi-bin/token', mode: 'timeout' });
    const pending = fetch(`${own.url}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await own.close();
    assert.ok(Date.now() - t0 < 1000);
    await assert.rejects(pending);
  });

  test('drop_after_accept: the publish is recorded, the client sees a socket error', async () => {
    const { appid, token } = await account(emu);
    const mediaId = await emu.draft(token, { title: 'lost answer' });
    await fault({ path: '/cgi-bin/freepublish/submit', appid, mode: 'drop_after_accept' });
    await assert.rejects(
      fetch(`${emu.url}/cgi-bin/freepublish/submit?access_token=${token}`, {
        method: 'POST',
        body: JSON.stringify({ media_id: mediaId }),
      }),
      (e: Error) => e instanceof TypeError,
    );
    const published = (await emu.ctl('GET', `/__control/wechat/published?appid=${appid}`)).json;
    assert.equal(published.length, 1);
    assert.equal(published[0].media_id, mediaId);
    // Reconciling through freepublish/batchget finds it once it has finished.
    await emu.advance(100);
    const list = await emu.wx('/cgi-bin/freepublish/batchget', { token, body: { offset: 0, count: 20, no_content: 1 } });
    assert.equal(list.total_count, 1);
    assert.equal(list.item[0].content.news_item[0].title, 'lost answer');
    const calls = (await emu.ctl('GET', `/__control/wechat/calls?appid=${appid}&path=/cgi-bin/freepublish/submit`)).json;
    assert.equal(calls.recent[0].fault, 'drop_after_accept');
  });
});

describe('quotas', () => {
  let emu: Emu;
  before(async () => {
    emu = await emulator();
  });
  after(() => emu.close());

  test('daily limit per app and path → 45009; quota/get; clear_quota; 10 a month → 48006', async () => {
    await emu.startOfBeijingDay();
    const { appid, token } = await account(emu);
    const set = await emu.ctl('POST', '/__control/wechat/quota', { appid, path: '/cgi-bin/draft/count', dailyLimit: 2 });
    assert.equal(set.status, 200);
    await emu.wx('/cgi-bin/draft/count', { token });
    await emu.wx('/cgi-bin/draft/count', { token });
    const over = await emu.wx('/cgi-bin/draft/count', { token });
    assert.equal(over.errcode, 45009);
    assert.match(over.errmsg, /^reach max api daily quota limit rid: /);
    const q = await emu.wx('/cgi-bin/openapi/quota/get', { token, body: { cgi_path: '/cgi-bin/draft/count' } });
    assert.deepEqual(q, { errcode: 0, errmsg: 'ok', quota: { daily_limit: 2, used: 2, remain: 0 } });
    const tq = await emu.wx('/cgi-bin/openapi/quota/get', { token, body: { cgi_path: '/cgi-bin/token' } });
    assert.equal(tq.quota.daily_limit, 2000);
    assert.equal(tq.quota.used, 1);
    assert.equal((await emu.wx('/cgi-bin/openapi/quota/get', { token, body: { cgi_path: '/nope' } })).errcode, 76021);

    assert.deepEqual(await emu.wx('/cgi-bin/clear_quota', { token, body: { appid } }), { errcode: 0, errmsg: 'ok' });
    assert.deepEqual(await emu.wx('/cgi-bin/draft/count', { token }), { total_count: 0 });
    for (let i = 2; i <= 10; i++) {
      assert.equal((await emu.wx('/cgi-bin/clear_quota', { token, body: { appid } })).errcode, 0);
    }
    const eleventh = await emu.wx('/cgi-bin/clear_quota', { token, body: { appid } });
    assert.equal(eleventh.errcode, 48006);
    assert.equal((await emu.wx('/cgi-bin/clear_quota', { token, body: { appid: 'wxother' } })).errcode, 40013);
  });

  test('quotas roll over at midnight Beijing time', async () => {
    await emu.startOfBeijingDay();
    const { appid, secret, token } = await account(emu);
    await emu.ctl('POST', '/__control/wechat/quota', { appid, path: '/cgi-bin/draft/count', dailyLimit: 1 });
    await emu.wx('/cgi-bin/draft/count', { token });
    assert.equal((await emu.wx('/cgi-bin/draft/count', { token })).errcode, 45009);
    await emu.advance(24 * 3600 * 1000);
    const fresh = await emu.token(appid, secret);
    assert.deepEqual(await emu.wx('/cgi-bin/draft/count', { token: fresh }), { total_count: 0 });
  });
});

describe('concurrency', () => {
  test('1000 concurrent submits are all recorded exactly once', async () => {
    const emu = await emulator({ publishDelayMs: 10 });
    try {
      const { appid, token } = await account(emu);
      // A large account: far above a new account's 100 submits a day.
      await emu.ctl('POST', '/__control/wechat/quota', { appid, path: '/cgi-bin/freepublish/submit', dailyLimit: 5000 });
      const thumb = await emu.thumb(token);
      // Drafts over a few reused connections; the submits below all at once.
      const drafts: string[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < 1000) {
            const i = next++;
            drafts[i] = await emu.draft(token, { title: `post ${i}`, thumb_media_id: thumb });
          }
        }),
      );
      assert.equal(new Set(drafts).size, 1000);
      const subs = await Promise.all(
        drafts.map((media_id) => emu.wx('/cgi-bin/freepublish/submit', { token, body: { media_id } })),
      );
      assert.ok(subs.every((r) => r.errcode === 0));
      assert.equal(new Set(subs.map((r) => r.publish_id)).size, 1000);
      const published = (await emu.ctl('GET', `/__control/wechat/published?appid=${appid}`)).json as Json[];
      assert.equal(published.length, 1000);
      assert.equal(new Set(published.map((p) => p.media_id)).size, 1000);
      assert.deepEqual(new Set(published.map((p) => p.media_id)), new Set(drafts));
    } finally {
      await emu.close();
    }
  });
});
