// A Weibo account behind the engine's PlatformAdapter. Weibo has no drafts and no publish status:
// statuses/share.json answers the Status object at once ([QQ] WeiboApiStatuses.apiShareStatus), so
// prepare only checks and writes down what will be sent, and submit settles the publication.

import { type Delivery, type OAuthApp, PlatformError, type PlatformAdapter, type Prepared, type PublishInput, type Reconciled, type RemoteStatus } from '../adapter';
import type { WeiboClient, WeiboStatus } from './client';
import { localInvalid, PLATFORM } from './errors';
import { composeStatus, linksToDomain, STATUS_MAX, statusFingerprint, weiboLength } from './text';

/** `pic`: JPEG, GIF or PNG under 5 MB ([QQ] WeiboApiStatuses.apiShareStatus). */
export const PIC_MAX_BYTES = 5 * 1024 * 1024;
const PIC_TYPES = new Set(['image/jpeg', 'image/gif', 'image/png']);
/** Posts created up to this long before the submit started still count (clocks differ). */
const CLOCK_SLACK_MS = 120_000;
/** user_timeline pages of 100 searched at most when reconciling. */
const RECONCILE_PAGES = 3;

/**
 * What submit sends, kept in draftRemoteId. The picture travels inline (base64): Weibo has no
 * upload step for ordinary apps, and submit receives nothing but this string.
 */
export interface WeiboDraft {
  status: string;
  rip: string;
  pic: { mediaId: string; filename: string; contentType: string; base64: string } | null;
}

/**
 * The post's address. weibo.com/<uid>/<idstr> resolves to the status; Weibo's own links use the
 * base62 form of the mid, which the numeric id also reaches (UNVERIFIED beyond observation).
 */
export function statusUrl(uid: string, s: Pick<WeiboStatus, 'idstr'>): string {
  return `https://weibo.com/${uid}/${s.idstr}`;
}

export async function weiboDraft(input: PublishInput, app: OAuthApp | null): Promise<WeiboDraft> {
  const domain = app?.settings.safeDomain?.trim();
  if (!domain) throw localInvalid('微博应用未设置安全域名（safeDomain），无法发布', "the workspace's Weibo app has no safe domain (safeDomain) set; Weibo refuses posts without a link to it");
  if (!input.clientIp) throw localInvalid('缺少发布者的真实 IP（rip），微博要求提供', "the scheduling member's IP address (Weibo's rip) is missing; Weibo requires it");
  const status = composeStatus(input.variant.text);
  if (!linksToDomain(status, domain)) throw localInvalid(`微博正文必须包含安全域名 ${domain} 的链接`, `the status must contain a link on the app's safe domain ${domain}`);
  const len = weiboLength(status);
  if (len > STATUS_MAX) throw localInvalid(`微博正文（含话题）按微博计数为 ${len} 字，超过 ${STATUS_MAX} 字`, `the status with its topics counts ${len} characters the Weibo way, over ${STATUS_MAX}`);
  if (input.variant.images.length > 1) throw localInvalid(`微博分享接口只能带 1 张图片，本条有 ${input.variant.images.length} 张`, `Weibo's share API takes one picture; this post has ${input.variant.images.length}`);
  const ref = input.variant.images[0] ?? input.variant.cover;
  if (!ref) return { status, rip: input.clientIp, pic: null };
  if (!PIC_TYPES.has(ref.contentType)) throw localInvalid('微博图片只支持 JPEG、GIF、PNG', 'a Weibo picture must be JPEG, GIF or PNG');
  if (ref.size >= PIC_MAX_BYTES) throw localInvalid('微博图片须小于 5 MB', 'a Weibo picture must be under 5 MB');
  const data = await ref.load();
  return { status, rip: input.clientIp, pic: { mediaId: ref.mediaId, filename: ref.filename, contentType: ref.contentType, base64: data.toString('base64') } };
}

function parseDraft(draftRemoteId: string): WeiboDraft {
  try {
    const d = JSON.parse(draftRemoteId) as WeiboDraft;
    if (typeof d.status === 'string' && typeof d.rip === 'string') return d;
  } catch {
    // Falls through to the error below.
  }
  throw localInvalid('待发微博数据已损坏，请重新准备', 'the prepared Weibo post is unreadable; prepare it again');
}

export function weiboAdapter(client: WeiboClient, app: OAuthApp | null): PlatformAdapter {
  const uidOf = async (s?: WeiboStatus) => s?.uid ?? (await client.current()).openId;
  return {
    platform: PLATFORM,

    async warm() {
      await client.current();
    },

    async prepare(input: PublishInput): Promise<Prepared> {
      const d = await weiboDraft(input, app);
      return { coverRemoteId: null, draftRemoteId: JSON.stringify(d), fingerprint: statusFingerprint(d.status) };
    },

    async submit(draftRemoteId, _delivery, _key, opts = {}) {
      const d = parseDraft(draftRemoteId);
      const pic = d.pic ? { data: Buffer.from(d.pic.base64, 'base64'), filename: d.pic.filename, contentType: d.pic.contentType } : null;
      const s = await client.share({ status: d.status, rip: d.rip, pic }, opts);
      if (!s.idstr) {
        throw new PlatformError({ kind: 'unknown_outcome', platform: PLATFORM, code: 'shape', message: '微博返回中没有 idstr，需核对 / the Weibo answer has no idstr: reconcile' });
      }
      const url = statusUrl(await uidOf(s), s);
      return { remoteId: s.idstr, msgDataId: s.mid, status: { state: 'published', articleId: s.idstr, url } };
    },

    // statuses/share.json has no idempotency key.
    idempotentSubmit: () => false,

    pollApi: () => 'statuses/user_timeline',

    // Never polled (submit settles); answers what submit did, should the engine ask.
    async status(remoteId: string, _delivery: Delivery): Promise<RemoteStatus> {
      return { state: 'published', articleId: remoteId, url: statusUrl(await uidOf(), { idstr: remoteId }) };
    },

    /**
     * statuses/user_timeline.json ([QQ] WeiboApiStatuses: the authorised user's own latest posts,
     * newest first) searched for the exact status text (its sha256) posted since the submit started,
     * skipping ids already matched. Weibo may rewrite long links to t.cn in `text`; such a post is
     * then not recognised here and the engine asks a person (documented gap).
     */
    async reconcile({ fingerprint, since, exclude }): Promise<Reconciled> {
      const from = since.getTime() - CLOCK_SLACK_MS;
      for (let page = 1; page <= RECONCILE_PAGES; page++) {
        const list = await client.userTimeline({ count: 100, page });
        for (const s of list) {
          if (exclude.includes(s.idstr) || (s.createdAt && s.createdAt.getTime() < from)) continue;
          if (statusFingerprint(s.text) === fingerprint) return { found: true, remoteId: s.idstr, articleId: s.idstr, url: statusUrl(await uidOf(s), s) };
        }
        const oldest = list.at(-1);
        if (list.length < 100 || (oldest?.createdAt && oldest.createdAt.getTime() < from)) break;
      }
      return { found: false };
    },
  };
}
