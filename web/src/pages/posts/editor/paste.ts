// What a paste from Word, a web page or another WeChat article becomes before the schema reads
// it. The schema (schema.ts) already keeps only headings, paragraphs, lists, quotes, bold and the
// like; this step does what it cannot:
// - Word writes its lists as paragraphs (<p style="mso-list:l0 level1 lfo1"> with the number in
//   a <span style="mso-list:Ignore">): they are turned into real <ol>/<ul>, nested by level;
// - Word's own elements (<o:p>, <v:shape>, <w:…>) and everything that is not article text
//   (<style>, <script>, <meta>, forms) go;
// - images not from our media library are removed and counted, so the editor can tell the
//   writer to insert them from the library (WeChat would drop a foreign image anyway, and a
//   WeChat article's own images belong to another account).
import { isArticleImage } from '../../../../../contract/html';

export interface CleanPaste {
  html: string;
  /** Images removed because they are not from the media library. */
  droppedImages: number;
}

const JUNK = 'script, style, meta, link, title, template, noscript, iframe, object, embed, form, input, button, select, textarea, svg, canvas, video, audio';
const ORDERED_MARKER = /^[(（]?([0-9]+|[a-zA-Z]|[ivxlcdm]+|[一二三四五六七八九十]+)[.)、）．]/i;

/** Word's list id (l0, l1 …: one per list) and level of a list paragraph, or null. */
function wordList(el: Element): { id: string; level: number } | null {
  const m = /mso-list\s*:\s*(l\d+)\s+level(\d+)/i.exec(el.getAttribute('style') ?? '');
  return m ? { id: m[1], level: Number(m[2]) } : null;
}

/** Word's list paragraphs, one run of siblings at a time, as nested lists. */
function convertWordLists(doc: Document) {
  const paras = [...doc.body.querySelectorAll('p')].filter((p) => wordList(p));
  const done = new Set<Element>();
  for (const first of paras) {
    if (done.has(first)) continue;
    const run: Element[] = [];
    for (let el: Element | null = first; el && el.tagName === 'P' && wordList(el); el = el.nextElementSibling) run.push(el);
    const stack: { list: Element; level: number }[] = [];
    let listId = '';
    for (const p of run) {
      done.add(p);
      const { id, level } = wordList(p) ?? { id: '', level: 1 };
      // Another list id is another list, even right after this one.
      if (id !== listId) stack.length = 0;
      listId = id;
      const markerEl = p.querySelector('span[style*="mso-list"]');
      const marker = (markerEl?.textContent ?? '').trim();
      markerEl?.remove();
      while (stack.length && stack[stack.length - 1].level > level) stack.pop();
      if (!stack.length || stack[stack.length - 1].level < level) {
        const list = doc.createElement(ORDERED_MARKER.test(marker) ? 'ol' : 'ul');
        const parentLi = stack.length ? stack[stack.length - 1].list.lastElementChild : null;
        if (parentLi) parentLi.appendChild(list);
        else p.before(list);
        stack.push({ list, level });
      }
      const li = doc.createElement('li');
      const body = doc.createElement('p');
      while (p.firstChild) body.appendChild(p.firstChild);
      li.appendChild(body);
      stack[stack.length - 1].list.appendChild(li);
      p.remove();
    }
  }
}

export function cleanPastedHtml(html: string): CleanPaste {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  let droppedImages = 0;
  // Word's own elements: <o:p> holds a paragraph's text (often just a no-break space), the rest
  // (VML shapes, whose picture Word also writes as a plain <img>) goes.
  for (const el of [...doc.body.querySelectorAll('*')]) {
    const name = el.tagName.toLowerCase();
    if (el.isConnected && name.includes(':')) el.replaceWith(...(name === 'o:p' ? [...el.childNodes] : []));
  }
  for (const el of [...doc.body.querySelectorAll(JUNK)]) el.remove();
  for (const img of [...doc.body.querySelectorAll('img')]) {
    if (!isArticleImage(img.getAttribute('src') ?? '', ['library'])) {
      img.remove();
      droppedImages++;
    }
  }
  for (const pic of [...doc.body.querySelectorAll('picture')]) pic.remove();
  convertWordLists(doc);
  return { html: doc.body.innerHTML, droppedImages };
}
