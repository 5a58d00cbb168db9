// 服务器配置 (the console's "server configuration"): saving it makes WeChat GET the URL with
// signature, timestamp, nonce and echostr; the developer's server must answer echostr as it came.
// The configuration is kept only when it did.
import { randomDigits, sha1Signature } from './crypto';
import { outbound } from './outbound';
import { type ServerConfig, type WechatState, now } from './state';

const TOKEN_RE = /^[A-Za-z0-9]{3,32}$/;
const AES_KEY_RE = /^[A-Za-z0-9]{43}$/;
const MODES = ['plain', 'compat', 'safe'] as const;

/** The configuration in the body, or what is wrong with it. */
export function parseServerConfig(b: Record<string, unknown>): ServerConfig | string {
  const { url, token, encodingAESKey, mode } = b;
  if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/i.test(url)) return 'url must be an http:// or https:// URL';
  if (typeof token !== 'string' || !TOKEN_RE.test(token)) return 'token must be 3 to 32 letters or digits';
  if (typeof mode !== 'string' || !(MODES as readonly string[]).includes(mode)) return `mode must be one of ${MODES.join(', ')}`;
  if (encodingAESKey !== undefined && (typeof encodingAESKey !== 'string' || !AES_KEY_RE.test(encodingAESKey))) {
    return 'encodingAESKey must be 43 letters or digits';
  }
  if (mode !== 'plain' && encodingAESKey === undefined) return `mode "${mode}" needs an encodingAESKey`;
  return { url, token, encodingAESKey: encodingAESKey as string | undefined, mode: mode as ServerConfig['mode'] };
}

/** The echostr handshake: ok only when the server answered HTTP 200 with exactly echostr. */
export async function handshake(s: WechatState, cfg: ServerConfig) {
  const timestamp = String(Math.floor(now(s) / 1000));
  const nonce = randomDigits(10);
  const echostr = randomDigits(19);
  const q = new URLSearchParams({ signature: sha1Signature(cfg.token, timestamp, nonce), echostr, timestamp, nonce });
  const sep = cfg.url.includes('?') ? '&' : '?';
  const r = await outbound(s, 'GET', `${cfg.url}${sep}${q}`, { timeoutMs: s.opts.pushTimeoutMs });
  const ok = r.status === 200 && r.body === echostr;
  let why: string | undefined;
  if (r.error) why = `the URL did not answer: ${r.error}`;
  else if (r.status !== 200) why = `the URL answered HTTP ${r.status}`;
  else if (!ok) why = `the URL answered "${r.body.slice(0, 80)}" instead of the echostr "${echostr}"`;
  return { ok, status: r.status, body: r.body, why };
}
