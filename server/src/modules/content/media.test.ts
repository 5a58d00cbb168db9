import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { multipart, PNG_1x1 } from '../../test/fixtures';
import { testJpeg, testVideo } from '../../test/media';
import { parseProbe, resetProbeCache } from './probe';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const up = (data: Buffer, name: string) => as(t, team.editor)({ method: 'POST', url: '/api/v1/media', ...multipart('file', name, data) });

test('a video upload is probed: 2 s, 320×240, with a poster frame stored as an image', async () => {
  const r = await up(testVideo(2), 'clip.mp4');
  assert.equal(r.statusCode, 201, r.body);
  const m = r.json();
  assert.equal(m.kind, 'video');
  assert.equal(m.width, 320);
  assert.equal(m.height, 240);
  assert.ok(Math.abs(m.durationMs - 2000) <= 100, `duration ${m.durationMs}`);
  assert.ok(m.posterMediaId);
  const poster = await as(t, team.editor)({ method: 'GET', url: m.posterUrl });
  assert.equal(poster.statusCode, 200);
  assert.equal(poster.headers['content-type'], 'image/jpeg');
  assert.deepEqual([...poster.rawPayload.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  // The poster is not listed as an upload of its own.
  const list = (await as(t, team.editor)({ method: 'GET', url: '/api/v1/media?kind=video' })).json();
  assert.deepEqual(
    list.items.map((i: { id: string }) => i.id),
    [m.id],
  );
  const all = (await as(t, team.editor)({ method: 'GET', url: '/api/v1/media' })).json();
  assert.ok(!all.items.some((i: { id: string }) => i.id === m.posterMediaId));
});

test('image dimensions are read from the file', async () => {
  const png = (await up(PNG_1x1, 'dot.png')).json();
  assert.deepEqual([png.width, png.height, png.durationMs, png.posterMediaId], [1, 1, null, null]);
  const jpg = (await up(testJpeg(64, 48), 'red.jpg')).json();
  assert.deepEqual([jpg.kind, jpg.width, jpg.height], ['image', 64, 48]);
});

test('a file that only starts like an MP4 is refused with zh+en', async () => {
  const fake = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(200, 7)]);
  const r = await up(fake, 'fake.mp4');
  assert.equal(r.statusCode, 415, r.body);
  assert.match(r.body, /视频/);
  assert.match(r.body, /not a valid video/);
});

test('list: kind filter, file-name search (LIKE characters literal), pagination', async () => {
  await up(PNG_1x1, '100%_done.png');
  const get = async (qs: string) => (await as(t, team.editor)({ method: 'GET', url: `/api/v1/media?${qs}` })).json();
  const images = await get('kind=image');
  assert.ok(images.items.every((i: { kind: string }) => i.kind === 'image'));
  assert.deepEqual(
    (await get(`q=${encodeURIComponent('%_')}`)).items.map((i: { filename: string }) => i.filename),
    ['100%_done.png'],
  );
  assert.equal((await get('q=CLIP')).items.length, 1);
  const p1 = await get('pageSize=1&page=2');
  assert.equal(p1.items.length, 1);
  assert.ok(p1.total >= 4);
});

test('without ffprobe the upload still works and the facts stay null', async () => {
  const saved = process.env.PATH;
  process.env.PATH = '/nonexistent';
  resetProbeCache();
  try {
    const r = await up(PNG_1x1, 'noprobe.png');
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual([r.json().width, r.json().height], [null, null]);
  } finally {
    process.env.PATH = saved;
    resetProbeCache();
  }
});

test('parseProbe refuses a video without a video stream', () => {
  assert.throws(() => parseProbe({ streams: [{ codec_type: 'audio' }], format: { duration: '2' } }, 'video'), /not a valid video/);
  assert.deepEqual(parseProbe({ streams: [{ codec_type: 'video', codec_name: 'h264', width: 8, height: 6 }], format: { duration: '1.5' } }, 'video'), {
    kind: 'video',
    width: 8,
    height: 6,
    durationMs: 1500,
    codec: 'h264',
  });
});
