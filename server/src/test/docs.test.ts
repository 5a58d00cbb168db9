import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEnv } from './app';

const t = await testEnv();

test('OpenAPI at /docs describes every route with its request schema', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/docs/json' });
  assert.equal(r.statusCode, 200, r.body.slice(0, 500));
  const spec = r.json();
  for (const path of ['/api/v1/posts', '/api/v1/posts/{id}/schedule', '/api/v1/accounts/{id}/credentials', '/api/v1/workspace/pause', '/api/v1/audit']) {
    assert.ok(spec.paths[path], `missing ${path}`);
  }
  const create = spec.paths['/api/v1/posts'].post.requestBody.content['application/json'].schema;
  assert.deepEqual(create.required, ['title']);
  assert.equal(create.properties.digest.maxLength, 128);
  const ui = await t.app.inject({ method: 'GET', url: '/docs' });
  assert.ok([200, 302].includes(ui.statusCode));
});

test('health answers 200 with the database up', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
  assert.deepEqual([r.statusCode, r.json().db], [200, 'up']);
});
