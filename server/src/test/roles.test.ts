import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Role } from '../modules/identity/roles';
import { as, type Member, testEnv, workspaceWithTeam } from './app';
import { createAccount, createPost, multipart, PNG_1x1 } from './fixtures';

const t = await testEnv();
const ROLES: Role[] = ['owner', 'manager', 'editor', 'reviewer', 'analyst', 'guest'];
type Team = Awaited<ReturnType<typeof workspaceWithTeam>>;

/**
 * The specification: which roles may call each mutating endpoint. Written out here on purpose,
 * independent of roles.ts, so a change to the permission table must be a deliberate one.
 */
const MATRIX: { name: string; allowed: Role[]; call: (team: Team, m: Member) => Promise<number> }[] = [
  { name: 'PATCH /workspace', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'PATCH', '/api/v1/workspace', { missedWindowMinutes: 90 }) },
  { name: 'POST /workspace/pause', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'POST', '/api/v1/workspace/pause', { reason: 'drill' }) },
  { name: 'POST /workspace/resume', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'POST', '/api/v1/workspace/resume') },
  { name: 'POST /invitations', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'POST', '/api/v1/invitations', { email: `${m.role}-${Date.now()}@x.example.com`, role: 'guest' }) },
  { name: 'PATCH /members/:id', allowed: ['owner', 'manager'], call: (team, m) => code(m, 'PATCH', `/api/v1/members/${team.guest.userId}`, { role: 'guest' }) },
  { name: 'POST /accounts', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'POST', '/api/v1/accounts', { platform: 'weibo', name: '官方微博' }) },
  { name: 'PATCH /accounts/:id', allowed: ['owner', 'manager'], call: async (team, m) => code(m, 'PATCH', `/api/v1/accounts/${(await createAccount(t, team.owner)).id}`, { cadencePerWeek: 3 }) },
  {
    name: 'PUT /accounts/:id/credentials',
    allowed: ['owner', 'manager'],
    call: async (team, m) => code(m, 'PUT', `/api/v1/accounts/${(await createAccount(t, team.owner)).id}/credentials`, { appId: 'wx1', appSecret: 's' }),
  },
  { name: 'DELETE /accounts/:id', allowed: ['owner', 'manager'], call: async (team, m) => code(m, 'DELETE', `/api/v1/accounts/${(await createAccount(t, team.owner)).id}`) },
  { name: 'POST /topics', allowed: ['owner', 'manager', 'editor'], call: (_, m) => code(m, 'POST', '/api/v1/topics', { title: '618 选题' }) },
  { name: 'POST /posts', allowed: ['owner', 'manager', 'editor'], call: (_, m) => code(m, 'POST', '/api/v1/posts', { title: '标题' }) },
  { name: 'PATCH /posts/:id', allowed: ['owner', 'manager', 'editor'], call: async (team, m) => code(m, 'PATCH', `/api/v1/posts/${(await createPost(t, team.editor)).id}`, { digest: '摘要' }) },
  { name: 'DELETE /posts/:id', allowed: ['owner', 'manager', 'editor'], call: async (team, m) => code(m, 'DELETE', `/api/v1/posts/${(await createPost(t, team.editor)).id}`) },
  { name: 'POST /posts/:id/submit', allowed: ['owner', 'manager', 'editor'], call: async (team, m) => code(m, 'POST', `/api/v1/posts/${(await createPost(t, team.editor)).id}/submit`) },
  {
    name: 'POST /posts/:id/comments',
    allowed: ['owner', 'manager', 'editor', 'reviewer', 'analyst'],
    call: async (team, m) => code(m, 'POST', `/api/v1/posts/${(await createPost(t, team.editor)).id}/comments`, { body: '好' }),
  },
  {
    name: 'POST /posts/:id/review',
    allowed: ['owner', 'manager', 'reviewer'],
    call: async (team, m) => {
      const p = await createPost(t, team.editor);
      await code(team.editor, 'POST', `/api/v1/posts/${p.id}/submit`);
      return code(m, 'POST', `/api/v1/posts/${p.id}/review`, { decision: 'approved' });
    },
  },
  {
    name: 'POST /media',
    allowed: ['owner', 'manager', 'editor'],
    call: async (_, m) => (await as(t, m)({ method: 'POST', url: '/api/v1/media', ...multipart('file', 'a.png', PNG_1x1) })).statusCode,
  },
];

