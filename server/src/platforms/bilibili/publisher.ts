// The Bilibili account behind the engine's PlatformAdapter. prepare uploads the video in 8 MB parts
// (文件上传预处理 → 文件分片上传 → 文件分片合片) and the cover (封面上传) and keeps the upload_token with
// the archive's fields as the draft; submit is 视频稿件提交 (add-by-utoken); the archive is then
// reviewed and its state read from 查询单一视频稿件详情 (archive/view).

import { type Delivery, PlatformError, type PlatformAdapter, type Prepared, type PublishInput, type Reconciled, type RemoteStatus } from '../adapter';
import { type BilibiliClient, PART_SIZE } from './client';
import { PLATFORM } from './errors';
import { archiveFingerprint } from './fingerprint';

interface Draft {
  uploadToken: string;
  archive: Record<string, unknown>;
}

/** Limits of 视频稿件提交: title < 80, desc < 250, all tags < 200 characters. */
const TITLE_MAX = 80;
const DESC_MAX = 250;
const TAGS_MAX = 200;
/** viewlist pages (of 50, newest first) searched at most when reconciling. */
const RECONCILE_PAGES = 4;
const CLOCK_SLACK_S = 120;

const invalid = (zh: string, en: string) => new PlatformError({ kind: 'invalid', platform: PLATFORM, message: `${zh} / ${en}` });

