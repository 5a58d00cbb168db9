// Validation of draft articles (draft/add, draft/update) and their JSON shape on the way out.
import { WxError } from './errors';
import { charLength, plainText, sanitizeContent } from './html';
import { coverMaterial } from './material';
import type { Article, WechatState } from './state';

export const LIMITS = {
  title: 32,
  author: 16,
  digest: 128,
  /** content must be shorter than 20,000 characters and smaller than 1 MB. */
  contentChars: 20_000,
  contentBytes: 1024 * 1024,
  articlesPerDraft: 8,
  defaultDigestChars: 54,
};

function optString(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new WxError(47001);
  return v;
}

function flag(v: unknown): number {
  return v === 1 || v === '1' || v === true ? 1 : 0;
}

/** One incoming article as WeChat stores it, or the errcode WeChat answers. */
export function normalizeArticle(
  s: WechatState,
  appid: string,
  raw: unknown,
  single: boolean,
): Article {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new WxError(47001);
  const a = raw as Record<string, unknown>;
  const type = a.article_type === undefined ? 'news' : a.article_type;
  if (type !== 'news' && type !== 'newspic') throw new WxError(40035);

  const title = optString(a.title);
  if (title === '') throw new WxError(44003);
  if (charLength(title) > LIMITS.title) throw new WxError(45003);
  const author = optString(a.author);
  if (charLength(author) > LIMITS.author) throw new WxError(45110);
  let digest = optString(a.digest);
  if (charLength(digest) > LIMITS.digest) throw new WxError(45004);
  const rawContent = optString(a.content);
  if (rawContent === '') throw new WxError(44003);
  if (
    charLength(rawContent) >= LIMITS.contentChars ||
    Buffer.byteLength(rawContent, 'utf8') >= LIMITS.contentBytes
  ) {
    throw new WxError(45002);
  }
  const content = sanitizeContent(rawContent);

  let thumbMediaId = optString(a.thumb_media_id);
  let thumbUrl = '';
  let imageInfo: Article['image_info'];
  if (type === 'news') {
    const cover = coverMaterial(s, appid, thumbMediaId);
    if (!cover) throw new WxError(40007);
    thumbUrl = cover.url ?? '';
  } else {
    const info = a.image_info as { image_list?: unknown } | undefined;
    const list = Array.isArray(info?.image_list) ? info.image_list : [];
    if (list.length === 0) throw new WxError(40007);
    const images = list.map((it) => {
      const id = (it as { image_media_id?: unknown })?.image_media_id;
      const m = coverMaterial(s, appid, id);
      if (!m) throw new WxError(40007);
      return { image_media_id: m.mediaId };
    });
    imageInfo = { image_list: images };
    if (thumbMediaId !== '') {
      const cover = coverMaterial(s, appid, thumbMediaId);
      if (!cover) throw new WxError(40007);
      thumbUrl = cover.url ?? '';
    } else thumbMediaId = '';
  }
  if (digest === '' && single && type === 'news') {
    digest = [...plainText(content)].slice(0, LIMITS.defaultDigestChars).join('');
  }
  return {
    article_type: type,
    title,
    author,
    digest,
    content,
    content_source_url: optString(a.content_source_url),
    thumb_media_id: thumbMediaId,
    thumb_url: thumbUrl,
    show_cover_pic: a.show_cover_pic === undefined ? 1 : flag(a.show_cover_pic),
    need_open_comment: flag(a.need_open_comment),
    only_fans_can_comment: flag(a.only_fans_can_comment),
    pic_crop_235_1: optString(a.pic_crop_235_1),
    pic_crop_1_1: optString(a.pic_crop_1_1),
    image_info: imageInfo,
  };
}

/** news_item as draft/get, draft/batchget, freepublish/getarticle and batchget return it. */
export function newsItem(
  a: Article,
  opts: { url: string; withContent: boolean; isDeleted?: boolean },
): Record<string, unknown> {
  const item: Record<string, unknown> = {
    article_type: a.article_type,
    title: a.title,
    author: a.author,
    digest: a.digest,
  };
  if (opts.withContent) item.content = a.content;
  item.content_source_url = a.content_source_url;
  item.thumb_media_id = a.thumb_media_id;
  item.thumb_url = a.thumb_url;
  item.show_cover_pic = a.show_cover_pic;
  item.need_open_comment = a.need_open_comment;
  item.only_fans_can_comment = a.only_fans_can_comment;
  item.pic_crop_235_1 = a.pic_crop_235_1;
  item.pic_crop_1_1 = a.pic_crop_1_1;
  if (a.image_info) item.image_info = a.image_info;
  item.url = opts.url;
  if (opts.isDeleted !== undefined) item.is_deleted = opts.isDeleted;
  return item;
}
