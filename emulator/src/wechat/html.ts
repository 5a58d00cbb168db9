// What WeChat does to article HTML on save: JS is removed, and images not hosted on
// WeChat's own image hosts (uploadimg / material URLs) are filtered out.

const IMAGE_HOSTS = ['mmbiz.qpic.cn', 'mmbiz.qlogo.cn'];

function hostedByWechat(src: string): boolean {
  const m = /^(?:https?:)?\/\/([^/?#:]+)/i.exec(src.trim());
  return m !== null && IMAGE_HOSTS.includes(m[1].toLowerCase());
}

export function sanitizeContent(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<\/?script\b[^>]*>/gi, '')
    .replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
    .replace(/(href|src)\s*=\s*(["']?)\s*javascript:[^"'\s>]*\2/gi, '$1=$2#$2')
    .replace(/<img\b[^>]*>/gi, (tag) => {
      const src = /\bsrc\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
      const url = src ? (src[2] ?? src[3] ?? src[4] ?? '') : '';
      return hostedByWechat(url) ? tag : '';
    });
}

/** Plain text of the HTML, for the default digest (first 54 characters). */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Length in characters (code points), as the doc's limits count them. */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
