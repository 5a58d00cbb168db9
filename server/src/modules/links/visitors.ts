// Who is asking for a short link, told from the User-Agent alone, and whether a person was seen
// already today. Nothing here is stored: the visitor key is an HMAC of IP + UA + day under a
// random key that lives in this process's memory and is replaced every day, so yesterday's
// hashes cannot be recomputed by anyone, including us.
import { createHmac, randomBytes } from 'node:crypto';

export type Visit = 'click' | 'preview' | 'bot';

/**
 * Link previewers fetch the page to draw a card when a link is pasted into a chat or a post: the
 * WeChat and Weibo fetchers, chat apps, social sites. Their patterns are written from the names
 * those fetchers give themselves; a fetcher that says nothing about itself counts as a click.
 */
const PREVIEWERS = [
  /WechatShareExtension|WeChatShare|MicroMessenger[^)]*Preview/i,
  /Weibo[^ ]*(Preview|Spider|Bot)|WeiboSpider|SinaWeibo[^ ]*Bot/i,
  /DingTalk[^ ]*(Bot|Preview)|Feishu[^ ]*Bot|Lark[^ ]*Bot|WXWork[^ ]*Preview/i,
  /facebookexternalhit|Facebot|Twitterbot|Slackbot|Slack-ImgProxy|TelegramBot|WhatsApp|Discordbot|LinkedInBot|SkypeUriPreview|Snap[^ ]*Preview|redditbot|Pinterestbot|Iframely|Embedly/i,
];
/** Crawlers and scripts: search engines, monitors, HTTP libraries, and requests with no UA at all. */
const BOTS =
  /bot\b|bot\/|crawl|spider|slurp|curl\/|wget\/|python-requests|python-urllib|go-http-client|okhttp|java\/|libwww|httpclient|headless|phantomjs|uptime|monitor/i;

export function classify(userAgent: string | undefined): Visit {
  const ua = (userAgent ?? '').trim();
  if (PREVIEWERS.some((p) => p.test(ua))) return 'preview';
  if (!ua || BOTS.test(ua)) return 'bot';
  return 'click';
}

/** At most this many visitors are remembered per day; past it every click counts as unique (a bound on memory). */
const MAX_SEEN = 200_000;

type DaySeen = { key: Buffer; seen: Set<string> };

/**
 * "Unique-ish": a person counted once per link and day by one serve process. With several
 * processes behind a balancer the same person may be counted once by each.
 */
export class VisitorDedupe {
  private readonly days = new Map<string, DaySeen>();

  /** True the first time (link, ip, ua) is seen on `day`. */
  firstToday(linkId: string, day: string, ip: string, ua: string): boolean {
    const d = this.dayOf(day);
    if (d.seen.size >= MAX_SEEN) return true;
    const h = createHmac('sha256', d.key).update(`${linkId}\n${ip}\n${ua}`).digest('base64url').slice(0, 22);
    if (d.seen.has(h)) return false;
    d.seen.add(h);
    return true;
  }

  private dayOf(day: string): DaySeen {
    let d = this.days.get(day);
    if (!d) {
      d = { key: randomBytes(32), seen: new Set() };
      this.days.set(day, d);
      // Workspaces in different time zones may be on two days at once; older days are dropped.
      for (const k of [...this.days.keys()].sort().slice(0, -2)) this.days.delete(k);
    }
    return d;
  }
}
