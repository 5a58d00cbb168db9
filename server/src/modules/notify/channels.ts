import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateNotifyChannelBody, UpdateNotifyChannelBody } from '../../../../contract/notify';
import type { Deps } from '../../context';
import { AppError, notFound } from '../../lib/errors';
import { paged } from '../../lib/paging';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { attemptDelivery } from './delivery';
import * as repo from './repository';
import { notifyChannels } from './tables';
import { maskWebhookUrl, parseAllowHosts, typeLabel, validateWebhookUrl } from './webhook-url';

export const CHANNEL = { zh: '通知渠道', en: 'Notification channel' };
/** Managing group robots is workspace configuration: owners and managers. */
const PERM = 'workspace.manage' as const;

function checkedUrl(deps: Deps, type: 'wecom' | 'dingtalk' | 'feishu', raw: string) {
  return validateWebhookUrl(type, raw, parseAllowHosts(deps.config.MEIYUN_WEBHOOK_ALLOW_HOSTS));
}

/** WeCom robots have no signing secret (the key in the URL is the credential). */
function checkSecret(type: string, secret: string | null | undefined) {
  if (type === 'wecom' && secret) {
    throw new AppError('validation_failed', { zh: '企业微信群机器人没有签名密钥，请留空', en: 'WeCom group robots have no signing secret; leave it empty' }, [
      { path: ['secret'], message: '企业微信群机器人没有签名密钥，请留空 / WeCom group robots have no signing secret; leave it empty' },
    ]);
  }
}

const uniqueKinds = (kinds: string[] | undefined) => (kinds ? [...new Set(kinds)] : undefined);

export async function list(deps: Deps, actor: Actor, q: { page: number; pageSize: number }) {
  return paged(
    q,
    (limit, offset) => repo.listChannels(deps.db, actor.workspaceId, limit, offset),
    repo.countChannels(deps.db, actor.workspaceId),
    (rows) => rows.map(repo.channelView),
  );
}

export async function get(deps: Deps, actor: Actor, id: string) {
  const row = await repo.findChannel(deps.db, actor.workspaceId, id);
  if (!row) throw notFound(CHANNEL);
  return repo.channelView(row);
}

export async function create(deps: Deps, actor: Actor, body: z.infer<typeof CreateNotifyChannelBody>) {
  assertCan(actor.role, PERM);
  const url = checkedUrl(deps, body.type, body.url);
  checkSecret(body.type, body.secret);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(notifyChannels)
      .values({
        workspaceId: actor.workspaceId,
        type: body.type,
        name: body.name,
        urlSealed: deps.secrets.seal(url.toString()),
        urlMasked: maskWebhookUrl(url),
        secretSealed: body.secret ? deps.secrets.seal(body.secret) : null,
        kinds: uniqueKinds(body.kinds) ?? [],
        minSeverity: body.minSeverity ?? 'info',
        language: body.language ?? 'zh-CN',
        enabled: body.enabled ?? true,
        createdBy: actor.userId,
      })
      .returning();
    const view = repo.channelView(row);
    await audit(tx, actor, { action: 'notify_channel.create', entityType: 'notify_channel', entityId: row.id, after: view });
    return view;
  });
}

export async function update(deps: Deps, actor: Actor, id: string, body: z.infer<typeof UpdateNotifyChannelBody>) {
  assertCan(actor.role, PERM);
  return deps.db.transaction(async (tx) => {
    const before = await repo.findChannel(tx, actor.workspaceId, id);
    if (!before) throw notFound(CHANNEL);
    const type = before.type as 'wecom' | 'dingtalk' | 'feishu';
    const url = body.url === undefined ? null : checkedUrl(deps, type, body.url);
    checkSecret(type, body.secret);
    const [row] = await tx
      .update(notifyChannels)
      .set({
        name: body.name,
        kinds: uniqueKinds(body.kinds),
        minSeverity: body.minSeverity,
        language: body.language,
        enabled: body.enabled,
        ...(url ? { urlSealed: deps.secrets.seal(url.toString()), urlMasked: maskWebhookUrl(url) } : {}),
        ...(body.secret !== undefined ? { secretSealed: body.secret ? deps.secrets.seal(body.secret) : null } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(notifyChannels.id, id))
      .returning();
    const view = repo.channelView(row);
    await audit(tx, actor, { action: 'notify_channel.update', entityType: 'notify_channel', entityId: id, before: repo.channelView(before), after: view });
    return view;
  });
}

/** Deletes the channel and its delivery log; jobs still queued for it find nothing and end. */
export async function remove(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, PERM);
  await deps.db.transaction(async (tx) => {
    const before = await repo.findChannel(tx, actor.workspaceId, id);
    if (!before) throw notFound(CHANNEL);
    await tx.delete(notifyChannels).where(eq(notifyChannels.id, id));
    await audit(tx, actor, { action: 'notify_channel.delete', entityType: 'notify_channel', entityId: id, before: repo.channelView(before) });
  });
}

/** Sends a test message now and answers with the platform's verdict; the attempt is logged like any other. */
export async function sendTest(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, PERM);
  const ch = await repo.findChannel(deps.db, actor.workspaceId, id);
  if (!ch) throw notFound(CHANNEL);
  const label = typeLabel(ch.type as 'wecom');
  const out = await attemptDelivery(deps, ch, {
    kind: 'test',
    severity: 'info',
    title: { zh: '测试消息', en: 'Test message' },
    body: {
      zh: `这是来自媒运的测试消息：${label.zh}机器人「${ch.name}」已连通。`,
      en: `A test message from Meiyun: the ${label.en} robot "${ch.name}" is connected.`,
    },
    link: '/settings',
  });
  const delivery = await deps.db.transaction(async (tx) => {
    const d = await repo.recordDelivery(tx, {
      workspaceId: actor.workspaceId,
      channelId: ch.id,
      eventKind: 'test',
      status: out.ok ? 'ok' : 'failed',
      attempt: 1,
      httpStatus: out.httpStatus,
      responseCode: out.code,
      responseMessage: out.message,
      durationMs: out.durationMs,
    });
    await audit(tx, actor, { action: 'notify_channel.test', entityType: 'notify_channel', entityId: ch.id, after: { ok: out.ok, code: out.code } });
    return d;
  });
  const message = out.ok
    ? '测试消息已发送 / Test message sent'
    : `发送失败${out.code ? `（${out.code}）` : out.httpStatus ? `（HTTP ${out.httpStatus}）` : ''} / Sending failed: ${out.message}`;
  return { ok: out.ok, message, delivery: repo.deliveryView(delivery) };
}

export async function deliveries(deps: Deps, actor: Actor, id: string, q: { page: number; pageSize: number }) {
  const ch = await repo.findChannel(deps.db, actor.workspaceId, id);
  if (!ch) throw notFound(CHANNEL);
  return paged(
    q,
    (limit, offset) => repo.listDeliveries(deps.db, id, limit, offset),
    repo.countDeliveries(deps.db, id),
    (rows) => rows.map(repo.deliveryView),
  );
}
