import { z } from 'zod';
import { Id, IsoDate, text } from './common';

// Sign-in security: sessions, password changes and reset links, two-factor sign-in, sign-in events.

const Password = text().min(8, { error: '密码至少 8 位 / password must be at least 8 characters' }).max(200, { error: '密码太长 / password is too long' });
/** A 6-digit TOTP code, or one of the recovery codes (xxxxx-xxxxx). */
export const TotpCode = text().trim().min(6, { error: '请输入验证码 / enter the code' }).max(20);

export const AuthEventKind = z.enum([
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'password_changed',
  'password_reset_issued',
  'password_reset_used',
  'totp_enabled',
  'totp_disabled',
  'session_revoked',
]);
export const SignInFailure = z.enum(['wrong_password', 'unknown_email', 'totp_wrong', 'throttled']);

export const AuthEvent = z.object({
  id: z.number().int(),
  userId: Id.nullable(),
  userName: z.string().nullable(),
  email: z.string(),
  kind: AuthEventKind,
  /** For sign_in_failed: a SignInFailure; for session_revoked: `one`, `others` or `all`. */
  reason: z.string().nullable(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** Browser and OS read from the user agent, e.g. "Chrome 126 · Windows". */
  device: z.string().nullable(),
  at: IsoDate,
});
export const AuthEventQuery = z.object({ userId: Id.optional(), kind: AuthEventKind.optional() });

export const Session = z.object({
  id: Id,
  device: z.string(),
  browser: z.string().nullable(),
  os: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: IsoDate,
  lastSeenAt: IsoDate,
  /** The session this request came with. */
  current: z.boolean(),
});
export const SessionsRevoked = z.object({ revoked: z.number().int() });

export const ChangePasswordBody = z.strictObject({ currentPassword: text().min(1).max(200), newPassword: Password });

export const SecurityOverview = z.object({
  passwordChangedAt: IsoDate.nullable(),
  totpEnabled: z.boolean(),
  totpEnabledAt: IsoDate.nullable(),
  recoveryCodesLeft: z.number().int(),
  /** The current workspace requires two-factor sign-in. */
  workspaceRequiresTotp: z.boolean(),
});

export const TotpSetup = z.object({
  /** Base32, for typing into an authenticator app by hand. */
  secret: z.string(),
  /** otpauth://totp/… for the QR code. */
  uri: z.string(),
});
export const TotpEnableBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: '请输入 6 位数字验证码 / enter the 6-digit code' }),
});
export const TotpEnabled = z.object({
  /** Shown once: each works once in place of a code. */
  recoveryCodes: z.array(z.string()),
});
export const TotpDisableBody = z.strictObject({ password: text().min(1).max(200), code: TotpCode });

export const PasswordResetLink = z.object({
  /** Shown once; only its hash is stored. */
  token: z.string(),
  /** `/reset-password?token=…` */
  path: z.string(),
  /** Absolute when MEIYUN_PUBLIC_URL is set, else null (the UI prefixes its own origin). */
  url: z.string().nullable(),
  expiresAt: IsoDate,
});
export const ResetTokenBody = z.strictObject({ token: text().min(10).max(200) });
export const PasswordResetInfo = z.object({ email: z.string(), name: z.string(), expiresAt: IsoDate, totpRequired: z.boolean() });
export const PasswordResetBody = z.strictObject({ token: text().min(10).max(200), password: Password, totpCode: TotpCode.optional() });

export const WorkspaceSecurityBody = z.strictObject({ requireTotp: z.boolean() });
export const WorkspaceSecurity = z.object({ requireTotp: z.boolean() });
