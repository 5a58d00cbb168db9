// "Connect account" against the emulator, as a browser would do it: the workspace's app entered
// through the API, the start route, the platform's authorize page read and its form submitted
// (the approve button), and the callback called with the member's cookie.
import { randomUUID } from 'node:crypto';
import type { Member } from './app';
import type { PubEnv } from './publishing';

export type OAuthPlatform = 'weibo' | 'douyin' | 'bilibili' | 'kuaishou';

/** Registers an app at the emulator and enters it as the workspace's platform app. Answers its client id. */
export async function enterApp(e: PubEnv, manager: Member, platform: OAuthPlatform) {
  const clientId = `${platform.slice(0, 2)}${randomUUID().replace(/-/g, '').slice(0, 14)}`;
  const secret = `s-${randomUUID()}`;
  if (platform === 'weibo') await e.control('POST', '/weibo/apps', { appkey: clientId, secret, name: '媒运测试应用', safeDomain: 'example.com' });
  if (platform === 'douyin') await e.control('POST', '/douyin/apps', { client_key: clientId, client_secret: secret, name: '媒运测试应用' });
  if (platform === 'bilibili') await e.control('POST', '/bilibili/apps', { clientId, clientSecret: secret, name: '媒运测试应用' });
  if (platform === 'kuaishou') await e.control('POST', '/kuaishou/apps', { app_id: clientId, app_secret: secret, name: '媒运测试应用' });
  const r = await e.app.inject({
    method: 'PUT',
    url: `/api/v1/platform-apps/${platform}`,
    headers: { cookie: manager.cookie },
    payload: { clientId, clientSecret: secret, settings: platform === 'weibo' ? { safeDomain: 'example.com' } : {} },
  });
  if (r.statusCode !== 200) throw new Error(`platform app: ${r.statusCode} ${r.body}`);
  return clientId;
}

export async function start(e: PubEnv, m: Member, platform: OAuthPlatform, accountId?: string) {
  return e.app.inject({ method: 'POST', url: `/api/v1/oauth/${platform}/start`, headers: { cookie: m.cookie }, payload: accountId ? { accountId } : {} });
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1]?.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));

/**
 * Opens the authorize page and submits its form as the approve button does: hidden and text
 * inputs, checked checkboxes that are not disabled, each select's selected (or first) option;
 * `fields` overrides (the platform user to authorise as). Answers the redirect the platform sends.
 */
export async function approve(url: string, fields: Record<string, string | string[]> = {}): Promise<URL> {
  const page = await fetch(url);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`authorize page ${page.status}: ${html.slice(0, 200)}`);
  const form = /<form\b[^>]*>/.exec(html)?.[0];
  if (!form) throw new Error(`no form on the authorize page: ${html.slice(0, 300)}`);
  const pairs: [string, string][] = [];
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name');
    const type = attr(tag, 'type') ?? 'text';
    if (!name || / disabled\b/.test(tag)) continue;
    if (type === 'checkbox' && !/ checked\b/.test(tag)) continue;
    pairs.push([name, attr(tag, 'value') ?? '']);
  }
  for (const [, name, options] of html.matchAll(/<select name="([^"]+)">([\s\S]*?)<\/select>/g)) {
    const all = [...options.matchAll(/<option value="([^"]*)"([^>]*)>/g)];
    const chosen = all.find((o) => / selected/.test(o[2])) ?? all[0];
    if (chosen) pairs.push([name, chosen[1]]);
  }
  const body = new URLSearchParams(pairs.filter(([k]) => !(k in fields)));
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  const action = new URL(attr(form, 'action') ?? '', url);
  const method = (attr(form, 'method') ?? 'get').toLowerCase();
  const r =
    method === 'post'
      ? await fetch(action, { method: 'POST', body, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      : await fetch(`${action.origin}${action.pathname}?${body}`, { redirect: 'manual' });
  const to = r.headers.get('location');
  if (r.status !== 302 || !to) throw new Error(`approve: ${r.status} ${(await r.text()).slice(0, 200)}`);
  return new URL(to);
}

/** The platform's redirect, followed in the member's browser: our callback with their cookie. */
export async function callback(e: PubEnv, m: Member | null, to: URL, opts: { html?: boolean } = {}) {
  return e.app.inject({
    method: 'GET',
    url: `${to.pathname}${to.search}`,
    headers: { ...(m ? { cookie: m.cookie } : {}), ...(opts.html ? { accept: 'text/html,application/xhtml+xml' } : {}) },
  });
}

/** Start, approve, callback: answers the connected account's id (from the redirect to the accounts page). */
export async function connect(e: PubEnv, m: Member, platform: OAuthPlatform, opts: { accountId?: string; fields?: Record<string, string | string[]> } = {}) {
  const s = await start(e, m, platform, opts.accountId);
  if (s.statusCode !== 200) throw new Error(`start: ${s.statusCode} ${s.body}`);
  const to = await approve(s.json().url, opts.fields);
  const r = await callback(e, m, to);
  if (r.statusCode !== 302) throw new Error(`callback: ${r.statusCode} ${r.body}`);
  const id = new URL(r.headers.location as string, 'http://x').searchParams.get('connected');
  if (!id) throw new Error(`callback went to ${r.headers.location}`);
  return id;
}
