// Recognising our article among what WeChat lists, after a submit whose answer was lost. WeChat
// rewrites an article's HTML on the way in (scripts and outside images removed, attributes added),
// so the match is on what a reader sees: the title and the visible text of the body, with every
// kind of space removed. Never on the title alone: a daily column (每日早报) repeats its title.

import { createHash } from 'node:crypto';
import { decodeHTML } from 'entities';

const INVISIBLE = /[\s\u00a0\u200b-\u200d\u2060\ufeff]+/g;

/** The text a reader sees in article HTML, spaces removed. */
export function visibleText(html: string): string {
  const withoutRaw = html.replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, '').replace(/<!--[\s\S]*?-->/g, '');
  const text = decodeHTML(withoutRaw.replace(/<[^>]*>/g, ' '));
  return text.normalize('NFC').replace(INVISIBLE, '');
}

export function articleFingerprint(title: string, html: string): string {
  return createHash('sha256').update(`${title.normalize('NFC').replace(INVISIBLE, '')}\n${visibleText(html)}`).digest('hex');
}
