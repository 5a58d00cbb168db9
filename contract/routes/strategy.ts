import { z } from 'zod';
import { paged, withPage } from '../common';
import * as S from '../strategy';
import { route } from './route';

// Strategy: every member reads it (and how the real mix of posts compares); owners and managers
// write it. Each save is a new version; earlier versions are never changed or lost.
export const strategy = {
  listStrategies: route({
    method: 'GET',
    path: '/api/v1/strategies',
    access: 'member',
    response: { 200: z.array(S.Strategy) },
    summary: '工作区与各账号的当前策略 / The current strategy of the workspace and of each account that has one',
  }),
  getStrategy: route({
    method: 'GET',
    path: '/api/v1/strategies/current',
    access: 'member',
    query: S.StrategyScopeQuery,
    response: { 200: S.Strategy.nullable() },
    summary: '当前策略（不带 accountId 为工作区策略；尚未制定为 null）/ The current strategy (no accountId: the workspace’s; null when none yet)',
  }),
  saveStrategy: route({
    method: 'PUT',
    path: '/api/v1/strategies/current',
    access: 'strategy.manage',
    body: S.StrategyBody,
    response: { 200: S.Strategy },
    summary: '保存策略为新版本（支柱与形式占比须合计 100%）/ Save the strategy as a new version (pillar and format shares must add up to 100%)',
  }),
  listStrategyVersions: route({
    method: 'GET',
    path: '/api/v1/strategies/versions',
    access: 'member',
    query: withPage(S.StrategyScopeQuery),
    response: { 200: paged(S.StrategyVersion) },
    summary: '策略的历史版本：谁、何时、改了哪些字段 / The strategy’s versions: who, when, which fields changed',
  }),
  strategyDiff: route({
    method: 'GET',
    path: '/api/v1/strategies/diff',
    access: 'member',
    query: S.StrategyDiffQuery,
    response: { 200: S.StrategyDiff },
    summary: '两个版本之间逐字段的差异 / The field-level changes between two versions',
  }),
  strategyMix: route({
    method: 'GET',
    path: '/api/v1/strategies/mix',
    access: 'member',
    query: S.StrategyMixQuery,
    response: { 200: S.StrategyMix },
    summary:
      '一段时间内排期与已发稿件的支柱、形式占比和发布频率对比计划（默认近 30 天）/ The real pillar and format mix and cadence of scheduled and published posts against the plan (default: the last 30 days)',
  }),
  listPillars: route({
    method: 'GET',
    path: '/api/v1/strategies/pillars',
    access: 'member',
    response: { 200: z.array(S.PillarChoice) },
    summary: '所有当前策略的内容支柱（稿件编辑器的选项）/ The pillars of every current strategy (the post editor’s choices)',
  }),
};
