// Departments (issue 9 F1/X1, reused by issue 10): named groups of members, guests from other
// departments and staff alike, that own a queue. See server/src/modules/identity/README.md.
import { z } from 'zod';
import { Id, IsoDate, patch, text } from './common';
import { Role } from './identity';

const Name = text()
  .trim()
  .min(1, { error: '部门名称不能为空 / the department name must not be empty' })
  .max(50, { error: '部门名称最多 50 字 / the department name is at most 50 characters' });
const Description = text().trim().max(500, { error: '说明最多 500 字 / the description is at most 500 characters' });
export const ProductArea = text()
  .trim()
  .min(1, { error: '产品领域不能为空 / the product area must not be empty' })
  .max(50, { error: '产品领域最多 50 字 / the product area is at most 50 characters' });

export const DepartmentMember = z.object({ userId: Id, name: z.string(), role: Role });
export const Department = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  /** Feedback in these product areas is routed here when it is created without a department. */
  feedbackAreas: z.array(z.string()),
  members: z.array(DepartmentMember),
  createdAt: IsoDate,
});

const Fields = {
  name: Name,
  description: Description,
  feedbackAreas: z.array(ProductArea).max(50, { error: '最多 50 个产品领域 / at most 50 product areas' }),
};
export const DepartmentBody = z.strictObject({ name: Name, description: Description.default(''), feedbackAreas: Fields.feedbackAreas.default([]) });
export const UpdateDepartmentBody = patch(Fields);
export const DepartmentMemberBody = z.strictObject({ userId: Id });
