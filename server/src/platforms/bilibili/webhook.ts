// Bilibili's Webhooks (WebHooks → 概述 and 事件列表, open.bilibili.com/doc/4/b369a652-…; the apifox
// mirror docs-site/1106400 doc-895911 and doc-895917): one callback URL per app, set in 管理中心 →
// 应用管理. The platform first POSTs `{"event":"verify_webhooks","content":{"data":N}}` and expects
// `{"data":N}` back; review results arrive as `video_open` (开放浏览) and `video_fail` (投稿失败)
// with `{client_id, openid, resource_id, state, state_desc}` in `content`.
//
// The signature: `x-bilibili-signature` = hex SHA1(app secret + raw body). UNVERIFIED: the mirror's
// section after 重试机制 could not be read; this is the scheme the same page family (Douyin's
// X-Douyin-Signature) documents, and anything else is refused, so a wrong guess only means pushes
// are ignored and the review poll finds the result as before.
//
// A push is recorded only for `video_open`: `video_fail` carries no reason beyond state_desc, so the
// review poll reads the archive (with its reject reason) instead.
import { createHash, timingSafeEqual } from 'node:crypto';
import { jsonObject, type OAuthApp, type PushedResult } from '../adapter';
import type { AppHookAnswer } from '../registry';
import { statusOf } from './publisher';

function signatureOk(secret: string, body: string, header: string | undefined): boolean {
  if (!header || !/^[0-9a-f]{40}$/i.test(header.trim())) return false;
  const want = createHash('sha1')
    .update(secret + body, 'utf8')
    .digest();
  return timingSafeEqual(want, Buffer.from(header.trim(), 'hex'));
}

export function receiveBilibiliHook(app: OAuthApp, headers: Record<string, string | undefined>, body: string): AppHookAnswer {
  const msg = jsonObject(body);
  if (!msg || typeof msg.event !== 'string') return { error: 'not a webhook message' };
  const content = (msg.content && typeof msg.content === 'object' ? msg.content : {}) as Record<string, unknown>;
  if (msg.event === 'verify_webhooks') {
    // The URL check carries no signature in the doc's example; answering it reveals nothing.
    return { results: [], reply: JSON.stringify({ data: content.data ?? null }) };
  }
  if (!signatureOk(app.clientSecret, body, headers['x-bilibili-signature'])) return { error: 'signature mismatch' };
  if (content.client_id !== undefined && String(content.client_id) !== app.clientId) return { error: 'push for another app' };
  const results: PushedResult[] = [];
  if (msg.event === 'video_open' && typeof content.resource_id === 'string' && content.resource_id) {
    const status = statusOf({
      state: Number(content.state ?? 0),
      stateDesc: String(content.state_desc ?? ''),
      rejectReason: '',
      shareUrl: null,
      resourceId: content.resource_id,
    });
    if (status.state === 'published') results.push({ remoteId: content.resource_id, status });
  }
  return { results, reply: JSON.stringify({ code: 0, message: 'ok' }) };
}
