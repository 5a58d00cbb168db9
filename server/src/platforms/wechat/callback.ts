// WeChat's pushes to the account's server URL (服务器配置): the URL check when a person saves the
// configuration, and events such as PUBLISHJOBFINISH (freepublish result) and MASSSENDJOBFINISH
// (mass-send result). Sources, developers.weixin.qq.com: "接入指南" (signature = sha1 of the sorted
// token, timestamp, nonce; answer echostr), "消息加解密说明" (safe and compat modes: msg_signature over
// token, timestamp, nonce and Encrypt; AES-256-CBC, key = base64(EncodingAESKey + "="), IV = the key's
// first 16 bytes, PKCS#7 padding to 32 bytes, plaintext = 16 random bytes + 4-byte length + message +
// appid), users' messages (messages.ts), freepublish_submit "发布结果的事件推送", and the mass-send "事件推送群发结果". WeChat waits 5 s
// for an answer and tries three times; "success" (or an empty body) acknowledges.

import { createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import type { PushedResult, RemoteStatus } from '../adapter';
import type { CallbackHandler, CallbackSettings } from '../registry';
import { publishStatusReason } from './errors';
import { messagesOf } from './messages';

export const CALLBACK_MODES = ['plain', 'compat', 'safe'] as const;

const sha1 = (parts: string[]) => createHash('sha1').update([...parts].sort().join('')).digest('hex');

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

export function signatureOk(token: string, q: Record<string, string>): boolean {
  return Boolean(q.signature && q.timestamp && q.nonce) && sameHex(sha1([token, q.timestamp, q.nonce]), q.signature);
}

/** Decrypts a safe-mode `Encrypt` field; null when it is not ours (bad key, padding or appid). */
export function decryptMessage(aesKey: string, appId: string | null, encrypted: string): string | null {
  try {
    const key = Buffer.from(`${aesKey}=`, 'base64');
    if (key.length !== 32) return null;
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
    const pad = padded[padded.length - 1];
    if (pad < 1 || pad > 32) return null;
    const plain = padded.subarray(0, padded.length - pad);
    const len = plain.readUInt32BE(16);
    if (20 + len > plain.length) return null;
    const message = plain.subarray(20, 20 + len).toString('utf8');
    const from = plain.subarray(20 + len).toString('utf8');
    if (appId && from !== appId) return null;
    return message;
  } catch {
    return null;
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: false,
  isArray: (name) => name === 'item' || name === 'fail_idx',
});

type Xml = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function parseXml(xml: string): Xml | null {
  try {
    const doc = parser.parse(xml) as { xml?: Xml };
    return doc && typeof doc.xml === 'object' && doc.xml !== null ? doc.xml : null;
  } catch {
    return null;
  }
}

function items(v: unknown): Xml[] {
  return (Array.isArray(v) ? v : v ? [v] : []).filter((x): x is Xml => typeof x === 'object' && x !== null);
}

/** The results one event carries (none for events and messages the engine does not consume). */
export function resultsOf(msg: Xml): PushedResult[] {
  const event = str(msg.Event);
  if (event === 'PUBLISHJOBFINISH') {
    const info = (msg.PublishEventInfo ?? {}) as Xml;
    const remoteId = str(info.publish_id);
    const code = Number(str(info.publish_status));
    if (!remoteId || !Number.isInteger(code)) return [];
    const detail = (info.article_detail ?? {}) as Xml;
    const urls = items(detail.item)
      .map((it) => ({ idx: Number(str(it.idx)), url: str(it.article_url) }))
      .sort((a, b) => a.idx - b.idx);
    let status: RemoteStatus;
    if (code === 0) status = { state: 'published', articleId: str(info.article_id) || null, url: urls[0]?.url || null };
    else if (code === 1) status = { state: 'publishing' };
    else status = { state: 'failed', code: String(code), reason: publishStatusReason(code) };
    return [{ remoteId, status }];
  }
  if (event === 'MASSSENDJOBFINISH') {
    const remoteId = str(msg.MsgID ?? msg.MsgId);
    const result = str(msg.Status);
    if (!remoteId) return [];
    const list = ((msg.ArticleUrlResult ?? {}) as Xml).ResultList as Xml | undefined;
    const url = items(list?.item).map((u) => str(u.ArticleUrl)).find(Boolean) ?? null;
    // The doc's example says "send success"; "sendsuccess" is also seen: spaces do not matter.
    const status: RemoteStatus =
      result.replace(/\s+/g, '').toLowerCase() === 'sendsuccess'
        ? { state: 'published', articleId: null, url }
        : { state: 'failed', code: result || 'sendfail', reason: `群发失败（${result}）/ the mass send failed (${result})` };
    return [{ remoteId, status }];
  }
  return [];
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomText = (n: number) => [...randomBytes(n)].map((b) => ALNUM[b % ALNUM.length]).join('');

export const wechatCallback: CallbackHandler = {
  modes: CALLBACK_MODES,
  // Token: 3–32 letters or digits; EncodingAESKey: 43 of [A-Za-z0-9] (the console's rules).
  newSettings: (mode = 'safe') => ({ token: randomText(32), aesKey: randomText(43), mode }),

  handshake(settings: CallbackSettings, q) {
    return signatureOk(settings.token, q) && typeof q.echostr === 'string' ? q.echostr : null;
  },

  receive(settings, q, body) {
    if (!signatureOk(settings.token, q)) return { error: 'signature mismatch' };
    const outer = parseXml(body);
    if (!outer) return { error: 'not WeChat XML' };
    let msg = outer;
    const encrypted = str(outer.Encrypt);
    if (q.encrypt_type === 'aes' || (settings.mode === 'safe' && encrypted)) {
      // Safe and compat mode: the encrypted copy is the one to trust.
      if (!encrypted || !q.msg_signature || !sameHex(sha1([settings.token, q.timestamp ?? '', q.nonce ?? '', encrypted]), q.msg_signature)) {
        return { error: 'msg_signature mismatch' };
      }
      const plain = decryptMessage(settings.aesKey, settings.appId, encrypted);
      const inner = plain === null ? null : parseXml(plain);
      if (!inner) return { error: 'cannot decrypt' };
      msg = inner;
    } else if (settings.mode === 'safe') {
      return { error: 'plaintext push while the account is in safe mode' };
    }
    return { results: resultsOf(msg), messages: messagesOf(msg), reply: 'success' };
  },
};
