// The hand-off route (分享到抖音, H5 场景; dop/develop/sdk/web-app/h5/share-to-h5 and
// h5/schema-demo): the product prepares the caption, gets a share_id from `/share-id/` (app
// client_token), and gives the member a `snssdk1128://openplatform/share` link carrying the
// share_id in `state`, signed with the app's open ticket. The member finishes the post in the
// Douyin app; findHandedOff then finds it in video_list by its share_id (when the item carries
// it) or by the caption as sent.
import { createHash, randomBytes } from 'node:crypto';
import type { CallMeter, HandoffKit, OAuthApp, PlatformAdapter, TokenStore } from '../adapter';
import { keepAliveRequester, type Requester } from '../keepalive';
import type { DouyinClient } from './client';
import { send, str } from './http';
import { findByCaption, type DouyinDraft } from './publisher';

export interface AppHosts {
  baseUrl: string;
  timeoutMs: number;
  meter: CallMeter;
  tokenStore: TokenStore;
  request?: Requester;
}

/** The app's client_token (/oauth/client_token/, about 2 h), cached per app in the token store. */
export async function clientToken(app: OAuthApp, h: AppHosts): Promise<string> {
  const key = `douyin:client_token:${app.clientId}`;
  const cached = await h.tokenStore.get(key);
  if (cached) return cached.token;
  h.meter.take('/oauth/client_token/');
  const t = { baseUrl: h.baseUrl, timeoutMs: h.timeoutMs, request: h.request ?? keepAliveRequester };
  const { data } = await send(t, {
    path: '/oauth/client_token/',
    body: { form: { client_key: app.clientId, client_secret: app.clientSecret, grant_type: 'client_credential' } },
    idempotent: true,
  });
  const token = str(data.access_token);
  // Refreshed a little early, so a kit never carries a token about to lapse.
  await h.tokenStore.set(key, token, new Date(Date.now() + Math.max(60, Number(data.expires_in ?? 7200) - 300) * 1000));
  return token;
}

async function appCall(app: OAuthApp, h: AppHosts, path: string, query: Record<string, string>) {
  const token = await clientToken(app, h);
  h.meter.take(path);
  const t = { baseUrl: h.baseUrl, timeoutMs: h.timeoutMs, request: h.request ?? keepAliveRequester };
  return (await send(t, { path, method: 'GET', query, headers: { 'access-token': token }, idempotent: true })).data;
}

/** GET /share-id/ (查询视频分享结果及数据 → 获取 share_id): one id per share, to recognise its result. */
export async function shareId(app: OAuthApp, h: AppHosts, q: { defaultHashtag?: string; linkParam?: string }): Promise<string> {
  const query: Record<string, string> = { need_callback: 'true' };
  if (q.defaultHashtag) query.default_hashtag = q.defaultHashtag;
  if (q.linkParam) query.link_param = q.linkParam;
  return str((await appCall(app, h, '/share-id/', query)).share_id);
}

/**
 * The H5 share schema (h5/schema-demo): client_key, nonce_str, timestamp, signature, state =
 * share_id, share_type=h5, hashtag_list, share_to_publish. The signature is md5 of
 * `nonce_str=…&ticket=…&timestamp=…` with the ticket of /open/getticket/ (UNVERIFIED: the order of
 * the signed fields is from the H5 share page's description, not from a sample).
 */
export function shareSchema(p: {
  clientKey: string;
  ticket: string;
  shareId: string;
  hashtags: string[];
  videoPath?: string;
  now?: number;
  nonce?: string;
}): string {
  const nonce = p.nonce ?? randomBytes(8).toString('hex');
  const timestamp = String(Math.floor((p.now ?? Date.now()) / 1000));
  const signature = createHash('md5').update(`nonce_str=${nonce}&ticket=${p.ticket}&timestamp=${timestamp}`).digest('hex');
  const q = new URLSearchParams({ client_key: p.clientKey, nonce_str: nonce, timestamp, signature, state: p.shareId, share_type: 'h5', share_to_publish: '1' });
  if (p.hashtags.length) q.set('hashtag_list', JSON.stringify(p.hashtags));
  if (p.videoPath) q.set('video_path', p.videoPath);
  return `snssdk1128://openplatform/share?${q.toString()}`;
}

export function douyinHandoff(client: DouyinClient, app: OAuthApp, h: AppHosts): Pick<PlatformAdapter, 'handoff' | 'findHandedOff'> {
  return {
    async handoff(prepared, input): Promise<HandoffKit> {
      const draft = JSON.parse(prepared.draftRemoteId) as DouyinDraft;
      const topics = input.variant.topics.map((t) => t.replace(/^#/, '').trim()).filter(Boolean);
      const id = await shareId(app, h, { defaultHashtag: topics[0] });
      const ticket = str((await appCall(app, h, '/open/getticket/', {})).ticket);
      const videoPath = typeof input.variant.options.videoUrl === 'string' ? input.variant.options.videoUrl : undefined;
      return {
        url: shareSchema({ clientKey: app.clientId, ticket, shareId: id, hashtags: topics, ...(videoPath ? { videoPath } : {}) }),
        // The ticket behind the signature lives about 2 h (share-to-h5 step 3).
        expiresAt: new Date(Date.now() + 7_000_000),
        ref: id,
        steps: [
          { zh: '下载视频与文案（复制文案）', en: 'Download the video and copy the caption' },
          { zh: '用手机扫码或打开链接，唤起抖音', en: 'Scan the code or open the link on your phone to open Douyin' },
          { zh: `选择视频，粘贴文案：${draft.text}`, en: `Pick the video and paste the caption: ${draft.text}` },
          { zh: '在抖音中点击「发布」', en: 'Tap “Publish” in Douyin' },
        ],
      };
    },
    async findHandedOff(q) {
      return findByCaption(client, { fingerprint: q.fingerprint, since: q.since, exclude: q.exclude, shareId: q.ref });
    },
  };
}
