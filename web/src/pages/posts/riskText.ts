// The editor side of screening: the visible text of the rich editor's DOM by the same rules as
// the server's htmlToText (server/src/modules/risk/html.ts), so a finding's offsets point at the
// right characters, and the highlights drawn on them with the CSS Custom Highlight API (no change
// to the editable DOM, so the caret and undo history are untouched while the writer types).

export interface Marked {
  start: number | null;
  end: number | null;
  match: string | null;
  action: 'block' | 'warn';
}

const BLOCK = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DETAILS DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TFOOT TH THEAD TR UL'.split(
    ' ',
  ),
);
const RAW = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'TEXTAREA', 'TITLE']);

/** The part of a DOM node this code reads (so tests can pass plain objects). */
export interface NodeLike {
  nodeType: number;
  nodeName: string;
  data?: string;
  childNodes: ArrayLike<NodeLike>;
}

export interface DomText<N> {
  text: string;
  /** Each text node and the offset of its first character in `text`. */
  pieces: { node: N; start: number }[];
}

export function domText<N extends NodeLike>(root: N): DomText<N> {
  const out: string[] = [];
  const pieces: { node: N; start: number }[] = [];
  let length = 0;
  let pending = false;
  const walk = (node: N) => {
    for (let i = 0; i < node.childNodes.length; i++) {
      const child = node.childNodes[i] as N;
      if (child.nodeType === 3) {
        const t = (child.data ?? '').replace(/[\t\n\r\f]/g, ' ');
        if (!t || ((pending || length === 0) && /^ +$/.test(t))) continue;
        if (pending) {
          out.push('\n');
          length++;
          pending = false;
        }
        pieces.push({ node: child, start: length });
        out.push(t);
        length += t.length;
      } else if (child.nodeType === 1) {
        const name = child.nodeName.toUpperCase();
        const block = BLOCK.has(name);
        if (block && length) pending = true;
        if (!RAW.has(name)) walk(child);
        if (block && length) pending = true;
      }
    }
  };
  walk(root);
  return { text: out.join(''), pieces };
}

/** Where a finding is in `text`: at its offsets when the text there is still the match, else its first occurrence. */
export function locate(text: string, f: Marked): [number, number] | null {
  if (f.start === null || f.end === null || !f.match) return null;
  if (text.slice(f.start, f.end) === f.match) return [f.start, f.end];
  const i = text.indexOf(f.match);
  return i < 0 ? null : [i, i + f.match.length];
}

/** The text cut into runs, each marked with the strongest action of the findings over it. */
export function segments(text: string, findings: Marked[]): { text: string; at: number; action?: 'block' | 'warn' }[] {
  const level = new Uint8Array(text.length); // 0 none, 1 warn, 2 block
  for (const f of findings) {
    const at = locate(text, f);
    if (!at) continue;
    const v = f.action === 'block' ? 2 : 1;
    for (let i = at[0]; i < at[1]; i++) if (level[i] < v) level[i] = v;
  }
  const out: { text: string; at: number; action?: 'block' | 'warn' }[] = [];
  let from = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || level[i] !== level[from]) {
      const v = level[from];
      out.push(v === 0 ? { text: text.slice(from, i), at: from } : { text: text.slice(from, i), at: from, action: v === 2 ? 'block' : 'warn' });
      from = i;
    }
  }
  return out;
}

/** A DOM position for an offset in the text: the piece that holds the character at `offset` (or ends there). */
function position<N>(pieces: DomText<N>['pieces'], offset: number, atEnd: boolean): [N, number] | null {
  let lo = 0;
  let hi = pieces.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pieces[mid].start <= offset - (atEnd ? 1 : 0)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return null;
  return [pieces[found].node, offset - pieces[found].start];
}

export const HIGHLIGHT_CSS =
  '::highlight(meiyun-risk-block){background-color:#ffccc7;color:#a8071a;text-decoration:underline wavy #cf1322}::highlight(meiyun-risk-warn){background-color:#fff1b8}';

/** DOM ranges over the findings in `root`'s text (the editor's DOM), with the action of each. */
export function findingRanges(root: Node, findings: Marked[]): { range: Range; action: Marked['action'] }[] {
  const doc = root.ownerDocument ?? document;
  const dt = domText<Node & NodeLike>(root as Node & NodeLike);
  const out: { range: Range; action: Marked['action'] }[] = [];
  for (const f of findings) {
    const at = locate(dt.text, f);
    if (!at) continue;
    const s = position(dt.pieces, at[0], false);
    const e = position(dt.pieces, at[1], true);
    if (!s || !e) continue;
    const r = doc.createRange();
    try {
      r.setStart(s[0], s[1]);
      r.setEnd(e[0], e[1]);
    } catch {
      continue; // the DOM changed under us; the next screen draws it again
    }
    out.push({ range: r, action: f.action });
  }
  return out;
}

/** Draws the findings on the editor's text; clears them when `root` is null. Does nothing where the browser lacks the API. */
export function drawHighlights(root: HTMLElement | null, findings: Marked[]) {
  if (typeof CSS === 'undefined' || !('highlights' in CSS) || typeof Highlight === 'undefined') return;
  const ranges = root ? findingRanges(root, findings) : [];
  CSS.highlights.set('meiyun-risk-block', new Highlight(...ranges.filter((r) => r.action === 'block').map((r) => r.range)));
  CSS.highlights.set('meiyun-risk-warn', new Highlight(...ranges.filter((r) => r.action === 'warn').map((r) => r.range)));
}
