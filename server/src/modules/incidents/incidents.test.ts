import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, type Member, testEnv, workspaceWithTeam } from '../../test/app';

const t = await testEnv();
type Team = Awaited<ReturnType<typeof workspaceWithTeam>>;

const call = (m: Member, method: string, url: string, payload?: unknown) =>
  as(t, m)({ method: method as 'GET', url, ...(payload === undefined ? {} : { payload: payload as object }) });

async function playbook(team: Team, key: string) {
  const r = await call(team.guest, 'GET', '/api/v1/playbooks');
  assert.equal(r.statusCode, 200, r.body);
  const found = (r.json() as { id: string; key: string; items: unknown[] }[]).find((p) => p.key === key);
  assert.ok(found, key);
  return found;
}

async function open(team: Team, by: Member = team.editor, body: Record<string, unknown> = {}) {
  const r = await call(by, 'POST', '/api/v1/incidents', { title: '评论区集中投诉发货慢', severity: 'sev2', ...body });
  assert.equal(r.statusCode, 201, r.body);
  return r.json();
}

test('lifecycle: from a playbook, every change on the timeline with its actor, no close without a post-mortem', async () => {
  const team = await workspaceWithTeam(t);
  const pb = await playbook(team, 'negative_publicity');
  assert.equal((await call(team.guest, 'GET', '/api/v1/playbooks')).json().length, 3, 'three built-in playbooks');

  assert.equal((await call(team.guest, 'POST', '/api/v1/incidents', { title: 'x', severity: 'sev3' })).statusCode, 403, 'a guest cannot open one');
  const inc = await open(team, team.editor, { playbookId: pb.id, description: '微博上出现大量负面评论' });
  assert.equal(inc.number, 1);
  assert.equal(inc.status, 'open');
  assert.equal(inc.trigger, 'manual');
  assert.equal(inc.ownerId, team.editor.userId, 'the opener owns it unless someone is named');
  assert.equal(inc.checklist.length, pb.items.length);
  assert.equal(inc.checklist[0].text, '确认事实：收集截图、链接和时间线');
  assert.equal(inc.checklist[0].textEn, 'Establish the facts: screenshots, links and a timeline');
  assert.equal(inc.publishing.workspacePaused, false);
  const url = `/api/v1/incidents/${inc.id}`;

  // Severity and owner are the manager's call.
  assert.equal((await call(team.editor, 'PATCH', url, { severity: 'sev1' })).statusCode, 403);
  assert.equal((await call(team.editor, 'PATCH', url, { ownerId: team.reviewer.userId })).statusCode, 403);
  assert.equal((await call(team.manager, 'PATCH', url, { ownerId: team.guest.userId })).statusCode, 400, 'a guest cannot own an incident');
  const up = await call(team.manager, 'PATCH', url, { severity: 'sev1', ownerId: team.reviewer.userId });
  assert.equal(up.statusCode, 200, up.body);
  assert.deepEqual([up.json().severity, up.json().ownerId, up.json().ownerName], ['sev1', team.reviewer.userId, 'reviewer']);
  // Anyone working on it may fix the title.
  assert.equal((await call(team.analyst, 'PATCH', url, { title: '发货慢引发集中投诉' })).statusCode, 200);

  const item = inc.checklist[2];
  const checked = await call(team.reviewer, 'POST', `${url}/checklist/${item.id}`, { checked: true });
  assert.equal(checked.statusCode, 200, checked.body);
  const c = checked.json().checklist.find((x: { id: string }) => x.id === item.id);
  assert.equal(c.checkedBy, team.reviewer.userId);
  assert.equal(c.checkedByName, 'reviewer');
  assert.ok(c.checkedAt);
  assert.equal(checked.json().checklistDone, 1);
  assert.equal((await call(team.guest, 'POST', `${url}/checklist/${item.id}`, { checked: false })).statusCode, 403);
  assert.equal((await call(team.analyst, 'POST', `${url}/notes`, { text: '已联系物流方确认延误原因' })).statusCode, 200);
  assert.equal((await call(team.guest, 'POST', `${url}/notes`, { text: 'x' })).statusCode, 403, 'a guest only reads');
  assert.equal((await call(team.guest, 'GET', url)).statusCode, 200);

  assert.equal((await call(team.editor, 'POST', `${url}/status`, { status: 'closed' })).statusCode, 403, 'an editor cannot close');
  assert.equal((await call(team.editor, 'POST', `${url}/status`, { status: 'mitigating' })).statusCode, 200);
  assert.equal((await call(team.editor, 'POST', `${url}/status`, { status: 'resolved', note: '物流恢复' })).statusCode, 200);
  const noPm = await call(team.manager, 'POST', `${url}/status`, { status: 'closed' });
  assert.equal(noPm.statusCode, 409);
  assert.match(noPm.json().error.message, /复盘.*post-mortem/);

  const half = await call(team.editor, 'PUT', `${url}/postmortem`, { summary: '发货延误 2 天', rootCause: '' });
  assert.equal(half.statusCode, 200);
  assert.equal((await call(team.manager, 'POST', `${url}/status`, { status: 'closed' })).statusCode, 409, 'a root cause is needed too');
  const pm = await call(team.editor, 'PUT', `${url}/postmortem`, {
    summary: '发货延误 2 天，评论区集中投诉',
    rootCause: '仓库系统升级未提前公告',
    wentWell: '30 分钟内统一口径',
    wentBadly: '发现晚了 3 小时',
    actions: [{ text: '系统升级前发公告', ownerId: team.manager.userId, dueOn: '2026-07-01' }],
  });
  assert.equal(pm.statusCode, 200, pm.body);
  assert.equal(pm.json().postmortem.actions[0].done, false);
  const closed = await call(team.manager, 'POST', `${url}/status`, { status: 'closed' });
  assert.equal(closed.statusCode, 200, closed.body);
  assert.equal(closed.json().status, 'closed');
  assert.ok(closed.json().closedAt);
  assert.equal((await call(team.owner, 'POST', `${url}/notes`, { text: 'late' })).statusCode, 409, 'a closed incident is final');
  assert.equal((await call(team.owner, 'POST', `${url}/status`, { status: 'open' })).statusCode, 409);

  const timeline = (await call(team.guest, 'GET', url)).json().timeline as { kind: string; actorId: string; data: Record<string, unknown> }[];
  const seq = timeline.map((e) => `${e.kind}:${[...Object.entries(team)].find(([, m]) => (m as Member).userId === e.actorId)?.[0]}`);
  assert.deepEqual(seq, [
    'created:editor',
    'severity:manager',
    'owner:manager',
    'edited:analyst',
    'checklist_checked:reviewer',
    'note:analyst',
    'status:editor',
    'status:editor',
    'postmortem:editor',
    'postmortem:editor',
    'status:manager',
  ]);
  assert.deepEqual(timeline[1].data, { from: 'sev2', to: 'sev1' });
  assert.equal(timeline[4].data.text, item.text);
  assert.deepEqual([timeline[7].data.to, timeline[7].data.note], ['resolved', '物流恢复']);

  const audit = await t.deps.db.execute(sql`select action from audit_log where entity_id = ${inc.id} order by id`);
  assert.deepEqual(
    (audit.rows as { action: string }[]).map((r) => r.action),
    [
      'incident.create',
      'incident.update',
      'incident.update',
      'incident.check',
      'incident.note',
      'incident.status',
      'incident.status',
      'incident.postmortem',
      'incident.postmortem',
      'incident.close',
    ],
  );
  // Opening told the owners, managers and the incident's owner in-app, critical or warning by severity.
  const told = await t.deps.db.execute(sql`select user_id, severity from notifications where workspace_id = ${team.workspaceId} and kind = 'incident.opened'`);
  assert.deepEqual((told.rows as { user_id: string }[]).map((r) => r.user_id).sort(), [team.owner.userId, team.manager.userId, team.editor.userId].sort());
  assert.ok((told.rows as { severity: string }[]).every((r) => r.severity === 'warning'));
  const sev = await t.deps.db.execute(
    sql`select count(*)::int as n from notifications where workspace_id = ${team.workspaceId} and kind in ('incident.severity', 'incident.owner', 'incident.resolved')`,
  );
  assert.ok((sev.rows[0] as { n: number }).n >= 3);
});

