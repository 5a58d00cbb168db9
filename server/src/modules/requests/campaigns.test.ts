// Joint campaigns as a manager plans one with another department: the departments involved, shared
// goals from the goals module, the dates; a guest of an involved department reads it and its shared
// calendar (the posts made from the campaign's requests), a guest of another department does not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { department, extraMember, ok } from '../../test/feedback';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const guestB = await extraMember(t, team.workspaceId, 'guest', '销售部访客');
const marketing = await department(t, team.manager, '市场部', [team.guest]);
await department(t, team.manager, '销售部', [guestB]);
const manager = as(t, team.manager);
const editor = as(t, team.editor);
const guest = as(t, team.guest);
const sales = as(t, guestB);

const goal = await ok<{ id: string }>(manager, {
  method: 'POST',
  url: '/api/v1/goals',
  payload: { name: '三月阅读量', metric: 'views', scope: 'workspace', period: 'month', startDay: '2026-03-01', target: 100000 },
});
const campaign = await ok<{ id: string; departments: { name: string }[]; goalIds: string[] }>(manager, {
  method: 'POST',
  url: '/api/v1/campaigns',
  payload: { name: '春季新品联合推广', startDay: '2026-03-01', endDay: '2026-03-31', departmentIds: [marketing], goalIds: [goal.id] },
});
const [type] = await ok<{ id: string }[]>(guest, { method: 'GET', url: '/api/v1/request-types' });
const request = await ok<{ id: string; campaignId: string }>(guest, {
  method: 'POST',
  url: '/api/v1/requests',
  payload: { typeId: type.id, title: '新品首发推文', campaignId: campaign.id, answers: { goal: '首发', channel: '公众号', go_live: '2026-03-10' } },
});

test('a manager plans it with the departments and shared goals; dates in order, goals and departments of the workspace', async () => {
  assert.deepEqual(
    campaign.departments.map((d) => d.name),
    ['市场部'],
  );
  assert.deepEqual(campaign.goalIds, [goal.id]);
  const late = await manager({ method: 'POST', url: '/api/v1/campaigns', payload: { name: 'x', startDay: '2026-04-02', endDay: '2026-04-01' } });
  assert.equal(late.statusCode, 400);
  assert.match(late.json().error.message, /开始日期不能晚于结束日期/);
  const noGoal = await manager({
    method: 'POST',
    url: '/api/v1/campaigns',
    payload: { name: 'x', startDay: '2026-04-01', endDay: '2026-04-02', goalIds: [request.id] },
  });
  assert.equal(noGoal.statusCode, 400);
  assert.match(noGoal.json().error.message, /目标不存在 \/ No such goal/);
  assert.equal(
    (await guest({ method: 'POST', url: '/api/v1/campaigns', payload: { name: 'x', startDay: '2026-04-01', endDay: '2026-04-02' } })).statusCode,
    403,
  );
  assert.equal((await editor({ method: 'PATCH', url: `/api/v1/campaigns/${campaign.id}`, payload: { name: 'y' } })).statusCode, 403);
});

test('an involved department’s guest reads it with its goals and the shared calendar; another department’s guest does not', async () => {
  await ok(editor, { method: 'PATCH', url: `/api/v1/requests/${request.id}`, payload: { status: 'accepted' } });
  const post = await ok<{ id: string }>(editor, { method: 'POST', url: `/api/v1/requests/${request.id}/post`, payload: { title: '春季新品首发' } });
  const seen = await ok<{
    campaign: { requestCount: number };
    goals: { id: string; name: string }[];
    posts: { id: string; title: string; stage: string; requestTitle: string }[];
  }>(guest, { method: 'GET', url: `/api/v1/campaigns/${campaign.id}` });
  assert.equal(seen.campaign.requestCount, 1);
  assert.deepEqual(
    seen.goals.map((g) => g.name),
    ['三月阅读量'],
  );
  assert.deepEqual(
    seen.posts.map((p) => [p.id, p.title, p.stage, p.requestTitle]),
    [[post.id, '春季新品首发', 'draft', '新品首发推文']],
  );
  const list = await ok<{ items: { id: string }[] }>(guest, { method: 'GET', url: '/api/v1/campaigns' });
  assert.deepEqual(
    list.items.map((c) => c.id),
    [campaign.id],
  );
  assert.equal((await sales({ method: 'GET', url: `/api/v1/campaigns/${campaign.id}` })).statusCode, 404);
  assert.equal((await ok<{ total: number }>(sales, { method: 'GET', url: '/api/v1/campaigns' })).total, 0);
  const attach = await sales({
    method: 'POST',
    url: '/api/v1/requests',
    payload: { typeId: type.id, title: 'x', campaignId: campaign.id, answers: { goal: 'x', channel: '微博', go_live: '2026-03-12' } },
  });
  assert.equal(attach.statusCode, 400, 'a campaign the guest cannot see is not theirs to file under');
  assert.match(attach.json().error.message, /联合活动不存在 \/ No such campaign/);
});
