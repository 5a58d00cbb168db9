// Article HTML → the plain text the originality check compares and the UI highlights.
// A linear scan (no backtracking regex over the whole body): an editor's 1 MB body with
// thousands of unclosed <script> tags must not take quadratic time.

/** Text beyond this many UTF-16 units is not compared (WeChat articles stop near 20,000 characters). */
export const MAX_TEXT = 100_000;

/** Elements whose content is not article text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'title']);
/** Elements that start a new line of text when they open or close. */
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'nav',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'table',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'hr',
  'br',
]);

const NAMED: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  times: '×',
  yen: '¥',
  copy: '©',
  reg: '®',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

const TAG_NAME = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/;

/** The visible text of article HTML, one line per block, spaces collapsed, empty lines dropped. */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      parts.push(decodeEntities(html.slice(i)));
      break;
    }
    if (lt > i) parts.push(decodeEntities(html.slice(i, lt)));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const m = TAG_NAME.exec(html.slice(lt, lt + 64));
    const gt = m ? html.indexOf('>', lt + 1) : -1;
    if (!m || gt < 0) {
      // A "<" that starts no tag is text (invalid HTML, but it is what the author wrote).
      parts.push('<');
      i = lt + 1;
      continue;
    }
    const name = m[1].toLowerCase();
    const closing = html[lt + 1] === '/';
    i = gt + 1;
    if (!closing && SKIPPED.has(name) && html[gt - 1] !== '/') {
      const close = new RegExp(`</${name}\\s*>`, 'gi');
      close.lastIndex = i;
      const c = close.exec(html);
      i = c ? c.index + c[0].length : n;
      continue;
    }
    if (BLOCK.has(name)) parts.push('\n');
    else if (name === 'img') parts.push(' ');
  }
  return parts
    .join('')
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
