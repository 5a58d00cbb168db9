// The status text exactly as it goes to statuses/share.json, and the rules Weibo applies to it.

import { createHash } from 'node:crypto';

export const STATUS_MAX = 140;
/**
 * Weibo's counting, as its web publisher does it (UNVERIFIED: no open-platform document states
 * it; [QQ] WeiboContentChecker only says "≤140"): every character above U+00FF counts 1, two
 * characters up to U+00FF count 1 (rounded up); a link of more than 41 characters counts as 20
 * half-width characters (Weibo shortens it to t.cn), a shorter link as itself.
 */
export const LONG_URL = 41;
const URL_RE = /https?:\/\/[^\s#\u3000-\u303f\uff00-\uffef]+/g;

export function weiboLength(text: string): number {
  let half = 0;
  const rest = text.replace(URL_RE, (u) => {
    half += u.length > LONG_URL ? 20 : u.length;
    return '';
  });
  for (const ch of rest) half += (ch.codePointAt(0) ?? 0) > 0xff ? 2 : 1;
  return Math.ceil(half / 2);
}

/**
 * The status as sent: the variant's text alone. statuses/share's doc (open.weibo.com/wiki/2/statuses/share:
 * 文本中不能包含"#话题词#") forbids topics in the text, so none are added; the editor refuses a text
 * holding one (contract/platforms.ts `noInlineTopics`) and offers no topics field for Weibo.
 */
export function composeStatus(text: string): string {
  return text.trim();
}

/** Whether the text links to the bound safe domain (the domain itself or a subdomain of it). */
export function linksToDomain(text: string, domain: string): boolean {
  const d = domain.trim().toLowerCase().replace(/^\.+|\.+$/g, '');
  if (!d) return false;
  for (const m of text.matchAll(URL_RE)) {
    try {
      const host = new URL(m[0]).hostname.toLowerCase();
      if (host === d || host.endsWith(`.${d}`)) return true;
    } catch {
      // Not a URL after all.
    }
  }
  return false;
}

/** sha256 of the exact status text: how the post is recognised in user_timeline later. */
export function statusFingerprint(status: string): string {
  return createHash('sha256').update(status).digest('hex');
}
