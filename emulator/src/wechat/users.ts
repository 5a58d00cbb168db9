// Followers and tags: tags/get (the account's tags with their follower counts) and user/get
// (the follower openids, 10,000 a page, continued with next_openid). The followers are the
// account's `followers` count; their openids are derived from the appid and the position, so a
// next_openid names where the next page starts.
import { createHash } from 'node:crypto';
import { WxError } from './errors';
import type { WxRoute } from './pipeline';
import type { App } from './state';

const PAGE = 10_000;
const INDEX_CHARS = 15;

function prefix(app: App): string {
  return createHash('sha1').update(`followers:${app.appid}`).digest('base64url').slice(0, 12);
}

/** The n-th follower's openid: 28 characters starting with "o", as real openids are. */
export function followerOpenid(app: App, n: number): string {
  return `o${prefix(app)}${n.toString(36).padStart(INDEX_CHARS, '0')}`;
}

function positionAfter(app: App, openid: string): number {
  const p = `o${prefix(app)}`;
  if (!openid.startsWith(p) || openid.length !== p.length + INDEX_CHARS) throw new WxError(40003);
  const n = Number.parseInt(openid.slice(p.length), 36);
  if (!Number.isInteger(n) || n < 0 || n >= app.followers) throw new WxError(40003);
  return n + 1;
}

export const userRoutes: WxRoute[] = [
  {
    path: '/cgi-bin/tags/get',
    method: 'GET',
    auth: true,
    body: 'none',
    handler: ({ app }) => ({ tags: app.tags.map((t) => ({ id: t.id, name: t.name, count: t.count })) }),
  },
  {
    path: '/cgi-bin/user/get',
    method: 'GET',
    auth: true,
    body: 'none',
    handler: ({ app, query }) => {
      const start = query.next_openid ? positionAfter(app, query.next_openid) : 0;
      const end = Math.min(app.followers, start + PAGE);
      const openids: string[] = [];
      for (let i = start; i < end; i++) openids.push(followerOpenid(app, i));
      // The doc: next_openid is the page's last openid, empty once the list is complete.
      const next = end < app.followers ? openids[openids.length - 1] : '';
      return { total: app.followers, count: openids.length, data: { openid: openids }, next_openid: next };
    },
  },
];
