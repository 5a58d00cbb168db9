// Platform limits in the plan: the calendar says when a day's allowance is filled or broken, and
// the worker never uses more of an allowance than the platform grants, even when the plan does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as } from '../../test/app';
import { planBurst, publishingEnv, stateCounts, waitFor, wechatWorkspace } from '../../test/publishing';

const e = await publishingEnv({ publishDelayMs: 200 });
const massSends = async (appid: string) => (await e.control('GET', `/wechat/mass?appid=${appid}`)) as unknown[];

/** A subscription account (one mass send a day) with `n` mass sends planned at `dueAt`, written past the scheduler's check. */
async function overPlanned(n: number, dueAt: Date, emulatorLimit = true) {
  const ws = await wechatWorkspace(e, 1);
  const { appid, id: accountId } = ws.accounts[0];
  // The emulator enforces WeChat's allowance too; as a service account sending to a tag it lets all
  // three through, to see that the worker holds back by itself.
  await e.control('POST', '/wechat/apps', { appid, secret: `s-${appid}`, type: emulatorLimit ? 'subscription' : 'service', entity: 'company', verified: true, followers: 10, tags: [{ id: 7, name: '老客户', count: 5 }] });
  await e.deps.db.execute(sql`update platform_accounts set account_type = 'subscription' where id = ${accountId}`);
  const ids = await planBurst(e, ws, n, dueAt, { prefix: `mass-${appid}` });
  await e.deps.db.execute(sql`update publications set delivery = '{"mode":"mass_send","tagId":7}', allowance_key = 'wechat.mass_send', allowance_limit = 1, allowance_unit = 'day'
    where id = any(${`{${ids.join(',')}}`}::uuid[])`);
  return { ws, appid, accountId, ids };
}

test('the calendar warns when a day holds more mass sends than a subscription account may make', async () => {
  const due = new Date(Date.now() + 3 * 86400_000);
  const { ws, accountId } = await overPlanned(2, due);
  const from = new Date(due.getTime() - 86400_000).toISOString();
  const to = new Date(due.getTime() + 86400_000).toISOString();
  const r = await as(e, ws.team.editor)({ method: 'GET', url: `/api/v1/calendar?from=${from}&to=${to}` });
  assert.equal(r.statusCode, 200, r.body);
  const limits = r.json().limits as { accountId: string; kind: string; level: string; planned: number; limit: number; label: { zh: string } }[];
  const mine = limits.filter((l) => l.accountId === accountId && l.kind === 'allowance');
  assert.equal(mine.length, 1, JSON.stringify(limits));
  assert.equal(mine[0].level, 'over');
  assert.equal(mine[0].planned, 2);
  assert.equal(mine[0].limit, 1);
  assert.match(mine[0].label.zh, /订阅号每天只能群发 1 次/);
  // One planned: full (one more would break it), still shown.
  await e.deps.db.execute(sql`update publications set state = 'canceled' where post_id in (select post_id from publications where account_id = ${accountId} limit 1)`);
  const again = (await as(e, ws.team.editor)({ method: 'GET', url: `/api/v1/calendar?from=${from}&to=${to}` })).json().limits as { accountId: string; level: string }[];
  assert.deepEqual(
    again.filter((l) => l.accountId === accountId).map((l) => l.level),
    ['full'],
  );
});

test('the worker sends one of three mass sends planned for the same day, and says why the others did not go', async () => {
  // Due shortly, so the plan is complete before the worker sees it.
  const { ws, appid } = await overPlanned(3, new Date(Date.now() + 1500), false);
  const counts = await waitFor('settled', () => stateCounts(e, ws.team.workspaceId), (c) => (c.published ?? 0) + (c.failed ?? 0) === 3, 30_000);
  assert.deepEqual(counts, { published: 1, failed: 2 });
  assert.equal((await massSends(appid)).length, 1, 'one mass send reached the platform');
  const failed = (await e.deps.db.execute(sql`select last_error_code, state_reason from publications where workspace_id = ${ws.team.workspaceId} and state = 'failed'`)).rows as {
    last_error_code: string;
    state_reason: string;
  }[];
  for (const f of failed) {
    assert.equal(f.last_error_code, 'allowance_used');
    assert.match(f.state_reason, /发送次数已用完/);
  }
});
