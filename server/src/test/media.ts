import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

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