export function tagString(tags: string[]): string {
  const out: string[] = [];
  let total = 0;
  for (const raw of tags) {
    const t = raw.replace(/^#/, '').replace(/,/g, ' ').trim();
    if (!t || out.includes(t)) continue;
    const extra = t.length + (out.length ? 1 : 0);
    if (total + extra > TAGS_MAX) break;
    out.push(t);
    total += extra;
  }
  return out.join(',');
}

/** The fields of add-by-utoken from a post's Bilibili variant. */
export function archiveFields(input: PublishInput, cover: string | null): Record<string, unknown> {
  const o = input.variant.options;
  const tid = Number(o.tid);
  if (!Number.isInteger(tid) || tid <= 0) throw invalid('B站投稿必须选择分区（tid）', 'a Bilibili submission needs its partition (tid)');
  const title = input.title.trim();
  if (!title || [...title].length > TITLE_MAX) throw invalid('B站稿件标题不能为空且不超过 80 个字', 'a Bilibili title must be 1–80 characters');
  const desc = input.variant.text;
  if ([...desc].length > DESC_MAX) throw invalid('B站稿件简介不超过 250 个字', 'a Bilibili description must be at most 250 characters');
  const tag = tagString([...input.variant.tags, ...input.variant.topics]);
  if (!tag) throw invalid('B站稿件至少需要一个标签', 'a Bilibili submission needs at least one tag');
  const copyright = Number(o.copyright ?? 1) === 2 ? 2 : 1;
  const source = typeof o.source === 'string' ? o.source.trim() : '';
  if (copyright === 2 && !source) throw invalid('转载稿件必须填写来源', 'a repost needs its source');
  return {
    title,
    ...(cover && { cover }),
    tid,
    tag,
    desc,
    copyright,
    ...(copyright === 2 && { source }),
    no_reprint: o.no_reprint === 0 || o.no_reprint === false ? 0 : 1,
  };
}

export function statusOf(a: { state: number; stateDesc: string; rejectReason: string; shareUrl: string | null; resourceId: string }): RemoteStatus {
  // 0 开放浏览 and -2 已退回 are the documented states (video_open / video_fail pushes); others
  // (-30 审核中 …) are still under way. A reject reason on any state means it was turned back.
  if (a.state === 0) return { state: 'published', articleId: a.resourceId, url: a.shareUrl ?? `https://www.bilibili.com/video/${a.resourceId}` };
  if (a.state === -2 || (a.state < 0 && a.rejectReason)) {
    return { state: 'failed', code: String(a.state), reason: a.rejectReason || a.stateDesc || '稿件已退回 / the archive was turned back' };
  }
  return { state: 'publishing' };
}

export function bilibiliAdapter(client: BilibiliClient): PlatformAdapter {
  return {
    platform: PLATFORM,

    async warm() {
      await client.current();
    },

    async prepare(input: PublishInput, previous): Promise<Prepared> {
      const video = input.variant.video;
      if (!video) throw invalid('B站投稿必须有视频', 'a Bilibili submission needs a video');
      archiveFields(input, null); // refuse before uploading anything
      const coverRef = input.variant.cover;
      let coverRemoteId = previous.coverRemoteId;
      let coverUrl: string | null = null;
      if (coverRef) {
        if (coverRemoteId?.startsWith(`${coverRef.mediaId}:`)) coverUrl = coverRemoteId.slice(coverRef.mediaId.length + 1);
        else {
          coverUrl = await client.uploadCover({ data: await coverRef.load(), filename: coverRef.filename, contentType: coverRef.contentType });
          coverRemoteId = `${coverRef.mediaId}:${coverUrl}`;
        }
      } else if (input.cover) {
        const f = await input.cover.load();
        if (coverRemoteId?.startsWith(`${input.cover.mediaId}:`)) coverUrl = coverRemoteId.slice(input.cover.mediaId.length + 1);
        else {
          coverUrl = await client.uploadCover(f);
          coverRemoteId = `${input.cover.mediaId}:${coverUrl}`;
        }
      }
      const archive = archiveFields(input, coverUrl);
      const bytes = await video.load();
      const uploadToken = await client.uploadInit(video.filename, '0');
      for (let off = 0, part = 1; off < bytes.length || part === 1; off += PART_SIZE, part++) {
        await client.uploadPart(uploadToken, part, bytes.subarray(off, Math.min(off + PART_SIZE, bytes.length)));
        if (off + PART_SIZE >= bytes.length) break;
      }
      await client.uploadComplete(uploadToken);
      const draft: Draft = { uploadToken, archive };
      return { coverRemoteId: coverRemoteId ?? null, draftRemoteId: JSON.stringify(draft), fingerprint: archiveFingerprint(String(archive.title), String(archive.desc)) };
    },

    async submit(draftRemoteId, _delivery: Delivery, _key, opts) {
      const draft = JSON.parse(draftRemoteId) as Draft;
      const resourceId = await client.addByUtoken(draft.uploadToken, draft.archive, opts?.beforeSend);
      if (!resourceId) throw new PlatformError({ kind: 'unknown_outcome', platform: PLATFORM, message: 'Bilibili add-by-utoken answered no resource_id; reconcile' });
      return { remoteId: resourceId, msgDataId: null };
    },

    // add-by-utoken documents no idempotency key.
    idempotentSubmit: () => false,

    async status(remoteId) {
      return statusOf(await client.view(remoteId));
    },

    /**
     * 查询用户视频稿件列表 (open.bilibili.com/doc/4/a24030b7-6b8f-b36c-32d8-a4aae67fcc35) lists the
     * account's archives newest first with title, desc and ctime: an archive created since the
     * submit whose title and description give our fingerprint is ours.
     */
    async reconcile(q): Promise<Reconciled> {
      const since = Math.floor(q.since.getTime() / 1000) - CLOCK_SLACK_S;
      for (let pn = 1; pn <= RECONCILE_PAGES; pn++) {
        const { list } = await client.viewList(pn, 50);
        for (const a of list) {
          if (a.ctime && a.ctime < since) return { found: false };
          if (q.exclude.includes(a.resourceId)) continue;
          // Listed may still be 审核中: archive/view (status) tells the outcome.
          if (archiveFingerprint(a.title, a.desc) === q.fingerprint) return { found: true, remoteId: a.resourceId, articleId: a.resourceId, url: a.shareUrl, inReview: true };
        }
        if (list.length < 50) break;
      }
      return { found: false };
    },

    pollApi: () => '/arcopen/fn/archive/view',
  };
}
