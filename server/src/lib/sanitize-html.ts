// The one sanitiser of article HTML: every stored body goes through it (posts, variants, version
// snapshots), and the WeChat adapter sends its output. The allowlist is contract/html.ts.
//
// sanitize-html parses with htmlparser2 and writes a fresh serialisation: only allowed elements
// and attributes, every text and attribute value re-escaped, so nothing in the output can open a
// tag or an attribute the allowlist did not write. Around it, four decisions of ours:
// - style values are filtered by contract/html.ts cleanStyle (strict whole-value patterns), not
//   by sanitize-html's postcss route, so the editor and the server agree on one spelling of a
//   style ("prop: value;", the browser's, which is what the editor writes);
// - links must be absolute http(s) URLs and images must come from an allowed source, checked on
//   the decoded value (an &#106;avascript: link is javascript: here); an image without an
//   allowed source is removed, as WeChat removes foreign images;
// - the content of script-like elements is dropped with them, not kept as text;
// - the output is written as the browser serialises (<br>, &nbsp;), so HTML the editor produced
//   comes back byte for byte and saving an unchanged post changes nothing.
import sanitizeHtml from 'sanitize-html';
import {
  ARTICLE_ATTRIBUTES,
  ARTICLE_TAGS,
  cleanListStart,
  cleanStyle,
  IMAGE_SOURCES,
  type ImageSource,
  isArticleImage,
  isArticleLink,
  STYLED_TAGS,
} from '../../../contract/html';

export interface SanitizeOptions {
  /**
   * Where images may come from; others are removed. Default: the media library and WeChat's
   * image hosts (what a stored body holds). The WeChat adapter passes ['wechat'] once it has
   * moved library images to WeChat.
   */
  imageSources?: readonly ImageSource[];
}

/** Elements whose content is not article text: dropped whole, whatever is inside. */
const DROP_WITH_CONTENT = [
  'script',
  'style',
  'textarea',
  'option',
  'select',
  'noscript',
  'noembed',
  'noframes',
  'template',
  'title',
  'xmp',
  'iframe',
  'object',
  'plaintext',
  'svg',
  'math',
  'head',
];

const attributes: Record<string, string[]> = {};
for (const tag of ARTICLE_TAGS) attributes[tag] = [...(ARTICLE_ATTRIBUTES[tag] ?? []), ...(STYLED_TAGS.includes(tag) ? ['style'] : [])];

function configFor(sources: readonly ImageSource[]): sanitizeHtml.IOptions {
  return {
    allowedTags: [...ARTICLE_TAGS],
    allowedAttributes: attributes,
    allowedClasses: {},
    allowedSchemes: ['http', 'https'],
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    // Styles are filtered in transformTags below (cleanStyle); sanitize-html's own parser stays off.
    parseStyleAttributes: false,
    nonTextTags: DROP_WITH_CONTENT,
    disallowedTagsMode: 'discard',
    // Deeper than any article; bounds the work a hostile body can cause.
    nestingLimit: 100,
    transformTags: {
      '*': (tagName, attribs) => {
        const out: sanitizeHtml.Attributes = {};
        for (const [name, value] of Object.entries(attribs)) {
          if (name === 'style') {
            const style = cleanStyle(value);
            if (style) out.style = style;
          } else if (name === 'href') {
            if (tagName === 'a' && isArticleLink(value.trim())) out.href = value.trim();
          } else if (name === 'src') {
            if (tagName === 'img' && isArticleImage(value.trim(), sources)) out.src = value.trim();
          } else if (name === 'start') {
            const start = cleanListStart(value);
            if (start) out.start = start;
          } else out[name] = value;
        }
        return { tagName, attribs: out };
      },
    },
    // An image whose source was refused is no image at all (WeChat would show a broken frame).
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
    // The text arrives escaped (& < >); a no-break space is written as the browser writes it.
    textFilter: (text) => text.replace(/\u00a0/g, '&nbsp;'),
  };
}

const defaultConfig = configFor(IMAGE_SOURCES);

/**
 * Article HTML reduced to the allowlist of contract/html.ts. Idempotent: sanitising the output
 * again gives the same string.
 */
export function sanitizeArticleHtml(html: string, opts: SanitizeOptions = {}): string {
  if (!html) return '';
  const config = opts.imageSources ? configFor(opts.imageSources) : defaultConfig;
  // sanitize-html closes void elements as "<br />"; in its output every ">" outside a tag is
  // escaped (&gt;), so " />" only ever ends a void element and can be written as the browser does.
  return sanitizeHtml(html, config).replace(/ \/>/g, '>');
}
