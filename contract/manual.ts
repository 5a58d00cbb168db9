/**
 * Posts a member publishes by hand (platforms without a publishing API, custom channels) or
 * finishes in the platform's app (the hand-off route): what to check before tapping "publish" on
 * the platform, and which hosts a live link may be on. Kept next to the platform rules
 * (contract/platforms.ts); the server checks the link, the web shows the checklist. No zod here:
 * the web imports it as is (the kit's schemas are in content.ts).
 */

export interface ManualCheck {
  key: string;
  zh: string;
  en: string;
  /** Worth a look, not needed for every post (a location, a product card). */
  optional?: boolean;
}

const item = (key: string, zh: string, en: string, optional = false): ManualCheck => ({ key, zh, en, ...(optional ? { optional } : {}) });

const GENERIC: ManualCheck[] = [
  item('text_pasted', '已粘贴标题与正文，并核对无误', 'Title and text pasted and read through'),
  item('media_added', '已按顺序添加素材包中的图片或视频', 'The pictures or video from the kit added, in order'),
  item('link_copied', '发布后已复制作品的线上链接', 'The live link copied after publishing'),
];

export const MANUAL_CHECKLISTS: Record<string, ManualCheck[]> = {
  // Limits as in contract/platforms.ts (title 20, 1–18 pictures, the first one is the cover).
  xiaohongshu: [
    item('title_20', '标题不超过 20 字', 'Title of at most 20 characters'),
    item('cover_first', '封面图放在第一张', 'The cover is the first picture'),
    item('images_added', '已按顺序添加全部图片（最多 18 张）', 'All pictures added, in order (at most 18)'),
    item('text_pasted', '已粘贴正文', 'Text pasted'),
    item('topics_added', '已添加话题（#话题）', 'Topics added (#topic)'),
    item('location', '已添加地点', 'Location added', true),
    item('product', '已关联商品', 'Product linked', true),
  ],
  channels: [
    item('media_added', '已添加视频或图片', 'Video or pictures added'),
    item('text_pasted', '已粘贴描述', 'Description pasted'),
    item('topics_added', '已添加话题（#话题）', 'Topics added (#topic)'),
    item('location', '已添加位置', 'Location added', true),
    item('official_account', '已关联公众号文章', 'Official-account article linked', true),
  ],
  zhihu: [
    item('target_chosen', '已打开要回答的问题，或新建文章', 'The question to answer is open, or a new article'),
    item('title_pasted', '文章已粘贴标题', 'Article title pasted'),
    item('text_pasted', '已粘贴正文并插入图片', 'Text pasted and pictures inserted'),
    item('topics_added', '已添加话题', 'Topics added'),
  ],
  toutiao: [
    item('title_2_30', '标题为 2–30 字', 'Title of 2–30 characters'),
    item('text_pasted', '已粘贴正文并插入图片', 'Text pasted and pictures inserted'),
    item('cover_set', '已设置封面', 'Cover set'),
    item('original', '已声明原创', 'Marked as original', true),
  ],
  // The hand-off route: the member finishes the post in the app from the kit's link.
  douyin: [
    item('video_saved', '视频已保存到手机', 'The video is saved on the phone'),
    item('caption_pasted', '已粘贴文案与话题', 'Caption and topics pasted'),
    item('cover_checked', '已确认封面', 'Cover checked'),
  ],
};

export const checklistOf = (platform: string): ManualCheck[] => MANUAL_CHECKLISTS[platform] ?? GENERIC;

/** Hosts (and their subdomains) a live link may be on; none listed (custom channels): any web link. */
export const LIVE_LINK_HOSTS: Record<string, string[]> = {
  xiaohongshu: ['xiaohongshu.com', 'xhslink.com'],
  channels: ['channels.weixin.qq.com', 'weixin.qq.com'],
  zhihu: ['zhihu.com'],
  toutiao: ['toutiao.com'],
  douyin: ['douyin.com', 'iesdouyin.com'],
};

/** Why the live link is not one of this platform's, or null when it is. */
export function liveLinkProblem(platform: string, url: string): { zh: string; en: string } | null {
  let host: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('scheme');
    host = u.hostname.toLowerCase();
  } catch {
    return { zh: '链接须以 http:// 或 https:// 开头', en: 'the link must start with http:// or https://' };
  }
  const hosts = LIVE_LINK_HOSTS[platform];
  if (!hosts || hosts.some((h) => host === h || host.endsWith(`.${h}`))) return null;
  const list = hosts.join('、');
  return { zh: `链接须在 ${list} 域名下（作品在平台上的地址）`, en: `the link must be on ${hosts.join(', ')} (the post's address on the platform)` };
}
