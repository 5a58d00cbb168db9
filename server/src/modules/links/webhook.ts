// The conversion webhook: POST /api/v1/conversions/<key>, signed with the workspace's secret.
// X-Meiyun-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">. The secret is
// sealed at rest (lib/crypto.ts, like platform credentials), shown once when generated, and a
// rotation ends the old one at once.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { ConversionBody } from '../../../../contract/links';
import type { Deps } from '../../context';
import { AppError, notFound } from '../../lib/errors';
import { iso } from '../../lib/time';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { newCode } from './codes';
import * as repo from './repository';

/** How far the signature's time may be from ours, either way. */
export const TOLERANCE_SECONDS = 300;
export const SIGNATURE_HEADER = 'x-meiyun-signature';

export const hookPath = (key: string) => `/api/v1/conversions/${key}`;
const absolute = (deps: Pick<Deps, 'config'>, path: string) => (deps.config.MEIYUN_PUBLIC_URL ? new URL(path, deps.config.MEIYUN_PUBLIC_URL).toString() : null);

function settingsView(deps: Deps, s: { hookKey: string; rotatedAt: Date } | null) {
  return {
    key: s?.hookKey ?? null,
    path: s ? hookPath(s.hookKey) : null,
    url: s ? absolute(deps, hookPath(s.hookKey)) : null,
    rotatedAt: iso(s?.rotatedAt),
    pixelUrl: absolute(deps, '/px/<code>.gif?event_id=<id>&kind=order&value=99'),
  };
}

export async function getWebhook(deps: Deps, actor: Actor) {
  assertCan(actor.role, 'links.webhook');
  return settingsView(deps, await repo.settingsOf(deps.db, actor.workspaceId));
}

/** A new secret (and, the first time, the workspace's key): the answer is the only time it is shown. */
export async function rotateWebhook(deps: Deps, actor: Actor) {
  assertCan(actor.role, 'links.webhook');
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  return deps.db.transaction(async (tx) => {
    const before = await repo.settingsOf(tx, actor.workspaceId);
    const row = await repo.putSettings(tx, {
      workspaceId: actor.workspaceId,
      hookKey: before?.hookKey ?? `${newCode()}${newCode()}`,
      secretSealed: deps.secrets.seal(secret),
      rotatedBy: actor.userId,
    });
    await audit(tx, actor, { action: before ? 'links.webhook.rotate' : 'links.webhook.create', entityType: 'workspace', entityId: actor.workspaceId });
    return { ...settingsView(deps, row), secret };
  });
}

export const sign = (secret: string, t: number, body: string) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

const unsigned = (zh: string, en: string) => new AppError('unauthenticated', { zh, en });

/** Checks the header against the exact bytes received; throws 401 with the reason in both languages. */
export function verify(secret: string, header: string | undefined, body: string, now = Date.now()) {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.trim().split('=') as [string, string]));
  const t = Number(parts.t);
  if (!header || !/^\d+$/.test(parts.t ?? '') || !/^[0-9a-f]{64}$/i.test(parts.v1 ?? '')) {
    throw unsigned('缺少签名或签名格式错误（X-Meiyun-Signature: t=…,v1=…）', 'Missing or malformed signature (X-Meiyun-Signature: t=…,v1=…)');
  }
  if (Math.abs(now / 1000 - t) > TOLERANCE_SECONDS) {
    throw unsigned(`签名时间与服务器相差超过 ${TOLERANCE_SECONDS} 秒`, `The signature time is more than ${TOLERANCE_SECONDS} s from the server's`);
  }
  const want = Buffer.from(sign(secret, t, body), 'hex');
  if (!timingSafeEqual(want, Buffer.from(parts.v1, 'hex'))) throw unsigned('签名不正确', 'The signature does not match');
}

/** A conversion pushed by the workspace's site or CRM: verified, then recorded once per event_id. */
export async function receiveConversion(deps: Deps, key: string, header: string | undefined, raw: string, body: z.infer<typeof ConversionBody>) {
  const settings = await repo.settingsByKey(deps.db, key);
  if (!settings) throw notFound({ zh: '转化回传地址', en: 'Conversion webhook' });
  verify(deps.secrets.open(settings.secretSealed), header, raw);
  const workspaceId = settings.workspaceId;
  let linkId: string | null = null;
  if (body.code) {
    // Only the workspace's own links: another workspace's code is refused, never counted here.
    linkId = await repo.linkIdByCode(deps.db, workspaceId, body.code);
    if (!linkId) {
      const msg = { zh: '本工作区没有这个短码', en: 'No link of this workspace has this code' };
      throw new AppError('validation_failed', msg, [{ path: 'code', message: `${msg.zh} / ${msg.en}` }]);
    }
  }
  const r = await repo.insertConversion(deps.db, {
    workspaceId,
    linkId,
    eventId: body.event_id,
    kind: body.kind,
    value: body.value ?? null,
    source: 'webhook',
    occurredAt: body.occurred_at ? new Date(body.occurred_at) : new Date(),
  });
  return { ok: true as const, ...r };
}
