// Departments and inbox items for the feedback tests, made through the API as a team would.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../modules/identity/service';
import { memberships, users } from '../modules/identity/tables';
import { as, type Member, PASSWORD, signIn, type TestEnv } from './app';

type Call = ReturnType<typeof as>;

/** A 2xx answer's JSON (the test fails with the body otherwise). */
export async function ok<T = Record<string, unknown>>(call: Call, opts: Parameters<Call>[0]): Promise<T> {
  const r = await call(opts);
  assert.ok(r.statusCode >= 200 && r.statusCode < 300, `${opts.method} ${opts.url}: ${r.statusCode} ${r.body}`);
  return r.json() as T;
}

/** A department made by `manager`, with `members` in it. */
export async function department(t: TestEnv, manager: Member, name: string, members: Member[] = [], feedbackAreas: string[] = []) {
  const call = as(t, manager);
  const d = await ok<{ id: string }>(call, { method: 'POST', url: '/api/v1/departments', payload: { name, feedbackAreas } });
  for (const m of members) await ok(call, { method: 'POST', url: `/api/v1/departments/${d.id}/members`, payload: { userId: m.userId } });
  return d.id;
}

/** One more member of the workspace with the given role, signed in. */
export async function extraMember(t: TestEnv, workspaceId: string, role: Member['role'], name: string): Promise<Member> {
  const email = `${role}-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const [u] = await t.deps.db
    .insert(users)
    .values({ email, name, passwordHash: await hashPassword(PASSWORD) })
    .returning();
  await t.deps.db.insert(memberships).values({ workspaceId, userId: u.id, role });
  return { userId: u.id, email, role, cookie: await signIn(t.app, email) };
}

/** Imports one customer's comment and returns its inbox item id. */
export async function inboxItem(t: TestEnv, m: Member, accountId: string, externalId: string, text: string, authorName = '小李') {
  await ok(as(t, m), {
    method: 'POST',
    url: '/api/v1/inbox/import',
    payload: { accountId, items: [{ externalId, authorId: `uid-${externalId}`, authorName, text, at: '2026-03-02T10:00:00+08:00' }] },
  });
  const r = await t.deps.db.execute<{ id: string }>(sql`select id from inbox_items where account_id = ${accountId} and external_id = ${externalId}`);
  return r.rows[0].id;
}
