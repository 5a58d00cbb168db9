import { and, desc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { iso, isoOr } from '../../lib/time';
import { startsWith } from '../../lib/sql';
import { memberships } from '../identity/tables';
import { notifications, notifyChannels, notifyDeliveries } from './tables';

export type NotificationRow = typeof notifications.$inferSelect;
export type ChannelRow = typeof notifyChannels.$inferSelect;
export type DeliveryRow = typeof notifyDeliveries.$inferSelect;

const SEVERITY_RANK = { info: 0, warning: 1, critical: 2 } as const;
export type Severity = keyof typeof SEVERITY_RANK;

export function notificationView(n: NotificationRow) {
  return {
    id: n.id,
    kind: n.kind,
    severity: n.severity as Severity,
    title: { zh: n.titleZh, en: n.titleEn },
    body: { zh: n.bodyZh, en: n.bodyEn },
    link: n.link,
    readAt: iso(n.readAt),
    createdAt: isoOr(n.createdAt),
  };
}

export function channelView(c: ChannelRow) {
  return {
    id: c.id,
    type: c.type as 'wecom' | 'dingtalk' | 'feishu',
    name: c.name,
    urlMasked: c.urlMasked,
    hasSecret: c.secretSealed != null,
    kinds: c.kinds,
    minSeverity: c.minSeverity as Severity,
    language: c.language as 'zh-CN' | 'en' | 'both',
    enabled: c.enabled,
    lastDeliveryAt: iso(c.lastDeliveryAt),
    lastDeliveryOk: c.lastDeliveryOk,
    lastError: c.lastError,
    createdAt: isoOr(c.createdAt),
  };
}

export function deliveryView(d: DeliveryRow) {
  return {
    id: d.id,
    eventKind: d.eventKind,
    status: d.status as 'ok' | 'retrying' | 'failed',
    attempt: d.attempt,
    httpStatus: d.httpStatus,
    responseCode: d.responseCode,
    responseMessage: d.responseMessage,
    durationMs: d.durationMs,
    at: isoOr(d.at),
  };
}

/* ---------- in-app notifications ---------- */

function inbox(workspaceId: string, userId: string, q: { unread?: boolean; kind?: string }) {
  return and(
    eq(notifications.userId, userId),
    eq(notifications.workspaceId, workspaceId),
    q.unread ? isNull(notifications.readAt) : undefined,
    q.kind ? like(notifications.kind, startsWith(q.kind)) : undefined,
  );
}

export function listNotifications(tx: Executor, workspaceId: string, userId: string, q: { unread?: boolean; kind?: string }, limit: number, offset: number) {
  return tx
    .select()
    .from(notifications)
    .where(inbox(workspaceId, userId, q))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .offset(offset);
}

export function countNotifications(tx: Executor, workspaceId: string, userId: string, q: { unread?: boolean; kind?: string }) {
  return tx
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(inbox(workspaceId, userId, q));
}

export async function markRead(tx: Executor, workspaceId: string, userId: string, id: string) {
  const [row] = await tx
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), eq(notifications.workspaceId, workspaceId)))
    .returning();
  return row ?? null;
}

export async function markAllRead(tx: Executor, workspaceId: string, userId: string, kind?: string) {
  const rows = await tx
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(inbox(workspaceId, userId, { unread: true, kind }))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function insertNotifications(tx: Executor, rows: (typeof notifications.$inferInsert)[]) {
  if (rows.length) await tx.insert(notifications).values(rows);
}

/** Members of the workspace among `userIds` (a recipient list never crosses workspaces). */
export async function membersAmong(tx: Executor, workspaceId: string, userIds: string[]) {
  if (!userIds.length) return [];
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, [...new Set(userIds)])));
  return rows.map((r) => r.userId);
}

/** The default recipients: the workspace's owners and managers. */
export async function ownersAndManagers(tx: Executor, workspaceId: string) {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, ['owner', 'manager'])));
  return rows.map((r) => r.userId);
}

/**
 * Claims the trigger's rows that still need a fan-out (managers, group robots); the claim
 * and the fan-out commit together, and SKIP LOCKED lets several workers sweep side by side.
 */
export async function claimFanout(tx: Executor, limit: number) {
  const r = await tx.execute(sql`
    update notifications set fanout_pending = false
    where id in (select id from notifications where fanout_pending order by created_at limit ${limit} for update skip locked)
    returning id, workspace_id as "workspaceId", user_id as "userId", kind, severity, title_zh as "titleZh", title_en as "titleEn",
      body_zh as "bodyZh", body_en as "bodyEn", link, source_id as "sourceId"`);
  return r.rows as Pick<
    NotificationRow,
    'id' | 'workspaceId' | 'userId' | 'kind' | 'severity' | 'titleZh' | 'titleEn' | 'bodyZh' | 'bodyEn' | 'link' | 'sourceId'
  >[];
}

/* ---------- channels ---------- */

export async function findChannel(tx: Executor, workspaceId: string, id: string) {
  const [row] = await tx
    .select()
    .from(notifyChannels)
    .where(and(eq(notifyChannels.id, id), eq(notifyChannels.workspaceId, workspaceId)));
  return row ?? null;
}

export function listChannels(tx: Executor, workspaceId: string, limit: number, offset: number) {
  return tx.select().from(notifyChannels).where(eq(notifyChannels.workspaceId, workspaceId)).orderBy(notifyChannels.createdAt).limit(limit).offset(offset);
}

export function countChannels(tx: Executor, workspaceId: string) {
  return tx.select({ n: sql<number>`count(*)::int` }).from(notifyChannels).where(eq(notifyChannels.workspaceId, workspaceId));
}

/** Enabled channels that want this kind at this severity: kinds empty = all, else a prefix matches. */
export async function channelsFor(tx: Executor, workspaceId: string, kind: string, severity: Severity) {
  const rows = await tx
    .select({ id: notifyChannels.id, kinds: notifyChannels.kinds, minSeverity: notifyChannels.minSeverity })
    .from(notifyChannels)
    .where(and(eq(notifyChannels.workspaceId, workspaceId), eq(notifyChannels.enabled, true)));
  return rows
    .filter((c) => c.kinds.length === 0 || c.kinds.some((p) => kind === p || kind.startsWith(p)))
    .filter((c) => SEVERITY_RANK[severity] >= (SEVERITY_RANK[c.minSeverity as Severity] ?? 0))
    .map((c) => c.id);
}

export async function recordDelivery(tx: Executor, row: typeof notifyDeliveries.$inferInsert) {
  const [d] = await tx.insert(notifyDeliveries).values(row).returning();
  await tx
    .update(notifyChannels)
    .set({ lastDeliveryAt: sql`now()`, lastDeliveryOk: row.status === 'ok', lastError: row.status === 'ok' ? null : (row.responseMessage ?? null) })
    .where(eq(notifyChannels.id, row.channelId));
  return d;
}

export function listDeliveries(tx: Executor, channelId: string, limit: number, offset: number) {
  return tx
    .select()
    .from(notifyDeliveries)
    .where(eq(notifyDeliveries.channelId, channelId))
    .orderBy(desc(notifyDeliveries.at), desc(notifyDeliveries.id))
    .limit(limit)
    .offset(offset);
}

export function countDeliveries(tx: Executor, channelId: string) {
  return tx.select({ n: sql<number>`count(*)::int` }).from(notifyDeliveries).where(eq(notifyDeliveries.channelId, channelId));
}