test('list: filters and pagination; numbers count per workspace', async () => {
  const team = await workspaceWithTeam(t);
  for (let i = 0; i < 5; i++) await open(team, team.owner, { title: `事件 ${i}`, severity: i % 2 ? 'sev1' : 'sev3' });
  const list = await call(team.guest, 'GET', '/api/v1/incidents?pageSize=2&page=2');
  assert.equal(list.json().total, 5);
  assert.equal(list.json().items.length, 2);
  const sev1 = (await call(team.guest, 'GET', '/api/v1/incidents?severity=sev1')).json();
  assert.equal(sev1.total, 2);
  assert.deepEqual(sev1.items.map((i: { number: number }) => i.number).sort(), [2, 4]);
  assert.equal((await call(team.guest, 'GET', '/api/v1/incidents?q=事件 3')).json().total, 1);
  assert.equal((await call(team.guest, 'GET', '/api/v1/incidents?status=closed')).json().total, 0);
  assert.equal((await call(team.guest, 'GET', '/api/v1/incidents?severity=p0')).statusCode, 400);
});

test("another workspace's incident, playbook or statement: 404, and nothing changes", async () => {
  const a = await workspaceWithTeam(t);
  const b = await workspaceWithTeam(t);
  const inc = await open(b, b.editor, { playbookId: (await playbook(b, 'wrong_post')).id });
  const st = (await call(b.editor, 'POST', '/api/v1/holding-statements', { title: '致歉', body: '我们正在核实' })).json();
  const url = `/api/v1/incidents/${inc.id}`;
  const probes: [string, string, unknown?][] = [
    ['GET', url],
    ['PATCH', url, { title: 'hijacked' }],
    ['POST', `${url}/status`, { status: 'resolved' }],
    ['POST', `${url}/notes`, { text: 'x' }],
    ['POST', `${url}/checklist`, { text: 'x' }],
    ['POST', `${url}/checklist/${inc.checklist[0].id}`, { checked: true }],
    ['PUT', `${url}/postmortem`, { summary: 'x' }],
    ['POST', `${url}/pause`, { reason: 'x' }],
    ['POST', `${url}/resume`],
    ['PUT', `/api/v1/holding-statements/${st.id}`, { title: 'x', body: 'y' }],
    ['POST', `/api/v1/holding-statements/${st.id}/approve`],
  ];
  for (const [method, u, payload] of probes) {
    const r = await call(a.owner, method, u, payload);
    assert.equal(r.statusCode, 404, `${method} ${u}: ${r.statusCode} ${r.body}`);
  }
  // A's own incident cannot use B's playbook, statement or checklist item either.
  const mine = await open(a, a.owner);
  assert.equal(
    (await call(a.owner, 'POST', '/api/v1/incidents', { title: 'x', severity: 'sev2', playbookId: (await playbook(b, 'wrong_post')).id })).statusCode,
    400,
  );
  assert.equal((await call(a.owner, 'POST', `/api/v1/incidents/${mine.id}/statements/${st.id}/use`, {})).statusCode, 404);
  assert.equal((await call(a.owner, 'POST', `/api/v1/incidents/${mine.id}/checklist/${inc.checklist[0].id}`, { checked: true })).statusCode, 404);
  assert.equal((await call(a.owner, 'PATCH', `/api/v1/incidents/${mine.id}`, { ownerId: b.editor.userId })).statusCode, 400);
  const after = (await call(b.owner, 'GET', url)).json();
  assert.deepEqual([after.title, after.status, after.timeline.length, after.checklistDone], [inc.title, 'open', 1, 0]);
  assert.equal((await call(a.guest, 'GET', '/api/v1/incidents')).json().total, 1);
  const ws = await t.deps.db.execute(sql`select paused from workspaces where id = ${b.workspaceId}`);
  assert.equal((ws.rows[0] as { paused: boolean }).paused, false);
});

