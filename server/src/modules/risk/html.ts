// The visible text of a post's HTML, the text the body is screened in and the offsets of body
// findings refer to. Decided here, and mirrored by the editor (web/src/pages/posts/riskText.ts
// walks the editor's DOM by the same rules to put highlights on the right characters):
// - text nodes are entity-decoded as the browser decodes them (the full HTML5 table) and kept in
//   order, so a term split by inline tags (国<b>家</b>级), written as entities (&#x56fd;家级) or
//   split by an invisible one (国&NoBreak;家级) is still one run of text;
// - tabs and raw line breaks inside a text node become spaces (the browser renders them as
//   spaces, so "国\n家级" in the HTML source must not escape the screener's line-break rule);
//   the replacement keeps the length, so offsets stay one to one with the DOM text;
// - block elements and <br> start a new line ("\n" before the next text: never two in a row,
//   none at the start or the end), so a term never spans two paragraphs; a run of only spaces
//   at the start of a line (indentation between blocks in the source) is dropped;
// - script, style, template and comments contribute nothing; attribute values (alt, title)
//   are not screened.
import { DecodingMode, decodeHTML } from 'entities';

const BLOCK = new Set(
  'address article aside blockquote br dd details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);
const RAW = new Set(['script', 'style', 'template', 'noscript', 'textarea', 'title']);

/**
 * Character references decoded as a browser decodes them in text: the whole HTML5 named table
 * (&NoBreak; &ZeroWidthSpace; &InvisibleTimes; … would otherwise split a term unseen, since the
 * browser shows them as nothing), the legacy names without a semicolon (&copy), and numeric
 * references with the HTML5 replacements (&#0; and surrogates become U+FFFD, &#x80; is €).
 */
function decodeEntities(s: string): string {
  return s.includes('&') ? decodeHTML(s, DecodingMode.Legacy) : s;
}

/** The end of the tag that starts at `i` ('<'), honouring quoted attribute values; -1 if unterminated. */
function tagEnd(html: string, i: number): number {
  let quote = '';
  for (let j = i + 1; j < html.length; j++) {
    const c = html[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  return -1;
}

export function htmlToText(html: string): string {
  const out: string[] = [];
  // A line break is written only before the next text: none at the start, none at the end, never two.
  let pending = false;
  const newline = () => {
    if (out.length) pending = true;
  };
  const text = (raw: string) => {
    if (!raw) return;
    const t = decodeEntities(raw).replace(/[\t\n\r\f]/g, ' ');
    // Source indentation between blocks (only spaces at the start of a line) is not text.
    if (t && !((pending || !out.length) && /^ +$/.test(t))) {
      if (pending) out.push('\n');
      pending = false;
      out.push(t);
    }
  };
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    const next = html[lt + 1];
    if (next === undefined || !/[a-zA-Z/!?]/.test(next)) {
      // A lone "<" is text, as the browser reads it.
      text(html.slice(i, lt + 1));
      i = lt + 1;
      continue;
    }
    text(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const end = tagEnd(html, lt);
    if (end < 0) break; // an unterminated tag: the browser drops the rest too
    const m = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, Math.min(end + 1, lt + 40)));
    i = end + 1;
    if (!m) continue; // <!doctype>, <?xml?>
    const name = m[1].toLowerCase();
    const closing = html[lt + 1] === '/';
    if (BLOCK.has(name)) newline();
    if (!closing && RAW.has(name)) {
      // Searched from here, case-insensitively, without lower-casing the whole body each time:
      // a body of thousands of <script> blocks stays linear.
      const close = new RegExp(`</${name}`, 'gi');
      close.lastIndex = i;
      const c = close.exec(html);
      i = c ? c.index : n;
    }
  }
  return out.join('');
}
