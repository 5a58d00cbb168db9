// Users' messages by push and customer-service replies, against the emulator over HTTP: messages
// of every type arrive through the account's callback URL (safe mode: signed and encrypted),
// one thread per user, non-text as a placeholder with the pushed fields kept; WeChat's repeat of
// a push stores nothing more and every push is answered well within 5 s. Replies: sent once and
// threaded; refused after the 48 h window (409, nothing sent); WeChat's own 45015 fails the reply
// with its reason; a send whose outcome is unknown is never repeated by the worker: a person
// decides, `resend` sends it once, `sent` sends nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as } from '../../test/app';
import { wechatMessaging } from '../../test/inbox-messages';
import { publishingEnv } from '../../test/publishing';
import { processReply } from './reply-send';

const e = await publishingEnv({ worker: false, env: { MEIYUN_PLATFORM_TIMEOUT_MS: '1000' } });
const base = await e.app.listen({ host: '127.0.0.1', port: 0 });
const LATER = () => new Date(Date.now() + 3_600_000);
type Reply = { id: string; state: string; error: string | null; needsDecision: boolean };

async function messaged(text = '你好，请问退款多久到账？') {
  const m = await wechatMessaging(e, base);
  const openid = m.openid();
  await m.send({ openid, content: text });
  await m.delivered();
  const [item] = await m.items();
  return { ...m, openid, item };
}

async function reply(m: Awaited<ReturnType<typeof messaged>>, text: string) {
  const r = await as(e, m.team.editor)({ method: 'POST', url: `/api/v1/inbox/${m.item.id}/replies`, payload: { text } });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as Reply;
}
const repliesOf = async (m: Awaited<ReturnType<typeof messaged>>) =>
  (await as(e, m.team.editor)({ method: 'GET', url: `/api/v1/inbox/${m.item.id}/replies` })).json() as Reply[];
const decide = (m: Awaited<ReturnType<typeof messaged>>, id: string, outcome: string) =>
  as(e, m.team.editor)({ method: 'POST', url: `/api/v1/inbox/replies/${id}/decide`, payload: { outcome } });

test('messages of every type arrive by push (safe mode), one thread per user, placeholders with the raw fields; a repeated push is stored once', async (t) => {
  const m = await wechatMessaging(e, base, 'safe');
  const [a, b] = [m.openid(), m.openid()];
  // One at a time, so the order they arrive in is known.
  for (const msg of [
    { openid: a, content: '快递到哪了' },
    { openid: a, msgType: 'image' },
    { openid: b, msgType: 'location', content: '广州市天河区' },
    { openid: a, msgType: 'voice', content: '我要退款' },
    { openid: b, msgType: 'link', content: '活动链接', url: 'https://example.com/a' },
    { openid: b, content: '没有消息编号', noMsgId: true },
  ]) {
    await m.send(msg);
    await m.delivered();
  }
  const pushes = await m.pushes();
  assert.ok(
    pushes.every((p) => p.state === 'delivered' && p.attempts.length === 1 && p.attempts[0].ms < 5000),
    JSON.stringify(pushes.map((p) => p.attempts)),
  );
  const ms = pushes.map((p) => p.attempts[0].ms).sort((x, y) => x - y);
  t.diagnostic(`push answered in ${ms.join(', ')} ms (WeChat waits 5000)`);
  const byText = new Map((await m.items()).map((i) => [i.text, i]));
  const thread = (texts: string[]) => texts.map((t) => [byText.get(t)?.author_id, byText.get(t)?.root, byText.get(t)?.source]);
  assert.deepEqual(thread(['快递到哪了', '[图片] / [image]', '[语音] / [voice] 我要退款']), Array(3).fill([a, byText.get('快递到哪了')?.external_id, 'push']));
  const located = '[位置] / [location] 广州市天河区 (23.134521, 113.358803)';
  assert.deepEqual(
    thread([located, '[链接] / [link] 活动链接 https://example.com/a', '没有消息编号']),
    Array(3).fill([b, byText.get(located)?.external_id, 'push']),
  );
  const items = ['快递到哪了', '[图片] / [image]', located, '[语音] / [voice] 我要退款', '[链接] / [link] 活动链接 https://example.com/a', '没有消息编号'].map(
    (t) => byText.get(t) as NonNullable<ReturnType<typeof byText.get>>,
  );
  const image = items[1].raw as Record<string, string>;
  assert.equal(image.MsgType, 'image');
  assert.match(image.PicUrl, /^http/);
  assert.ok(image.MediaId);
  assert.match(items[5].external_id, new RegExp(`^${b}_\\d+$`), 'without MsgId: sender and time');
  // WeChat repeats a push it got no answer to: the same body again stores nothing.
  for (const p of pushes) {
    const again = await fetch(p.url, { method: 'POST', body: p.body, headers: { 'content-type': 'text/xml' } });
    assert.equal(await again.text(), 'success');
  }
  assert.equal((await m.items()).length, 6);
  const view = (await as(e, m.team.editor)({ method: 'GET', url: `/api/v1/inbox/${items[3].id}` })).json();
  assert.deepEqual(view.thread.map((i: { text: string }) => i.text).sort(), ['快递到哪了', '[图片] / [image]', '[语音] / [voice] 我要退款'].sort());
  const lastAt = Math.max(...view.thread.map((i: { at: string }) => Date.parse(i.at)));
  assert.equal(Date.parse(view.item.replyWindow.endsAt), lastAt + 48 * 3_600_000, 'the window runs 48 h from the user’s last message');
});

