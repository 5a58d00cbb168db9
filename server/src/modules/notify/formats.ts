import { createHmac } from 'node:crypto';
import type { ChannelType } from './webhook-url';

/**
 * Group-robot message formats and signatures, each written from the platform's own
 * documentation (README.md lists what was checked and where).
 */

export type Severity = 'info' | 'warning' | 'critical';
export type Language = 'zh-CN' | 'en' | 'both';

export interface RenderEvent {
  kind: string;
  severity: Severity;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  link?: string | null;
}

/** WeCom markdown.content is at most 4096 bytes (UTF-8); DingTalk and Feishu allow more, we keep the same bound. */
export const MAX_CONTENT_BYTES = 4096;

const SEVERITY_LABEL: Record<Severity, { zh: string; en: string }> = {
  info: { zh: '通知', en: 'Info' },
  warning: { zh: '警告', en: 'Warning' },
  critical: { zh: '严重', en: 'Critical' },
};

/** Always present, so a robot whose security setting is the keyword "媒运" accepts every message. */
const FOOTER = '媒运 Meiyun';

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
export function truncateBytes(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  const ell = '…';
  let bytes = Buffer.byteLength(ell);
  let out = '';
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max) break;
    bytes += n;
    out += ch;
  }
  return out + ell;
}

/**
 * User text (post titles, reasons) must not become markup: no <font>/<at> tags, no @all, no
 * links of its own. Full-width look-alikes keep it readable.
 */
export function plain(s: string): string {
  return s.replace(/</g, '＜').replace(/>/g, '＞').replace(/\[/g, '［').replace(/\]/g, '］');
}

const oneLine = (s: string) =>
  plain(s)
    .replace(/\s*\n\s*/g, ' ')
    .trim();

function absolute(link: string | null | undefined, publicUrl?: string): string | null {
  if (!link) return null;
  if (/^https?:\/\//i.test(link)) return link;
  if (!publicUrl) return null;
  return `${publicUrl.replace(/\/+$/, '')}/${link.replace(/^\/+/, '')}`;
}

function texts(ev: RenderEvent, lang: Language) {
  const sev = SEVERITY_LABEL[ev.severity];
  const pick = (v: { zh: string; en: string }) => (lang === 'en' ? v.en : v.zh);
  return {
    severity: lang === 'both' ? `${sev.zh} ${sev.en}` : pick(sev),
    title: oneLine(pick(ev.title)),
    /** With 'both' the English title follows the Chinese one on its own line. */
    titleEn: lang === 'both' && ev.title.en !== ev.title.zh ? oneLine(ev.title.en) : null,
    body: [pick(ev.body), lang === 'both' && ev.body.en !== ev.body.zh ? ev.body.en : ''].filter((b) => b.trim()).map((b) => plain(b.trim())),
    open: lang === 'en' ? 'Open in Meiyun' : lang === 'both' ? '查看详情 Open' : '查看详情',
  };
}

/** The JSON body for the platform, before signing. */
export function renderMessage(type: ChannelType, lang: Language, ev: RenderEvent, publicUrl?: string): Record<string, unknown> {
  const t = texts(ev, lang);
  const url = absolute(ev.link, publicUrl);
  const footer = `${FOOTER} · ${ev.kind}${!url && ev.link ? ` · ${ev.link}` : ''}`;
  if (type === 'wecom') {
    // WeCom markdown: three font colours (info green, comment grey, warning orange-red).
    const colour = ev.severity === 'info' ? 'info' : 'warning';
    const head = [`**<font color="${colour}">【${t.severity}】</font>${t.title}**`, ...(t.titleEn ? [`**${t.titleEn}**`] : [])];
    const middle = t.body.flatMap((b) => b.split('\n').map((l) => `> ${l}`));
    const tail = [...(url ? [`[${t.open}](${url})`] : []), `<font color="comment">${footer}</font>`];
    return { msgtype: 'markdown', markdown: { content: fitContent(head, middle, tail, '\n') } };
  }
  if (type === 'dingtalk') {
    const head = [`#### 【${t.severity}】${t.title}`, ...(t.titleEn ? [`**${t.titleEn}**`] : [])];
    const middle = t.body.map((b) => `> ${b.split('\n').join('\n>\n> ')}`);
    const tail = [...(url ? [`[${t.open}](${url})`] : []), `###### ${footer}`];
    return {
      msgtype: 'markdown',
      // The title is what the conversation list and the push notification show.
      markdown: { title: truncateBytes(`【${t.severity}】${t.title}`, 200), text: fitContent(head, middle, tail, '\n\n') },
      at: { atMobiles: [], isAtAll: false },
    };
  }
  const template = ev.severity === 'critical' ? 'red' : ev.severity === 'warning' ? 'orange' : 'blue';
  const elements: Record<string, unknown>[] = [];
  const md = [...(t.titleEn ? [`**${t.titleEn}**`] : []), ...t.body].join('\n\n');
  if (md) elements.push({ tag: 'div', text: { tag: 'lark_md', content: truncateBytes(md, MAX_CONTENT_BYTES) } });
  if (url) elements.push({ tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: t.open }, type: 'primary', url }] });
  elements.push({ tag: 'note', elements: [{ tag: 'plain_text', content: footer }] });
  return {
    msg_type: 'interactive',
    card: {
      config: { wide_screen_mode: true },
      header: { title: { tag: 'plain_text', content: truncateBytes(`【${t.severity}】${t.title}`, 300) }, template },
      elements,
    },
  };
}

/** Joins the lines within MAX_CONTENT_BYTES; when too long, the body (middle) is shortened, never the title or the link. */
function fitContent(head: string[], middle: string[], tail: string[], sep: string): string {
  const all = [...head, ...middle, ...tail].join(sep);
  if (Buffer.byteLength(all) <= MAX_CONTENT_BYTES) return all;
  const fixed = Buffer.byteLength([...head, ...tail].join(sep)) + 2 * Buffer.byteLength(sep);
  const room = Math.max(0, MAX_CONTENT_BYTES - fixed);
  return [...head, truncateBytes(middle.join(sep), room), ...tail].join(sep);
}

/** DingTalk 加签: base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret)), timestamp in ms. */
export function dingtalkSign(secret: string, timestampMs: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** Feishu 签名校验: the string to sign is the HMAC KEY and the message is empty; timestamp in seconds. */
export function feishuSign(secret: string, timestampSec: string): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update(Buffer.alloc(0)).digest('base64');
}

/** The request to send: the URL (DingTalk carries timestamp and sign in the query) and the JSON text. */
export function signedRequest(type: ChannelType, url: URL, secret: string | null, message: Record<string, unknown>, now = Date.now()) {
  const target = new URL(url.toString());
  let body = message;
  if (secret && type === 'dingtalk') {
    const ts = String(now);
    // URLSearchParams form-encodes the base64 (+ / =), the "urlEncode" the documentation asks for.
    target.searchParams.set('timestamp', ts);
    target.searchParams.set('sign', dingtalkSign(secret, ts));
  } else if (secret && type === 'feishu') {
    const ts = String(Math.floor(now / 1000));
    body = { timestamp: ts, sign: feishuSign(secret, ts), ...message };
  }
  return { url: target, body: JSON.stringify(body) };
}
