// The Douyin account behind the engine's PlatformAdapter, API route (enterprise `video.create.bind`):
// upload the video (in parts above 50 MB) and the cover, then create_video; the review outcome is
// read from video_data. Hand-off route (everyone else): see handoff.ts.
import { createHash } from 'node:crypto';
import { type Grant, PlatformError, type PlatformAdapter, type PublishInput, type Reconciled, type RemoteStatus } from '../adapter';
import type { DouyinClient, VideoItem } from './client';
import { PLATFORM } from './errors';
import { PUBLISH_SCOPE } from './oauth';

/** A video created up to this long before the submit started still counts (clocks differ). */
const CLOCK_SLACK_S = 120;
/** video_list pages (newest first) searched at most when reconciling. */
const RECONCILE_PAGES = 5;
const PAGE = 20;

/** The caption as sent: the text, then each topic written inline as `#话题` (create_video `text`). */
export function caption(input: PublishInput): string {
  const topics = input.variant.topics.map((t) => `#${t.replace(/^#/, '').trim()}`).filter((t) => t.length > 1);
  return [input.variant.text.trim(), ...topics].filter(Boolean).join(' ');
}

const INVISIBLE = /[\s\u00a0\u200b-\u200d\u2060\ufeff]+/g;
export function captionFingerprint(text: string): string {
  return createHash('sha256').update(text.normalize('NFC').replace(INVISIBLE, '')).digest('hex');
}

export interface DouyinDraft {
  videoId: string | null;
  text: string;
  coverImageId?: string;
}

export function statusOf(v: VideoItem | undefined): RemoteStatus {
  if (!v) return { state: 'publishing' };
  if (v.videoStatus === 2) {
    return { state: 'failed', code: 'rejected', reason: v.reason || '作品审核未通过，不适合公开 / the video was found not suitable for public viewing' };
  }
  if (v.videoStatus === 1 || v.videoStatus === 5) return { state: 'published', articleId: v.itemId, url: v.shareUrl || null };
  return { state: 'publishing' };
}

/** Finds our caption in video_list (newest first) since `since` − slack, skipping `exclude`. */
export async function findByCaption(
  client: DouyinClient,
  q: { fingerprint: string; since: Date; exclude: string[]; shareId?: string | null },
): Promise<Reconciled> {
  const sinceSec = Math.floor(q.since.getTime() / 1000) - CLOCK_SLACK_S;
  let cursor = 0;
  for (let page = 0; page < RECONCILE_PAGES; page++) {
    const r = await client.videoList(cursor, PAGE);
    for (const v of r.list) {
      if (v.createTime < sinceSec || q.exclude.includes(v.itemId)) continue;
      const hit = (q.shareId && v.shareId === q.shareId) || captionFingerprint(v.title) === q.fingerprint;
      if (!hit) continue;
      // Still 审核中 (or already turned down): the status poll (video_data) decides, never "published" at once.
      const inReview = statusOf(v).state !== 'published';
      return { found: true, remoteId: v.itemId, articleId: v.itemId, url: v.shareUrl || null, ...(inReview ? { inReview } : {}) };
    }
    const oldest = r.list.at(-1);
    if (!r.hasMore || (oldest && oldest.createTime < sinceSec)) break;
    cursor = r.cursor;
  }
  return { found: false };
}

export function douyinAdapter(client: DouyinClient, extra: Partial<PlatformAdapter> = {}): PlatformAdapter {
  return {
    platform: PLATFORM,
    async warm() {
      const g: Grant = await client.currentGrant();
      if (!g.accessToken)
        throw new PlatformError({ kind: 'auth', platform: PLATFORM, message: '抖音授权缺少 access_token / the Douyin grant has no access token' });
    },

    async prepare(input, previous) {
      const video = input.variant.video;
      if (!video) throw new PlatformError({ kind: 'invalid', platform: PLATFORM, message: '抖音作品必须有视频 / a Douyin post needs a video' });
      const text = caption(input);
      // Hand-off accounts (no bound scope) upload nothing: the member posts the file from the kit.
      const bound = (await client.currentGrant()).scopes.includes(PUBLISH_SCOPE);
      if (!bound)
        return { coverRemoteId: null, draftRemoteId: JSON.stringify({ videoId: null, text } satisfies DouyinDraft), fingerprint: captionFingerprint(text) };
      const videoId = await client.uploadVideo(await video.load(), video.filename, video.contentType);
      const draft: DouyinDraft = { videoId, text };
      let coverRemoteId: string | null = null;
      const cover = input.variant.cover;
      if (cover) {
        coverRemoteId = previous.coverRemoteId?.startsWith(`${cover.mediaId}:`)
          ? previous.coverRemoteId
          : `${cover.mediaId}:${await client.uploadImage(await cover.load(), cover.filename, cover.contentType)}`;
        draft.coverImageId = coverRemoteId.slice(coverRemoteId.indexOf(':') + 1);
      }
      return { coverRemoteId, draftRemoteId: JSON.stringify(draft), fingerprint: captionFingerprint(text) };
    },

    async submit(draftRemoteId, _delivery, _key, opts = {}) {
      const d = JSON.parse(draftRemoteId) as DouyinDraft;
      if (!d.videoId) throw new PlatformError({ kind: 'invalid', platform: PLATFORM, message: '草稿没有抖音 video_id / the draft has no Douyin video_id' });
      const itemId = await client.createVideo(
        { videoId: d.videoId, text: d.text, ...(d.coverImageId ? { customCoverImageUrl: d.coverImageId } : {}) },
        opts.beforeSend,
      );
      return { remoteId: itemId, msgDataId: null };
    },

    // create_video has no idempotency key in the docs.
    idempotentSubmit: () => false,
    pollApi: () => '/api/douyin/v1/video/video_data/',

    async status(remoteId) {
      const [v] = await client.videoData([remoteId]);
      return statusOf(v);
    },

    /**
     * No documented way to look up a create_video by a request key; video_list
     * ([DG] video.go, newest first) lists the account's items with their caption (`title`) and
     * create_time: the caption as sent, created since the submit started, not matched before.
     */
    async reconcile({ fingerprint, since, exclude }) {
      return findByCaption(client, { fingerprint, since, exclude });
    },
    ...extra,
  };
}
