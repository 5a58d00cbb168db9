import { z } from 'zod';
import * as A from '../analytics';
import { FileBody, Id, Ok } from '../common';
import { route } from './route';

const IdParam = z.object({ id: Id });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Writing a post's figures: writers, or an operator of the post's account (any role), checked in
// analytics/metrics.ts as for completing a manual publication.
export const analytics = {
  listPublicationMetrics: route({
    method: 'GET',
    path: '/api/v1/publications/:id/metrics',
    access: 'member',
    params: IdParam,
    response: { 200: z.array(A.PostMetrics) },
    summary: "发布的每日数据（新日期在前）/ A publication's daily figures (latest day first)",
  }),
  putPublicationMetrics: route({
    method: 'PUT',
    path: '/api/v1/publications/:id/metrics',
    access: 'member',
    params: IdParam,
    body: A.PutMetricsBody,
    response: { 200: A.PostMetrics },
    summary: "录入某一天的数据（同一天再次录入即替换）/ Type in one day's figures (typing the same day again replaces them)",
  }),
  deletePublicationMetrics: route({
    method: 'DELETE',
    path: '/api/v1/publications/:id/metrics/:day',
    access: 'member',
    params: A.MetricsDayParams,
    response: { 200: Ok },
    summary: "删除某一天的数据 / Delete one day's figures",
  }),
  metricsTemplate: route({
    method: 'GET',
    path: '/api/v1/analytics/imports/template',
    access: 'member',
    query: A.MetricsTemplateQuery,
    response: { 200: FileBody },
    binary: ['text/csv', XLSX],
    summary: '数据导入模板（CSV 或 xlsx，中英文表头）/ The import template (CSV or xlsx, headers in Chinese and English)',
  }),
  previewMetricsImport: route({
    method: 'POST',
    path: '/api/v1/analytics/imports/preview',
    access: 'member',
    upload: { field: 'file' },
    response: { 200: A.MetricsImportPreview },
    summary: '预览导入：逐行解析并给出每行的错误，不写入 / Preview an import: every row parsed with its errors, nothing written',
  }),
  commitMetricsImport: route({
    method: 'POST',
    path: '/api/v1/analytics/imports',
    access: 'member',
    upload: { field: 'file' },
    response: { 200: A.MetricsImportResult },
    summary:
      "导入数据：只写入无错误的行，同一天的数据被替换（重复导入不会翻倍）/ Import: only the rows without errors are written, a day's figures replaced (importing again never doubles)",
  }),
};
