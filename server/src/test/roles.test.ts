import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { can, PERMISSIONS, ROLES, type Permission, type Role } from '../../../contract/permissions';
import { ROUTES } from '../../../contract/routes';
import { monitorAlerts } from '../modules/incidents/tables';
import { createSession } from '../modules/identity/sessions';
import { users } from '../modules/identity/tables';
import { as, type Member, testEnv, workspaceWithTeam } from './app';
import { createAccount, createPost, multipart, PNG_1x1 } from './fixtures';

const t = await testEnv();
type Team = Awaited<ReturnType<typeof workspaceWithTeam>>;

const isPermission = (a: string): a is Permission => a in PERMISSIONS;
/** A table path with every parameter an unknown id: with access enforced first, allowed roles get 400/404, never 403. */
const unknownIds = (path: string) => path.replace(/:[A-Za-z]+/g, () => randomUUID());
const label = (r: (typeof ROUTES)[number]) => `${r.def.method} ${r.def.path}`;

async function status(cookie: string | null, method: string, url: string) {
  const r = await t.app.inject({ method: method as 'GET', url, ...(method === 'GET' ? {} : { payload: {} }), headers: cookie ? { cookie } : {} });
  return { status: r.statusCode, body: r.body };
}

test('role matrix from the route table: 403 exactly when the role lacks the route permission, never 401 or 5xx otherwise', async () => {
  const team = await workspaceWithTeam(t);
  const guarded = ROUTES.filter((r) => isPermission(r.def.access));
  assert.ok(guarded.length >= 60, `only ${guarded.length} routes name a permission`);
  const wrong: string[] = [];
  for (const r of guarded) {
    const perm = r.def.access as Permission;
    for (const role of ROLES) {
      const res = await status(team[role].cookie, r.def.method, unknownIds(r.def.path));
      const denied = res.status === 403;
      if (can(role, perm) ? denied || res.status === 401 || res.status >= 500 : !denied) wrong.push(`${label(r)} as ${role} (${perm}): ${res.status} ${res.body.slice(0, 160)}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test("'member' routes are open to every role; 'signed_in' and 'public' ones to a user in no workspace", async () => {
  const team = await workspaceWithTeam(t);
  const wrong: string[] = [];
  for (const r of ROUTES.filter((x) => x.def.access === 'member')) {
    for (const role of ROLES) {
      const res = await status(team[role].cookie, r.def.method, unknownIds(r.def.path));
      if (res.status === 401 || res.status === 403 || res.status >= 500) wrong.push(`${label(r)} as ${role}: ${res.status} ${res.body.slice(0, 160)}`);
    }
  }
  const [loner] = await t.deps.db.insert(users).values({ email: `loner-${randomUUID()}@example.com`, name: '无工作区', passwordHash: 'x' }).returning();
  for (const r of ROUTES.filter((x) => x.def.access === 'signed_in' || x.def.access === 'public')) {
    // A session of its own per route: sign-out ends it.
    const cookie = `meiyun_session=${await createSession(t.deps.db, loner.id, null, {})}`;
    const res = await status(cookie, r.def.method, unknownIds(r.def.path));
    if (res.status === 401 || res.status === 403 || res.status >= 500) wrong.push(`${label(r)} with no workspace: ${res.status} ${res.body.slice(0, 160)}`);
  }
  assert.deepEqual(wrong, []);
});

test('without a session every route but the public ones answers 401; a member route without a workspace answers 403', async () => {
  const [loner] = await t.deps.db.insert(users).values({ email: `loner-${randomUUID()}@example.com`, name: '无工作区', passwordHash: 'x' }).returning();
  const cookie = `meiyun_session=${await createSession(t.deps.db, loner.id, null, {})}`;
  const wrong: string[] = [];
  for (const r of ROUTES.filter((x) => x.def.access !== 'public')) {
    const anon = await status(null, r.def.method, unknownIds(r.def.path));
    if (anon.status !== 401) wrong.push(`${label(r)} anonymous: ${anon.status}`);
    if (r.def.access === 'signed_in') continue;
    const res = await status(cookie, r.def.method, unknownIds(r.def.path));
    if (res.status !== 403) wrong.push(`${label(r)} with no workspace: ${res.status}`);
  }
  assert.deepEqual(wrong, []);
});

/** Mutations any member or anyone may make: everything else that changes state names a permission. */
const OPEN_MUTATIONS = [
  'POST /api/v1/setup',
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/auth/sign-out',
  'POST /api/v1/me/workspace',
  'POST /api/v1/workspaces',
  'POST /api/v1/invitations/accept',
  'POST /api/v1/notifications/:id/read',
  'POST /api/v1/notifications/read-all',
  // Writers, or an operator of the account (any role): checked in publishing/manual.ts.
  'POST /api/v1/publications/:id/complete',
  // Figures of a post: the same rule, checked in analytics/metrics.ts (row by row for an import).
  'PUT /api/v1/publications/:id/metrics',
  'DELETE /api/v1/publications/:id/metrics/:day',
  'POST /api/v1/analytics/imports/preview',
  'POST /api/v1/analytics/imports',
  // Sync now: managers, or an operator of the account (analytics/sync-status.ts).
  'POST /api/v1/accounts/:id/sync',
  'POST /api/v1/publications/:id/checklist',
  'POST /api/v1/publications/:id/handoff/renew',
  // One's own security: password, sessions, two-factor.
  'POST /api/v1/me/password',
  'DELETE /api/v1/me/sessions/:id',
  'POST /api/v1/me/sessions/revoke-others',
  'POST /api/v1/auth/sign-out-everywhere',
  'POST /api/v1/me/totp/setup',
  'POST /api/v1/me/totp/enable',
  'POST /api/v1/me/totp/disable',
  // A reset link is its own authority.
  'POST /api/v1/auth/password-reset/check',
  'POST /api/v1/auth/password-reset',
  // The platform's pushes: verified by the account's token, not by a session.
  'POST /api/v1/callbacks/:accountId',
  // Pushes to a workspace app's URL: no session; verified by the app's secret (accounts/app-hooks.ts).
  'POST /api/v1/app-hooks/:platform/:workspaceId',
  // Conversions from the workspace's site: no session; verified by the webhook secret (links/webhook.ts).
  'POST /api/v1/conversions/:workspaceKey',
];

test('every mutating route names a permission, except the few that act on one’s own session or notifications', () => {
  const open = ROUTES.filter((r) => r.def.method !== 'GET' && !isPermission(r.def.access)).map(label);
  assert.deepEqual(open.sort(), [...OPEN_MUTATIONS].sort());
});

/**
 * Calls that really succeed: for each, the roles that get a 2xx (the others 403). Written out
 * here on purpose, independent of the permission table, so a change to it must be a deliberate one.
 */
const SUCCESS: { name: string; allowed: Role[]; call: (team: Team, m: Member) => Promise<number> }[] = [
  { name: 'PATCH /workspace', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'PATCH', '/api/v1/workspace', { missedWindowMinutes: 90 }) },
  { name: 'POST /workspace/pause', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'POST', '/api/v1/workspace/pause', { reason: 'drill' }) },
  { name: 'POST /workspace/resume', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'POST', '/api/v1/workspace/resume') },
  { name: 'POST /invitations', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'POST', '/api/v1/invitations', { email: `${m.role}-${Date.now()}@x.example.com`, role: 'guest' }) },
  { name: 'PATCH /members/:id', allowed: ['owner', 'manager'], call: (team, m) => code(m, 'PATCH', `/api/v1/members/${team.guest.userId}`, { role: 'guest' }) },
  { name: 'POST /members/:id/password-reset', allowed: ['owner', 'manager'], call: (team, m) => code(m, 'POST', `/api/v1/members/${team.guest.userId}/password-reset`) },
  { name: 'PUT /workspace/security', allowed: ['owner'], call: (_, m) => code(m, 'PUT', '/api/v1/workspace/security', { requireTotp: false }) },
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
  { name: 'POST /notify/channels', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'POST', '/api/v1/notify/channels', wecomChannel(m)) },
  { name: 'PATCH /notify/channels/:id', allowed: ['owner', 'manager'], call: async (team, m) => code(m, 'PATCH', `/api/v1/notify/channels/${await notifyChannel(team)}`, { enabled: false }) },
  { name: 'DELETE /notify/channels/:id', allowed: ['owner', 'manager'], call: async (team, m) => code(m, 'DELETE', `/api/v1/notify/channels/${await notifyChannel(team)}`) },
  {
    name: 'POST /notifications/read-all',
    allowed: ['owner', 'manager', 'editor', 'reviewer', 'analyst', 'guest'],
    call: (_, m) => code(m, 'POST', '/api/v1/notifications/read-all', {}),
  },
  {
    name: 'POST /originality/check',
    allowed: ['owner', 'manager', 'editor'],
    call: (_, m) => code(m, 'POST', '/api/v1/originality/check', { bodyHtml: '<p>正文</p>' }),
  },
  { name: 'PATCH /originality/settings', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'PATCH', '/api/v1/originality/settings', { threshold: 0.7 }) },
  { name: 'POST /risk/screen', allowed: ['owner', 'manager', 'editor'], call: (_, m) => code(m, 'POST', '/api/v1/risk/screen', { title: '最佳' }) },
  { name: 'PATCH /risk/policy', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'PATCH', '/api/v1/risk/policy', { custom: 'warn' }) },
  { name: 'POST /risk/words', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'POST', '/api/v1/risk/words', { term: `词-${m.role}`, category: 'custom' }) },
  { name: 'POST /risk/words/import', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'POST', '/api/v1/risk/words/import', { category: 'custom', text: '导入词,low' }) },
  {
    name: 'PATCH /risk/words/:id',
    allowed: ['owner', 'manager'],
    call: async (team, m) => code(m, 'PATCH', `/api/v1/risk/words/${await riskWord(team)}`, { severity: 'high' }),
  },
  { name: 'DELETE /risk/words/:id', allowed: ['owner', 'manager'], call: async (team, m) => code(m, 'DELETE', `/api/v1/risk/words/${await riskWord(team)}`) },
  { name: 'PUT /risk/ad-law', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'PUT', '/api/v1/risk/ad-law', { terms: ['首选'], enabled: true }) },
  {
    name: 'PUT /accounts/:id/brand-kit',
    allowed: ['owner', 'manager'],
    call: async (team, m) => code(m, 'PUT', `/api/v1/accounts/${(await createAccount(t, team.owner)).id}/brand-kit`, { toneNotes: '亲切' }),
  },
  {
    name: 'POST /posts/:id/screening/override',
    allowed: ['owner', 'manager'],
    call: async (team, m) => {
      // A post the gate blocks: its title is a fresh sensitive word.
      const term = `拦截${Math.random().toString(36).slice(2, 8)}`;
      await code(team.owner, 'POST', '/api/v1/risk/words', { term, category: 'sensitive' });
      const p = await createPost(t, team.editor, { title: term });
      return code(m, 'POST', `/api/v1/posts/${p.id}/screening/override`, { reason: '法务已确认可以发布' });
    },
  },
  // Incidents (R2) and monitoring: everyone but guests works an incident; managers steer it.
  { name: 'POST /incidents', allowed: ['owner', 'manager', 'editor', 'reviewer', 'analyst'], call: (_, m) => code(m, 'POST', '/api/v1/incidents', { title: '舆情', severity: 'sev3' }) },
  { name: 'POST /incidents/:id/notes', allowed: ['owner', 'manager', 'editor', 'reviewer', 'analyst'], call: async (team, m) => code(m, 'POST', `/api/v1/incidents/${await incident(team)}/notes`, { text: '进展' }) },
  { name: 'PATCH /incidents/:id (severity)', allowed: ['owner', 'manager'], call: async (team, m) => code(m, 'PATCH', `/api/v1/incidents/${await incident(team)}`, { severity: 'sev1' }) },
  {
    name: 'POST /incidents/:id/status (close)',
    allowed: ['owner', 'manager'],
    call: async (team, m) => {
      const id = await incident(team);
      await code(team.owner, 'POST', `/api/v1/incidents/${id}/status`, { status: 'resolved' });
      await code(team.owner, 'PUT', `/api/v1/incidents/${id}/postmortem`, { summary: '概述', rootCause: '原因' });
      return code(m, 'POST', `/api/v1/incidents/${id}/status`, { status: 'closed' });
    },
  },
  { name: 'POST /incidents/:id/pause', allowed: ['owner', 'manager'], call: async (team, m) => code(m, 'POST', `/api/v1/incidents/${await incident(team)}/pause`, { reason: 'drill' }) },
  { name: 'POST /incidents/:id/resume', allowed: ['owner', 'manager'], call: async (team, m) => code(m, 'POST', `/api/v1/incidents/${await incident(team)}/resume`) },
  { name: 'POST /playbooks', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'POST', '/api/v1/playbooks', { name: `预案-${m.role}`, items: [{ text: '第一步' }] }) },
  { name: 'POST /holding-statements', allowed: ['owner', 'manager', 'editor'], call: (_, m) => code(m, 'POST', '/api/v1/holding-statements', { title: '致歉', body: '我们正在核实' }) },
  {
    name: 'POST /holding-statements/:id/approve',
    allowed: ['owner', 'manager'],
    call: async (team, m) => {
      const r = await as(t, team.editor)({ method: 'POST', url: '/api/v1/holding-statements', payload: { title: '致歉', body: '我们正在核实' } });
      return code(m, 'POST', `/api/v1/holding-statements/${r.json().id}/approve`);
    },
  },
  { name: 'POST /alerts/:id/acknowledge', allowed: ['owner', 'manager', 'editor', 'reviewer', 'analyst'], call: async (team, m) => code(m, 'POST', `/api/v1/alerts/${await alert(team)}/acknowledge`) },
  { name: 'POST /alerts/:id/incident', allowed: ['owner', 'manager', 'editor', 'reviewer', 'analyst'], call: async (team, m) => code(m, 'POST', `/api/v1/alerts/${await alert(team)}/incident`, {}) },
  {
    name: 'POST /monitor/items',
    allowed: ['owner', 'manager'],
    call: (_, m) => code(m, 'POST', '/api/v1/monitor/items', { items: [{ source: 'comment', externalId: `r-${m.role}`, text: '不错', at: new Date().toISOString() }] }),
  },
  { name: 'PUT /monitor/settings', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'PUT', '/api/v1/monitor/settings', { spikeMinCount: 20 }) },
  { name: 'POST /departments', allowed: ['owner', 'manager'], call: (_, m) => code(m, 'POST', '/api/v1/departments', { name: `部门-${m.role}` }) },
  {
    name: 'POST /feedback',
    allowed: ['owner', 'manager', 'editor', 'reviewer', 'analyst'],
    call: (_, m) => code(m, 'POST', '/api/v1/feedback', { type: 'suggestion', area: '会员', title: `反馈-${m.role}` }),
  },
  {
    // Unrouted feedback is outside every guest's queue: 404 there, so a guest's success needs their department.
    name: 'POST /feedback/:id/comments',
    allowed: ['owner', 'manager', 'editor', 'reviewer', 'analyst', 'guest'],
    call: async (team, m) => code(m, 'POST', `/api/v1/feedback/${await routedFeedback(team)}/comments`, { text: '跟进中' }),
  },
];

/** Feedback routed to a department the team's guest is in. */
async function routedFeedback(team: Team) {
  const owner = as(t, team.owner);
  const d = (await owner({ method: 'POST', url: '/api/v1/departments', payload: { name: `部门${Math.random().toString(36).slice(2, 8)}` } })).json();
  await owner({ method: 'POST', url: `/api/v1/departments/${d.id}/members`, payload: { userId: team.guest.userId } });
  const f = await owner({ method: 'POST', url: '/api/v1/feedback', payload: { type: 'bug', area: '支付', title: '扣款', departmentId: d.id } });
  return f.json().id as string;
}

async function incident(team: Team) {
  const r = await as(t, team.owner)({ method: 'POST', url: '/api/v1/incidents', payload: { title: '演练', severity: 'sev3' } });
  return r.json().id as string;
}

/** A fresh open alert (straight into the table: the feed would join a new hit to the last alert). */
async function alert(team: Team) {
  const now = new Date();
  const [a] = await t.deps.db
    .insert(monitorAlerts)
    .values({ workspaceId: team.workspaceId, kind: 'keyword', rule: 'keyword:crisis', severity: 'warning', summaryZh: '命中', summaryEn: 'hit', evidence: { itemIds: [], terms: [] }, firstSeenAt: now, lastSeenAt: now })
    .returning();
  return a.id;
}

async function riskWord(team: Team) {
  const r = await as(t, team.owner)({ method: 'POST', url: '/api/v1/risk/words', payload: { term: `词${Math.random().toString(36).slice(2, 8)}`, category: 'custom' } });
  return r.json().id as string;
}

const wecomChannel = (m: Member) => ({ type: 'wecom', name: `群-${m.role}`, url: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-${m.role}-${Date.now()}` });
async function notifyChannel(team: Team) {
  const r = await as(t, team.owner)({ method: 'POST', url: '/api/v1/notify/channels', payload: wecomChannel(team.owner) });
  return r.json().id as string;
}

async function code(m: Member, method: string, url: string, payload?: unknown) {
  const r = await as(t, m)({ method: method as 'GET', url, ...(payload === undefined ? {} : { payload: payload as object }) });
  assert.notEqual(r.statusCode, 500, r.body);
  return r.statusCode;
}

test('allowed roles really succeed: every role × these calls is a 2xx or 403 as specified', async () => {
  const team = await workspaceWithTeam(t);
  const wrong: string[] = [];
  for (const row of SUCCESS) {
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
  const word = (await as(t, b.owner)({ method: 'POST', url: '/api/v1/risk/words', payload: { term: 'B 的词', category: 'custom' } })).json();
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
    ['GET', `/api/v1/posts/${post.id}/originality`],
    ['GET', `/api/v1/posts/${post.id}/screening`],
    ['POST', `/api/v1/posts/${post.id}/screening/override`, { reason: '越权放行的理由' }],
    ['GET', `/api/v1/accounts/${acc.id}/brand-kit`],
    ['PUT', `/api/v1/accounts/${acc.id}/brand-kit`, { toneNotes: 'hijacked' }],
    ['PATCH', `/api/v1/risk/words/${word.id}`, { severity: 'low' }],
    ['DELETE', `/api/v1/risk/words/${word.id}`],
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
  assert.equal((await own({ method: 'GET', url: '/api/v1/members' })).json().total, 6);
});
