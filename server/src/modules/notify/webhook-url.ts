import { AppError } from '../../lib/errors';

export type ChannelType = 'wecom' | 'dingtalk' | 'feishu';

/** The documented address shape of each platform's group robot (see README.md for sources). */
const OFFICIAL: Record<ChannelType, { host: string; path: RegExp; param?: string }[]> = {
  wecom: [{ host: 'qyapi.weixin.qq.com', path: /^\/cgi-bin\/webhook\/send$/, param: 'key' }],
  dingtalk: [{ host: 'oapi.dingtalk.com', path: /^\/robot\/send$/, param: 'access_token' }],
  feishu: [
    { host: 'open.feishu.cn', path: /^\/open-apis\/bot\/v2\/hook\/[A-Za-z0-9_-]+$/ },
    // The same bot on Lark (the international edition).
    { host: 'open.larksuite.com', path: /^\/open-apis\/bot\/v2\/hook\/[A-Za-z0-9_-]+$/ },
  ],
};

const EXAMPLE: Record<ChannelType, string> = {
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
};

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** MEIYUN_WEBHOOK_ALLOW_HOSTS as a list of lower-case host or host:port entries. */
export function parseAllowHosts(value: string): string[] {
  return value
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

const invalid = (zh: string, en: string) => new AppError('validation_failed', { zh, en }, [{ path: ['url'], message: `${zh} / ${en}` }]);

/**
 * Parses and checks a webhook URL: https to the platform's documented host and path with its
 * key/token present, or any https URL on a host the operator allowed (a relay); http only to an
 * allowed loopback host, so tests and the demo can run a local receiver.
 */
export function validateWebhookUrl(type: ChannelType, raw: string, allowHosts: string[]): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalid(`Webhook 地址无效，应形如 ${EXAMPLE[type]}`, `Not a valid URL; expected ${EXAMPLE[type]}`);
  }
  if (url.username || url.password) throw invalid('Webhook 地址不能包含用户名或密码', 'The webhook URL must not contain a user name or password');
  const host = url.host.toLowerCase();
  const allowed = allowHosts.includes(host) || allowHosts.includes(url.hostname.toLowerCase());
  if (url.protocol === 'http:') {
    if (!(allowed && LOOPBACK.has(url.hostname.toLowerCase()))) throw invalid('Webhook 地址必须使用 https', 'The webhook URL must use https');
  } else if (url.protocol !== 'https:') {
    throw invalid('Webhook 地址必须使用 https', 'The webhook URL must use https');
  }
  if (allowed) return url;
  const shape = OFFICIAL[type].find((s) => s.host === host && s.path.test(url.pathname));
  if (!shape) {
    throw invalid(
      `这不是${typeLabel(type).zh}机器人的 Webhook 地址，应形如 ${EXAMPLE[type]}`,
      `Not a ${typeLabel(type).en} robot webhook URL; expected ${EXAMPLE[type]}`,
    );
  }
  if (shape.param && !url.searchParams.get(shape.param)) {
    throw invalid(`Webhook 地址缺少 ${shape.param} 参数`, `The webhook URL has no ${shape.param} parameter`);
  }
  return url;
}

export function typeLabel(type: ChannelType) {
  return { wecom: { zh: '企业微信', en: 'WeCom' }, dingtalk: { zh: '钉钉', en: 'DingTalk' }, feishu: { zh: '飞书', en: 'Feishu' } }[type];
}

const mask = (v: string) => (v.length <= 4 ? '****' : `****${v.slice(-4)}`);
/** Path segments long enough to be a credential (a Feishu hook id, a relay's token). */
const secretSegment = (s: string) => s.length >= 16;

/** Every part of the URL that works as a credential: query values and long path segments. */
export function urlSecrets(url: URL): string[] {
  const out = [...url.searchParams.values()].filter((v) => v.length >= 4);
  for (const seg of url.pathname.split('/')) if (secretSegment(seg)) out.push(seg);
  return out;
}

/** The URL for display: the key/token and hook id show their last 4 characters only. */
export function maskWebhookUrl(url: URL): string {
  const path = url.pathname
    .split('/')
    .map((s) => (secretSegment(s) ? mask(s) : s))
    .join('/');
  const q = [...url.searchParams.entries()].map(([k, v]) => `${encodeURIComponent(k)}=${mask(v)}`).join('&');
  return `${url.protocol}//${url.host}${path}${q ? `?${q}` : ''}`;
}

/** Replaces every secret in a text (an error message, a platform answer) before it is stored or logged. */
export function redact(text: string, secrets: (string | null | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    out = out.split(s).join('****');
    const enc = encodeURIComponent(s);
    if (enc !== s) out = out.split(enc).join('****');
  }
  return out;
}
