// A large video into the media library from the browser: it goes in chunks with a progress bar;
// one chunk is cut off on the way (the browser sees a network error) and the upload goes on from
// the server's count; paused and resumed; then the library shows it with its size, resolution,
// length and poster frame.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Route } from 'playwright-core';
import { shot, stepper, until, visibleText, withFailureShots } from './harness';
import { chooseFiles, type Person, ownerSession } from './ui';

const T = 'media-upload';
const owner: Person = { name: '视频运营', email: 'lead@media-upload.test', password: 'correct-horse-9' };
const session = ownerSession('media-upload', owner, '短视频组');
const MB = 1024 * 1024;

/** A real 640×360, 3 s MP4 (moov first), padded with an MP4 `free` box to `bytes`, so it takes three 8 MB chunks. */
function paddedVideo(dir: string, bytes: number): string {
  const raw = path.join(dir, 'raw.mp4');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=640x360:rate=25',
    '-t',
    '3',
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    raw,
  ]);
  const video = readFileSync(raw);
  const free = Buffer.alloc(bytes - video.length);
  free.writeUInt32BE(free.length, 0);
  free.write('free', 4, 'latin1');
  const out = path.join(dir, '新品开箱.mp4');
  writeFileSync(out, Buffer.concat([video, free]));
  return out;
}

async function call(pathname: string, method: string, body: unknown): Promise<{ status: number; json: { id: string } }> {
  return session.page.evaluate(
    async ([p, m, b]) => {
      const r = await fetch(`/api/v1${p}`, { method: m as string, headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
      return { status: r.status, json: await r.json() };
    },
    [pathname, method, body] as const,
  );
}

test('a 17.5 MB video uploads in chunks, survives a cut chunk and a pause, and shows its facts', { timeout: 240_000 }, (t) =>
  withFailureShots(T, session.pages, async () => {
    const step = stepper(t);
    const page = session.page;

    step('a video account and a post for it, through the API');
    const account = await call('/accounts', 'POST', { platform: 'kuaishou', name: '品牌快手号', approvalSteps: 0 });
    assert.equal(account.status, 201, JSON.stringify(account.json));
    const post = await call('/posts', 'POST', { title: '新品开箱', bodyHtml: '<p>开箱视频</p>', accountIds: [account.json.id] });
    assert.equal(post.status, 201);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'meiyun-e2e-video-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = paddedVideo(dir, Math.round(17.5 * MB));

    step('chunk requests watched: the 2nd is cut off, the 4th held until the test lets it go');
    const puts: number[] = [];
    const gets: string[] = [];
    let hold: (() => void) | null = null;
    await page.route('**/api/v1/media/uploads/*', async (route: Route) => {
      const req = route.request();
      if (req.method() === 'GET') {
        gets.push(req.url());
        return route.continue();
      }
      if (req.method() !== 'PUT') return route.continue();
      puts.push(Number(req.headers()['upload-offset']));
      const n = puts.length;
      if (n === 2) {
        // Long enough to see the bar part-way, then the connection drops.
        await new Promise((r) => setTimeout(r, 1500));
        return route.abort('connectionreset');
      }
      if (n === 4) {
        await new Promise<void>((r) => (hold = r));
        // The page aborted it when paused: nothing is left to let through.
        return route.continue().catch(() => {});
      }
      return route.continue();
    });

    step('the video field of the variant opens the library; the file goes in');
    await page.goto(`/posts/${post.json.id}`);
    await page.getByTestId(`variant-tab-${account.json.id}`).click();
    await page.getByTestId('variant-video-pick').click();
    const library = page.getByRole('dialog').filter({ hasText: '素材库' });
    await chooseFiles(page, library, file);

    const item = library.getByTestId('upload-item');
    await item.waitFor();
    await until('the first chunk confirmed', async () => Number(await item.getAttribute('data-sent')) === 8 * MB);
    assert.match(await visibleText(item.getByTestId('upload-progress')), /45%/);
    assert.match(await visibleText(item.getByTestId('upload-state')), /上传中 · 8\.0 MB \/ 17\.5 MB/);
    await shot(page, T, 'progress');

    step('the cut chunk: retrying, the server asked, the same offset sent again');
    await until('retrying shown', async () => (await item.getAttribute('data-state')) === 'retrying', { timeoutMs: 10_000 });
    assert.match(await visibleText(item), /正在从服务器已收到的位置续传/);
    await until('the 4th chunk request', () => puts.length >= 4 && hold !== null, { timeoutMs: 20_000 });
    assert.deepEqual(puts.slice(0, 4), [0, 8 * MB, 8 * MB, 16 * MB]);
    assert.ok(gets.length >= 1, 'the client asked the server its offset after the failure');

    step('paused while the last chunk is in flight, then resumed');
    await item.getByTestId('upload-pause').click();
    await until('paused', async () => (await item.getAttribute('data-state')) === 'paused');
    (hold as (() => void) | null)?.();
    assert.match(await visibleText(item.getByTestId('upload-state')), /已暂停 · 16\.0 MB \/ 17\.5 MB/);
    await shot(page, T, 'paused');
    const getsBefore = gets.length;
    await item.getByTestId('upload-resume').click();

    step('done: the library shows the video with its facts and poster');
    await page.locator('.ant-message-notice', { hasText: '已上传 新品开箱.mp4' }).first().waitFor({ timeout: 30_000 });
    assert.ok(gets.length > getsBefore, 'the resume asked the server its offset');
    assert.equal(puts[puts.length - 1], 16 * MB);
    await library.getByTestId('upload-list').waitFor({ state: 'detached' });
    const card = library.getByTestId('media-item').filter({ hasText: '新品开箱.mp4' });
    await card.waitFor();
    assert.equal(await visibleText(card.getByTestId('media-facts')), '17.5 MB · 640×360 · 0:03');
    const poster = card.getByTestId('media-poster');
    await until('the poster frame to load', () => poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 640));
    await shot(page, T, 'library');

    step('picked, the variant names it with the same facts');
    await card.click();
    await library.waitFor({ state: 'hidden' });
    assert.match(await visibleText(page.getByTestId('variant-video')), /新品开箱\.mp4 · 17\.5 MB · 640×360 · 0:03/);
    const rows = await page.evaluate(async () => (await (await fetch('/api/v1/media?kind=video')).json()).items.length);
    assert.equal(rows, 1, 'one media row for the one upload');
  }),
);
