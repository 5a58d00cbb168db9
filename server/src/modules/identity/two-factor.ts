import argon2 from 'argon2';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { AppError } from '../../lib/errors';
import { type RequestMeta, recordAuthEvent } from './auth-events';
import { sha256 } from './sessions';
import type { Auth } from './sessions';
import { recoveryCodes, users } from './tables';
import { attemptSucceeded, claimOrThrow } from './throttle';
import { matchStep, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, otpauthUri } from './totp';

type User = typeof users.$inferSelect;

export const totpRequired = () => new AppError('totp_required', { zh: '请输入两步验证码', en: 'Enter your two-factor code' });
export const totpInvalid = () => new AppError('totp_invalid', { zh: '验证码错误或已使用过', en: 'The code is wrong or has already been used' });

/** Recovery codes are hashed with the user's id, so one table-wide guess cannot test every user at once. */
const recoveryHash = (userId: string, code: string) => sha256(`${userId}:${normalizeRecoveryCode(code)}`);

/**
 * Checks a TOTP code or a recovery code for a user with two-factor sign-in on. A TOTP code is
 * accepted only for a time step later than the last one accepted (RFC 6238 §5.2: never the same
 * code twice), moved forward in one conditional UPDATE so two racing requests cannot both pass;
 * a recovery code is marked used the same way.
 */
export async function checkSecondFactor(deps: Deps, user: Pick<User, 'id' | 'totpSecretSealed'>, code: string): Promise<boolean> {
  if (!user.totpSecretSealed) return false;
  const c = code.trim();
  if (/^\d{6}$/.test(c)) {
    const step = matchStep(deps.secrets.open(user.totpSecretSealed), c, Date.now());
    if (step === null) return false;
    const moved = await deps.db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    return moved.length === 1;
  }
  const used = await deps.db
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, recoveryHash(user.id, c)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

/**
 * The second step of anything that signs a person in (sign-in, invitation, reset link): nothing
 * for an account without two-factor, else the code must be given and right.
 */
export async function requireSecondFactor(deps: Deps, user: User, code: string | undefined, meta: RequestMeta) {
  if (!user.totpSecretSealed) return;
  if (!code) throw totpRequired();
  if (!(await checkSecondFactor(deps, user, code))) {
    await recordAuthEvent(deps.db, { userId: user.id, email: user.email, kind: 'sign_in_failed', reason: 'totp_wrong' }, meta);
    throw totpInvalid();
  }
}

async function loadUser(deps: Deps, userId: string): Promise<User> {
  const [u] = await deps.db.select().from(users).where(eq(users.id, userId));
  return u;
}

/** Step 1 of enrolment: a new secret, kept aside (sealed) until a code from it confirms it. */
export async function startTotpSetup(deps: Deps, auth: Auth) {
  const user = await loadUser(deps, auth.userId);
  if (user.totpSecretSealed) throw new AppError('conflict', { zh: '两步验证已开启', en: 'Two-factor sign-in is already on' });
  const secret = newTotpSecret();
  await deps.db
    .update(users)
    .set({ totpPendingSealed: deps.secrets.seal(secret) })
    .where(eq(users.id, user.id));
  return { secret, uri: otpauthUri(secret, user.email) };
}

/** Step 2: a code from the app turns it on; the recovery codes are answered once and stored hashed. */
export async function enableTotp(deps: Deps, auth: Auth, code: string, meta: RequestMeta) {
  const user = await loadUser(deps, auth.userId);
  if (user.totpSecretSealed) throw new AppError('conflict', { zh: '两步验证已开启', en: 'Two-factor sign-in is already on' });
  if (!user.totpPendingSealed) {
    throw new AppError('invalid_state', { zh: '请先生成二维码再输入验证码', en: 'Start the setup (QR code) before entering a code' });
  }
  const who = { subject: user.email, ip: meta.ip };
  await claimOrThrow(deps.db, who);
  const step = matchStep(deps.secrets.open(user.totpPendingSealed), code.trim(), Date.now());
  if (step === null) throw totpInvalid();
  const codes = newRecoveryCodes();
  await deps.db.transaction(async (tx) => {
    const [on] = await tx
      .update(users)
      .set({ totpSecretSealed: user.totpPendingSealed, totpPendingSealed: null, totpEnabledAt: sql`now()`, totpLastStep: step })
      .where(and(eq(users.id, user.id), isNull(users.totpSecretSealed), eq(users.totpPendingSealed, user.totpPendingSealed as string)))
      .returning({ id: users.id });
    if (!on) throw new AppError('conflict', { zh: '两步验证设置已变化，请重新开始', en: 'The setup changed meanwhile; start again' });
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: user.id, codeHash: recoveryHash(user.id, c) })));
    await recordAuthEvent(tx, { userId: user.id, email: user.email, kind: 'totp_enabled' }, meta);
  });
  await attemptSucceeded(deps.db, who);
  return { recoveryCodes: codes };
}

/** Turning it off needs the password and a code (or a recovery code), so a stolen session alone cannot. */
export async function disableTotp(deps: Deps, auth: Auth, body: { password: string; code: string }, meta: RequestMeta) {
  const user = await loadUser(deps, auth.userId);
  if (!user.totpSecretSealed) throw new AppError('invalid_state', { zh: '两步验证未开启', en: 'Two-factor sign-in is not on' });
  const who = { subject: user.email, ip: meta.ip };
  await claimOrThrow(deps.db, who);
  if (!(await argon2.verify(user.passwordHash, body.password))) {
    throw new AppError('unauthenticated', { zh: '密码错误', en: 'Wrong password' });
  }
  if (!(await checkSecondFactor(deps, user, body.code))) throw totpInvalid();
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecretSealed: null, totpPendingSealed: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await recordAuthEvent(tx, { userId: user.id, email: user.email, kind: 'totp_disabled' }, meta);
  });
  await attemptSucceeded(deps.db, who);
}

/** Used by the command line when a person lost both their phone and their recovery codes. */
export async function clearTotp(deps: Pick<Deps, 'db'>, userId: string) {
  await deps.db.transaction(async (tx) => {
    const [u] = await tx
      .update(users)
      .set({ totpSecretSealed: null, totpPendingSealed: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(users.id, userId))
      .returning({ email: users.email });
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await recordAuthEvent(tx, { userId, email: u.email, kind: 'totp_disabled', reason: 'cli' }, {});
  });
}

export async function recoveryCodesLeft(deps: Deps, userId: string): Promise<number> {
  const [r] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return r.n;
}
