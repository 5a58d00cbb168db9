import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { media } from '../modules/content/tables';
import type { TestEnv } from './app';
import { PNG_1x1 } from './fixtures';

/** A real MP4 made by ffmpeg's test source (320×240, 25 fps, `seconds` long). */
export function testVideo(seconds = 2): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'meiyun-vid-'));
  const out = path.join(dir, 'x.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-t', String(seconds), '-pix_fmt', 'yuv420p', out]);
  return readFileSync(out);
}

/** A real JPEG of the given size, also from ffmpeg. */
export function testJpeg(w: number, h: number): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'meiyun-img-'));
  const out = path.join(dir, 'x.jpg');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `color=c=red:size=${w}x${h}`, '-frames:v', '1', out]);
  return readFileSync(out);
}

/**
 * A cover and a video in a workspace's library, stored the way an upload is (the engine tests'
 * video platforms). The video is not a real MP4: neither the adapters nor the emulator decode it.
 */
export async function coverAndVideo(
  t: Pick<TestEnv, 'deps'>,
  workspaceId: string,
  uploadedBy: string,
  video: { fill: number; width: number; height: number },
): Promise<{ coverId: string; videoId: string }> {
  const put = async (data: Buffer, filename: string, contentType: string, meta: { width: number; height: number; durationMs?: number }) => {
    const { key, sha256 } = await t.deps.storage.put(data);
    const [m] = await t.deps.db.insert(media).values({ workspaceId, filename, contentType, size: data.length, sha256, storageKey: key, uploadedBy, ...meta }).returning();
    return m.id;
  };
  return {
    coverId: await put(PNG_1x1, 'cover.png', 'image/png', { width: 1, height: 1 }),
    videoId: await put(Buffer.alloc(4096, video.fill), 'clip.mp4', 'video/mp4', { width: video.width, height: video.height, durationMs: 15_000 }),
  };
}
