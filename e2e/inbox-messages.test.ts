// A WeChat user's message in the browser: the account's push settings entered at the emulator as
// a manager enters them in WeChat's console (safe mode), a user writes to the account, the message
// arrives by push and shows in the inbox with the reply window counting down; the reply goes out
// as a customer-service message, once. A user who wrote 49 hours ago cannot be answered: the box
// is closed and says why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerWechatApp, shot, stepper, until, visibleText, withFailureShots } from './harness';
import { nav, type Person, ownerSession, pageCall } from './ui';

const T = 'inbox-messages';
const APPID = 'wxe2emessages0001';
const owner: Person = { name: '客服主管', email: 'lead@messages.test', password: 'correct-horse-9' };
const session = ownerSession(T, owner, '私信组');

const control = async (method: string, p: string, body?: unknown) => {
  const r = await fetch(`${session.product.emulatorUrl}/__control${p}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  assert.ok(r.ok, `${p}: ${r.status} ${text}`);
  return JSON.parse(text);
};

test('a user’s message arrives by push, is answered within the window as a customer-service message; an old one cannot be', { timeout: 180_000 }, (t) =>
  withFailureShots(T, session.pages, async () => {
    const step = stepper(t);
    const page = session.page;
    step('a WeChat account with its push settings entered at WeChat (safe mode)');
    await registerWechatApp(session.product.emulatorUrl, APPID, 'secret-messages');
    const acc = await pageCall(page, '/accounts', 'POST', {
      platform: 'wechat_oa',
      name: '媒运服务号',
      accountType: 'service',
      verification: 'verified',
      approvalSteps: 0,
    });
    assert.equal(acc.status, 201, JSON.stringify(acc.json));
    const creds = await pageCall(page, `/accounts/${acc.json.id}/credentials`, 'PUT', { appId: APPID, appSecret: 'secret-messages' });
    assert.equal(creds.status, 200, JSON.stringify(creds.json));
    const push = await pageCall(page, `/accounts/${acc.json.id}/callback`, 'PUT', { mode: 'safe' });
    const s = push.json as unknown as { path: string; token: string; aesKey: string };
    const server = (await control('PUT', `/wechat/apps/${APPID}/server`, {
      url: `${session.product.url}${s.path}`,
      token: s.token,
      encodingAESKey: s.aesKey,
      mode: 'safe',
    })) as { ok: boolean };
    assert.equal(server.ok, true, JSON.stringify(server));

    step('two users write: one now, one 49 hours ago');
    await control('POST', '/wechat/messages', {
      appid: APPID,
      openid: 'o-e2e-old-user',
      content: '前天问过的问题还没人回',
      at: new Date(Date.now() - 49 * 3_600_000).toISOString(),
    });
    await control('POST', '/wechat/messages', { appid: APPID, openid: 'o-e2e-user-0001', content: '我的订单什么时候发货？' });
    await until(
      'both pushed',
      async () => ((await control('GET', `/wechat/pushes?appid=${APPID}`)) as { state: string }[]).filter((p) => p.state === 'delivered').length === 2,
    );

    step('收件箱: the message is there, with the reply window counting down');
    await nav(page, 'inbox', '收件箱');
    const items = page.locator('[data-testid^="inbox-item-"]');
    await until('two listed', async () => (await items.count()) === 2, { timeoutMs: 20_000 });
    await items.filter({ hasText: '什么时候发货' }).click();
    const countdown = page.getByTestId('reply-window');
    await countdown.waitFor();
    const first = await visibleText(countdown);
    assert.match(first, /^剩余 4[67]:\d\d:\d\d 可回复$/);
    await until('it counts down', async () => (await visibleText(countdown)) !== first, { timeoutMs: 5000 });
    await shot(page, T, 'window');

    step('the reply goes out once as a customer-service message and is threaded');
    await page.locator('#inbox-reply-text').fill('今天下午发出，请留意物流信息');
    await page.getByTestId('inbox-reply-send').click();
    await page.getByTestId('reply-sent').waitFor({ timeout: 30_000 });
    const sent = (await control('GET', `/wechat/kf/sent?appid=${APPID}`)) as { touser: string; content: string }[];
    assert.deepEqual(
      sent.map((m) => [m.touser, m.content]),
      [['o-e2e-user-0001', '今天下午发出，请留意物流信息']],
    );
    await until('threaded', async () => /今天下午发出/.test(await visibleText(page.locator('.ant-timeline'))), { timeoutMs: 20_000 });

    step('the old message: the window is over, the box is closed and says why');
    await items.filter({ hasText: '前天问过' }).click();
    await page.getByTestId('reply-window-closed').waitFor();
    assert.match(await visibleText(page.getByTestId('reply-window-closed')), /48 小时/);
    assert.equal(await page.getByTestId('inbox-reply-send').isDisabled(), true);
    await shot(page, T, 'closed');
    assert.deepEqual(session.problems, []);
  }),
);
