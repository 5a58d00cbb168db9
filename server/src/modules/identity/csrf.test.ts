import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { as, PASSWORD, testEnv, workspaceWithTeam } from '../../test/app';
import { topics } from '../content/tables';

const t = await testEnv();
const EVIL = { origin: 'https://evil.example' };
const CROSS = { 'sec-fetch-site': 'cross-site' };
const SIBLING = { 'sec-fetch-site': 'same-site', origin: 'https://blog.example.com' };
const ID = '00000000-0000-4000-8000-000000000000';

/** Every mutating operation the OpenAPI document lists, so a route added tomorrow is covered too. */
async function mutatingOperations(): Promise<{ method: string; url: string }[]> {
  const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  const ops: { method: string; url: string }[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const method of Object.keys(methods)) {
      if (['post', 'put', 'patch', 'delete'].includes(method)) ops.push({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, ID) });
    }
  }
  return ops;
}

test('every cookie-authenticated mutation sent from another site is refused with 403 before it runs', async () => {
  const team = await workspaceWithTeam(t);
  const ops = await mutatingOperations();
  assert.ok(ops.length > 60, `the OpenAPI document lists the routes (${ops.length})`);
  const wrong: string[] = [];
  for (const op of ops) {
    for (const headers of [EVIL, CROSS, SIBLING]) {
      const r = await as(t, team.owner)({ method: op.method as 'POST', url: op.url, headers, payload: {} });
      if (r.statusCode !== 403 || r.json().error.code !== 'cross_site_request')
        wrong.push(`${op.method} ${op.url} ${JSON.stringify(headers)}: ${r.statusCode}`);
    }
  }
  assert.deepEqual(wrong, []);
  const r = await as(t, team.owner)({ method: 'POST', url: '/api/v1/topics', headers: EVIL, payload: { title: '跨站写入' } });
  assert.equal(r.json().error.message, '拒绝来自其他网站的请求：请直接在媒运页面中操作 / Refused a request sent from another site: use Meiyun’s own pages');
  // Nothing was written, and the session still works from the product's own pages.
  assert.equal((await t.deps.db.select().from(topics).where(eq(topics.workspaceId, team.workspaceId))).length, 0);
  assert.equal((await as(t, team.owner)({ method: 'GET', url: '/api/v1/me' })).statusCode, 200);
});

test('the same site passes: what the web UI sends, and requests without browser headers', async () => {
  const team = await workspaceWithTeam(t);
  const own = as(t, team.owner);
  // fetch() from the product's page: Sec-Fetch-Site same-origin and, on a POST, Origin (app.inject's Host is localhost:80).
  const ui = await own({
    method: 'POST',
    url: '/api/v1/topics',
    headers: { 'sec-fetch-site': 'same-origin', origin: 'http://localhost' },
    payload: { title: '界面' },
  });
  assert.equal(ui.statusCode, 201, ui.body);
  const explicitPort = await own({
    method: 'PATCH',
    url: `/api/v1/topics/${ui.json().id}`,
    headers: { origin: 'http://localhost:80' },
    payload: { title: '改' },
  });
  assert.equal(explicitPort.statusCode, 200, explicitPort.body);
  // A script or curl with the cookie but no browser headers.
  assert.equal((await own({ method: 'DELETE', url: `/api/v1/topics/${ui.json().id}` })).statusCode, 200);
  // Reads are never refused (a link from elsewhere opens the page).
  assert.equal((await own({ method: 'GET', url: '/api/v1/topics', headers: CROSS })).statusCode, 200);
});

test('sign-in, setup, invitation acceptance and password reset refuse another site even without a cookie (login CSRF)', async () => {
  const team = await workspaceWithTeam(t);
  const cases: { url: string; payload: object }[] = [
    { url: '/api/v1/auth/sign-in', payload: { email: team.editor.email, password: PASSWORD } },
    { url: '/api/v1/setup', payload: { workspaceName: 'x', name: 'x', email: 'x@example.com', password: PASSWORD } },
    { url: '/api/v1/invitations/accept', payload: { token: 'x'.repeat(43), name: 'x', password: PASSWORD } },
    { url: '/api/v1/auth/password-reset', payload: { token: 'x'.repeat(43), password: PASSWORD } },
  ];
  for (const c of cases) {
    for (const headers of [EVIL, CROSS, { origin: 'null' }]) {
      const r = await t.app.inject({ method: 'POST', url: c.url, headers, payload: c.payload });
      assert.equal(r.statusCode, 403, `${c.url} ${JSON.stringify(headers)}: ${r.body}`);
      assert.equal(r.cookies.length, 0);
    }
  }
  const curl = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: team.editor.email, password: PASSWORD } });
  assert.equal(curl.statusCode, 200);
  const page = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    headers: { 'sec-fetch-site': 'same-origin', origin: 'http://localhost' },
    payload: { email: team.editor.email, password: PASSWORD },
  });
  assert.equal(page.statusCode, 200);
});

test('with MEIYUN_PUBLIC_URL, its origin is this server too (a proxy may rewrite Host)', async () => {
  const pub = await testEnv({ MEIYUN_PUBLIC_URL: 'https://meiyun.example.com' });
  const team = await workspaceWithTeam(pub);
  const headers = { host: '10.0.0.7:8080', origin: 'https://meiyun.example.com', 'sec-fetch-site': 'same-origin' };
  const r = await as(pub, team.owner)({ method: 'POST', url: '/api/v1/topics', headers, payload: { title: '经代理' } });
  assert.equal(r.statusCode, 201, r.body);
  const other = await as(
    pub,
    team.owner,
  )({ method: 'POST', url: '/api/v1/topics', headers: { ...headers, origin: 'https://meiyun.example.com.evil.example' }, payload: { title: 'x' } });
  assert.equal(other.statusCode, 403);
});
