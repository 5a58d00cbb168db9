// An Official Account's metrics sync from the accounts page: "立即同步" queues a run, the backfill
// of the new account fills its days, and the page shows when it was last synced and what WeChat's
// API does not give (likes, 在看: import needed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerWechatApp, shot, stepper, until, visibleText, withFailureShots } from './harness';
import { nav, type Person, ownerSession } from './ui';

const T = 'metrics-sync';
const owner: Person = { name: '数据负责人', email: 'lead@metrics-sync.test', password: 'correct-horse-9' };
const session = ownerSession(T, owner, '数据同步组');
const APPID = 'wx5e1f0c0ffee0a11c';

test('sync now on the accounts page: the backfill runs and the account shows when it was last synced', { timeout: 180_000 }, (t) =>
  withFailureShots(T, session.pages, async () => {
    const step = stepper(t);
    const page = session.page;
    step('a connected Official Account, through the API');
    await registerWechatApp(session.product.emulatorUrl, APPID, 'secret-sync');
    const acc = await page.request.post('/api/v1/accounts', {
      data: { platform: 'wechat_oa', name: '媒运数据号', accountType: 'service', verification: 'verified', approvalSteps: 0 },
    });
    assert.equal(acc.status(), 201, await acc.text());
    const account = (await acc.json()) as { id: string };
    const creds = await page.request.put(`/api/v1/accounts/${account.id}/credentials`, { data: { appId: APPID, appSecret: 'secret-sync' } });
    assert.ok(creds.ok(), await creds.text());

    step('the accounts page shows the sync column; sync now');
    await nav(page, 'accounts', '账号');
    const cell = page.getByTestId('account-sync');
    await cell.waitFor();
    assert.match(await visibleText(cell), /在看/);
    await cell.getByTestId('sync-now').click();
    await until('the sync to finish', async () => /上次同步/.test(await visibleText(cell)), { timeoutMs: 60_000 });
    assert.match(await visibleText(cell), /需导入/);
    await shot(page, T, 'synced');

    step('the backfilled days are stored');
    const r = await page.request.get('/api/v1/analytics/sync');
    const [s] = (await r.json()) as { lastError: string | null; backfill: { done: boolean } }[];
    assert.deepEqual([s.lastError, s.backfill.done], [null, true]);
  }),
);
