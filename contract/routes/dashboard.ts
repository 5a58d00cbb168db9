import { z } from 'zod';
import * as D from '../dashboard';
import { FileBody, Id } from '../common';
import { route } from './route';

const IdParam = z.object({ id: Id });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Dashboards are read by every member of the workspace (analysts, reviewers and guests alike:
// figures of the team's own accounts, nothing personal); queries are scoped to the session's workspace.
export const dashboard = {
  overview: route({
    method: 'GET',
    path: '/api/v1/analytics/overview',
    access: 'member',
    query: D.OverviewQuery,
    response: { 200: D.Overview },
    summary:
      '数据概览：粉丝、阅读/播放、互动、互动率，按平台和账号，对比上一周期和去年同期 / Overview: followers, reads/plays, interactions, engagement rate, by platform and account, against the previous period and the same period last year',
  }),
  audience: route({
    method: 'GET',
    path: '/api/v1/analytics/audience',
    access: 'member',
    query: D.AudienceQuery,
    response: { 200: D.Audience },
    summary: '粉丝增长：每日/每周的粉丝数、新增、流失和净增，按账号 / Audience growth: followers, gained, lost and net per day or week, by account',
  }),
  content: route({
    method: 'GET',
    path: '/api/v1/analytics/content',
    access: 'member',
    query: D.ContentQuery,
    response: { 200: D.ContentAnalysis },
    summary: '内容分析：按选题、栏目、形式、作者、星期、小时或平台分组 / Content analysis: by topic, pillar, format, author, weekday, hour or platform',
  }),
  posts: route({
    method: 'GET',
    path: '/api/v1/analytics/posts',
    access: 'member',
    query: D.PostsQuery,
    response: { 200: D.PostRanking },
    summary: '最好和最差的内容（按阅读、互动或互动率排序）/ Top and bottom posts (by views, interactions or engagement rate)',
  }),
  post: route({
    method: 'GET',
    path: '/api/v1/analytics/posts/:id',
    access: 'member',
    params: IdParam,
    query: D.PostPageQuery,
    response: { 200: D.PostPage },
    summary: '单篇内容的数据：每个发布的合计与每日走势 / One post: each publication’s totals and the daily series',
  }),
  bestTime: route({
    method: 'GET',
    path: '/api/v1/analytics/accounts/:id/best-time',
    access: 'member',
    params: IdParam,
    response: { 200: D.BestTime },
    summary: '最佳发布时间：一周 168 个小时的评分（热力图）/ Best time to post: a score for each of the 168 hours of the week (heat map)',
  }),
  suggestTimes: route({
    method: 'GET',
    path: '/api/v1/analytics/best-time/suggest',
    access: 'member',
    query: D.BestTimeSuggestQuery,
    response: { 200: D.BestTimeSuggestion },
    summary: '为所选账号推荐接下来的最佳发布时段 / The best next slots to post for the chosen accounts',
  }),
  exportChart: route({
    method: 'GET',
    path: '/api/v1/analytics/export',
    access: 'member',
    query: D.ExportQuery,
    response: { 200: FileBody },
    binary: ['text/csv', XLSX],
    summary: '导出图表的数据表（CSV 或 xlsx）/ Export a chart’s table (CSV or xlsx)',
  }),
};
