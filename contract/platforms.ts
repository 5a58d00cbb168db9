/**
 * Per-platform variants: what each platform's post is made of and the rules it must keep, in one
 * table, and one pure check used by the web editor (live) and by the server (at submit).
 *
 * Severity: a limit a platform documents is an `error` (the platform would refuse the post); a limit
 * we could only guess or read second hand is marked UNVERIFIED and checked as a `warning`, so a guess
 * never blocks a team's work.
 */

export type PlatformId = 'wechat_oa' | 'weibo' | 'douyin' | 'bilibili' | 'kuaishou' | 'xiaohongshu' | 'zhihu' | 'channels' | 'toutiao' | 'custom';

/** The account types each platform has (WeChat 订阅号/服务号; Bilibili 正式会员 or not); other platforms have none. */
export const ACCOUNT_TYPES_OF: Partial<Record<PlatformId, readonly ('subscription' | 'service' | 'formal' | 'regular')[]>> = {
  wechat_oa: ['subscription', 'service'],
  bilibili: ['formal', 'regular'],
};

/** The shape of a platform's post (which form the editor shows). */
export type VariantKind = 'article' | 'status' | 'video' | 'note' | 'zhihu' | 'channels' | 'custom';

/** `chars`: one per Unicode code point. `weibo`: U+0000–U+00FF count ½, U+0100–U+FFFF 1, above 2; rounded up. */
export type Counting = 'chars' | 'weibo';

type Severity = 'error' | 'warning';
interface Limit {
  max: number;
  min?: number;
  severity?: Severity;
}
export interface PlatformRules {
  kind: VariantKind;
  title?: Limit & { required?: boolean };
  digest?: Limit;
  text?: Limit & { counting: Counting; required?: boolean };
  /** What the post must carry: a video, images, either, or nothing in particular. */
  media: 'video' | 'images' | 'images_or_video' | 'optional';
  images?: Limit & { maxBytes?: number; types?: readonly string[] };
  video?: { maxBytes?: number; maxDurationMs?: number; severity?: Severity };
  /** Accepted cover shapes, width:height; a cover within 3 % of one of them passes. */
  coverRatios?: { ratios: readonly (readonly [number, number])[]; severity: Severity };
  topics?: Limit & { itemMax: number };
  tags?: Limit & { itemMax: number; required?: boolean };
  /** Weibo statuses/share: the text must hold a link on the app's safe domain and no #话题#. */
  safeDomainLink?: boolean;
  noInlineTopics?: boolean;
  /** Bilibili: a partition (分区 tid) is required. */
  tid?: boolean;
}

const MB = 1024 * 1024;
const MIN = 60_000;

