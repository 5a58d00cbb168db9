// Inbox items for the service-level tests: each seed is a customer's item with the account's
// replies under it, imported, then given its assignee, priority and arrival time.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { as, type Member, type TestEnv } from './app';

/** `reply`: the times of the account's replies; `receivedAt`: when it reached the inbox (default: `at`). */
export type Seed = { id: string; at: string; reply?: string[]; who?: string; priority?: string; receivedAt?: string };
export async function seedItems(t: TestEnv, accountId: string, member: Member, items: Seed[]) {
  const rows = items.flatMap((s) => [
    { externalId: s.id, authorName: '用户', text: `问题 ${s.id}`, at: s.at },
    ...(s.reply ?? []).map((at, i) => ({ externalId: `${s.id}-r${i}`, parentExternalId: s.id, authorName: '客服', fromAccount: true, text: '您好', at })),
  ]);
  const r = await as(t, member)({ method: 'POST', url: '/api/v1/inbox/import', payload: { accountId, items: rows } });
  assert.equal(r.statusCode, 200, r.body);
  const ids = new Map<string, string>();
  for (const s of items) {
    const [row] = (
      await t.deps.db.execute<{ id: string }>(sql`
      update inbox_items set assignee_id = ${s.who ?? null}, priority = ${s.priority ?? 'normal'}, received_at = coalesce(${s.receivedAt ?? null}::timestamptz, at)
      where account_id = ${accountId} and external_id = ${s.id} returning id`)
    ).rows;
    ids.set(s.id, row.id);
  }
  return ids;
}
