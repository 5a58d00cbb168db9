// 群发 (mass send) to followers: message/mass/sendall (all, or one tag), message/mass/get, and the
// user tags it may target. Not the same as 发布 (freepublish/submit): a mass send pushes the article to
// followers and counts against the account's allowance (subscription 1 a day, service 4 a month).
// Sources: developers.weixin.qq.com doc/service/api/notify/message/api_sendall, api_masssend, the mass
// get-status page, and "Batch_Sends_and_Originality_Checks" §9 (clientmsgid avoids repeated pushes).

import { PlatformError } from '../adapter';
import type { WechatClient } from './client';
import { PLATFORM } from './errors';
import { idString } from './http';

/** clientmsgid: at most 64 bytes (45067 beyond). */
export const CLIENT_MSG_ID_MAX_BYTES = 64;

export interface MassTarget {
  toAll: boolean;
  tagId?: number | null;
}

export type MassStatus = 'SENDING' | 'SEND_SUCCESS' | 'SEND_FAIL' | 'DELETE';

/**
 * Sends a draft (its draft-box media_id, as mpnews) to followers. With the same clientmsgid
 * again within 24 h WeChat sends nothing and answers 45065 with the existing job's msg_id (a live
 * answer: `{"errcode":45065,"errmsg":"clientmsgid exist","msg_id":3147494441}`): that is taken as
 * the earlier submit having gone through, so a repeat after an unknown outcome is safe.
 */
export async function massSend(
  client: WechatClient,
  draftMediaId: string,
  target: MassTarget,
  clientMsgId: string,
  opts: { beforeSend?: () => Promise<boolean> } = {},
): Promise<{ msgId: string; msgDataId: string | null; repeated: boolean }> {
  if (Buffer.byteLength(clientMsgId) > CLIENT_MSG_ID_MAX_BYTES) throw new Error(`clientmsgid over ${CLIENT_MSG_ID_MAX_BYTES} bytes`);
  const path = '/cgi-bin/message/mass/sendall';
  const filter = target.toAll ? { is_to_all: true } : { is_to_all: false, tag_id: target.tagId };
  try {
    const body = await client.call(
      path,
      { json: { filter, mpnews: { media_id: draftMediaId }, msgtype: 'mpnews', send_ignore_reprint: 0, clientmsgid: clientMsgId } },
      { idempotent: false, beforeSend: opts.beforeSend },
    );
    const msgId = idString(body.msg_id);
    if (msgId === undefined) {
      throw new PlatformError({ kind: 'unknown_outcome', platform: PLATFORM, code: 0, message: `WeChat ${path} accepted the request but returned no msg_id` });
    }
    return { msgId, msgDataId: idString(body.msg_data_id) ?? null, repeated: false };
  } catch (e) {
    const existing = e instanceof PlatformError && Number(e.code) === 45065 ? e.answer : undefined;
    const msgId = idString(existing?.msg_id);
    if (msgId !== undefined) return { msgId, msgDataId: null, repeated: true };
    throw e;
  }
}

export async function massStatus(client: WechatClient, msgId: string): Promise<MassStatus | string> {
  const path = '/cgi-bin/message/mass/get';
  const body = await client.call(path, { json: { msg_id: msgId } }, { idempotent: true });
  const status = body.msg_status;
  if (typeof status !== 'string' || status === '') {
    throw new PlatformError({ kind: 'transient', platform: PLATFORM, code: null, message: `WeChat ${path} answered without msg_status` });
  }
  return status;
}

export interface WechatTag {
  id: number;
  name: string;
  count: number;
}

/** The account's user tags (GET /cgi-bin/tags/get), the audiences a mass send may target. */
export async function listTags(client: WechatClient): Promise<WechatTag[]> {
  const body = await client.call('/cgi-bin/tags/get', { get: true }, { idempotent: true });
  const tags = Array.isArray(body.tags) ? body.tags : [];
  return tags
    .filter((t): t is Record<string, unknown> => typeof t === 'object' && t !== null)
    .map((t) => ({ id: Number(t.id), name: typeof t.name === 'string' ? t.name : '', count: Number(t.count) || 0 }))
    .filter((t) => Number.isInteger(t.id));
}
