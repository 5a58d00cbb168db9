import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount, createPost } from '../../test/fixtures';

const t = await testEnv();
const ATTACK = '<p>春季<img src=x onerror="window.__xss=1">上新</p><p><a href="javascript:alert(document.cookie)">点我领券</a></p>';
const CLEAN = '<p>春季上新</p><p><a>点我领券</a></p>';
const executable = /onerror|javascript:|<img/i;

test('an editor cannot store script in a post, a variant or a version: what is stored and returned is the clean HTML', async () => {
  const team = await workspaceWithTeam(t);
  const acc = await createAccount(t, team.owner);
  const created = await createPost(t, team.editor, { bodyHtml: ATTACK, accountIds: [acc.id] });
  const got = await as(t, team.manager)({ method: 'GET', url: `/api/v1/posts/${created.id}` });
  assert.equal(got.json().bodyHtml, CLEAN);

  const upd = await as(t, team.editor)({ method: 'PATCH', url: `/api/v1/posts/${created.id}`, payload: { bodyHtml: `${ATTACK}<p>改</p>` } });
  assert.equal(upd.statusCode, 200, upd.body);
  assert.equal(upd.json().bodyHtml, `${CLEAN}<p>改</p>`);

  const v = await as(t, team.editor)({ method: 'PUT', url: `/api/v1/posts/${created.id}/variants/${acc.id}`, payload: { bodyHtml: ATTACK } });
  assert.equal(v.statusCode, 200, v.body);
  assert.equal(v.json().variants[0].bodyHtml, CLEAN);

  const rows = await t.deps.db.execute<{ body: string }>(sql`
    select body_html as body from posts where id = ${created.id}
    union all select body_html from post_variants where post_id = ${created.id}
    union all select snapshot->>'bodyHtml' from post_versions where post_id = ${created.id}
    union all select coalesce(after->>'bodyHtml', '') from audit_log where entity_id = ${created.id}`);
  assert.ok(rows.rows.length >= 5);
  for (const r of rows.rows) assert.doesNotMatch(r.body, executable);

  // A variant without a body of its own stays without one (null is not "empty HTML").
  const none = await as(t, team.editor)({ method: 'PUT', url: `/api/v1/posts/${created.id}/variants/${acc.id}`, payload: { bodyHtml: null } });
  assert.equal(none.json().variants[0].bodyHtml, null);
});
