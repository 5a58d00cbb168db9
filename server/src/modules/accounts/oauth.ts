// "Connect account": the platform's OAuth2 code flow. `startConnect` stores a random state
// (who, which workspace, platform and account, the redirect URI; 10 minutes, once) and answers
// the platform's authorize URL; the platform sends the person's browser back to the callback,
// where `finishConnect` checks the state against the session before anything is stored, trades
// the code for a grant, and creates the account or updates it (the stored refresh token is kept
// when the answer has none; another platform user than the account's is refused).

import { randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { AppError, badRequest, notFound } from '../../lib/errors';
import { type Grant, isPlatformError } from '../../platforms/adapter';
import { platformModule } from '../../platforms/registry';
import { type Actor, audit } from '../identity/audit';
import { assertCan, type Role } from '../identity/roles';
import { appFor, baseUrlsOf, mergeGrant, openGrant, saveGrant } from './grants';
import * as repo from './repository';
import { oauthStates, platformAccounts } from './tables';

const STATE_MINUTES = 10;
const ACCOUNT = { zh: '账号', en: 'Account' };

/** Platform names for a new account's default name (the manager renames it). */
const LABEL: Record<string, { zh: string; en: string }> = {
  weibo: { zh: '微博', en: 'Weibo' },
  douyin: { zh: '抖音', en: 'Douyin' },
  bilibili: { zh: '哔哩哔哩', en: 'Bilibili' },
  kuaishou: { zh: '快手', en: 'Kuaishou' },
};

const refused = (zh: string, en: string, status: 'forbidden' | 'bad_request' = 'bad_request') =>
  new AppError(status, { zh: `连接账号失败：${zh}`, en: `Connecting the account failed: ${en}` });

function providerOf(deps: Pick<Deps, 'config'>, platform: string) {
  const mod = platformModule(platform);
  const provider = mod?.oauth?.({ baseUrls: baseUrlsOf(deps.config), timeoutMs: deps.config.MEIYUN_PLATFORM_TIMEOUT_MS });
  if (!mod || !provider) throw badRequest({ zh: `平台 ${platform} 不通过授权连接`, en: `${platform} accounts do not connect by authorisation` });
  return { mod, provider };
}

/** The callback URL the platform sends the browser to: under MEIYUN_PUBLIC_URL, else the origin the browser used. */
export function callbackUrl(deps: Pick<Deps, 'config'>, platform: string, origin: string) {
  return new URL(`/api/v1/oauth/${platform}/callback`, deps.config.MEIYUN_PUBLIC_URL ?? origin).toString();
}

export async function startConnect(deps: Deps, actor: Actor, platform: string, body: { accountId?: string }, origin: string) {
  assertCan(actor.role, 'accounts.manage');
  const { provider } = providerOf(deps, platform);
  const app = await appFor(deps, actor.workspaceId, platform);
  if (!app) {
    throw new AppError('invalid_state', {
      zh: '请先填写本工作区在该平台开放平台的应用（Client ID 与密钥）',
      en: "Enter the workspace's app on this platform's open platform (client id and secret) first",
    });
  }
  if (body.accountId) {
    const row = await repo.findAccount(deps.db, actor.workspaceId, body.accountId);
    if (!row) throw notFound(ACCOUNT);
    if (row.platform !== platform) throw badRequest({ zh: '该账号不属于这个平台', en: 'The account is not on this platform' });
  }
  const state = randomBytes(32).toString('base64url');
  const redirectUri = callbackUrl(deps, platform, origin);
  await deps.db.transaction(async (tx) => {
    // Old states are of no use to anyone: they go as new ones come.
    await tx.delete(oauthStates).where(lt(oauthStates.expiresAt, sql`now() - interval '1 day'`));
    await tx.insert(oauthStates).values({
      state,
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      platform,
      accountId: body.accountId ?? null,
      redirectUri,
      expiresAt: sql`now() + make_interval(mins => ${STATE_MINUTES})`,
    });
  });
  const scopes = [...new Set(provider.scopes.map((s) => s.scope))];
  return { url: provider.authorizeUrl(app, { state, redirectUri, scopes }) };
}

/** Who the callback's browser is signed in as, if anyone (the route is public so a refusal can be a page). */
export interface CallbackSession {
  userId: string;
  workspaceId: string;
  role: Role;
  requestId: string;
  ip: string;
}

/**
 * The platform's callback. The state must exist, be unused and unexpired, be for this platform,
 * and belong to the signed-in user in the same workspace; it is used up before the code is
 * traded, so it never works twice. Answers the account id.
 */
export async function finishConnect(deps: Deps, session: CallbackSession | null, platform: string, q: { code?: string; state?: string; error?: string }) {
  const { mod, provider } = providerOf(deps, platform);
  if (!q.state) throw refused('回调缺少 state 参数', 'the callback carries no state');
  const claimed = await deps.db.transaction(async (tx) => {
    const [s] = await tx
      .select()
      .from(oauthStates)
      .where(eq(oauthStates.state, q.state as string))
      .for('update');
    if (!s) throw refused('授权请求无效，请从媒运重新点击“连接账号”', 'this authorisation request is unknown; start again with Connect account in Meiyun');
    if (s.usedAt) throw refused('该授权请求已使用过，请重新连接', 'this authorisation request was already used; connect again');
    if (s.expiresAt.getTime() < Date.now())
      throw refused('授权请求已过期（10 分钟），请重新连接', 'this authorisation request expired (10 minutes); connect again');
    if (s.platform !== platform) throw refused('授权请求与平台不符', 'this authorisation request is for another platform');
    if (!session || session.userId !== s.userId || session.workspaceId !== s.workspaceId) {
      throw refused(
        '请用发起连接的成员身份、在同一工作区中完成授权',
        'finish the authorisation signed in as the member who started it, in the same workspace',
        'forbidden',
      );
    }
    await tx
      .update(oauthStates)
      .set({ usedAt: sql`now()` })
      .where(and(eq(oauthStates.state, s.state), isNull(oauthStates.usedAt)));
    return s;
  });
  const actor: Actor = { ...(session as CallbackSession), workspaceId: claimed.workspaceId };
  assertCan(actor.role, 'accounts.manage');
  if (q.error) throw refused(`平台未授权（${q.error}）`, `the platform did not authorise (${q.error})`);
  if (!q.code) throw refused('回调缺少授权码 code', 'the callback carries no code');
  const app = await appFor(deps, claimed.workspaceId, platform);
  if (!app) throw refused('工作区的开放平台应用已被删除', "the workspace's platform app was removed");
  let grant: Grant;
  try {
    grant = await provider.exchange(app, { code: q.code, redirectUri: claimed.redirectUri });
  } catch (e) {
    if (!isPlatformError(e)) throw e;
    throw refused(`平台拒绝了授权码（${e.code ?? e.kind}）`, `the platform refused the code (${e.code ?? e.kind}): ${e.platformMessage || e.message}`);
  }
  if (!grant.openId) throw refused('平台未返回用户标识', 'the platform answered no user id');
  return deps.db.transaction(async (tx) => {
    // Reconnect: the account named in the state; else an account of this platform user already here.
    const [row] = claimed.accountId
      ? await tx
          .select()
          .from(platformAccounts)
          .where(and(eq(platformAccounts.id, claimed.accountId), eq(platformAccounts.workspaceId, claimed.workspaceId), isNull(platformAccounts.archivedAt)))
          .for('update')
      : await tx
          .select()
          .from(platformAccounts)
          .where(
            and(
              eq(platformAccounts.workspaceId, claimed.workspaceId),
              eq(platformAccounts.platform, platform),
              eq(platformAccounts.platformId, grant.openId),
              isNull(platformAccounts.archivedAt),
            ),
          )
          .for('update');
    if (claimed.accountId && !row) throw refused('要重新授权的账号已不存在', 'the account to authorise again no longer exists');
    if (row) {
      const stored = openGrant(deps, row.credentialsSealed);
      const knownUser = stored?.openId || row.platformId;
      if (knownUser && knownUser !== grant.openId) {
        throw refused(
          `授权的是另一个平台账号（${grant.openId}），不是本账号（${knownUser}）；请在平台上切换到本账号后重试`,
          `a different platform account (${grant.openId}) was authorised, not this one (${knownUser}); switch to it on the platform and try again`,
        );
      }
      const merged = mergeGrant(stored, grant);
      await saveGrant(tx, deps, row.id, merged);
      if (!row.platformId) await tx.update(platformAccounts).set({ platformId: grant.openId }).where(eq(platformAccounts.id, row.id));
      await audit(tx, actor, {
        action: 'account.reconnect',
        entityType: 'account',
        entityId: row.id,
        before: { scopes: row.scopes, grantExpiresAt: row.grantExpiresAt },
        after: {
          platformUser: grant.openId,
          scopes: merged.scopes,
          grantExpiresAt: merged.expiresAt,
          keptRefreshToken: !grant.refreshToken && !!merged.refreshToken,
        },
      });
      return row.id;
    }
    const label = LABEL[platform] ?? { zh: mod.platform, en: mod.platform };
    const [created] = await tx
      .insert(platformAccounts)
      .values({ workspaceId: claimed.workspaceId, platform, name: `${label.zh}账号 ${grant.openId.slice(-6)}`, platformId: grant.openId })
      .returning();
    await saveGrant(tx, deps, created.id, grant);
    await audit(tx, actor, {
      action: 'account.connect',
      entityType: 'account',
      entityId: created.id,
      after: { platform, name: created.name, platformUser: grant.openId, scopes: grant.scopes, grantExpiresAt: grant.expiresAt },
    });
    return created.id;
  });
}

const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page a person's browser gets when the callback refuses: the reason in both languages, and the way back. */
export function refusalPage(e: AppError) {
  const [zh, en] = [e.zh, e.message].map(esc);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>连接账号失败 / Connecting failed</title></head><body>
<h1>连接账号失败 / Connecting the account failed</h1><p data-lang="zh">${zh}</p><p data-lang="en" lang="en">${en}</p>
<p><a href="/accounts">返回账号页 / Back to accounts</a></p></body></html>`;
}
