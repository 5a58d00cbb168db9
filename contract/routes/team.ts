import { z } from 'zod';
import { FileBody, Id, Ok } from '../common';
import * as T from '../team';
import { route } from './route';

const IdParam = z.object({ id: Id });
const UserParam = z.object({ userId: Id });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The team (issue 10, T2). Scorecards, reviews and the incentive ledger are scoped in the team
// service: a member sees their own; owners and managers (team.manage) see everyone's. Another
// member's review or scorecard is a 404, never a 403, so ids reveal nothing.
export const team = {
  listScorecards: route({
    method: 'GET',
    path: '/api/v1/team/scorecards',
    access: 'team.view',
    query: T.ScorecardQuery,
    response: { 200: T.ScorecardList },
    summary: '成员记分卡（本期与上期对比；成员只看到自己的）/ Member scorecards, this period against the previous (members see their own)',
  }),
  exportScorecards: route({
    method: 'GET',
    path: '/api/v1/team/scorecards/export',
    access: 'team.view',
    query: T.ScorecardExportQuery,
    response: { 200: FileBody },
    binary: [XLSX],
    summary: '导出记分卡（xlsx）/ Export the scorecards (xlsx)',
  }),
  getScorecard: route({
    method: 'GET',
    path: '/api/v1/team/scorecards/:userId',
    access: 'team.view',
    params: UserParam,
    query: T.ScorecardQuery,
    response: { 200: T.ScorecardComparison },
    summary: '一位成员的记分卡与上期对比 / One member’s scorecard against the previous period',
  }),
  getRatingScale: route({
    method: 'GET',
    path: '/api/v1/team/rating-scale',
    access: 'team.view',
    response: { 200: T.RatingScale },
    summary: '工作区的评级等级 / The workspace’s rating scale',
  }),
  setRatingScale: route({
    method: 'PUT',
    path: '/api/v1/team/rating-scale',
    access: 'team.manage',
    body: T.RatingScaleBody,
    response: { 200: T.RatingScale },
    summary: '设置评级等级（如 S/A/B/C 或 1–5）/ Set the rating scale (e.g. S/A/B/C or 1–5)',
  }),
  listCycles: route({
    method: 'GET',
    path: '/api/v1/team/cycles',
    access: 'team.view',
    response: { 200: z.array(T.ReviewCycle) },
    summary: '绩效考核周期 / Review cycles',
  }),
  createCycle: route({
    method: 'POST',
    path: '/api/v1/team/cycles',
    access: 'team.manage',
    body: T.CreateCycleBody,
    response: { 201: T.ReviewCycle },
    summary: '新建考核周期（为每位成员建一份考核）/ Create a review cycle (one review per member)',
  }),
  listReviews: route({
    method: 'GET',
    path: '/api/v1/team/reviews',
    access: 'team.view',
    query: T.ReviewQuery,
    response: { 200: T.ReviewList },
    summary:
      '考核列表与历史，分页，可按周期、成员、状态筛选（成员只看到自己的）/ Reviews and their history, paged, by cycle, member and status (members see their own)',
  }),
  getReview: route({
    method: 'GET',
    path: '/api/v1/team/reviews/:id',
    access: 'team.view',
    params: IdParam,
    response: { 200: T.ReviewDetail },
    summary: '一份考核：目标及进度、自评、上级评价、记分卡 / One review: goals with progress, self-assessment, manager assessment, scorecard',
  }),
  writeSelfAssessment: route({
    method: 'PUT',
    path: '/api/v1/team/reviews/:id/self',
    access: 'team.view',
    params: IdParam,
    body: T.SelfAssessmentBody,
    response: { 200: T.ReviewDetail },
    summary: '成员写自评（签字前）/ The member writes the self-assessment (before signing)',
  }),
  writeManagerAssessment: route({
    method: 'PATCH',
    path: '/api/v1/team/reviews/:id/manager',
    access: 'team.manage',
    params: IdParam,
    body: T.ManagerAssessmentBody,
    response: { 200: T.ReviewDetail },
    summary: '上级评价、评级、目标（签字前）/ Manager assessment, rating and goals (before signing)',
  }),
  signReview: route({
    method: 'POST',
    path: '/api/v1/team/reviews/:id/sign',
    access: 'team.view',
    params: IdParam,
    response: { 200: T.ReviewDetail },
    summary:
      '签字：成员签自己的，上级签团队的（附记分卡快照）；双方签字后锁定 / Sign: the member their own, a manager the team’s (the scorecard is stored); locked after both',
  }),
  listIncentives: route({
    method: 'GET',
    path: '/api/v1/team/incentives',
    access: 'team.view',
    query: T.IncentiveQuery,
    response: { 200: T.IncentiveLedger },
    summary:
      '奖励台账（分页，可按成员、类型筛选）与每位成员的全部合计（成员只看到自己的）/ The incentive ledger, paged, by member and kind, with each member’s totals over all entries (members see their own)',
  }),
  createIncentive: route({
    method: 'POST',
    path: '/api/v1/team/incentives',
    access: 'team.manage',
    body: T.CreateIncentiveBody,
    response: { 201: T.Incentive },
    summary: '记录奖励积分或奖项 / Record bonus points or an award',
  }),
  updateIncentive: route({
    method: 'PATCH',
    path: '/api/v1/team/incentives/:id',
    access: 'team.manage',
    params: IdParam,
    body: T.UpdateIncentiveBody,
    response: { 200: T.Incentive },
    summary: '修改奖励记录（成员不可改）/ Edit an incentive (not its member)',
  }),
  deleteIncentive: route({
    method: 'DELETE',
    path: '/api/v1/team/incentives/:id',
    access: 'team.manage',
    params: IdParam,
    response: { 200: Ok },
    summary: '删除奖励记录 / Delete an incentive',
  }),
};
