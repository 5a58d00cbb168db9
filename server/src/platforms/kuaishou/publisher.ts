// The Kuaishou account behind the engine's PlatformAdapter: video only. prepare asks for an upload
// token and sends the video to the gateway (whole or in fragments); submit publishes it with its
// caption and cover; status reads /openapi/photo/info; reconcile looks in /openapi/photo/list.

import { createHash } from 'node:crypto';
import type { PlatformAdapter, Prepared, PublishInput, Reconciled, RemoteStatus } from '../adapter';
import { PlatformError } from '../adapter';
import type { KuaishouClient } from './client';
import { PLATFORM } from './errors';

/** photo/list pages (newest first) searched at most when reconciling, and their size. */
const RECONCILE_PAGES = 5;
const PAGE = 20;
/** A video created up to this long before the submit started still counts (clocks differ). */
const CLOCK_SLACK_MS = 120_000;
/** The cover travels inside the draft id (the publish takes it as a file; submit has no media access). */
const COVER_MAX_BYTES = 5 * 1024 * 1024;

const INVISIBLE = /[\s\u00a0\u200b-\u200d\u2060\ufeff]+/g;

/** The caption as sent: the variant's text, then its topics the way Kuaishou writes them (#话题). */
export function captionOf(text: string, topics: string[]): string {
  const tags = topics.map((t) => t.trim().replace(/^#+/, '')).filter(Boolean).map((t) => `#${t}`);
  return [text.trim(), tags.join(' ')].filter(Boolean).join(' ');
}

/** What recognises the video later: the caption a viewer sees, every kind of space removed. */
export function captionFingerprint(caption: string): string {
  return createHash('sha256').update(caption.normalize('NFC').replace(INVISIBLE, '')).digest('hex');
}

interface Draft {
  /** upload_token of the uploaded video. */
  u: string;
  /** caption */
  c: string;
  cover: { n: string; t: string; b64: string };
}

function parseDraft(id: string): Draft {
  try {
    const d = JSON.parse(id) as Draft;
    if (typeof d.u === 'string' && typeof d.c === 'string' && d.cover && typeof d.cover.b64 === 'string') return d;
  } catch {}
  throw new PlatformError({ kind: 'invalid', platform: PLATFORM, message: '快手草稿数据损坏,请重新准备 / the prepared Kuaishou draft is unreadable; prepare it again' });
}

export function kuaishouAdapter(client: KuaishouClient): PlatformAdapter {
  return {
    platform: PLATFORM,

    async warm() {
      // Nothing to fetch ahead: the grant's token is the account's own (refreshed on refusal).
    },

    async prepare(input: PublishInput): Promise<Prepared> {
      const v = input.variant;
      if (!v.video) throw new PlatformError({ kind: 'invalid', platform: PLATFORM, message: '快手只能发布视频,该帖子没有视频 / Kuaishou publishes videos only; this post has none' });
      if (!v.cover) throw new PlatformError({ kind: 'invalid', platform: PLATFORM, message: '快手发布视频需要封面图 / a Kuaishou video needs a cover image' });
      if (v.cover.size > COVER_MAX_BYTES) throw new PlatformError({ kind: 'invalid', platform: PLATFORM, message: '封面图不能超过 5 MB / the cover must be at most 5 MB' });
      const caption = captionOf(v.text, v.topics);
      const { uploadToken, endpoint } = await client.startUpload();
      await client.uploadVideo(endpoint, uploadToken, { data: await v.video.load(), filename: v.video.filename, contentType: v.video.contentType });
      const cover = await v.cover.load();
      const draft: Draft = { u: uploadToken, c: caption, cover: { n: v.cover.filename, t: v.cover.contentType, b64: cover.toString('base64') } };
      return { coverRemoteId: null, draftRemoteId: JSON.stringify(draft), fingerprint: captionFingerprint(caption) };
    },

    async submit(draftRemoteId, _delivery, _key, opts = {}) {
      const d = parseDraft(draftRemoteId);
      const r = await client.publish(d.u, d.c, { data: Buffer.from(d.cover.b64, 'base64'), filename: d.cover.n, contentType: d.cover.t }, opts);
      // Published videos go through review (pending): the status poll says when they can be watched.
      return { remoteId: r.photoId, msgDataId: null };
    },

    // The publish API takes no idempotency key.
    idempotentSubmit: () => false,

    pollApi: () => '/openapi/photo/info',

    /**
     * photo/info (api-7075083): `pending` "是否还在处理中,不能观看" → publishing; otherwise published
     * with its play_url. The doc says nothing of review refusals; it lists 120003 视频发布失败 and
     * 120001 视频不存在 for this API, which we read as the platform refusing or removing the video
     * (failed, with Kuaishou's error_msg as the reason).
     */
    async status(remoteId): Promise<RemoteStatus> {
      const r = await client.photoInfo(remoteId);
      if (r.ok) return r.photo.pending ? { state: 'publishing' } : { state: 'published', articleId: r.photo.photoId || remoteId, url: r.photo.playUrl || null };
      const base = r.code === 120003 ? '视频发布失败 / the video failed to publish' : r.code === 120001 ? '视频不存在 / the video does not exist (removed)' : '视频未上传 / the video was not uploaded';
      return { state: 'failed', code: String(r.code), reason: r.message ? `${base}: ${r.message}` : base };
    },

    /**
     * photo/list (api-7075082, 查询用户视频列表) lists the account's videos newest first with their
     * caption and create_time (ms): ours is the one created since the submit started whose caption
     * has the fingerprint of what was sent. The list is the only documented way to find a video
     * without its photo_id; there is no client key to search by.
     */
    async reconcile({ fingerprint, since, exclude }): Promise<Reconciled> {
      const sinceMs = since.getTime() - CLOCK_SLACK_MS;
      let cursor: string | null = null;
      for (let page = 0; page < RECONCILE_PAGES; page++) {
        const r = await client.photoList(cursor, PAGE);
        for (const p of r.photos) {
          if (p.createTime && p.createTime < sinceMs) continue;
          if (exclude.includes(p.photoId)) continue;
          // Listed is not reviewed: photo/info (status) tells whether it passed.
          if (captionFingerprint(p.caption) === fingerprint) return { found: true, remoteId: p.photoId, articleId: p.photoId, url: p.playUrl || null, inReview: true };
        }
        const oldest = r.photos.at(-1);
        if (!r.cursor || (oldest?.createTime && oldest.createTime < sinceMs)) break;
        cursor = r.cursor;
      }
      return { found: false };
    },
  };
}