test('holding statements: an editor drafts, only a manager approves, using one is on the timeline', async () => {
  const team = await workspaceWithTeam(t);
  assert.equal((await call(team.reviewer, 'POST', '/api/v1/holding-statements', { title: 'x', body: 'y' })).statusCode, 403);
  const draft = await call(team.editor, 'POST', '/api/v1/holding-statements', {
    title: '发货延误致歉',
    body: '非常抱歉，因仓库系统升级，部分订单发货延误，我们正在加急处理。',
    tags: ['物流'],
  });
  assert.equal(draft.statusCode, 201, draft.body);
  const s = draft.json();
  assert.deepEqual([s.status, s.approvedBy, s.approvedAt], ['draft', null, null]);
  const inc = await open(team);
  const use = `/api/v1/incidents/${inc.id}/statements/${s.id}/use`;
  const early = await call(team.editor, 'POST', use, { action: 'copied' });
  assert.equal(early.statusCode, 409, 'a draft cannot be used');
  assert.match(early.json().error.message, /未审批.*not approved/);

  assert.equal((await call(team.editor, 'POST', `/api/v1/holding-statements/${s.id}/approve`)).statusCode, 403);
  assert.equal((await call(team.reviewer, 'POST', `/api/v1/holding-statements/${s.id}/approve`)).statusCode, 403);
  const ok = await call(team.manager, 'POST', `/api/v1/holding-statements/${s.id}/approve`);
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual([ok.json().status, ok.json().approvedBy, ok.json().approvedByName], ['approved', team.manager.userId, 'manager']);
  assert.equal((await call(team.guest, 'GET', '/api/v1/holding-statements?status=approved')).json().total, 1);

  const used = await call(team.analyst, 'POST', use, { action: 'published', channel: '微博' });
  assert.equal(used.statusCode, 200, used.body);
  const entry = used.json().timeline.at(-1);
  assert.equal(entry.kind, 'statement_used');
  assert.equal(entry.actorId, team.analyst.userId);
  assert.deepEqual([entry.data.title, entry.data.body, entry.data.action, entry.data.channel], [s.title, s.body, 'published', '微博']);

  // Changing the text takes the approval away; the timeline keeps the text as it was used.
  const edited = await call(team.editor, 'PUT', `/api/v1/holding-statements/${s.id}`, { title: s.title, body: '新的说法', tags: [] });
  assert.equal(edited.json().status, 'draft');
  assert.equal((await call(team.editor, 'POST', use, {})).statusCode, 409);
  const again = (await call(team.guest, 'GET', `/api/v1/incidents/${inc.id}`)).json();
  assert.equal(again.timeline.at(-1).data.body, s.body);
  // Retagging alone keeps the approval.
  await call(team.manager, 'POST', `/api/v1/holding-statements/${s.id}/approve`);
  const retag = await call(team.editor, 'PUT', `/api/v1/holding-statements/${s.id}`, { title: s.title, body: '新的说法', tags: ['致歉'] });
  assert.equal(retag.json().status, 'approved');
});

