// The public side of a short link: the redirect that counts a visit, and the conversion pixel.
// Neither sets a cookie: a conversion names its link by the code (in the pixel's path, or the
// webhook's `code`), so nothing identifies a visitor between the click and the conversion.
import type { Deps } from '../../context';
import { localDay } from '../../lib/time';
import { CODE_PATTERN } from './codes';
import * as repo from './repository';
import { targetOf } from './service';
import { classify, VisitorDedupe } from './visitors';

const dedupe = new VisitorDedupe();

/**
 * Where `/l/<code>` sends a visitor: the stored target (with its UTM parameters), or null for an
 * unknown or archived code (then a 404 page: never a redirect anywhere the link does not store).
 */
export async function followLink(deps: Pick<Deps, 'db'>, code: string, visitor: { ip: string; userAgent: string | undefined }, now = new Date()) {
  if (!CODE_PATTERN.test(code)) return null;
  const found = await repo.linkByCode(deps.db, code);
  if (!found || found.link.archived) return null;
  const { link, timezone } = found;
  const day = localDay(now, timezone);
  const kind = classify(visitor.userAgent);
  const unique = kind === 'click' && dedupe.firstToday(link.id, day, visitor.ip, visitor.userAgent ?? '');
  await repo.countVisit(deps.db, link.id, day, {
    clicks: kind === 'click' ? 1 : 0,
    uniques: unique ? 1 : 0,
    previews: kind === 'preview' ? 1 : 0,
    bots: kind === 'bot' ? 1 : 0,
  });
  return targetOf(link);
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page of an unknown or archived link, in Chinese and English. */
export function notFoundPage(code: string) {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>链接不存在 / Link not found</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #333">
<h1 style="font-size: 1.4rem">链接不存在或已失效</h1>
<p>短链 <code>${esc(code)}</code> 不存在，或已被归档。请向分享者索取新的链接。</p>
<h2 style="font-size: 1.1rem; color: #666">Link not found</h2>
<p lang="en">The short link <code>${esc(code)}</code> does not exist or has been archived. Ask whoever shared it for a new one.</p>
</body></html>`;
}

/** A transparent 1×1 GIF. */
export const GIF_1x1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * The pixel: a conversion of the link's workspace, once per event_id (a reload of the thank-you
 * page records nothing more). An unknown or archived code records nothing; the GIF is sent anyway
 * so the page embedding it never shows a broken image.
 */
export async function recordPixel(deps: Pick<Deps, 'db'>, code: string, q: { event_id: string; kind: string; value?: number }) {
  if (!CODE_PATTERN.test(code)) return null;
  const found = await repo.linkByCode(deps.db, code);
  if (!found || found.link.archived) return null;
  return repo.insertConversion(deps.db, {
    workspaceId: found.link.workspaceId,
    linkId: found.link.id,
    eventId: q.event_id,
    kind: q.kind,
    value: q.value ?? null,
    source: 'pixel',
    occurredAt: new Date(),
  });
}
