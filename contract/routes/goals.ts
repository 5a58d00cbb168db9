import { z } from 'zod';
import { Id, Ok } from '../common';
import * as G from '../goals';
import { route } from './route';

const IdParam = z.object({ id: Id });

// Goals, cadence, indices and anomalies: every member sees them; managers set goals, weights and
// k (workspace.manage), cadence plans belong with the accounts (accounts.manage).
export const goals = {
  listGoals: route({
    method: 'GET',
    path: '/api/v1/goals',
    access: 'member',
    response: { 200: z.array(G.Goal) },
    summary: '目标与 KPI：进度、期末预测与状态 / Goals and KPIs: progress, end-of-period forecast and state',
  }),
  getGoal: route({
    method: 'GET',
    path: '/api/v1/goals/:id',
    access: 'member',
    params: IdParam,
    response: { 200: G.Goal },
    summary: '一个目标的进度与预测 / One goal with its progress and forecast',
  }),
  createGoal: route({
    method: 'POST',
    path: '/api/v1/goals',
    access: 'workspace.manage',
    body: G.CreateGoalBody,
    response: { 201: G.Goal },
    summary: '设定目标（指标、范围、周期、目标值、负责人）/ Set a goal (metric, scope, period, target, owner)',
  }),
  updateGoal: route({
    method: 'PATCH',
    path: '/api/v1/goals/:id',
    access: 'workspace.manage',
    params: IdParam,
    body: G.UpdateGoalBody,
    response: { 200: G.Goal },
    summary: '修改目标名称、目标值、负责人或自定义周期的结束日期 / Change a goal name, target, owner or custom end day',
  }),
  deleteGoal: route({
    method: 'DELETE',
    path: '/api/v1/goals/:id',
    access: 'workspace.manage',
    params: IdParam,
    response: { 200: Ok },
    summary: '删除目标 / Delete a goal',
  }),
  listCadence: route({
    method: 'GET',
    path: '/api/v1/cadence',
    access: 'member',
    response: { 200: z.array(G.CadenceRow) },
    summary: '各账号的发布节奏：计划与实际、沉寂与落后的账号 / Cadence per account: planned against published, quiet and behind accounts',
  }),
  setCadence: route({
    method: 'PUT',
    path: '/api/v1/accounts/:id/cadence',
    access: 'accounts.manage',
    params: IdParam,
    body: G.CadencePlanBody,
    response: { 200: G.CadenceRow },
    summary: '设定账号每周按形式的发布计划和沉寂天数 / Set an account weekly plan by format and its quiet days',
  }),
  indexRanking: route({
    method: 'GET',
    path: '/api/v1/analytics/indices',
    access: 'member',
    query: G.IndexQuery,
    response: { 200: G.IndexRanking },
    summary: 'WCI 与 BCI 账号排名（含计算依据）/ WCI and BCI rankings of the accounts, with their inputs',
  }),
  getAnalyticsSettings: route({
    method: 'GET',
    path: '/api/v1/analytics/settings',
    access: 'member',
    response: { 200: G.AnalyticsSettings },
    summary: '指数权重与异常阈值 k / Index weights and the anomaly threshold k',
  }),
  updateAnalyticsSettings: route({
    method: 'PATCH',
    path: '/api/v1/analytics/settings',
    access: 'workspace.manage',
    body: G.UpdateAnalyticsSettingsBody,
    response: { 200: G.AnalyticsSettings },
    summary: '修改指数权重或异常阈值 k / Change the index weights or the anomaly threshold k',
  }),
  listAnomalies: route({
    method: 'GET',
    path: '/api/v1/analytics/anomalies',
    access: 'member',
    response: { 200: z.array(G.Anomaly) },
    summary: '当前的数据异常（最近一次检查）/ Current anomalies (as of the last check)',
  }),
};
