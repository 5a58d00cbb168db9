import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../../lib/errors';

/**
 * What a media file is, read from the file itself (ffprobe from Debian's `ffmpeg` package).
 * Probing never trusts the declared type: a file whose streams do not match its sniffed kind
 * is refused. Without ffprobe on the machine the facts stay null and uploads still work.
 */
export type Probe = { kind: 'image' | 'video'; width: number | null; height: number | null; durationMs: number | null; codec: string | null };

const TIMEOUT_MS = 20_000;
let missingLogged = false;
let available: boolean | null = null;

type Log = { warn: (o: object, msg: string) => void };

function run(cmd: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // No shell: arguments go straight to the program, so a file name can never be a command.
    execFile(cmd, args, { timeout: TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, encoding: 'buffer' }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

/** Whether ffprobe runs here; checked once, and its absence logged once. */
export async function hasFfprobe(log?: Log): Promise<boolean> {
  if (available !== null) return available;
  try {
    await run('ffprobe', ['-version']);
    available = true;
  } catch {
    available = false;
    if (!missingLogged) {
      missingLogged = true;
      log?.warn({}, 'ffprobe not found: media width/height/duration stay unknown and no video posters are made (install Debian package ffmpeg)');
    }
  }
  return available;
}

const notWhatItClaims = (kind: string) =>
  new AppError('unsupported_media_type', {
    zh: `文件内容与类型不符：不是有效的${kind === 'video' ? '视频' : '图片'}`,
    en: `The file is not what its type claims: not a valid ${kind}`,
  });

type FfStream = { codec_type?: string; codec_name?: string; width?: number; height?: number; duration?: string };
type FfOut = { streams?: FfStream[]; format?: { duration?: string; format_name?: string } };

/** Turns ffprobe's JSON into the facts we keep; exported so the parsing is tested without ffprobe. */
export function parseProbe(out: FfOut, kind: 'image' | 'video'): Probe {
  const streams = out.streams ?? [];
  const v = streams.find((s) => s.codec_type === 'video');
  if (!v) throw notWhatItClaims(kind);
  const num = (x: number | undefined) => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? Math.round(x) : null);
  const secs = Number(out.format?.duration ?? v.duration);
  const durationMs = kind === 'video' && Number.isFinite(secs) && secs > 0 ? Math.round(secs * 1000) : null;
  if (kind === 'video' && durationMs === null) throw notWhatItClaims(kind);
  return { kind, width: num(v.width), height: num(v.height), durationMs, codec: v.codec_name ?? null };
}

/** Probes a file on disk; null when ffprobe is missing. Throws a 415 when the file is broken. */
export async function probeFile(file: string, kind: 'image' | 'video', log?: Log): Promise<Probe | null> {
  if (!(await hasFfprobe(log))) return null;
  let out: FfOut;
  try {
    out = JSON.parse((await run('ffprobe', ['-v', 'error', '-of', 'json', '-show_streams', '-show_format', '--', file])).toString('utf8'));
  } catch {
    throw notWhatItClaims(kind);
  }
  return parseProbe(out, kind);
}

/** Probes bytes in memory (the one-shot upload path) through a private temporary file. */
export async function probeBuffer(data: Buffer, kind: 'image' | 'video', log?: Log): Promise<Probe | null> {
  if (!(await hasFfprobe(log))) return null;
  const dir = await mkdtemp(path.join(tmpdir(), 'meiyun-probe-'));
  try {
    const file = path.join(dir, 'in');
    await writeFile(file, data);
    return await probeFile(file, kind, log);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One frame as JPEG: at 1 s, or the first frame when the video is shorter than 2 s. Null when ffmpeg fails. */
export async function posterFrame(file: string, durationMs: number | null): Promise<Buffer | null> {
  const dir = await mkdtemp(path.join(tmpdir(), 'meiyun-poster-'));
  try {
    const out = path.join(dir, 'poster.jpg');
    const at = durationMs !== null && durationMs >= 2000 ? '1' : '0';
    await run('ffmpeg', ['-v', 'error', '-nostdin', '-y', '-ss', at, '-i', file, '-frames:v', '1', '-q:v', '3', '-f', 'image2', out]);
    return await readFile(out);
  } catch {
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Tests only: forget whether ffprobe was found (to exercise the missing-tool path). */
export function resetProbeCache(value: boolean | null = null) {
  available = value;
  missingLogged = false;
}
