import { FileBody } from '../common';
import * as S from '../inbox-sla';
import { route } from './route';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Service levels: every inbox worker reads the settings and the team report; managers set them.
export const inboxSla = {
  getSlaSettings: route({
    method: 'GET',
    path: '/api/v1/inbox/sla/settings',
    access: 'inbox.work',
    response: { 200: S.SlaSettings },
    summary:
      '服务时限设置（工作时间、节假日、各优先级的响应和解决时限）/ Service-level settings (business hours, holidays, response and resolution targets per priority)',
  }),
  putSlaSettings: route({
    method: 'PUT',
    path: '/api/v1/inbox/sla/settings',
    access: 'workspace.manage',
    body: S.SlaSettingsBody,
    response: { 200: S.SlaSettings },
    summary: '保存服务时限设置（管理员）/ Save the service-level settings (managers)',
  }),
  slaReport: route({
    method: 'GET',
    path: '/api/v1/inbox/sla/report',
    access: 'inbox.work',
    query: S.SlaReportQuery,
    response: { 200: S.SlaReport },
    summary:
      '团队服务报表：每人回复数、首次响应中位数和平均数、最快最慢、待处理量、超时数（工作分钟）/ Team report: replies, median and mean first response, fastest, slowest, open load, breaches per member (business minutes)',
  }),
  exportSlaReport: route({
    method: 'GET',
    path: '/api/v1/inbox/sla/report/export',
    access: 'inbox.work',
    query: S.SlaExportQuery,
    response: { 200: FileBody },
    binary: ['text/csv', XLSX],
    summary: '导出团队服务报表（CSV 或 xlsx）/ Export the team report (CSV or xlsx)',
  }),
};