test('playbooks: managers edit them; an edit changes new incidents, not opened ones', async () => {
  const team = await workspaceWithTeam(t);
  const body = {
    name: '直播事故',
    nameEn: 'Live-stream incident',
    defaultSeverity: 'sev1',
    items: [{ text: '切断直播' }, { text: '发布说明', textEn: 'Publish a note' }],
  };
  assert.equal((await call(team.editor, 'POST', '/api/v1/playbooks', body)).statusCode, 403);
  const created = await call(team.manager, 'POST', '/api/v1/playbooks', body);
  assert.equal(created.statusCode, 201, created.body);
  const pb = created.json();
  assert.equal(pb.builtIn, false);
  const inc = await open(team, team.editor, { playbookId: pb.id });
  assert.deepEqual(
    inc.checklist.map((c: { text: string }) => c.text),
    ['切断直播', '发布说明'],
  );
  await call(team.manager, 'PUT', `/api/v1/playbooks/${pb.id}`, { ...body, items: [{ text: '只有一项' }] });
  assert.equal((await call(team.guest, 'GET', `/api/v1/incidents/${inc.id}`)).json().checklist.length, 2);
  assert.equal((await open(team, team.editor, { playbookId: pb.id })).checklist.length, 1);
  const empty = await call(team.manager, 'POST', '/api/v1/playbooks', { ...body, items: [] });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.json().error.message, /至少需要一个检查项/);
  // An archived built-in stays archived (not seeded again).
  const builtIn = await playbook(team, 'account_security');
  assert.equal((await call(team.owner, 'DELETE', `/api/v1/playbooks/${builtIn.id}`)).statusCode, 200);
  const keys = (await call(team.guest, 'GET', '/api/v1/playbooks')).json().map((p: { key: string | null }) => p.key);
  assert.ok(!keys.includes('account_security'));
  assert.equal((await call(team.owner, 'POST', '/api/v1/incidents', { title: 'x', severity: 'sev1', playbookId: builtIn.id })).statusCode, 400);
});