async function code(m: Member, method: string, url: string, payload?: unknown) {
  const r = await as(t, m)({ method: method as 'GET', url, ...(payload === undefined ? {} : { payload: payload as object }) });
  assert.notEqual(r.statusCode, 500, r.body);
  return r.statusCode;
}

test('role matrix: every role × every mutating endpoint is allowed or 403 as specified', async () => {
  const team = await workspaceWithTeam(t);
  const wrong: string[] = [];
  for (const row of MATRIX) {
    for (const role of ROLES) {
      const status = await row.call(team, team[role]);
      const allowed = status >= 200 && status < 300;
      if (row.allowed.includes(role) !== allowed || (!allowed && status !== 403)) wrong.push(`${row.name} as ${role}: ${status}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test("another workspace's resources answer 404 and nothing changes", async () => {
  const a = await workspaceWithTeam(t);
  const b = await workspaceWithTeam(t);
  const acc = await createAccount(t, b.owner);
  const post = await createPost(t, b.editor, { accountIds: [acc.id] });
  const topic = (await as(t, b.editor)({ method: 'POST', url: '/api/v1/topics', payload: { title: 'B 的选题' } })).json();
  const img = (await as(t, b.editor)({ method: 'POST', url: '/api/v1/media', ...multipart('file', 'b.png', PNG_1x1) })).json();
  const probes: [string, string, unknown?][] = [
    ['GET', `/api/v1/accounts/${acc.id}`],
    ['PATCH', `/api/v1/accounts/${acc.id}`, { name: 'hijacked' }],
    ['PUT', `/api/v1/accounts/${acc.id}/credentials`, { appId: 'x', appSecret: 'y' }],
    ['POST', `/api/v1/accounts/${acc.id}/test-connection`],
    ['DELETE', `/api/v1/accounts/${acc.id}`],
    ['GET', `/api/v1/posts/${post.id}`],
    ['PATCH', `/api/v1/posts/${post.id}`, { title: 'hijacked' }],
    ['POST', `/api/v1/posts/${post.id}/submit`],
    ['POST', `/api/v1/posts/${post.id}/comments`, { body: 'x' }],
    ['GET', `/api/v1/posts/${post.id}/versions`],
    ['PUT', `/api/v1/posts/${post.id}/variants/${acc.id}`, { title: 'x' }],
    ['POST', `/api/v1/posts/${post.id}/schedule`, { scheduledAt: new Date(Date.now() + 86400_000).toISOString() }],
    ['DELETE', `/api/v1/posts/${post.id}`],
    ['PATCH', `/api/v1/topics/${topic.id}`, { title: 'hijacked' }],
    ['DELETE', `/api/v1/topics/${topic.id}`],
    ['GET', `/api/v1/media/${img.id}/file`],
    ['PATCH', `/api/v1/members/${b.guest.userId}`, { role: 'manager' }],
    ['DELETE', `/api/v1/members/${b.guest.userId}`],
  ];
  for (const [method, url, payload] of probes) {
    const r = await as(t, a.owner)({ method: method as 'GET', url, ...(payload === undefined ? {} : { payload: payload as object }) });
    assert.equal(r.statusCode, 404, `${method} ${url}: ${r.statusCode} ${r.body}`);
  }
  // A post in A cannot point at B's account, cover or topic either.
  const cross = await as(t, a.editor)({ method: 'POST', url: '/api/v1/posts', payload: { title: 'x', accountIds: [acc.id] } });
  assert.equal(cross.statusCode, 400);
  const coverX = await as(t, a.editor)({ method: 'POST', url: '/api/v1/posts', payload: { title: 'x', coverMediaId: img.id } });
  assert.equal(coverX.statusCode, 400);
  // Nothing of B changed.
  const own = as(t, b.owner);
  assert.equal((await own({ method: 'GET', url: `/api/v1/accounts/${acc.id}` })).json().name, acc.name);
  const p = (await own({ method: 'GET', url: `/api/v1/posts/${post.id}` })).json();
  assert.deepEqual([p.title, p.status, p.scheduledAt, p.version], ['春季新品发布', 'draft', null, 1]);
  assert.equal((await own({ method: 'GET', url: '/api/v1/topics' })).json().items[0].title, 'B 的选题');
  assert.equal((await own({ method: 'GET', url: '/api/v1/members' })).json().length, 6);
});
