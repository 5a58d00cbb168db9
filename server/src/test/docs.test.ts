import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROUTES } from '../../../contract/routes';
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

test('every operation documents its parameters, body, answers and errors, as the route table declares them', async () => {
  const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
  const wrong: string[] = [];
  for (const { def } of ROUTES) {
    const op = spec.paths[def.path.replace(/:(\w+)/g, '{$1}')]?.[def.method.toLowerCase()];
    const name = `${def.method} ${def.path}`;
    if (!op) {
      wrong.push(`${name}: not documented`);
      continue;
    }
    const params = (op.parameters ?? []) as { in: string; name: string }[];
    for (const p of Object.keys(def.params?.shape ?? {})) if (!params.some((x) => x.in === 'path' && x.name === p)) wrong.push(`${name}: path ${p}`);
    for (const q of Object.keys(def.query?.shape ?? {})) if (!params.some((x) => x.in === 'query' && x.name === q)) wrong.push(`${name}: query ${q}`);
    const content = op.requestBody?.content ?? {};
    if (def.body && !content['application/json']?.schema) wrong.push(`${name}: JSON body`);
    if (def.upload && content['multipart/form-data']?.schema?.properties?.[def.upload.field]?.format !== 'binary') wrong.push(`${name}: multipart file`);
    for (const status of Object.keys(def.response)) {
      const answer = op.responses?.[status]?.content ?? {};
      const types = def.binary ?? ['application/json'];
      for (const type of types) if (!answer[type]?.schema) wrong.push(`${name}: ${status} ${type}`);
      if (def.binary && answer[def.binary[0]].schema.format !== 'binary') wrong.push(`${name}: the file is not binary`);
      if (!def.binary && !answer['application/json'].schema.properties && !answer['application/json'].schema.items)
        wrong.push(`${name}: ${status} has no shape`);
    }
    if (!op.responses?.['4XX']?.content?.['application/json']?.schema?.properties?.error) wrong.push(`${name}: error answer`);
    if (op.summary !== def.summary || !op.description?.includes(def.access)) wrong.push(`${name}: summary or access`);
  }
  assert.deepEqual(wrong, []);
});

test('health answers 200 with the database up', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
  assert.deepEqual([r.statusCode, r.json().db], [200, 'up']);
});
