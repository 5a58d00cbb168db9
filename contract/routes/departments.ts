import { z } from 'zod';
import { Id, Ok } from '../common';
import * as D from '../departments';
import { route } from './route';

const IdParam = z.object({ id: Id });

// Departments: managers make them and say who is in them; every member lists them (a guest sees
// only the departments they belong to).
export const departments = {
  listDepartments: route({
    method: 'GET',
    path: '/api/v1/departments',
    access: 'member',
    response: { 200: z.array(D.Department) },
    summary: '部门及其成员（访客只看到自己所在的部门）/ Departments and their members (a guest sees only their own)',
  }),
  createDepartment: route({
    method: 'POST',
    path: '/api/v1/departments',
    access: 'members.manage',
    body: D.DepartmentBody,
    response: { 200: D.Department },
    summary: '新建部门 / Add a department',
  }),
  updateDepartment: route({
    method: 'PATCH',
    path: '/api/v1/departments/:id',
    access: 'members.manage',
    params: IdParam,
    body: D.UpdateDepartmentBody,
    response: { 200: D.Department },
    summary: '修改部门名称、说明、默认分派的产品领域 / Change a department’s name, description, product areas routed to it',
  }),
  deleteDepartment: route({
    method: 'DELETE',
    path: '/api/v1/departments/:id',
    access: 'members.manage',
    params: IdParam,
    response: { 200: Ok },
    summary: '删除部门（其反馈变为未分派）/ Delete a department (its feedback becomes unrouted)',
  }),
  addDepartmentMember: route({
    method: 'POST',
    path: '/api/v1/departments/:id/members',
    access: 'members.manage',
    params: IdParam,
    body: D.DepartmentMemberBody,
    response: { 200: D.Department },
    summary: '把成员（访客或员工）加入部门 / Add a member (guest or staff) to a department',
  }),
  removeDepartmentMember: route({
    method: 'DELETE',
    path: '/api/v1/departments/:id/members/:userId',
    access: 'members.manage',
    params: z.object({ id: Id, userId: Id }),
    response: { 200: D.Department },
    summary: '把成员移出部门 / Remove a member from a department',
  }),
};
