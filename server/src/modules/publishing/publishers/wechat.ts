import { PlatformError } from '../../../platforms/adapter';
import type { WechatClient } from '../../../platforms/wechat/client';
import type { Prepared, Publisher, PublishInput, RemoteStatus } from './types';

const LIBRARY_IMG = /\/api\/v1\/media\/([0-9a-f-]{36})\/file/g;
/** How far back freepublish/batchget is searched when reconciling (pages of 20, newest first). */
const RECONCILE_PAGES = 5;

export function wechatPublisher(client: WechatClient): Publisher {
  return {
    async prepare(input: PublishInput, previous): Promise<Prepared> {
      if (!input.cover) {
        throw new PlatformError({
          kind: 'invalid',
          platform: 'wechat',
          message: '微信公众号图文必须有封面图 / a WeChat article needs a cover image',
        });
      }
      let coverRemoteId = previous.coverRemoteId;
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
      return { coverRemoteId, draftRemoteId: draft.mediaId };
    },

    async warm() {
      await client.getToken();
    },

    submit: (draftRemoteId) => client.submitPublish(draftRemoteId),

    async draftPending(draftRemoteId) {
      try {
        await client.getDraft(draftRemoteId);
        return true;
      } catch (e) {
        // 40007 invalid media_id: no longer in the draft box.
        if (e instanceof PlatformError && Number(e.code) === 40007) return false;
        throw e;
      }
    },

    async status(publishId): Promise<RemoteStatus> {
      const s = await client.getPublishStatus(publishId);
      if (s.status === 'publishing') return { state: 'publishing' };
      if (s.status === 'published') return { state: 'published', articleId: s.articleId ?? null, url: s.articleUrls[0] ?? null };
      return { state: 'failed', code: String(s.code), reason: s.reason };
    },

    async findPublished(title, since) {
      const sinceSec = Math.floor(since.getTime() / 1000) - 120;
      for (let page = 0; page < RECONCILE_PAGES; page++) {
        const r = await client.listPublished(page * 20, 20, true);
        for (const item of r.items) {
          const hit = item.news.find((n) => n.title === title && !n.isDeleted);
          if (hit && item.updateTime >= sinceSec) return { articleId: item.articleId, url: hit.url };
        }
        const oldest = r.items.at(-1);
        if (r.items.length < 20 || (oldest && oldest.updateTime < sinceSec)) break;
      }
      return null;
    },
  };
}
