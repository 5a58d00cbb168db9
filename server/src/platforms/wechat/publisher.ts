// The WeChat Official Account behind the engine's PlatformAdapter: 发布 (freepublish/submit) or 群发
// (message/mass/sendall to all followers or to a tag), a status per route, and reconciliation by what
// WeChat documents (freepublish/batchget lists successful publishes with their content).

import { type CallMeter, type Delivery, PlatformError, type Prepared, type PlatformAdapter, type PublishInput, type Reconciled, type RemoteStatus } from '../adapter';
import { sanitizeArticleHtml } from '../../lib/sanitize-html';
import type { WechatClient } from './client';
import { msUntilShanghaiMidnight, PLATFORM } from './errors';
import { articleFingerprint } from './fingerprint';
import { massSend, massStatus } from './mass';

const LIBRARY_IMG = /\/api\/v1\/media\/([0-9a-f-]{36})\/file/g;
/** freepublish/batchget pages (of 20, newest first) searched at most when reconciling. */
const RECONCILE_PAGES = 5;
/** A publish finished up to this long before the submit started still counts (clocks differ). */
const CLOCK_SLACK_S = 120;

export type WechatDelivery = { mode: 'publish' } | { mode: 'mass_send'; tagId?: number | null };

export function wechatDelivery(d: Delivery): WechatDelivery {
  if (d.mode === 'mass_send') return { mode: 'mass_send', tagId: typeof d.tagId === 'number' ? d.tagId : null };
  return { mode: 'publish' };
}

const MASS_STATES: Record<string, RemoteStatus> = {
  SENDING: { state: 'publishing' },
  SEND_SUCCESS: { state: 'published', articleId: null, url: null },
  SEND_FAIL: { state: 'failed', code: 'SEND_FAIL', reason: '群发失败 / the mass send failed' },
  DELETE: { state: 'failed', code: 'DELETE', reason: '群发消息已被删除 / the mass-sent message was deleted' },
};

export function wechatAdapter(client: WechatClient, meter: CallMeter): PlatformAdapter {
  const prepareOnce = async (input: PublishInput, knownCover: string | null): Promise<Prepared> => {
    if (!input.cover) {
      throw new PlatformError({ kind: 'invalid', platform: PLATFORM, message: '微信公众号图文必须有封面图 / a WeChat article needs a cover image' });
    }
    let coverRemoteId = knownCover;
    if (!coverRemoteId?.startsWith(`${input.cover.mediaId}:`)) {
      const up = await client.uploadImage(await input.cover.load());
      coverRemoteId = `${input.cover.mediaId}:${up.mediaId}`;
    }
    // Images from our library must live on WeChat's own host, or WeChat strips them.
    let content = input.bodyHtml;
    const ids = [...new Set([...content.matchAll(LIBRARY_IMG)].map((m) => m[1]))];
    for (const id of ids) {
      const { url } = await client.uploadArticleImage(await input.loadMedia(id));
      content = content.split(`/api/v1/media/${id}/file`).join(url);
    }
    // What goes to WeChat is the stored allowlist with WeChat-hosted images only (contract/html.ts).
    content = sanitizeArticleHtml(content, { imageSources: ['wechat'] });
    const draft = await client.addDraft([
      {
        title: input.title,
        author: input.author || undefined,
        digest: input.digest || undefined,
        content,
        contentSourceUrl: input.contentSourceUrl ?? undefined,
        thumbMediaId: coverRemoteId.slice(coverRemoteId.indexOf(':') + 1),
        needOpenComment: true,
      },
    ]);
    return { coverRemoteId, draftRemoteId: draft.mediaId, fingerprint: articleFingerprint(input.title, content) };
  };

  return {
    platform: PLATFORM,

    async warm() {
      await client.getToken();
    },

    async prepare(input, previous) {
      try {
        return await prepareOnce(input, previous.coverRemoteId);
      } catch (e) {
        // 40007 invalid media_id: the cover uploaded before was deleted from the account's material
        // library since. Upload it again.
        if (!previous.coverRemoteId || !(e instanceof PlatformError) || Number(e.code) !== 40007) throw e;
        return prepareOnce(input, null);
      }
    },

    async submit(draftRemoteId, delivery, key, opts = {}) {
      const d = wechatDelivery(delivery);
      if (d.mode === 'publish') {
        const r = await client.submitPublish(draftRemoteId, opts);
        return { remoteId: r.publishId, msgDataId: r.msgDataId };
      }
      const r = await massSend(client, draftRemoteId, d.tagId ? { toAll: false, tagId: d.tagId } : { toAll: true }, key, opts);
      return { remoteId: r.msgId, msgDataId: r.msgDataId };
    },

    // Batch_Sends_and_Originality_Checks §9: the same clientmsgid is never sent twice (45065 names
    // the job that exists). freepublish/submit has no such key.
    idempotentSubmit: (delivery) => wechatDelivery(delivery).mode === 'mass_send',

    pollApi: (delivery) => (wechatDelivery(delivery).mode === 'mass_send' ? '/cgi-bin/message/mass/get' : '/cgi-bin/freepublish/get'),

    async status(remoteId, delivery): Promise<RemoteStatus> {
      if (wechatDelivery(delivery).mode === 'mass_send') {
        const s = await massStatus(client, remoteId);
        return MASS_STATES[s] ?? { state: 'failed', code: s, reason: `群发状态 ${s} / mass-send status ${s}` };
      }
      const s = await client.getPublishStatus(remoteId);
      if (s.status === 'publishing') return { state: 'publishing' };
      if (s.status === 'published') return { state: 'published', articleId: s.articleId ?? null, url: s.articleUrls[0] ?? null };
      return { state: 'failed', code: String(s.code), reason: s.reason };
    },

    /**
     * freepublish/batchget (doc/subscription/api/public/api_freepublish_batchget) lists the
     * account's successful publishes, newest first, with each article's content: the article is
     * recognised by its title and visible text within the window since the submit started.
     * Nothing here relies on what happens to the draft in the draft box (not documented).
     */
    async reconcile({ fingerprint, since, delivery, exclude }): Promise<Reconciled> {
      if (wechatDelivery(delivery).mode === 'mass_send') return { found: false };
      const sinceSec = Math.floor(since.getTime() / 1000) - CLOCK_SLACK_S;
      for (let page = 0; page < RECONCILE_PAGES; page++) {
        if (meter.remaining('/cgi-bin/freepublish/batchget') < 1) {
          throw new PlatformError({
            kind: 'rate_limited',
            platform: PLATFORM,
            code: 'quota',
            retryAfterMs: msUntilShanghaiMidnight(),
            message: '今日「获取成功发布列表」接口配额已用完，明天再核对 / the daily quota of freepublish/batchget is used up; checking again tomorrow',
          });
        }
        const r = await client.listPublished(page * 20, 20, false);
        for (const item of r.items) {
          if (item.updateTime < sinceSec || exclude.includes(item.articleId)) continue;
          const hit = item.news.find((n) => !n.isDeleted && n.content !== undefined && articleFingerprint(n.title, n.content) === fingerprint);
          if (hit) return { found: true, remoteId: null, articleId: item.articleId, url: hit.url || null };
        }
        const oldest = r.items.at(-1);
        if (r.items.length < 20 || (oldest && oldest.updateTime < sinceSec)) break;
      }
      return { found: false };
    },
  };
}
