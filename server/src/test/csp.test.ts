import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEnv } from './app';

const t = await testEnv();

function directives(header: string | string[] | number | undefined): Map<string, string[]> {
  assert.equal(typeof header, 'string', 'no Content-Security-Policy header');
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

test('every response carries a CSP without inline script: the API, the docs page and its assets', async () => {
  for (const url of [
    '/api/v1/health',
    '/docs',
    '/docs/',
    '/docs/static/swagger-initializer.js',
    '/docs/static/swagger-ui-bundle.js',
    '/api/v1/no-such-thing',
  ]) {
    const r = await t.app.inject({ method: 'GET', url });
    const csp = directives(r.headers['content-security-policy']);
    assert.deepEqual(csp.get('script-src'), ["'self'"], url);
    assert.deepEqual(csp.get('script-src-attr'), ["'none'"], url);
    assert.deepEqual(csp.get('object-src'), ["'none'"], url);
    assert.deepEqual(csp.get('base-uri'), ["'self'"], url);
    assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], url);
    assert.deepEqual(csp.get('default-src'), ["'self'"], url);
    assert.deepEqual(
      csp.get('img-src'),
      ["'self'", 'data:', 'blob:', 'https://mmbiz.qpic.cn', 'http://mmbiz.qpic.cn', 'https://mmbiz.qlogo.cn', 'http://mmbiz.qlogo.cn'],
      url,
    );
    for (const [name, values] of csp) {
      if (name.startsWith('script')) assert.ok(!values.some((v) => /unsafe|\*|data:|blob:/.test(v)), `${url}: ${name} ${values.join(' ')}`);
    }
  }
});

test('the Swagger UI page loads its scripts from our own origin only (no inline script to block)', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/docs/' });
  assert.equal(r.statusCode, 200);
  const scripts = [...r.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length > 0);
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, /src="\.\/[^"]+"/);
    assert.equal(body.trim(), '');
  }
});
