import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as } from '../../test/app';
import { approvedDue, manualWorkspace } from '../../test/manual';
import { publishingEnv, waitFor } from '../../test/publishing';
import { escalateOverdue } from './manual';

const e = await publishingEnv();
const pubOfPost = async (postId: string) => (await e.deps.db.execute(sql`select * from publications where post_id = ${postId}`)).rows[0] as Record<string, unknown> & { id: string };
const notes = async (workspaceId: string, kind: string) =>
  (await e.deps.db.execute(sql`select user_id, body_zh, link from notifications where workspace_id = ${workspaceId} and kind = ${kind}`)).rows as { user_id: string; body_zh: string; link: string }[];

test('manual route: due → awaiting_manual, the owner and the operators are told with the text and the link; a member marks it published', async () => {
  const ws = await manualWorkspace(e);
  const { team } = ws;
  const postId = await approvedDue(e, ws, '春日穿搭');
  const pub = await waitFor('awaiting_manual', () => pubOfPost(postId), (p) => p.state !== 'scheduled' && p.state !== 'dispatching', 20_000);
  assert.equal(pub.state, 'awaiting_manual', JSON.stringify(pub));
  const n = await notes(team.workspaceId, 'publication.awaiting_manual');
  assert.deepEqual(n.map((x) => x.user_id).sort(), [team.editor.userId, team.analyst.userId].sort());
  assert.match(n[0].body_zh, /春日穿搭/);
  assert.equal(n[0].link, `/publications/${pub.id}`);

  // A bad link is refused, with a bilingual message; nothing changes.
  const bad = await as(e, team.editor)({ method: 'POST', url: `/api/v1/publications/${pub.id}/complete`, payload: { url: 'javascript:alert(1)' } });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.equal((await pubOfPost(postId)).state, 'awaiting_manual');

  const url = 'https://www.xiaohongshu.com/explore/65f0c0a1000000001203abcd';
  const ok = await as(e, team.editor)({ method: 'POST', url: `/api/v1/publications/${pub.id}/complete`, payload: { url } });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().state, 'published');
  const after = await pubOfPost(postId);
  assert.equal(after.article_url, url);
  assert.equal(after.completed_by, team.editor.userId);
  const audited = (await e.deps.db.execute(sql`select actor_id from audit_log where entity_id = ${pub.id} and action = 'publication.complete_manual'`)).rows;
  assert.deepEqual(audited, [{ actor_id: team.editor.userId }]);

  // Twice is refused: it is no longer awaiting.
  const again = await as(e, team.editor)({ method: 'POST', url: `/api/v1/publications/${pub.id}/complete`, payload: { url } });
  assert.equal(again.statusCode, 409, again.body);
});

test('overdue: past its time plus the grace, the managers are told once', async () => {
  const ws = await manualWorkspace(e, 'custom', '线下门店屏');
  const postId = await approvedDue(e, ws, '门店海报');
  const pub = await waitFor('awaiting_manual', () => pubOfPost(postId), (p) => p.state === 'awaiting_manual', 20_000);
  assert.equal(await escalateOverdue(e.deps), 0, 'not overdue yet');
  await e.deps.db.execute(sql`update publications set due_at = now() - interval '3 hours' where id = ${pub.id}`);
  await waitFor('escalated', () => notes(ws.team.workspaceId, 'publication.manual_overdue'), (n) => n.length > 0, 10_000);
  await escalateOverdue(e.deps);
  const n = await notes(ws.team.workspaceId, 'publication.manual_overdue');
  assert.deepEqual(n.map((x) => x.user_id).sort(), [ws.team.owner.userId, ws.team.manager.userId].sort());
});

test('only writers or the account operators may mark it published', async () => {
  const ws = await manualWorkspace(e, 'zhihu', '知乎号');
  const postId = await approvedDue(e, ws, '知乎回答');
  const pub = await waitFor('awaiting_manual', () => pubOfPost(postId), (p) => p.state === 'awaiting_manual', 20_000);
  const url = 'https://zhuanlan.zhihu.com/p/123456';
  const guest = await as(e, ws.team.guest)({ method: 'POST', url: `/api/v1/publications/${pub.id}/complete`, payload: { url } });
  assert.equal(guest.statusCode, 403, guest.body);
  const operator = await as(e, ws.team.analyst)({ method: 'POST', url: `/api/v1/publications/${pub.id}/complete`, payload: { url } });
  assert.equal(operator.statusCode, 200, operator.body);
});
