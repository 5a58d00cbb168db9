// Zod-free so the web imports it without pulling zod into the bundle (zod probes eval, which the CSP forbids).

/** What kind of piece a post is, as the strategy plans it: 图文, 短视频, 长视频, 直播, 音频, 其他. */
export const CONTENT_FORMATS = ['image_text', 'short_video', 'long_video', 'live', 'audio', 'other'] as const;
