// Draft articles: our camelCase shape, the documented limits, and the snake_case wire form of
// draft/add and draft/get (developers.weixin.qq.com … draftbox/draftmanage/api_draft_add).

export interface WechatArticle {
  title: string;
  author?: string;
  /** Summary; single-article messages only. WeChat takes the first 54 characters when absent. */
  digest?: string;
  /** HTML. Images must be URLs from uploadArticleImage; other hosts' images are filtered out. */
  content: string;
  /** The "阅读原文" (read the original) link. */
  contentSourceUrl?: string;
  /** A permanent media_id (uploadImage). */
  thumbMediaId: string;
  needOpenComment?: boolean;
  onlyFansCanComment?: boolean;
}

export interface WechatDraftArticle extends WechatArticle {
  /** The draft's preview URL, when WeChat returns one. */
  url?: string;
}

/** Documented limits of draft/add, checked locally before any request. */
export const WECHAT_DRAFT_LIMITS = {
  /** title: at most 32 characters. */
  titleMaxChars: 32,
  /** author: at most 16 characters. */
  authorMaxChars: 16,
  /** digest: at most 128 characters. */
  digestMaxChars: 128,
  /** content: fewer than 20,000 characters … */
  contentCharsBelow: 20_000,
  /** … and smaller than 1 MB. */
  contentBytesBelow: 1024 * 1024,
  /** articles in one draft (one message). */
  maxArticles: 8,
} as const;

/** Characters as WeChat counts them: one per code point, so one per Chinese character. */
function chars(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Every limit the articles break, each naming the field and the limit; empty when valid. */
export function validateWechatArticles(articles: readonly WechatArticle[]): string[] {
  const L = WECHAT_DRAFT_LIMITS;
  const problems: string[] = [];
  if (articles.length === 0) problems.push('articles: at least 1 article is required (至少需要 1 篇文章)');
  if (articles.length > L.maxArticles) {
    problems.push(`articles: ${articles.length} articles, at most ${L.maxArticles} allowed (最多 ${L.maxArticles} 篇)`);
  }
  articles.forEach((a, i) => {
    const at = `articles[${i}]`;
    const maxChars = (field: string, zh: string, value: string | undefined, max: number) => {
      if (value === undefined) return;
      const n = chars(value);
      if (n > max) problems.push(`${at}.${field}: ${n} characters, at most ${max} allowed (${zh}最多 ${max} 字，当前 ${n} 字)`);
    };
    if (!a.title || a.title.trim() === '') problems.push(`${at}.title: required (标题必填)`);
    maxChars('title', '标题', a.title, L.titleMaxChars);
    maxChars('author', '作者', a.author, L.authorMaxChars);
    maxChars('digest', '摘要', a.digest, L.digestMaxChars);
    if (!a.content || a.content.trim() === '') problems.push(`${at}.content: required (正文必填)`);
    else {
      const n = chars(a.content);
      if (n >= L.contentCharsBelow) {
        problems.push(`${at}.content: ${n} characters, must be fewer than ${L.contentCharsBelow} (正文须少于 2 万字)`);
      }
      const bytes = Buffer.byteLength(a.content, 'utf8');
      if (bytes >= L.contentBytesBelow) {
        problems.push(`${at}.content: ${bytes} bytes, must be smaller than 1 MB (正文须小于 1 MB)`);
      }
    }
    if (!a.thumbMediaId || a.thumbMediaId.trim() === '') {
      problems.push(`${at}.thumbMediaId: required, a permanent media_id (封面图 thumb_media_id 必填)`);
    }
  });
  return problems;
}

export function articleToWire(a: WechatArticle): Record<string, unknown> {
  const wire: Record<string, unknown> = { title: a.title };
  if (a.author !== undefined) wire.author = a.author;
  if (a.digest !== undefined) wire.digest = a.digest;
  wire.content = a.content;
  if (a.contentSourceUrl !== undefined) wire.content_source_url = a.contentSourceUrl;
  wire.thumb_media_id = a.thumbMediaId;
  if (a.needOpenComment !== undefined) wire.need_open_comment = a.needOpenComment ? 1 : 0;
  if (a.onlyFansCanComment !== undefined) wire.only_fans_can_comment = a.onlyFansCanComment ? 1 : 0;
  return wire;
}

export function articleFromWire(item: Record<string, unknown>): WechatDraftArticle {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const article: WechatDraftArticle = {
    title: str(item.title) ?? '',
    content: str(item.content) ?? '',
    thumbMediaId: str(item.thumb_media_id) ?? '',
  };
  const author = str(item.author);
  if (author !== undefined) article.author = author;
  const digest = str(item.digest);
  if (digest !== undefined) article.digest = digest;
  const source = str(item.content_source_url);
  if (source !== undefined) article.contentSourceUrl = source;
  if (item.need_open_comment !== undefined) article.needOpenComment = Number(item.need_open_comment) === 1;
  if (item.only_fans_can_comment !== undefined) article.onlyFansCanComment = Number(item.only_fans_can_comment) === 1;
  const url = str(item.url);
  if (url !== undefined) article.url = url;
  return article;
}