export const PLATFORM_RULES: Record<PlatformId, PlatformRules> = {
  // developers.weixin.qq.com/doc/offiaccount/Draft_Box/Add_draft.html: title 不超过32个字, author 16,
  // digest 128 (the 45003/45004 errors).
  wechat_oa: { kind: 'article', title: { max: 32, required: true }, digest: { max: 128 }, media: 'optional' },
  // open.weibo.com/wiki/2/statuses/share: status 不超过140个汉字, must contain a URL of the app's
  // 安全域名, must not contain "#话题词#"; pic: one JPEG/GIF/PNG < 5M. Counting: schappo.blogspot.com
  // 2012/10/weibo-character-count.html (U+0000–U+00FF ½, BMP 1, astral 2). statuses/share has no video.
  weibo: {
    kind: 'status',
    text: { max: 140, counting: 'weibo', required: true },
    media: 'optional',
    images: { max: 1, maxBytes: 5 * MB - 1, types: ['image/jpeg', 'image/gif', 'image/png'] },
    safeDomainLink: true,
    noInlineTopics: true,
  },
  // developer.open-douyin.com video create/upload (API-REFERENCE [DYD]): direct upload ≤128 MB and
  // ≤15 min, by parts up to 4 GB. Caption length and cover shapes: UNVERIFIED (creator-site practice).
  douyin: {
    kind: 'video',
    title: { max: 30, severity: 'warning' },
    text: { max: 1000, counting: 'chars', severity: 'warning' },
    media: 'video',
    video: { maxBytes: 4 * 1024 * MB, maxDurationMs: 15 * MIN },
    coverRatios: {
      ratios: [
        [9, 16],
        [3, 4],
      ],
      severity: 'warning',
    },
    topics: { max: 10, itemMax: 30, severity: 'warning' },
  },
  // openhome.bilibili.com 视频稿件提交 (archive/add-by-utoken, API-REFERENCE Bilibili): tid 必填. The
  // limits title 80, desc 2000, at most 12 tags of 20 are the upload page's counters; the open doc's
  // text was not reached from here (checked as errors all the same: the page refuses more).
  // Cover 16:10 (the upload page's crop) or 16:9: UNVERIFIED.
  bilibili: {
    kind: 'video',
    title: { max: 80, required: true },
    text: { max: 2000, counting: 'chars' },
    media: 'video',
    video: {},
    coverRatios: {
      ratios: [
        [16, 10],
        [16, 9],
      ],
      severity: 'warning',
    },
    tags: { max: 12, min: 1, itemMax: 20, required: true },
    tid: true,
  },
  // open.kuaishou.com /openapi/photo/publish takes cover and caption; its limits are UNVERIFIED.
  kuaishou: {
    kind: 'video',
    text: { max: 500, counting: 'chars', severity: 'warning' },
    media: 'video',
    video: {},
    coverRatios: {
      ratios: [
        [9, 16],
        [3, 4],
      ],
      severity: 'warning',
    },
    topics: { max: 10, itemMax: 30, severity: 'warning' },
  },
  // Xiaohongshu has no publishing API (manual route); limits from its creator app: title 20, body 1000,
  // 1–18 images. UNVERIFIED beyond the app's own counters, hence warnings except the image count.
  xiaohongshu: {
    kind: 'note',
    title: { max: 20, severity: 'warning' },
    text: { max: 1000, counting: 'chars', severity: 'warning' },
    media: 'images_or_video',
    images: { max: 18, min: 1 },
    coverRatios: {
      ratios: [
        [3, 4],
        [1, 1],
        [4, 3],
      ],
      severity: 'warning',
    },
    topics: { max: 10, itemMax: 30, severity: 'warning' },
  },
  // Zhihu (manual route): an answer to a question (its URL in options.questionUrl) or an article.
  // Title limit UNVERIFIED.
  zhihu: { kind: 'zhihu', title: { max: 100, severity: 'warning' }, media: 'optional' },
  // WeChat Channels (manual route): a video, or images and a text. Limits UNVERIFIED.
  channels: {
    kind: 'channels',
    text: { max: 1000, counting: 'chars', severity: 'warning' },
    media: 'images_or_video',
    images: { max: 18, min: 1, severity: 'warning' },
    topics: { max: 10, itemMax: 30, severity: 'warning' },
  },
  // Toutiao (manual route): an article; the 2–30 character title is the mp.toutiao.com editor's counter, UNVERIFIED.
  toutiao: { kind: 'article', title: { max: 30, min: 2, severity: 'warning' }, media: 'optional' },
  custom: { kind: 'custom', media: 'optional' },
};

export const rulesOf = (platform: string): PlatformRules => PLATFORM_RULES[platform as PlatformId] ?? PLATFORM_RULES.custom;

/** Common Bilibili partitions (tid): SocialSisterYi/bilibili-API-collect@27eb59be:docs/video/video_zone.md. */
export const BILIBILI_TIDS: readonly { tid: number; zh: string; en: string }[] = [
  { tid: 27, zh: '动画·综合', en: 'Animation · general' },
  { tid: 17, zh: '游戏·单机游戏', en: 'Games · single-player' },
  { tid: 28, zh: '音乐·原创音乐', en: 'Music · original' },
  { tid: 201, zh: '知识·科学科普', en: 'Knowledge · science' },
  { tid: 208, zh: '知识·校园学习', en: 'Knowledge · campus' },
  { tid: 207, zh: '知识·财经商业', en: 'Knowledge · business' },
  { tid: 95, zh: '科技·数码', en: 'Tech · digital' },
  { tid: 230, zh: '科技·软件应用', en: 'Tech · software' },
  { tid: 231, zh: '科技·计算机技术', en: 'Tech · computing' },
  { tid: 228, zh: '知识·人文历史', en: 'Knowledge · history' },
  { tid: 124, zh: '知识·社科·法律·心理', en: 'Knowledge · social science' },
  { tid: 122, zh: '知识·野生技术协会', en: 'Knowledge · skills' },
  { tid: 171, zh: '游戏·电子竞技', en: 'Games · esports' },
];

