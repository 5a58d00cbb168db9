// The hand-off route in the browser: a Douyin account without the publishing scope
// (video.create.bind); its post comes due and the drawer shows a QR code and link for the Douyin
// app's share flow. The member asks for a new link, finishes the share "in the app" (the
// emulator's share-complete with the share id the link carries), and the product finds the video
// through the data API and shows the post published with its link.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { SecretBox } from '../server/src/lib/crypto';
import { testVideo } from '../server/src/test/media';
import { shot, stepper, until, withFailureShots } from './harness';
import { cjk, noErrorAlert, ownerSession } from './ui';

const T = 'douyin-handoff';
// The product seals the account's grant with this key; the test plants the grant with it.
const KEY = randomBytes(32).toString('hex');
process.env.MEIYUN_SECRET_KEY = KEY;
const s = ownerSession(T, { name: '周运营', email: 'owner@douyin.example.com', password: 'correct-horse-9' }, '抖音运营');

async function call(method: 'get' | 'post' | 'put', p: string, data?: unknown) {
  const r = await s.page.request[method](`/api/v1${p}`, data === undefined ? {} : { data });
  assert.ok(r.ok(), `${method} ${p}: ${r.status()} ${await r.text()}`);
  return r.json();
}
async function control(p: string, body: unknown) {
  const r = await fetch(`${s.product.emulatorUrl}/__control/douyin${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  assert.ok(r.ok, `${p}: ${r.status} ${text}`);
  return JSON.parse(text);
}

/** A Douyin account connected without video.create.bind: the grant planted as the OAuth callback would store it. */
async function handoffAccount() {
  const app = (await control('/apps', { name: '媒运' })) as { client_key: string; client_secret: string };
  await call('put', '/platform-apps/douyin', { clientId: app.client_key, clientSecret: app.client_secret });
  const scopes = ['user_info', 'video.list.bind', 'video.data.bind'];
  const g = (await control('/accounts', { client_key: app.client_key, scopes })) as { open_id: string; access_token: string; refresh_token: string };
  const account = await call('post', '/accounts', { platform: 'douyin', name: '媒运抖音', approvalSteps: 0 });
  const now = Date.now();
  const grant = {
    accessToken: g.access_token,
    expiresAt: new Date(now + 3600_000).toISOString(),
    refreshToken: g.refresh_token,
    refreshExpiresAt: new Date(now + 30 * 86400_000).toISOString(),
    openId: g.open_id,
    scopes,
    renewalsLeft: 5,
    obtainedAt: new Date(now).toISOString(),
  };
  const sealed = new SecretBox(SecretBox.parseKey(KEY)).seal(JSON.stringify({ grant }));
  const db = new pg.Client({ connectionString: s.product.databaseUrl });
  await db.connect();
  try {
    await db.query('update platform_accounts set platform_id = $1, app_id = $2, scopes = $3, credentials_sealed = $4 where id = $5', [
      g.open_id,
      app.client_key,
      scopes,
      sealed,
      account.id,
    ]);
  } finally {
    await db.end();
  }
  return { id: account.id as string, openId: g.open_id };
}

test('a Douyin hand-off post', { timeout: 180_000 }, (t) =>
  withFailureShots(T, s.pages, async () => {
    const step = stepper(t);
    const page = s.page;
    const account = await handoffAccount();
    const upload = await page.request.post('/api/v1/media', { multipart: { file: { name: '春日vlog.mp4', mimeType: 'video/mp4', buffer: testVideo(2) } } });
    assert.equal(upload.status(), 201, await upload.text());
    const video = await upload.json();
    const post = await call('post', '/posts', { title: '春日 vlog', bodyHtml: '<p>出门走走</p>', accountIds: [account.id] });
    await call('put', `/posts/${post.id}/variants/${account.id}`, { videoMediaId: video.id, text: '春天来了，出门走走', topics: ['春日'] });
    await call('post', `/posts/${post.id}/submit`, {});
    await call('post', `/posts/${post.id}/schedule`, { scheduledAt: new Date(Date.now() + 2000).toISOString() });
    const pub = await until(
      'the publication to wait for the hand-off',
      async () => {
        const list = await call('get', `/publications?postId=${post.id}`);
        const p = list.items[0];
        assert.ok(!p || !['failed', 'needs_attention'].includes(p.state), JSON.stringify(p));
        return p?.state === 'awaiting_manual' ? p : null;
      },
      { timeoutMs: 30_000 },
    );
    step('due: waiting for the member to finish it in the app');

    await page.goto('/publications');
    await page.getByTestId('publication-open').first().click();
    await page.waitForURL(`**/publications/${pub.id}`);
    const card = page.getByTestId('handoff-card');
    await card.waitFor();
    const qr = page.getByTestId('handoff-qr');
    await qr.waitFor();
    assert.ok(((await qr.boundingBox())?.width ?? 0) > 100, 'the QR code is drawn');
    const linkOf = async () => (await page.getByTestId('handoff-link').locator('a').getAttribute('href')) ?? '';
    const first = await linkOf();
    assert.match(first, /^snssdk1128:\/\/openplatform\/share\?/);
    assert.match(await page.getByTestId('handoff-steps').innerText(), /唤起抖音/);
    await card.getByText('链接有效期至').waitFor();
    await shot(page, T, '01-drawer-qr');

    // A new link: another share id, the QR code redrawn.
    await page.getByTestId('handoff-renew').click();
    const renewed = (await until('a new link', async () => {
      const l = await linkOf();
      return l !== first ? l : null;
    })) as string;
    const shareId = new URL(renewed.replace('snssdk1128://', 'https://')).searchParams.get('state');
    assert.ok(shareId, renewed);
    step('new link');

    // The member finishes the share in the Douyin app.
    await control('/share-complete', { share_id: shareId, open_id: account.openId, text: '春天来了，出门走走 #春日' });
    const drawer = page.locator('.ant-drawer');
    await until(
      'the drawer to show it published',
      async () => (await drawer.getByTestId('manual-panel').count()) === 0 && (await drawer.getByText('已发布').count()) > 0,
      { timeoutMs: 45_000 },
    );
    const article = drawer.getByRole('link', { name: cjk('查看已发布的文章') });
    await article.first().waitFor();
    const href = (await article.first().getAttribute('href')) ?? '';
    assert.match(href, /^https:\/\/www\.iesdouyin\.com\/share\/video\/@/);
    await shot(page, T, '02-drawer-published');
    step('found through the data API and linked');

    await page.goto('/calendar');
    const chip = page.locator(`[data-testid="calendar-item"][data-post-id="${post.id}"]`).first();
    await until('the chip to show published', async () => (await chip.getAttribute('data-state')) === 'published');
    await noErrorAlert(page);
    assert.deepEqual(s.problems, []);
  }),
);
