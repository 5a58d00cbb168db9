import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { bossDb, QUEUES } from '../../jobs/boss';
import { notFound } from '../../lib/errors';
import { paged } from '../../lib/paging';
import type { Actor } from '../identity/audit';
import * as repo from './repository';

/**
 * The one way for any module to tell people something: in-app rows for the recipients and,
 * unless `webhooks: false`, one delivery job per group-robot channel subscribed to the kind.
 */
export interface NotifyEvent {
  workspaceId: string;
  kind: string; // e.g. 'incident.opened', 'alert.raised', 'publication.failed'
  severity?: 'info' | 'warning' | 'critical';
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  link?: string; // web path, e.g. '/incidents/<id>'
  userIds?: string[]; // in-app recipients; default: the workspace's owners and managers
  webhooks?: boolean; // default true: also send to the workspace's group-robot channels subscribed to this kind
}

export const NOTIFICATION = { zh: '通知', en: 'Notification' };

const clip = (v: { zh: string; en: string }, n: number) => ({ zh: v.zh.slice(0, n), en: v.en.slice(0, n) });

/** What a webhook job carries: the event as rendered for the group, nothing about recipients. */
export interface WebhookEvent {
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  link: string | null;
}

/**
 * Writes the in-app notifications and queues the webhook deliveries. With `tx`, both are part
 * of the caller's transaction (a rolled-back incident notifies nobody); without, they commit
 * together in a transaction of their own. Recipients outside the workspace are dropped.
 */
export async function notify(deps: Deps, event: NotifyEvent, tx?: Executor): Promise<void> {
  if (!/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/.test(event.kind)) throw new Error(`notify: bad kind "${event.kind}"`);
  const ev: WebhookEvent = {
    kind: event.kind,
    severity: event.severity ?? 'info',
    title: clip(event.title, 200),
    body: clip(event.body, 4000),
    link: event.link ?? null,
  };
  const run = async (ex: Executor) => {
    const recipients = event.userIds ? await repo.membersAmong(ex, event.workspaceId, event.userIds) : await repo.ownersAndManagers(ex, event.workspaceId);
    await repo.insertNotifications(
      ex,
      recipients.map((userId) => ({
        workspaceId: event.workspaceId,
        userId,
        kind: ev.kind,
        severity: ev.severity,
        titleZh: ev.title.zh,
        titleEn: ev.title.en,
        bodyZh: ev.body.zh,
        bodyEn: ev.body.en,
        link: ev.link,
      })),
    );
    if (event.webhooks !== false) await queueWebhooks(deps, ex, event.workspaceId, ev);
  };
  if (tx) await run(tx);
  else await deps.db.transaction(run);
}

async function queueWebhooks(deps: Deps, ex: Executor, workspaceId: string, ev: WebhookEvent) {
  const channelIds = await repo.channelsFor(ex, workspaceId, ev.kind, ev.severity);
  for (const channelId of channelIds) {
    await deps.boss.send(
      QUEUES.notifyWebhook,
      { channelId, workspaceId, event: ev },
      {
        db: bossDb(ex),
        // Backoff doubles from the base delay with jitter: with the default 10 s, five retries
        // span roughly 5–10 minutes, past WeCom's per-minute and DingTalk's 10-minute throttles.
        retryLimit: 5,
        retryDelay: deps.config.MEIYUN_WEBHOOK_RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: Math.ceil(deps.config.MEIYUN_WEBHOOK_TIMEOUT_MS / 1000) + 30,
      },
    );
  }
}

/* ---------- the signed-in user's notifications ---------- */

export async function listMine(deps: Deps, actor: Actor, q: { unread?: boolean; kind?: string; page: number; pageSize: number }) {
  return paged(
    q,
    (limit, offset) => repo.listNotifications(deps.db, actor.workspaceId, actor.userId, q, limit, offset),
    repo.countNotifications(deps.db, actor.workspaceId, actor.userId, q),
    (rows) => rows.map(repo.notificationView),
  );
}

export async function unreadCount(deps: Deps, actor: Actor) {
  const [{ n }] = await repo.countNotifications(deps.db, actor.workspaceId, actor.userId, { unread: true });
  return { count: n };
}

/** Another user's notification is "not found": nobody learns it exists. */
export async function markRead(deps: Deps, actor: Actor, id: string) {
  const row = await repo.markRead(deps.db, actor.workspaceId, actor.userId, id);
  if (!row) throw notFound(NOTIFICATION);
  return repo.notificationView(row);
}

export async function markAllRead(deps: Deps, actor: Actor, kind?: string) {
  return { updated: await repo.markAllRead(deps.db, actor.workspaceId, actor.userId, kind) };
}