export function countText(s: string, counting: Counting): number {
  if (counting === 'chars') return Array.from(s).length;
  let halves = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    halves += cp <= 0xff ? 1 : cp <= 0xffff ? 2 : 4;
  }
  return Math.ceil(halves / 2);
}

/** What is checked: the variant with what it inherits already filled in (see `effectiveVariant`). */
export interface CheckedVariant {
  title: string;
  digest: string;
  text: string;
  imageMediaIds: readonly string[];
  videoMediaId: string | null;
  coverMediaId: string | null;
  topics: readonly string[];
  tags: readonly string[];
  options: Readonly<Record<string, unknown>>;
}
export interface MediaFacts {
  size: number;
  contentType: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
}
export interface CheckSettings {
  /** platform_apps.settings.safeDomain of the workspace's app (Weibo). */
  safeDomain?: string | null;
}
export type VariantField = 'title' | 'digest' | 'text' | 'images' | 'video' | 'cover' | 'topics' | 'tags' | 'tid' | 'questionUrl';
export interface VariantIssue {
  field: VariantField;
  code: string;
  message: { zh: string; en: string };
  severity: Severity;
}

/** A stored variant's null fields come from the post (the server's publishInput does the same). */
export function effectiveVariant(
  post: { title: string; digest: string; bodyText: string; coverMediaId: string | null },
  v:
    | Partial<{
        title: string | null;
        digest: string | null;
        text: string | null;
        imageMediaIds: readonly string[];
        videoMediaId: string | null;
        coverMediaId: string | null;
        topics: readonly string[];
        tags: readonly string[];
        options: Record<string, unknown>;
      }>
    | undefined,
): CheckedVariant {
  const title = v?.title ?? post.title;
  return {
    title,
    digest: v?.digest ?? post.digest,
    text: v?.text ?? `${title}\n${post.bodyText}`.trim(),
    imageMediaIds: v?.imageMediaIds ?? [],
    videoMediaId: v?.videoMediaId ?? null,
    coverMediaId: v?.coverMediaId ?? post.coverMediaId,
    topics: v?.topics ?? [],
    tags: v?.tags ?? [],
    options: v?.options ?? {},
  };
}

const LABEL: Record<VariantField, [string, string]> = {
  title: ['标题', 'title'],
  digest: ['摘要', 'digest'],
  text: ['正文', 'text'],
  images: ['图片', 'images'],
  video: ['视频', 'video'],
  cover: ['封面', 'cover'],
  topics: ['话题', 'topics'],
  tags: ['标签', 'tags'],
  tid: ['分区', 'partition'],
  questionUrl: ['问题链接', 'question link'],
};
const mb = (n: number) => `${Math.round((n / MB) * 10) / 10} MB`;
const ZHIHU_QUESTION = /^https:\/\/www\.zhihu\.com\/question\/\d+\/?$/;

