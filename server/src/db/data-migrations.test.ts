import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { as, testEnv, workspaceWithTeam } from '../test/app';
import { createAccount, createPost } from '../test/fixtures';
import { DATA_MIGRATIONS, runDataMigrations } from './data-migrations';

const t = await testEnv();
const LEGACY = '<p>旧稿<img src=x onerror="window.__xss=1"></p><a href="javascript:alert(1)">链接</a>';

test('the stored-HTML data migration cleans legacy rows once, in batches, and is recorded', async () => {
  const team = await workspaceWithTeam(t);
  const acc = await createAccount(t, team.owner);
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push((await createPost(t, team.editor, { bodyHtml: `<p>第 ${i} 篇</p>`, accountIds: [acc.id] })).id);
  const c = new pg.Client({ connectionString: t.deps.config.DATABASE_URL });
  await c.connect();
  try {
    // Rows as a database written before the sanitiser holds them (the API cannot write these any more).
    await c.query('update posts set body_html = $1 where id = any($2)', [LEGACY, ids]);
    await c.query('update post_variants set body_html = $1 where post_id = $2', [LEGACY, ids[0]]);
    await c.query(`update post_versions set snapshot = jsonb_set(snapshot, '{bodyHtml}', to_jsonb($1::text)) where post_id = $2`, [LEGACY, ids[1]]);
    // The template database already ran it (as every started product does); forget that, as an old database would.
    const [name] = DATA_MIGRATIONS.map((m) => m.name);
    await c.query('delete from data_migrations where name = $1', [name]);

    assert.deepEqual(await runDataMigrations(c, DATA_MIGRATIONS, { batchSize: 2 }), [name]);
    const posts = await c.query('select body_html from posts where id = any($1)', [ids]);
    assert.deepEqual(
      posts.rows.map((r) => r.body_html),
      ids.map(() => '<p>旧稿</p><a>链接</a>'),
    );
    assert.equal((await c.query('select body_html from post_variants where post_id = $1', [ids[0]])).rows[0].body_html, '<p>旧稿</p><a>链接</a>');
    assert.equal((await c.query(`select snapshot->>'bodyHtml' as b from post_versions where post_id = $1`, [ids[1]])).rows[0].b, '<p>旧稿</p><a>链接</a>');
    // Untouched fields stay, and a variant without its own body keeps null.
    const other = await c.query('select body_html from post_variants where post_id = $1', [ids[2]]);
    assert.equal(other.rows[0].body_html, null);
    const seen = await as(t, team.manager)({ method: 'GET', url: `/api/v1/posts/${ids[0]}` });
    assert.doesNotMatch(seen.body, /onerror|javascript:/);

    // Recorded: it does not run again.
    assert.equal((await c.query('select count(*)::int as n from data_migrations where name = $1', [name])).rows[0].n, 1);
    await c.query('update posts set body_html = $1 where id = $2', [LEGACY, ids[4]]);
    assert.deepEqual(await runDataMigrations(c), []);
    assert.equal((await c.query('select body_html from posts where id = $1', [ids[4]])).rows[0].body_html, LEGACY);
  } finally {
    await c.end();
  }
});
