// What a post body may contain: one allowlist for the server's sanitiser
// (server/src/lib/sanitize-html.ts), the editor's schema (web/src/pages/posts/editor/schema.ts) and
// what the WeChat adapter sends. Pure data and small pure helpers, so server and web share it.
//
// Why this list. WeChat's draft/add (and draft/update) documents the `content` field as
// "支持HTML标签，必须少于2万字符，小于1M，且此处会去除JS，涉及图片url必须来源"上传图文消息内的图片获取URL"
// 接口获取。外部图片url将被过滤。" (developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/
// api_draft_add, api_draft_update): HTML is accepted, script is removed, and images must be on
// WeChat's own host (media/uploadimg answers http://mmbiz.qpic.cn/… URLs). Layout tools that
// target WeChat (e.g. the bm.md write-up on copying styles into the WeChat editor) report that
// WeChat also drops <style> elements, id attributes, event handlers and layout properties such
// as position and transform, and keeps inline styles, <section> and the ordinary text tags. So
// the allowlist is: the text structure the editor produces, plus the inline styles and tags
// WeChat articles are written with and WeChat keeps; nothing that carries a URL except links
// (http/https) and images (our media library, WeChat's image hosts); no class or id (WeChat has
// no stylesheet for them), no data-* (WeChat's own data-src/data-ratio are lazy-loading aids of
// its reader page, not part of what draft/add takes).
// Links: WeChat may show a link to a site other than mp.weixin.qq.com as plain text for some
// account types; that is WeChat's display rule, not a safety one, so any http/https link is kept.

/** Elements a body may contain. */
export const ARTICLE_TAGS = [
  'p',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'span',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'img',
  'hr',
  // WeChat articles are built of <section> blocks (its own editor and the layout tools write them).
  'section',
] as const;
export type ArticleTag = (typeof ARTICLE_TAGS)[number];

/** Elements that may carry an inline style (the filtered one of STYLE_RULES). */
export const STYLED_TAGS: readonly string[] = ARTICLE_TAGS.filter((t) => !['br', 'a', 'img', 'hr'].includes(t));

/** Attributes per element besides `style`; values of href, src and start are checked further below. */
export const ARTICLE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title'],
  img: ['src', 'alt'],
  ol: ['start'],
};

// Style values: no url(), no quotes, no backslash escapes, no expression(): only the shapes below.
const COLOR = String.raw`(#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|rgba?\(\s*\d{1,3}%?\s*(,\s*\d{1,3}%?\s*){2}(,\s*(0|1|0?\.\d{1,3}|\d{1,3}%)\s*)?\)|[a-z]{3,20})`;
/** A non-negative length (a negative margin could lay an article over the page around it). */
const LENGTH = String.raw`(0|\d{1,3}(\.\d{1,3})?(px|em|rem|%|pt))`;
const whole = (re: string) => new RegExp(`^(${re})$`, 'i');
const SPACING = whole(`(${LENGTH}|auto)(\\s+(${LENGTH}|auto)){0,3}`);

/**
 * Inline style properties a body may use and the value each must match (whole value). The editor
 * produces color and text-align; the rest are what WeChat articles are typeset with (font size,
 * line height, letter spacing, first-line indent, spacing around blocks) and WeChat keeps.
 * font-family is left out on purpose: Word and web pages paste theirs, and WeChat's reader sets its own.
 */
export const STYLE_RULES: Readonly<Record<string, RegExp>> = {
  color: whole(COLOR),
  'background-color': whole(COLOR),
  'text-align': /^(left|right|center|justify)$/i,
  'font-weight': /^(normal|bold|bolder|lighter|[1-9]00)$/i,
  'font-style': /^(normal|italic)$/i,
  'text-decoration': /^(none|underline|line-through)(\s+(underline|line-through))?$/i,
  'font-size': whole(LENGTH),
  'line-height': whole(`normal|\\d{1,2}(\\.\\d{1,3})?|${LENGTH}`),
  'letter-spacing': whole(`normal|${LENGTH}`),
  'text-indent': whole(LENGTH),
  margin: SPACING,
  padding: SPACING,
  ...Object.fromEntries(['top', 'right', 'bottom', 'left'].flatMap((side) => [`margin-${side}`, `padding-${side}`]).map((p) => [p, whole(`${LENGTH}|auto`)])),
};

/** Link schemes. No javascript:, data:, vbscript:, mailto: or relative links (a WeChat article has no "here"). */
export const LINK_SCHEMES = ['http', 'https'] as const;

/** Where a body image may come from: our media library (what the editor stores), WeChat's image hosts (what is sent to WeChat). */
export type ImageSource = 'library' | 'wechat';
export const IMAGE_SOURCES: readonly ImageSource[] = ['library', 'wechat'];
/** The hosts of the URLs media/uploadimg answers (mmbiz.qpic.cn) and of WeChat's avatar/logo images (mmbiz.qlogo.cn). */
export const WECHAT_IMAGE_HOSTS = ['mmbiz.qpic.cn', 'mmbiz.qlogo.cn'] as const;
/** A media-library file as the editor inserts it (Media.url). */
export const LIBRARY_IMAGE = /^\/api\/v1\/media\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/file$/;

/** Characters that have no business in a URL and that browsers strip or fold before reading the scheme. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
const URL_JUNK = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\\<>"'`]/;

/** An absolute http(s) link. */
export function isArticleLink(href: string): boolean {
  if (URL_JUNK.test(href) || !/^https?:\/\/[^/]/i.test(href)) return false;
  try {
    const u = new URL(href);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0 && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** Whether `src` is an image from one of `sources`. */
export function isArticleImage(src: string, sources: readonly ImageSource[] = IMAGE_SOURCES): boolean {
  if (URL_JUNK.test(src)) return false;
  if (sources.includes('library') && LIBRARY_IMAGE.test(src)) return true;
  if (sources.includes('wechat') && /^https?:\/\//i.test(src)) {
    try {
      const u = new URL(src);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.port && !u.username && (WECHAT_IMAGE_HOSTS as readonly string[]).includes(u.hostname);
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * The allowed part of a style attribute, written as the browser writes a style the editor sets
 * (ProseMirror assigns element.style.cssText, and the browser serialises it): "prop: value;" for
 * each, separated by a space, a later declaration of a property replacing an earlier one,
 * !important dropped. '' when nothing is left.
 */
export function cleanStyle(style: string): string {
  const kept = new Map<string, string>();
  for (const decl of style.split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    const prop = decl.slice(0, colon).trim().toLowerCase();
    const value = decl
      .slice(colon + 1)
      .replace(/!\s*important\s*$/i, '')
      .trim();
    const rule = Object.hasOwn(STYLE_RULES, prop) ? STYLE_RULES[prop] : undefined;
    if (rule?.test(value)) kept.set(prop, value);
  }
  return [...kept].map(([p, v]) => `${p}: ${v};`).join(' ');
}

/** An ordered list's start number, if it is one (1–9999). */
export function cleanListStart(start: string): string | null {
  return /^[1-9]\d{0,3}$/.test(start.trim()) ? start.trim() : null;
}
