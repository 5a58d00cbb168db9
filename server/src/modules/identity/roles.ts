import { can, type Permission, type Role } from '../../../../contract/permissions';
import { AppError } from '../../lib/errors';

// The table lives in contract/ so the route table can name permissions with type checking.
export { can, PERMISSIONS, type Permission, ROLES, type Role } from '../../../../contract/permissions';

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
