import { z } from 'zod';
import { clean, Id, IsoDate, patch, text } from './common';
import { ROLES } from './permissions';
import { TotpCode } from './security';

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

const Email = clean(z.email({ error: '邮箱格式不正确 / invalid email address' }).max(254));
const Password = text()
  .min(8, { error: '密码至少 8 位 / password must be at least 8 characters' })
  .max(200, { error: '密码太长 / password is too long' });
const Name = text().trim().min(1, { error: '不能为空 / must not be empty' }).max(100);

export const SetupBody = z.strictObject({ workspaceName: Name, name: Name, email: Email, password: Password });
/** totpCode: for an account with two-factor sign-in; without it such an account answers 401 `totp_required`. */
export const SignInBody = z.strictObject({ email: Email, password: text().min(1).max(200), totpCode: TotpCode.optional() });
export const SwitchWorkspaceBody = z.strictObject({ workspaceId: Id });
export const CreateWorkspaceBody = z.strictObject({ name: Name });
export const UpdateWorkspaceBody = patch({
  name: Name,
  timezone: text().min(1).max(64),
  missedWindowMinutes: z.number().int().min(1).max(7 * 24 * 60),
});
export const PauseBody = z.strictObject({ reason: text().trim().max(500).default('') });

export const Workspace = z.object({
  id: Id,
  name: z.string(),
  timezone: z.string(),
  paused: z.boolean(),
  pausedAt: IsoDate.nullable(),
  pauseReason: z.string().nullable(),
  missedWindowMinutes: z.number().int(),
  requireTotp: z.boolean(),
});

export const Me = z.object({
  user: z.object({ id: Id, email: z.string(), name: z.string(), locale: z.string(), totpEnabled: z.boolean() }),
  workspaces: z.array(z.object({ id: Id, name: z.string(), role: Role })),
  workspace: Workspace.nullable(),
  role: Role.nullable(),
  permissions: z.array(z.string()),
  /** The workspace requires two-factor sign-in and the user has none yet: workspace APIs answer 403 totp_setup_required. */
  totpSetupRequired: z.boolean(),
});

export const Member = z.object({ userId: Id, email: z.string(), name: z.string(), role: Role, joinedAt: IsoDate });
export const UpdateMemberBody = z.strictObject({ role: Role });

export const InviteBody = z.strictObject({ email: Email, role: Role });
export const Invitation = z.object({
  id: Id,
  email: z.string(),
  role: Role,
  createdAt: IsoDate,
  expiresAt: IsoDate,
  acceptedAt: IsoDate.nullable(),
  /** Only in the answer to the invite itself: the link to hand to the invitee. */
  token: z.string().optional(),
});
export const AcceptInviteBody = z.strictObject({ token: text().min(10).max(200), name: Name, password: Password, totpCode: TotpCode.optional() });

export const MemberQuery = z.object({ role: Role.optional(), q: text().max(100).optional() });
/** pending: not accepted yet (expired ones included, so they can be revoked or sent again); revoked ones are never listed. */
export const InvitationQuery = z.object({ status: z.enum(['pending', 'all']).default('all') });
export const AuditQuery = z.object({
  action: text().max(100).optional(),
  entityType: text().max(100).optional(),
  actorId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const AuditEntry = z.object({
  id: z.number().int(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  at: IsoDate,
});

export const SetupStatus = z.object({ needsOwner: z.boolean() });
