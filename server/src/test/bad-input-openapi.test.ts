import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { monitorAlerts } from '../modules/incidents/tables';
import { as, testEnv, workspaceWithTeam } from './app';
import { createAccount, createPost, uploadImage } from './fixtures';
import { type BadRequest, battery, type Json, type Operation, operations } from './openapi-walk';

// Every operation of the OpenAPI document gets a battery of bad input (openapi-walk.ts): a route
// is covered the day it is added. Every answer must be a 4xx in the product's shape with a
// bilingual message, and no table may gain or lose a row.
const t = await testEnv({ MEIYUN_MAX_UPLOAD_MB: '1' });
const BILINGUAL = /[\u4e00-\u9fff].* \/ [A-Za-z]/;
const NIL = '00000000-0000-4000-8000-000000000000';

async function world() {
  const team = await workspaceWithTeam(t);
  const owner = as(t, team.owner);
  const post = async (url: string, payload: object) => {
    const r = await owner({ method: 'POST', url, payload });
    assert.ok(r.statusCode < 300, `${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const account = await createAccount(t, team.owner);
  const incident = await post('/api/v1/incidents', { title: '演练', severity: 'sev3' });
  const withItem = await post(`/api/v1/incidents/${incident.id}/checklist`, { text: '核实' });
  const now = new Date();
  const [alert] = await t.deps.db
    .insert(monitorAlerts)
    .values({
      workspaceId: team.workspaceId,
      kind: 'keyword',
      rule: 'keyword:x',
      severity: 'warning',
      summaryZh: '命中',
      summaryEn: 'hit',
      evidence: { itemIds: [], terms: [] },
      firstSeenAt: now,
      lastSeenAt: now,
    })
    .returning();
  // The id a path parameter takes, by the path segment before it.
  const ids: Record<string, string> = {
    accounts: account.id,
    variants: account.id,
    posts: (await createPost(t, team.editor, { accountIds: [account.id] })).id,
    topics: (await post('/api/v1/topics', { title: '选题' })).id,
    members: team.guest.userId,
    invitations: (await post('/api/v1/invitations', { email: `x-${Date.now()}@example.com`, role: 'guest' })).id,
    incidents: incident.id,
    checklist: withItem.checklist[0].id,
    statements: (await post('/api/v1/holding-statements', { title: '致歉', body: '正在核实' })).id,
    playbooks: (await post('/api/v1/playbooks', { name: '预案', items: [{ text: '第一步' }] })).id,
    alerts: alert.id,
    channels: (await post('/api/v1/notify/channels', { type: 'wecom', name: '群', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1' })).id,
    words: (await post('/api/v1/risk/words', { term: '某词', category: 'custom' })).id,
    media: (await uploadImage(t, team.owner)).id,
    goals: (await post('/api/v1/goals', { name: '目标', metric: 'views', scope: 'workspace', period: 'week', startDay: '2026-03-02', target: 100 })).id,
  };
  ids['holding-statements'] = ids.statements;
  // Not an id: the platform whose app is set.
  ids['platform-apps'] = 'weibo';
  ids['app-hooks'] = 'bilibili';
  ids.oauth = 'douyin';
  const fill = (path: string, override: Record<string, string> = {}) =>
    path.replace(
      /\{(\w+)\}/g,
      (_, name: string, at: number) =>
        override[name] ??
        ids[
          path
            .slice(0, at - 1)
            .split('/')
            .pop() ?? ''
        ] ??
        NIL,
    );
  return { team, fill };
}

/** Rows in every table of the product, in one query. */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = (await t.deps.db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by 1`)).rows.map((r) => String(r.tablename));
  const union = tables.map((name) => `select '${name}' as t, count(*)::int as n from "${name}"`).join(' union all ');
  const rows = (await t.deps.db.execute(sql.raw(union))).rows as { t: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

function problem(req: BadRequest, status: number, text: string): string | null {
  const say = (why: string) => `${req.method} ${req.url.slice(0, 120)} [${req.what}]: ${why}: ${status} ${text.slice(0, 200)}`;
  if (status < 400 || status >= 500) return say('not a 4xx');
  let body: Json;
  try {
    body = JSON.parse(text);
  } catch {
    return say('not JSON');
  }
  const e = body?.error;
  if (typeof e?.code !== 'string' || typeof e?.requestId !== 'string' || typeof e?.message !== 'string') return say('not the product error shape');
  if (!BILINGUAL.test(e.message)) return say('message not in Chinese and English');
  if (req.message && !req.message.test(e.message)) return say(`message does not match ${req.message}`);
  if (req.field !== undefined && !(e.details ?? []).some((d: { path: string }) => d.path === req.field)) return say(`details do not name ${req.field}`);
  return null;
}

async function openapi(): Promise<Operation[]> {
  const r = await t.app.inject({ method: 'GET', url: '/docs/json' });
  assert.equal(r.statusCode, 200);
  return operations(r.json());
}

test('every OpenAPI operation refuses bad input with a 4xx in the product shape and writes nothing', async () => {
  const { team, fill } = await world();
  const ops = await openapi();
  assert.ok(ops.length >= 100, `only ${ops.length} operations`);
  const wrong: string[] = [];
  let sent = 0;
  for (const o of ops) {
    const before = await rowCounts();
    for (const req of battery(o, fill)) {
      const r = await t.app.inject({
        method: req.method as 'POST',
        url: req.url,
        payload: req.payload,
        headers: { ...req.headers, cookie: team.owner.cookie },
      });
      sent++;
      const p = problem(req, r.statusCode, r.body);
      if (p) wrong.push(p);
    }
    const after = await rowCounts();
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    if (changed.length) wrong.push(`${o.method} ${o.path}: rows changed in ${changed.map((k) => `${k} ${before[k]}→${after[k]}`).join(', ')}`);
  }
  assert.ok(sent > 900, `only ${sent} requests`);
  assert.deepEqual(wrong, []);
});

/** A raw HTTP request, as a browser or curl would send it: Node's parser, not inject, sees it. */
function raw(port: number, request: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(request));
    let data = '';
    s.on('data', (c) => {
      data += c;
    });
    s.on('error', reject);
    s.on('close', () => resolve({ status: Number(data.split(' ')[1]), body: data.slice(data.indexOf('\r\n\r\n') + 4) }));
  });
}

test('a URL over 16 KiB, for every operation, answers 431 in the product shape', async () => {
  const { team, fill } = await world();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as net.AddressInfo;
  const wrong: string[] = [];
  for (const o of await openapi()) {
    const url = `${fill(o.path)}?pad=${'a'.repeat(17 * 1024)}`;
    const r = await raw(port, `${o.method} ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${team.owner.cookie}\r\nContent-Length: 0\r\n\r\n`);
    const p = problem({ what: 'URL over 16 KiB', method: o.method, url }, r.status, r.body);
    if (p || r.status !== 431) wrong.push(p ?? `${o.method} ${o.path}: ${r.status}`);
  }
  assert.deepEqual(wrong, []);
});
