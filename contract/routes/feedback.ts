import { z } from 'zod';
import { FileBody, Id, paged, withPage } from '../common';
import * as F from '../feedback';
import { route } from './route';

const IdParam = z.object({ id: Id });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Feedback: inbox workers make it; every role works the queue, scoped in the service (a guest
// sees only the items routed to their departments: anything else is a 404).
export const feedback = {
  createFeedback: route({
    method: 'POST',
    path: '/api/v1/feedback',
    access: 'inbox.work',
    body: F.CreateFeedbackBody,
    response: { 200: F.FeedbackItem },
    summary: '新建反馈（可来自一条消息：复制其内容）/ Add a feedback item (optionally from an inbox item: its text is copied)',
  }),
  createFeedbackFromItem: route({
    method: 'POST',
    path: '/api/v1/inbox/:id/feedback',
    access: 'inbox.work',
    params: IdParam,
    body: F.CreateFromItemBody,
    response: { 200: F.FeedbackItem },
    summary: '把一条消息转为反馈 / Turn an inbox item into a feedback item',
  }),
  listFeedback: route({
    method: 'GET',
    path: '/api/v1/feedback',
    access: 'feedback.work',
    query: withPage(F.FeedbackQuery),
    response: { 200: paged(F.FeedbackItem) },
    summary: '反馈列表，按类型、领域、状态、部门、优先级、关键词、日期筛选 / Feedback, filtered by type, area, status, department, priority, keyword, date',
  }),
  feedbackAreas: route({
    method: 'GET',
    path: '/api/v1/feedback/areas',
    access: 'feedback.work',
    response: { 200: z.array(z.string()) },
    summary: '已有的产品领域（填写时提示）/ The product areas in use (suggested when filling in)',
  }),
  feedbackStats: route({
    method: 'GET',
    path: '/api/v1/feedback/stats',
    access: 'feedback.work',
    query: F.FeedbackStatsQuery,
    response: { 200: F.FeedbackStats },
    summary: '反馈统计：按类型、领域、月份、状态，解决时长中位数 / Feedback statistics by type, area, month, status; median time to resolve',
  }),
  exportFeedbackStats: route({
    method: 'GET',
    path: '/api/v1/feedback/stats/export',
    access: 'feedback.work',
    query: F.FeedbackExportQuery,
    response: { 200: FileBody },
    binary: ['text/csv', XLSX],
    summary: '导出反馈统计（CSV 或 xlsx）/ Export the feedback statistics (CSV or xlsx)',
  }),
  getFeedback: route({
    method: 'GET',
    path: '/api/v1/feedback/:id',
    access: 'feedback.work',
    params: IdParam,
    response: { 200: F.FeedbackDetail },
    summary: '一条反馈及其处理记录 / One feedback item with its history',
  }),
  updateFeedback: route({
    method: 'PATCH',
    path: '/api/v1/feedback/:id',
    access: 'feedback.work',
    params: IdParam,
    body: F.UpdateFeedbackBody,
    response: { 200: F.FeedbackItem },
    summary: '改状态、处理结果、优先级、部门（访客不能改部门）/ Change status, resolution, priority, department (guests cannot re-route)',
  }),
  commentFeedback: route({
    method: 'POST',
    path: '/api/v1/feedback/:id/comments',
    access: 'feedback.work',
    params: IdParam,
    body: F.FeedbackCommentBody,
    response: { 200: F.FeedbackEvent },
    summary: '在反馈下留言 / Comment on a feedback item',
  }),
};
