// The editor's schema: TipTap extensions configured so that the document can only hold what
// contract/html.ts allows, and its HTML is exactly what the server's sanitiser writes back (see
// schema.test.ts). Whatever enters the editor (stored HTML, a paste, the HTML source view) is
// parsed through these rules; what they do not describe is dropped.
//
// Elements: paragraphs, headings 1–4, bold/italic/underline/strike, a text colour, alignment of
// paragraphs and headings, bulleted and numbered lists, quotes, line breaks, dividers, links
// (absolute http/https) and images from our media library. No code, tables, classes or ids.
import type { AnyExtension } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import Link from '@tiptap/extension-link';
import { OrderedList } from '@tiptap/extension-list';
import TextAlign from '@tiptap/extension-text-align';
import { Color, TextStyle } from '@tiptap/extension-text-style';
import { Placeholder } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';
import { cleanListStart, isArticleImage, isArticleLink, STYLE_RULES } from '../../../../../contract/html';

export const HEADING_LEVELS = [1, 2, 3, 4] as const;
export const ALIGNMENTS = ['left', 'center', 'right', 'justify'] as const;

/** The colour an element's own style sets, if it is one the allowlist accepts. */
function colorOf(el: HTMLElement): string | null {
  const raw = /(?:^|;)\s*color\s*:\s*([^;]+)/i.exec(el.getAttribute('style') ?? '')?.[1]?.trim();
  const value = raw && STYLE_RULES.color.test(raw) ? raw : el.style.color;
  return value && STYLE_RULES.color.test(value) ? value : null;
}

/** Images only from the media library: anything else is not an image of this editor (paste.ts tells the writer). */
const LibraryImage = Image.extend({
  addAttributes() {
    return {
      src: { default: null },
      alt: { default: null, parseHTML: (el) => el.getAttribute('alt') || null },
    };
  },
  parseHTML() {
    return [{ tag: 'img[src]', getAttrs: (el) => (isArticleImage((el as HTMLElement).getAttribute('src') ?? '', ['library']) ? null : false) }];
  },
}).configure({ inline: false, allowBase64: false });

/** A span is kept only for an allowed colour (pasted spans of fonts and sizes are unwrapped). */
const ColorSpan = TextStyle.extend({
  parseHTML() {
    return [{ tag: 'span', consuming: false, getAttrs: (el) => (colorOf(el as HTMLElement) ? {} : false) }];
  },
});

const TextColor = Color.extend({
  addGlobalAttributes() {
    return [
      {
        types: ['textStyle'],
        attributes: {
          color: {
            default: null,
            parseHTML: (el: HTMLElement) => colorOf(el),
            renderHTML: (attrs: { color?: string | null }) => (attrs.color && STYLE_RULES.color.test(attrs.color) ? { style: `color: ${attrs.color}` } : {}),
          },
        },
      },
    ];
  },
});

export interface SchemaOptions {
  placeholder?: string;
}

/** Links: absolute http(s) only, and only href and title (TipTap's target, rel and class would be read from a paste and written out). */
const ArticleLink = Link.extend({
  addAttributes() {
    return {
      href: { default: null, parseHTML: (el: HTMLElement) => el.getAttribute('href') },
      title: { default: null, parseHTML: (el: HTMLElement) => el.getAttribute('title') || null },
    };
  },
}).configure({
  openOnClick: false,
  autolink: true,
  linkOnPaste: true,
  defaultProtocol: 'https',
  protocols: ['http', 'https'],
  isAllowedUri: (url) => isArticleLink(url),
  shouldAutoLink: (url) => isArticleLink(url.includes('://') ? url : `https://${url}`),
  HTMLAttributes: { target: null, rel: null, class: null },
});

/** Numbered lists keep a start number only (no list type: the allowlist has none). */
const ArticleOrderedList = OrderedList.extend({
  addAttributes() {
    return {
      start: { default: 1, parseHTML: (el: HTMLElement) => Number(cleanListStart(el.getAttribute('start') ?? '') ?? 1) },
    };
  },
});

export function articleExtensions(opts: SchemaOptions = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      code: false,
      codeBlock: false,
      // A trailing empty paragraph after an image or a divider would be stored with every body.
      trailingNode: false,
      heading: { levels: [...HEADING_LEVELS] },
      link: false,
      orderedList: false,
    }),
    ArticleLink,
    ArticleOrderedList,
    LibraryImage,
    ColorSpan,
    TextColor,
    TextAlign.configure({ types: ['heading', 'paragraph'], alignments: [...ALIGNMENTS] }),
    ...(opts.placeholder !== undefined ? [Placeholder.configure({ placeholder: opts.placeholder })] : []),
  ];
}
