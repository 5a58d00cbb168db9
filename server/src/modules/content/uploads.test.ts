import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { media } from './tables';
import { eq } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { testVideo } from '../../test/media';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const ed = as(t, team.editor);
const put = (m = team.editor, id: string, offset: number, chunk: Buffer) =>
  as(
    t,
    m,
  )({
    method: 'PUT',
    url: `/api/v1/media/uploads/${id}`,
    headers: { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
    payload: chunk,
  });

test('a video in 3 chunks, one resent at a wrong offset (409, then resumed from the server offset) → one media row', async () => {
  const data = testVideo(2);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const c = await ed({ method: 'POST', url: '/api/v1/media/uploads', payload: { filename: 'big.mp4', size: data.length, contentType: 'video/mp4', sha256 } });
  assert.equal(c.statusCode, 201, c.body);
  const { id } = c.json();
  const third = Math.ceil(data.length / 3);
  const parts = [data.subarray(0, third), data.subarray(third, 2 * third), data.subarray(2 * third)];
  assert.equal((await put(team.editor, id, 0, parts[0])).json().upload.received, third);
  // The answer to chunk 1 was "lost": the client resends it at offset 0 → 409 with the true offset.
  const dup = await put(team.editor, id, 0, parts[0]);
  assert.equal(dup.statusCode, 409, dup.body);
  assert.equal(dup.json().error.details.received, third);
  const st = (await ed({ method: 'GET', url: `/api/v1/media/uploads/${id}` })).json();
  assert.equal(st.received, third);
  assert.equal((await put(team.editor, id, st.received, parts[1])).json().media, null);
  const last = await put(team.editor, id, 2 * third, parts[2]);
  assert.equal(last.statusCode, 200, last.body);
  const m = last.json().media;
  assert.deepEqual([m.size, m.width, m.height, m.kind], [data.length, 320, 240, 'video']);
  assert.ok(Math.abs(m.durationMs - 2000) <= 100);
  assert.ok(m.posterMediaId);
  const rows = await t.deps.db.select().from(media).where(eq(media.filename, 'big.mp4'));
  assert.equal(rows.length, 1);
  const file = await ed({ method: 'GET', url: m.url });
  assert.ok(file.rawPayload.equals(data));
});

test('a bad sha256 is refused and no media row is made', async () => {
  const data = testVideo(1);
  const c = (
    await ed({
      method: 'POST',
      url: '/api/v1/media/uploads',
      payload: { filename: 'bad.mp4', size: data.length, contentType: 'video/mp4', sha256: 'a'.repeat(64) },
    })
  ).json();
  const r = await put(team.editor, c.id, 0, data);
  assert.equal(r.statusCode, 400, r.body);
  assert.match(r.body, /SHA-256/);
  assert.equal((await t.deps.db.select().from(media).where(eq(media.filename, 'bad.mp4'))).length, 0);
});

test('another workspace cannot see or touch an upload; a guest cannot start one', async () => {
  const c = (await ed({ method: 'POST', url: '/api/v1/media/uploads', payload: { filename: 'x.mp4', size: 10, contentType: 'video/mp4' } })).json();
  assert.equal((await as(t, other.editor)({ method: 'GET', url: `/api/v1/media/uploads/${c.id}` })).statusCode, 404);
  assert.equal((await put(other.editor, c.id, 0, Buffer.alloc(5))).statusCode, 404);
  assert.equal((await ed({ method: 'GET', url: `/api/v1/media/uploads/${c.id}` })).json().received, 0);
  const g = await as(t, team.guest)({ method: 'POST', url: '/api/v1/media/uploads', payload: { filename: 'x.mp4', size: 10, contentType: 'video/mp4' } });
  assert.equal(g.statusCode, 403);
});

test('the size limit MEIYUN_MAX_VIDEO_MB applies to chunked uploads', async () => {
  const r = await ed({ method: 'POST', url: '/api/v1/media/uploads', payload: { filename: 'huge.mp4', size: 4097 * 1024 * 1024, contentType: 'video/mp4' } });
  assert.equal(r.statusCode, 413, r.body);
});
