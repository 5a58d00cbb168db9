import { AppError } from '../../lib/errors';

export const ROLES = ['owner', 'manager', 'editor', 'reviewer', 'analyst', 'guest'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What each role may do. Checked on the server for every mutating route;
 * the web UI only hides what the server would refuse anyway.
 */
export const PERMISSIONS = {
  'workspace.manage': ['owner', 'manager'],
  /** Whether members must use two-factor sign-in. */
  'workspace.security': ['owner'],
  'members.manage': ['owner', 'manager'],
  'accounts.manage': ['owner', 'manager'],
  'content.write': ['owner', 'manager', 'editor'],
  'content.review': ['owner', 'manager', 'reviewer'],
  'content.comment': ['owner', 'manager', 'editor', 'reviewer', 'analyst'],
  'media.upload': ['owner', 'manager', 'editor'],
  'publishing.control': ['owner', 'manager'],
  'audit.read': ['owner', 'manager'],
  /** Open incidents, add notes, tick checklists, use approved holding statements (everyone but guests). */
  'incidents.write': ['owner', 'manager', 'editor', 'reviewer', 'analyst'],
  /** Incident severity/owner, crisis pause/resume, approve statements, close, playbooks, monitoring rules. */
  'incidents.manage': ['owner', 'manager'],
  /** Screening policy, word lists, brand kits, and overriding a blocked post. */
  'risk.manage': ['owner', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, perm: Permission): boolean {
  return (PERMISSIONS[perm] as readonly Role[]).includes(role);
}

export function assertCan(role: Role, perm: Permission): void {
  if (!can(role, perm)) {
    throw new AppError('forbidden', {
      zh: `你的角色（${role}）无权执行此操作（${perm}）`,
      en: `Your role (${role}) is not allowed to do this (${perm})`,
    });
  }
}

/** Only an owner may hand out the owner role. */
export function assertCanGrant(actor: Role, target: Role): void {
  if (target === 'owner' && actor !== 'owner') {
    throw new AppError('forbidden', { zh: '只有所有者可以授予所有者角色', en: 'Only an owner can grant the owner role' });
  }
}
