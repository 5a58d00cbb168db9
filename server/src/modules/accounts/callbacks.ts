// The account's push endpoint (WeChat: 服务器配置): settings a manager generates and pastes into
// the platform's console, the URL check, pushed results handed to the publishing engine and
// users' messages to the inbox.

import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/time';
import type { CallbackSettings } from '../../platforms/registry';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { ingestPushed } from '../inbox/pushed';
import { recordPushedResults } from '../publishing/poll';
import { moduleFor } from './platform';
import type * as repo from './repository';
import { requireAccount } from './service';
import { platformAccounts } from './tables';

export const callbackPath = (accountId: string) => `/api/v1/callbacks/${accountId}`;

function view(deps: Deps, row: repo.AccountRow, settings: CallbackSettings | null) {
  const path = callbackPath(row.id);
  return {
    supported: Boolean(moduleFor(row).callback),
    modes: [...(moduleFor(row).callback?.modes ?? [])],
    url: deps.config.MEIYUN_PUBLIC_URL ? new URL(path, deps.config.MEIYUN_PUBLIC_URL).toString() : null,
    path,
    token: settings?.token ?? null,
    aesKey: settings?.aesKey ?? null,
    mode: settings?.mode ?? null,
    verifiedAt: iso(row.callbackVerifiedAt),
    lastEventAt: iso(row.callbackLastEventAt),
  };
}

const open = (deps: Deps, row: repo.AccountRow): CallbackSettings | null => (row.callbackSealed ? JSON.parse(deps.secrets.open(row.callbackSealed)) : null);

/** The settings to paste into the platform's console. Managers only: the token lets anyone forge pushes. */
export async function getCallback(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'accounts.manage');
  const row = await requireAccount(deps.db, actor.workspaceId, id);
  return view(deps, row, open(deps, row));
}

/** Generates new settings (or changes the mode); the platform must then be configured with them. */
export async function setCallback(deps: Deps, actor: Actor, id: string, body: { mode: string; regenerate?: boolean }) {
  assertCan(actor.role, 'accounts.manage');
  return deps.db.transaction(async (tx) => {
    const row = await requireAccount(tx, actor.workspaceId, id);
    const handler = moduleFor(row).callback;
    if (!handler) throw new AppError('invalid_state', { zh: '该平台不向服务器推送消息', en: 'This platform does not push to a server' });
    if (!handler.modes.includes(body.mode)) {
      throw new AppError('validation_failed', { zh: `加密方式只能是 ${handler.modes.join('、')}`, en: `The mode must be one of ${handler.modes.join(', ')}` });
    }
    const before = open(deps, row);
    const settings = !before || body.regenerate ? handler.newSettings(body.mode) : { ...before, mode: body.mode };
    const [after] = await tx
      .update(platformAccounts)
      .set({ callbackSealed: deps.secrets.seal(JSON.stringify(settings)), ...(body.regenerate || !before ? { callbackVerifiedAt: null } : {}), updatedAt: sql`now()` })
      .where(eq(platformAccounts.id, id))
      .returning();
    await audit(tx, actor, { action: 'account.callback', entityType: 'account', entityId: id, before: { mode: before?.mode ?? null }, after: { mode: settings.mode, regenerated: !before || Boolean(body.regenerate) } });
    return view(deps, after, settings);
  });
}

async function settingsOf(deps: Deps, accountId: string) {
  const [row] = await deps.db.select().from(platformAccounts).where(eq(platformAccounts.id, accountId));
  const settings = row && !row.archivedAt ? open(deps, row) : null;
  const handler = row ? moduleFor(row).callback : undefined;
  return row && settings && handler ? { row, settings, handler } : null;
}

/** The platform checking the URL. Returns the text to answer, or null (then the answer is 403). */
export async function handshake(deps: Deps, accountId: string, query: Record<string, string>): Promise<string | null> {
  const s = await settingsOf(deps, accountId);
  const answer = s ? s.handler.handshake(s.settings, query) : null;
  if (answer !== null) await deps.db.update(platformAccounts).set({ callbackVerifiedAt: sql`now()` }).where(eq(platformAccounts.id, accountId));
  return answer;
}

/** A push. Genuine ones are recorded and acknowledged; anything else is refused with a reason for our logs only. */
export async function receivePush(deps: Deps, accountId: string, query: Record<string, string>, body: string): Promise<{ reply: string } | { error: string }> {
  const s = await settingsOf(deps, accountId);
  if (!s) return { error: 'no callback configured for this account' };
  const got = s.handler.receive({ ...s.settings, appId: s.row.appId }, query, body);
  if ('error' in got) return got;
  await deps.db.update(platformAccounts).set({ callbackLastEventAt: sql`now()` }).where(eq(platformAccounts.id, accountId));
  await recordPushedResults(deps, accountId, got.results);
  if (got.messages?.length) await ingestPushed(deps, s.row.workspaceId, accountId, got.messages);
  return { reply: got.reply };
}
