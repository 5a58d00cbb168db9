// Users' messages pushed to the account's server URL (the same endpoint as PUBLISHJOBFINISH,
// callback.ts): "接收普通消息" (developers.weixin.qq.com, Message_Management/Receiving_standard_messages):
// MsgType text (Content), image (PicUrl, MediaId), voice (MediaId, Format, Recognition when speech
// recognition is on), video and shortvideo (MediaId, ThumbMediaId), location (Location_X,
// Location_Y, Scale, Label), link (Title, Description, Url), each with ToUserName, FromUserName
// (the user's openid), CreateTime (unix seconds) and MsgId (64-bit). The doc: "关于重试的消息排重，
// 推荐使用 msgid 排重"; a message without MsgId is keyed by FromUserName + CreateTime. Events
// (subscribe, CLICK …) are not messages and are left alone here.
import type { PushedMessage } from '../inbox';

type Xml = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

const MESSAGE_TYPES = ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link'] as const;
const FIELDS = [
  'ToUserName',
  'FromUserName',
  'CreateTime',
  'MsgType',
  'Content',
  'MsgId',
  'MsgDataId',
  'Idx',
  'PicUrl',
  'MediaId',
  'Format',
  'Recognition',
  'ThumbMediaId',
  'Location_X',
  'Location_Y',
  'Scale',
  'Label',
  'Title',
  'Description',
  'Url',
];

const join = (...parts: string[]) => parts.filter(Boolean).join(' ');

/** What the inbox shows for the message: its text, or a placeholder naming what was sent. */
export function messageText(m: Record<string, string>): string {
  switch (m.MsgType) {
    case 'text':
      return m.Content || '[空消息] / [empty message]';
    case 'image':
      return '[图片] / [image]';
    case 'voice':
      return join('[语音] / [voice]', m.Recognition ?? '');
    case 'video':
      return '[视频] / [video]';
    case 'shortvideo':
      return '[小视频] / [short video]';
    case 'location':
      return join('[位置] / [location]', m.Label ?? '', m.Location_X && m.Location_Y ? `(${m.Location_X}, ${m.Location_Y})` : '');
    case 'link':
      return join('[链接] / [link]', m.Title ?? '', m.Url ?? '');
    default:
      return `[${m.MsgType}]`;
  }
}

/** The user's message one push carries (none for events and anything else). */
export function messagesOf(msg: Xml): PushedMessage[] {
  const type = str(msg.MsgType);
  if (!(MESSAGE_TYPES as readonly string[]).includes(type)) return [];
  const raw: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = str(msg[f]);
    if (v) raw[f] = v;
  }
  const from = raw.FromUserName;
  const created = Number(raw.CreateTime);
  if (!from || !Number.isFinite(created)) return [];
  return [
    {
      kind: 'message',
      externalId: raw.MsgId || `${from}_${raw.CreateTime}`,
      authorId: from,
      text: messageText(raw),
      at: new Date(created * 1000),
      raw,
    },
  ];
}
