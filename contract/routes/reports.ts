import { z } from 'zod';
import { FileBody, Id, Ok, Page, paged } from '../common';
import * as C from '../reports';
import { route } from './route';

const IdParam = z.object({ id: Id });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Managers create, edit and send reports and schedules; every member reads them.
export const reports = {
  listReports: route({
    method: 'GET',
    path: '/api/v1/reports',
    access: 'member',
    query: Page,
    response: { 200: paged(C.ReportSummary) },
    summary: '报告历史（新的在前）/ Past reports (newest first)',
  }),
  createReport: route({
    method: 'POST',
    path: '/api/v1/reports',
    access: 'reports.manage',
    body: C.CreateReportBody,
    response: { 201: C.Report },
    summary: '生成周报或月报（后台生成，轮询进度）/ Generate a weekly or monthly report (built in the background: poll its progress)',
  }),
  getReport: route({
    method: 'GET',
    path: '/api/v1/reports/:id',
    access: 'member',
    params: IdParam,
    response: { 200: C.Report },
    summary: '报告：进度、核心指标、发现 / A report: progress, KPIs, findings',
  }),
  putReportFindings: route({
    method: 'PUT',
    path: '/api/v1/reports/:id/findings',
    access: 'reports.manage',
    params: IdParam,
    body: C.PutFindingsBody,
    response: { 200: C.Report },
    summary: '修改报告的发现（PDF 和 xlsx 随之更新）/ Edit the findings (the PDF and xlsx are drawn again)',
  }),
  sendReport: route({
    method: 'POST',
    path: '/api/v1/reports/:id/send',
    access: 'reports.manage',
    params: IdParam,
    response: { 200: C.Report },
    summary: '发送报告：站内通知全体成员，并推送到订阅 report. 的群机器人 / Send: in-app to every member and to the group robots subscribed to report.',
  }),
  reportFile: route({
    method: 'GET',
    path: '/api/v1/reports/:id/files/:format',
    access: 'member',
    params: C.ReportFileParams,
    response: { 200: FileBody },
    binary: ['application/pdf', XLSX],
    summary: '下载报告（PDF 或 xlsx）/ Download the report (PDF or xlsx)',
  }),
  listReportSchedules: route({
    method: 'GET',
    path: '/api/v1/report-schedules',
    access: 'member',
    response: { 200: z.array(C.ReportSchedule) },
    summary:
      '定时报告（周报：周一 09:00；月报：每月 1 日 09:00，工作区时区）/ Scheduled reports (weekly Monday 09:00, monthly on the 1st 09:00, workspace time)',
  }),
  createReportSchedule: route({
    method: 'POST',
    path: '/api/v1/report-schedules',
    access: 'reports.manage',
    body: C.CreateScheduleBody,
    response: { 201: C.ReportSchedule },
    summary: '新建定时报告 / Schedule a report',
  }),
  deleteReportSchedule: route({
    method: 'DELETE',
    path: '/api/v1/report-schedules/:id',
    access: 'reports.manage',
    params: IdParam,
    response: { 200: Ok },
    summary: '删除定时报告 / Delete a schedule',
  }),
};
