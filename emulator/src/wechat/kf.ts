// Users' messages and customer-service replies. The control makes a user send a message to an
// account: it is pushed to the account's server URL ("接收普通消息": ToUserName, FromUserName =
// the user's openid, CreateTime, MsgType text/image/voice/video/shortvideo/location/link with
// their fields, MsgId), in the account's mode (push.ts), retried like every push.
// POST /cgi-bin/message/custom/send {touser, msgtype, text: {content}} ("发送客服消息"): allowed
// within 48 hours of the user's last message to the account, else 45015 ("response out of time
// limit or subscription is canceled"); at most `kfPerWindow` messages per user message (45047;
// the official docs give 5 for mini programs, the count for official accounts is UNVERIFIED);
// an openid that never wrote to the account 40003; msgtype other than text 40008 (the emulator
// sends text only); empty content 44004; content over 2048 bytes 45002 (UNVERIFIED). Every
// message sent is listed at GET /__control/wechat/kf/sent. Faults apply as to every cgi path.
import type { ControlRoute } from './control';
import { BadInput, oneOf, str } from './control-input';
import { WxError } from './errors';
import { cdata } from './events';
import type { WxRoute } from './pipeline';
import { pushEvent } from './push';
import { type App, type WechatState, now } from './state';

const WINDOW_MS = 48 * 3_600_000;
const MSG_TYPES = ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link'] as const;

export interface KfSent {
  appid: string;
  touser: string;
  content: string;
  at: string;
}

export interface KfState {
  /** "<appid>|<openid>" → the user's last message (ms) and the kf messages sent since. */
  users: Map<string, { lastAt: number; sent: number }>;
  sent: KfSent[];
  nextMsgId: bigint;
  /** Customer-service messages allowed per user message (45047 past it). */
  perWindow: number;
}

export const createKf = (): KfState => ({ users: new Map(), sent: [], nextMsgId: 24_000_000_000_000_000n, perWindow: 5 });

export const kfRoutes: WxRoute[] = [
  {
    path: '/cgi-bin/message/custom/send',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body }) => {
      const touser = typeof body.touser === 'string' ? body.touser : '';
      const u = s.kf.users.get(`${app.appid}|${touser}`);
      if (!u) throw new WxError(40003);
      if (body.msgtype !== 'text') throw new WxError(40008);
      const text = body.text as { content?: unknown } | undefined;
      const content = typeof text?.content === 'string' ? text.content : '';
      if (!content.trim()) throw new WxError(44004);
      if (Buffer.byteLength(content) > 2048) throw new WxError(45002);
      if (now(s) - u.lastAt > WINDOW_MS) throw new WxError(45015);
      if (u.sent >= s.kf.perWindow) throw new WxError(45047);
      u.sent += 1;
      s.kf.sent.push({ appid: app.appid, touser, content, at: new Date(now(s)).toISOString() });
      return { errcode: 0, errmsg: 'ok' };
    },
  },
];

function fields(type: (typeof MSG_TYPES)[number], b: Record<string, unknown>, id: bigint): string[] {
  const content = str(b, 'content', false) ?? '';
  switch (type) {
    case 'text':
      if (!content) throw new BadInput('a text message needs content');
      return [`<Content>${cdata(content)}</Content>`];
    case 'image':
      return [`<PicUrl>${cdata(`http://mmbiz.qpic.cn/emulator/${id}`)}</PicUrl>`, `<MediaId>${cdata(`media_${id}`)}</MediaId>`];
    case 'voice':
      return [
        `<MediaId>${cdata(`media_${id}`)}</MediaId>`,
        `<Format>${cdata('amr')}</Format>`,
        ...(content ? [`<Recognition>${cdata(content)}</Recognition>`] : []),
      ];
    case 'video':
    case 'shortvideo':
      return [`<MediaId>${cdata(`media_${id}`)}</MediaId>`, `<ThumbMediaId>${cdata(`thumb_${id}`)}</ThumbMediaId>`];
    case 'location':
      return [
        '<Location_X>23.134521</Location_X>',
        '<Location_Y>113.358803</Location_Y>',
        '<Scale>20</Scale>',
        `<Label>${cdata(content || '位置信息')}</Label>`,
      ];
    case 'link':
      return [
        `<Title>${cdata(content || '链接')}</Title>`,
        `<Description>${cdata('')}</Description>`,
        `<Url>${cdata(str(b, 'url', false) ?? 'https://example.com/')}</Url>`,
      ];
  }
}

export function userMessageXml(app: App, openid: string, createTime: number, type: (typeof MSG_TYPES)[number], body: string[], msgId: bigint | null) {
  return [
    '<xml>',
    `<ToUserName>${cdata(app.ghid)}</ToUserName>`,
    `<FromUserName>${cdata(openid)}</FromUserName>`,
    `<CreateTime>${createTime}</CreateTime>`,
    `<MsgType>${cdata(type)}</MsgType>`,
    ...body,
    ...(msgId === null ? [] : [`<MsgId>${msgId}</MsgId>`]),
    '</xml>',
  ].join('\n');
}

export function registerKfControl(route: ControlRoute, s: WechatState): void {
  // A user writes to the account: {appid, openid?, msgType? (text), content?, url?, noMsgId?, at? (when written)}.
  route('POST', '/__control/wechat/messages', (b) => {
    const appid = str(b, 'appid', true) as string;
    const app = s.apps.get(appid);
    if (!app) throw new BadInput(`no account ${appid}`);
    const openid = str(b, 'openid', false) ?? `o${appid.slice(-6)}user${s.kf.users.size + 1}`;
    const type = b.msgType === undefined ? 'text' : oneOf(b, 'msgType', MSG_TYPES);
    s.kf.nextMsgId += 1n;
    const id = s.kf.nextMsgId;
    const at = str(b, 'at', false);
    const t = at === undefined ? now(s) : Date.parse(at);
    if (Number.isNaN(t)) throw new BadInput('at must be an ISO time');
    const msgId = b.noMsgId === true ? null : id;
    s.kf.users.set(`${appid}|${openid}`, { lastAt: t, sent: 0 });
    pushEvent(
      s,
      app,
      'message',
      String(msgId ?? `${openid}_${Math.floor(t / 1000)}`),
      userMessageXml(app, openid, Math.floor(t / 1000), type, fields(type, b, id), msgId),
      openid,
    );
    return { openid, msgId: msgId === null ? null : String(msgId), createTime: Math.floor(t / 1000), pushed: Boolean(app.server && app.pushes !== 'off') };
  });
  route('GET', '/__control/wechat/kf/sent', (_b, q) => s.kf.sent.filter((m) => !q.appid || m.appid === q.appid));
  route('POST', '/__control/wechat/kf/settings', (b) => {
    if (b.perWindow !== undefined) {
      if (!Number.isInteger(b.perWindow) || (b.perWindow as number) < 0) throw new BadInput('perWindow must be an integer >= 0');
      s.kf.perWindow = b.perWindow as number;
    }
    return { perWindow: s.kf.perWindow };
  });
}
