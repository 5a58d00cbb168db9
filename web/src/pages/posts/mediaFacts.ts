import type { Media } from '../../types';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** m:ss (or h:mm:ss), as video players show a length. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  return h ? `${h}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}` : `${Math.floor(s / 60)}:${pad(s % 60)}`;
}

/** "1.2 MB · 1280×720 · 0:03": what is known of a file, read by the server from the file itself. */
export function mediaFacts(m: Pick<Media, 'size' | 'width' | 'height' | 'durationMs'>): string {
  return [formatSize(m.size), m.width && m.height ? `${m.width}×${m.height}` : null, m.durationMs != null ? formatDuration(m.durationMs) : null]
    .filter(Boolean)
    .join(' · ');
}