export function checkVariant(platform: string, v: CheckedVariant, media: Readonly<Record<string, MediaFacts>>, settings: CheckSettings = {}): VariantIssue[] {
  const r = rulesOf(platform);
  const out: VariantIssue[] = [];
  const add = (field: VariantField, code: string, zh: string, en: string, severity: Severity = 'error') =>
    out.push({ field, code, severity, message: { zh: `${LABEL[field][0]}：${zh}`, en: `${LABEL[field][1]}: ${en}` } });
  const length = (field: 'title' | 'digest' | 'text', value: string, l: Limit & { required?: boolean; counting?: Counting }) => {
    const n = countText(value.trim(), l.counting ?? 'chars');
    const sev = l.severity ?? 'error';
    if (l.required && n === 0) add(field, 'required', '不能为空', 'is required', 'error');
    else if (n > l.max) add(field, 'too_long', `最多 ${l.max} 字（现 ${n} 字）`, `at most ${l.max} characters (now ${n})`, sev);
    else if (l.min && n > 0 && n < l.min) add(field, 'too_short', `至少 ${l.min} 字（现 ${n} 字）`, `at least ${l.min} characters (now ${n})`, sev);
  };
  if (r.title) length('title', v.title, r.title);
  if (r.digest) length('digest', v.digest, r.digest);
  if (r.text) length('text', v.text, r.text);

  const facts = (id: string, field: VariantField) => {
    const m = media[id];
    if (!m) add(field, 'missing', '素材不存在或已删除', 'the media file does not exist', 'error');
    return m;
  };
  const images = v.imageMediaIds.map((id) => ({ id, m: facts(id, 'images') }));
  const video = v.videoMediaId ? facts(v.videoMediaId, 'video') : undefined;
  const hasVideo = !!v.videoMediaId;
  if (r.media === 'video' && !hasVideo) add('video', 'required', '此平台须上传视频', 'this platform needs a video');
  if (r.media === 'images_or_video' && !hasVideo && images.length === 0) add('images', 'required', '须有图片或视频', 'add images or a video');
  if (r.media === 'images_or_video' && hasVideo && images.length > 0) add('images', 'mixed', '图片和视频只能选一种', 'either images or a video, not both');
  if (r.media === 'video' && images.length > 0)
    add('images', 'not_supported', '此平台只发视频，图片不会发出', 'this platform posts a video only; the images are not sent', 'warning');
  if (!r.video && r.media !== 'images_or_video' && hasVideo) {
    add('video', 'not_supported', '此平台的发布方式不带视频', "this platform's publishing does not carry a video", r.kind === 'status' ? 'error' : 'warning');
  }
  if (images.length && r.images) {
    const i = r.images;
    const sev = i.severity ?? 'error';
    if (images.length > i.max) add('images', 'too_many', `最多 ${i.max} 张（现 ${images.length} 张）`, `at most ${i.max} (now ${images.length})`, sev);
    for (const [n, { m }] of images.entries()) {
      if (!m) continue;
      if (!m.contentType.startsWith('image/')) add('images', 'wrong_type', `第 ${n + 1} 个不是图片`, `item ${n + 1} is not an image`);
      else if (i.types && !i.types.includes(m.contentType))
        add('images', 'wrong_type', `第 ${n + 1} 张格式 ${m.contentType} 不支持`, `image ${n + 1}: ${m.contentType} is not accepted`, sev);
      if (i.maxBytes && m.size > i.maxBytes)
        add(
          'images',
          'too_big',
          `第 ${n + 1} 张 ${mb(m.size)}，须小于 ${mb(i.maxBytes + 1)}`,
          `image ${n + 1} is ${mb(m.size)}; it must be under ${mb(i.maxBytes + 1)}`,
          sev,
        );
    }
  } else if (images.length && !r.images && r.media !== 'video') {
    for (const [n, { m }] of images.entries())
      if (m && !m.contentType.startsWith('image/')) add('images', 'wrong_type', `第 ${n + 1} 个不是图片`, `item ${n + 1} is not an image`);
  }
  if (r.images?.min && r.media === 'images' && images.length < r.images.min) add('images', 'too_few', `至少 ${r.images.min} 张`, `at least ${r.images.min}`);
  if (video) {
    if (!video.contentType.startsWith('video/')) add('video', 'wrong_type', '所选文件不是视频', 'the file is not a video');
    const lim = r.video ?? {};
    const sev = lim.severity ?? 'error';
    if (lim.maxBytes && video.size > lim.maxBytes)
      add('video', 'too_big', `${mb(video.size)}，最大 ${mb(lim.maxBytes)}`, `${mb(video.size)}; at most ${mb(lim.maxBytes)}`, sev);
    if (lim.maxDurationMs && video.durationMs != null && video.durationMs > lim.maxDurationMs) {
      add(
        'video',
        'too_long',
        `时长 ${Math.ceil(video.durationMs / 1000)} 秒，最长 ${lim.maxDurationMs / 1000} 秒`,
        `${Math.ceil(video.durationMs / 1000)} s long; at most ${lim.maxDurationMs / 1000} s`,
        sev,
      );
    }
  }
  if (v.coverMediaId && (r.kind === 'video' || r.coverRatios)) {
    const c = facts(v.coverMediaId, 'cover');
    if (c && !c.contentType.startsWith('image/')) add('cover', 'wrong_type', '封面必须是图片', 'the cover must be an image');
    else if (c?.width && c.height && r.coverRatios) {
      const ratio = c.width / c.height;
      const ok = r.coverRatios.ratios.some(([w, h]) => Math.abs(ratio / (w / h) - 1) <= 0.03);
      const names = r.coverRatios.ratios.map(([w, h]) => `${w}:${h}`).join(' / ');
      if (!ok)
        add('cover', 'ratio', `建议比例 ${names}（现 ${c.width}×${c.height}）`, `expected ${names} (now ${c.width}×${c.height})`, r.coverRatios.severity);
    }
  }
  const list = (field: 'topics' | 'tags', items: readonly string[], l: (Limit & { itemMax: number; required?: boolean }) | undefined) => {
    if (!l) {
      if (items.length) add(field, 'not_supported', '此平台不用此项，不会发出', 'this platform does not use them; they are not sent', 'warning');
      return;
    }
    const sev = l.severity ?? 'error';
    if (l.required && items.length === 0) add(field, 'required', `至少 ${l.min ?? 1} 个`, `at least ${l.min ?? 1}`);
    if (items.length > l.max) add(field, 'too_many', `最多 ${l.max} 个（现 ${items.length} 个）`, `at most ${l.max} (now ${items.length})`, sev);
    for (const s of items) {
      if (countText(s, 'chars') > l.itemMax) add(field, 'item_too_long', `“${s}”超过 ${l.itemMax} 字`, `"${s}" is over ${l.itemMax} characters`, sev);
      if (field === 'topics' && /[#\s]/.test(s)) add(field, 'invalid', `“${s}”不能含 # 或空格`, `"${s}" must not contain # or spaces`);
    }
  };
  list('topics', v.topics, r.topics);
  list('tags', v.tags, r.tags);

  if (r.noInlineTopics && /#[^#\s]+#/.test(v.text)) add('text', 'inline_topic', '不能包含 #话题词#', 'must not contain a #topic#');
  if (r.safeDomainLink) {
    const domain = settings.safeDomain?.trim().toLowerCase();
    const hosts = [...v.text.matchAll(/https?:\/\/([^/\s?#:]+)/gi)].map((m) => m[1].toLowerCase());
    if (!domain) add('text', 'no_safe_domain', '应用未设置安全域名，无法检查链接', "the app's safe domain is not set; the link cannot be checked", 'warning');
    else if (!hosts.some((h) => h === domain || h.endsWith(`.${domain}`))) {
      add('text', 'link_required', `须包含安全域名 ${domain} 下的链接`, `must contain a link on the safe domain ${domain}`);
    }
  }
  if (r.tid) {
    const tid = v.options.tid;
    if (!(typeof tid === 'number' && Number.isInteger(tid) && tid > 0)) add('tid', 'required', '请选择分区', 'choose a partition');
  }
  if (r.kind === 'zhihu' && v.options.mode !== 'article') {
    const url = v.options.questionUrl;
    if (typeof url !== 'string' || !ZHIHU_QUESTION.test(url))
      add(
        'questionUrl',
        'required',
        '回答须填写问题链接（https://www.zhihu.com/question/…）',
        'an answer needs the question link (https://www.zhihu.com/question/…)',
      );
  }
  return out;
}

export const hasErrors = (issues: readonly VariantIssue[]) => issues.some((i) => i.severity === 'error');
