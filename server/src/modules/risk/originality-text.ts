// Article HTML → the plain text the originality check compares and the UI highlights.
import { htmlToText as visibleText } from './html';

/** Text beyond this many UTF-16 units is not compared (WeChat articles stop near 20,000 characters). */
export const MAX_TEXT = 100_000;

/**
 * The visible text of article HTML as the screener reads it (html.ts: one reader of article
 * HTML for the whole risk module), one line per block, spaces collapsed, empty lines dropped.
 */
export function htmlToText(html: string): string {
  return visibleText(html)
    .split(/\r\n|[\n\r\u2028\u2029]/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** What a post is compared by: its title as the first line, then the body's text, cut at MAX_TEXT. */
export function documentText(title: string, bodyHtml: string): string {
  const t = title.replace(/\s+/g, ' ').trim();
  const body = htmlToText(bodyHtml);
  let text = t && body ? `${t}\n${body}` : t || body;
  if (text.length > MAX_TEXT) {
    let cut = MAX_TEXT;
    // Never keep half of a surrogate pair.
    if (cut > 0 && text.charCodeAt(cut - 1) >= 0xd800 && text.charCodeAt(cut - 1) <= 0xdbff) cut--;
    text = text.slice(0, cut);
  }
  return text;
}
