import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { RouteOptions } from 'fastify';
import { z } from 'zod';
import { route, ROUTES } from '../../../contract/routes';
import { withRouteTable } from '../../../contract/routes/docs';
import { buildApp } from '../app';
import { on } from '../route';
import { testEnv } from './app';

const t = await testEnv();
const key = (method: string, path: string) => `${method} ${path}`;

test('the app serves exactly the routes of the table, each registered from its entry', async () => {
  const seen: RouteOptions[] = [];
  const app = await buildApp(t.deps, { onRoute: (r) => seen.push(r) });
  t.cleanup(() => app.close());
  await app.ready();
  // HEAD is Fastify's automatic twin of each GET; /docs and the web app are not API routes.
  // The short links' /l/ and /px/ are public routes of the table outside /api/.
  const api = seen
    .flatMap((r) => [r.method].flat().map((m) => ({ method: m, url: r.url, route: r })))
    .filter((r) => r.method !== 'HEAD' && /^\/(api|l|px)\//.test(r.url));
  const served = new Set(api.map((r) => key(r.method, r.url)));
  const table = new Set(ROUTES.map((r) => key(r.def.method, r.def.path)));
  assert.equal(table.size, ROUTES.length, 'a route is declared twice in contract/routes');
  assert.deepEqual(
    [...served].filter((k) => !table.has(k)),
    [],
    'served but not in contract/routes',
  );
  assert.deepEqual(
    [...table].filter((k) => !served.has(k)),
    [],
    'in contract/routes but not served',
  );
  const byKey = new Map(ROUTES.map((r) => [key(r.def.method, r.def.path), r.def]));
  const handWritten = api.filter((r) => r.route.config?.route !== byKey.get(key(r.method, r.url))).map((r) => key(r.method, r.url));
  assert.deepEqual(handWritten, [], 'registered without on(app, <table entry>, …)');
});

test('every path parameter is declared in params, and nothing else is', () => {
  const wrong = ROUTES.filter(({ def }) => {
    const inPath = [...def.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]).sort();
    const declared = Object.keys(def.params?.shape ?? {}).sort();
    return inPath.join() !== declared.join();
  }).map((r) => `${r.module}.${r.name}`);
  assert.deepEqual(wrong, []);
});

test('contract/README.md lists the current route table (npm run docs:routes)', () => {
  const readme = readFileSync(new URL('../../../contract/README.md', import.meta.url), 'utf8');
  assert.equal(readme, withRouteTable(readme), 'contract/README.md is out of date: run npm run docs:routes');
});

test('answers are validated against their schema: undeclared fields are stripped, a wrong shape is a 500 that says nothing', async () => {
  const app = await buildApp(t.deps);
  t.cleanup(() => app.close());
  const probe = route({ method: 'GET', path: '/api/v1/probe', access: 'public', response: { 200: z.object({ name: z.string() }) }, summary: '测试 / probe' });
  const answers: Record<string, unknown> = { extra: { name: '公开', passwordHash: 'secret' }, wrong: { name: 42 } };
  on(app, probe, async (req) => answers[(req.query as { kind: string }).kind] as { name: string });
  const extra = await app.inject({ method: 'GET', url: '/api/v1/probe?kind=extra' });
  assert.deepEqual([extra.statusCode, extra.json()], [200, { name: '公开' }]);
  const wrong = await app.inject({ method: 'GET', url: '/api/v1/probe?kind=wrong' });
  assert.equal(wrong.statusCode, 500);
  assert.equal(wrong.json().error.code, 'internal');
  // The message names nothing of what was wrong (the request id is random and may contain anything).
  assert.doesNotMatch(wrong.json().error.message.replaceAll(wrong.json().error.requestId, ''), /42|name/);
});
