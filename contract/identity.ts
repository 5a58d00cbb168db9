import { z } from 'zod';
import { Id, IsoDate } from './common';
import { TotpCode } from './security';

export const Role = z.enum(['owner', 'manager', 'editor', 'reviewer', 'analyst', 'guest']);
export type Role = z.infer<typeof Role>;

const Email = z.email({ error: '邮箱格式不正确 / invalid email address' }).max(254);
const Password = z
  .string()
  .min(8, { error: '密码至少 8 位 / password must be at least 8 characters' })
  .max(200, { error: '密码太长 / password is too long' });
const Name = z.string().trim().min(1, { error: '不能为空 / must not be empty' }).max(100);

export const SetupBody = z.strictObject({ workspaceName: Name, name: Name, email: Email, password: Password });
/** totpCode: for an account with two-factor sign-in; without it such an account answers 401 `totp_required`. */
export const SignInBody = z.strictObject({ email: Email, password: z.string().min(1).max(200), totpCode: TotpCode.optional() });
export const SwitchWorkspaceBody = z.strictObject({ workspaceId: Id });
export const CreateWorkspaceBody = z.strictObject({ name: Name });
export const UpdateWorkspaceBody = z.strictObject({
  name: Name.optional(),
  timezone: z.string().min(1).max(64).optional(),
  missedWindowMinutes: z.number().int().min(1).max(7 * 24 * 60).optional(),
});
export const PauseBody = z.strictObject({ reason: z.string().trim().max(500).default('') });

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
export const AcceptInviteBody = z.strictObject({ token: z.string().min(10).max(200), name: Name, password: Password, totpCode: TotpCode.optional() });

export const MemberQuery = z.object({ role: Role.optional(), q: z.string().max(100).optional() });
/** pending: not accepted yet (expired ones included, so they can be revoked or sent again); revoked ones are never listed. */
export const InvitationQuery = z.object({ status: z.enum(['pending', 'all']).default('all') });
export const AuditQuery = z.object({
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
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
