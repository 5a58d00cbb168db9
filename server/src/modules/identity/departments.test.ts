// Departments: managers make, rename and delete them and say who is in them (guests and staff,
// members of the workspace only), each change audited; names unique per workspace and a product
// area routed to one department; a guest lists only their own; leaving the workspace leaves its
// departments; other modules ask departmentsOf.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { department, ok } from '../../test/feedback';
import { departmentsOf } from './departments';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const manager = as(t, team.manager);
type Dep = { id: string; name: string; description: string; feedbackAreas: string[]; members: { userId: string; role: string }[] };

test('a manager makes a department and puts a guest and an editor in it; editors cannot; each change is audited', async () => {
  const d = await ok<Dep>(manager, {
    method: 'POST',
    url: '/api/v1/departments',
    payload: { name: '售后部', description: '退换货', feedbackAreas: ['退款', '退款 '] },
  });
  assert.deepEqual(d.feedbackAreas, ['退款'], 'areas trimmed and de-duplicated');
  assert.equal((await as(t, team.editor)({ method: 'POST', url: '/api/v1/departments', payload: { name: '编辑部' } })).statusCode, 403);
  for (const m of [team.guest, team.editor]) await ok(manager, { method: 'POST', url: `/api/v1/departments/${d.id}/members`, payload: { userId: m.userId } });
  const again = await ok<Dep>(manager, { method: 'POST', url: `/api/v1/departments/${d.id}/members`, payload: { userId: team.guest.userId } });
  assert.deepEqual(again.members.map((m) => m.role).sort(), ['editor', 'guest'], 'adding twice keeps one');
  const stranger = await manager({ method: 'POST', url: `/api/v1/departments/${d.id}/members`, payload: { userId: other.editor.userId } });
  assert.equal(stranger.statusCode, 400, 'only members of this workspace');
  const renamed = await ok<Dep>(manager, { method: 'PATCH', url: `/api/v1/departments/${d.id}`, payload: { name: '客服部' } });
  assert.equal(renamed.name, '客服部');
  assert.deepEqual(await departmentsOf(t.deps.db, team.workspaceId, team.guest.userId), [d.id]);
  assert.deepEqual(await departmentsOf(t.deps.db, other.workspaceId, team.guest.userId), [], 'per workspace');
  const removed = await ok<Dep>(manager, { method: 'DELETE', url: `/api/v1/departments/${d.id}/members/${team.editor.userId}` });
  assert.deepEqual(
    removed.members.map((m) => m.userId),
    [team.guest.userId],
  );
  const audit = await t.deps.db.execute<{ action: string }>(
    sql`select action from audit_log where workspace_id = ${team.workspaceId} and entity_id = ${d.id} order by id`,
  );
  assert.deepEqual(
    audit.rows.map((a) => a.action),
    ['department.create', 'department.member_add', 'department.member_add', 'department.update', 'department.member_remove'],
  );
});

test('names are unique per workspace; an area is routed to one department; bad input is a clear 400', async () => {
  await department(t, team.manager, '物流部', [], ['物流']);
  const dup = await manager({ method: 'POST', url: '/api/v1/departments', payload: { name: '物流部' } });
  assert.equal(dup.statusCode, 409);
  const area = await manager({ method: 'POST', url: '/api/v1/departments', payload: { name: '仓储部', feedbackAreas: ['物流'] } });
  assert.equal(area.statusCode, 409);
  assert.match(area.json().error.message, /「物流」已分派给部门「物流部」/);
  assert.equal(
    (await as(t, other.manager)({ method: 'POST', url: '/api/v1/departments', payload: { name: '物流部', feedbackAreas: ['物流'] } })).statusCode,
    200,
  );
  const empty = await manager({ method: 'POST', url: '/api/v1/departments', payload: { name: '  ' } });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.json().error.message, /部门名称不能为空 \/ the department name must not be empty/);
});

test('a guest lists only their departments; staff list all; leaving the workspace leaves its departments; a deleted department unroutes its feedback', async () => {
  const mine = await department(t, team.manager, '法务部', [team.guest]);
  const names = async (m: typeof team.guest) => (await ok<Dep[]>(as(t, m), { method: 'GET', url: '/api/v1/departments' })).map((d) => d.name).sort();
  assert.deepEqual(await names(team.guest), ['客服部', '法务部'].sort());
  assert.ok((await names(team.analyst)).includes('物流部'));
  const f = await ok<{ id: string }>(as(t, team.editor), {
    method: 'POST',
    url: '/api/v1/feedback',
    payload: { type: 'bug', area: '合同', title: '条款', departmentId: mine },
  });
  await ok(manager, { method: 'DELETE', url: `/api/v1/departments/${mine}` });
  const item = await ok<{ item: { departmentId: string | null } }>(as(t, team.editor), { method: 'GET', url: `/api/v1/feedback/${f.id}` });
  assert.equal(item.item.departmentId, null);
  await ok(as(t, team.owner), { method: 'DELETE', url: `/api/v1/members/${team.guest.userId}` });
  assert.deepEqual(await departmentsOf(t.deps.db, team.workspaceId, team.guest.userId), []);
});