test('a reply is sent once as a customer-service message and threaded; a done thread makes the next message a new thread', async () => {
  const m = await messaged();
  const r = await reply(m, '一般 3 个工作日到账');
  assert.equal(await processReply(e.deps, r.id), 'sent');
  assert.equal(await processReply(e.deps, r.id, { now: LATER() }), null);
  assert.deepEqual(
    (await m.kfSent()).map((x) => [x.touser, x.content]),
    [[m.openid, '一般 3 个工作日到账']],
  );
  const items = await m.items();
  assert.deepEqual(
    items.map((i) => [i.text, i.from_account, i.root]),
    [
      ['你好，请问退款多久到账？', false, m.item.external_id],
      ['一般 3 个工作日到账', true, m.item.external_id],
    ],
  );
  const done = await as(e, m.team.editor)({ method: 'PATCH', url: `/api/v1/inbox/${m.item.id}`, payload: { status: 'done' } });
  assert.equal(done.statusCode, 200, done.body);
  await m.send({ openid: m.openid, content: '又有新问题' });
  await m.delivered();
  const next = (await m.items()).find((i) => i.text === '又有新问题');
  assert.equal(next?.root, next?.external_id, 'a new thread once the old one is done');
});

test('after the 48 h window the reply is refused with 409 and nothing is sent; WeChat’s own 45015 fails the reply with its reason', async () => {
  const m = await wechatMessaging(e, base);
  const openid = m.openid();
  await m.send({ openid, content: '还在吗', at: new Date(Date.now() - 49 * 3_600_000).toISOString() });
  await m.delivered();
  const [old] = await m.items();
  const view = (await as(e, m.team.editor)({ method: 'GET', url: `/api/v1/inbox/${old.id}` })).json();
  assert.ok(Date.parse(view.item.replyWindow.endsAt) < Date.now());
  const late = await as(e, m.team.editor)({ method: 'POST', url: `/api/v1/inbox/${old.id}/replies`, payload: { text: '在的' } });
  assert.equal(late.statusCode, 409, late.body);
  assert.match(late.body, /48 小时/);
  assert.match(late.body, /48 hours/);

  const fresh = await messaged('请问有货吗');
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/message/custom/send', mode: 'errcode', errcode: 45015 });
  const r = await reply(fresh, '有的');
  assert.equal(await processReply(e.deps, r.id), 'failed');
  const [failed] = await repliesOf(fresh);
  assert.match(failed.error ?? '', /45015/);
  assert.match(failed.error ?? '', /48 小时/);
  assert.equal((await fresh.kfSent()).length, 0);
});

test('a timeout after the request was written: unknown, left for a person (never resent by the worker); decide resend sends it once', async () => {
  const m = await messaged();
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/message/custom/send', mode: 'timeout' });
  const r = await reply(m, '稍等，马上为您查询');
  assert.equal(await processReply(e.deps, r.id), 'unknown');
  assert.equal(await processReply(e.deps, r.id, { now: LATER() }), null, 'the worker leaves it alone');
  const [waiting] = await repliesOf(m);
  assert.deepEqual([waiting.state, waiting.needsDecision], ['unknown', true]);
  const again = await as(e, m.team.editor)({ method: 'POST', url: `/api/v1/inbox/${m.item.id}/replies`, payload: { text: '再说一次' } });
  assert.equal(again.statusCode, 409, 'one reply in flight');
  const d = await decide(m, r.id, 'resend');
  assert.equal(d.statusCode, 200, d.body);
  assert.equal((await decide(m, r.id, 'resend')).statusCode, 409, 'decided once');
  assert.equal(await processReply(e.deps, r.id), 'sent');
  assert.deepEqual(
    (await m.kfSent()).map((x) => x.content),
    ['稍等，马上为您查询'],
  );
});

test('the answer lost after WeChat sent it: unknown; decide sent records it and threads it, nothing more is sent', async () => {
  const m = await messaged();
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/message/custom/send', mode: 'drop_after_accept' });
  const r = await reply(m, '已为您登记');
  assert.equal(await processReply(e.deps, r.id), 'unknown');
  assert.equal((await m.kfSent()).length, 1);
  const d = await decide(m, r.id, 'sent');
  assert.equal(d.statusCode, 200, d.body);
  assert.deepEqual([d.json().state, d.json().needsDecision], ['sent', false]);
  assert.equal(await processReply(e.deps, r.id, { now: LATER() }), null);
  assert.equal((await m.kfSent()).length, 1, 'sent once');
  const items = await m.items();
  assert.deepEqual(
    items.map((i) => [i.text, i.from_account]),
    [
      ['你好，请问退款多久到账？', false],
      ['已为您登记', true],
    ],
  );
  const guest = await as(e, m.team.guest)({ method: 'POST', url: `/api/v1/inbox/replies/${r.id}/decide`, payload: { outcome: 'sent' } });
  assert.equal(guest.statusCode, 403);
});
