// The build job: data (SQL aggregates), findings, xlsx and PDF, with progress stored as it goes.
import type { ReportData, ReportFinding } from '../../../../contract/reports';
import type { Deps } from '../../context';
import { buildReportData, NO_PROVIDERS, type ReportProviders } from './data';
import { notify } from '../notify/service';
import { deliver } from './deliver';
import { writeFindings } from './findings';
import { reportPdf } from './pdf';
import * as repo from './repository';
import { workspaceOf } from './workspace';
import { reportXlsx } from './xlsx';

export async function storeFiles(deps: Deps, data: ReportData, findings: ReportFinding[], progress?: (p: number) => Promise<void>) {
  const xlsx = await deps.storage.put(await reportXlsx(data, findings));
  await progress?.(80);
  const pdf = await deps.storage.put(await reportPdf(data, findings));
  return { xlsxKey: xlsx.key, pdfKey: pdf.key };
}

/** Builds one report; a failure is stored on the report with its reason (and pg-boss retries the job). */
export async function buildReport(deps: Deps, reportId: string, providers: ReportProviders = NO_PROVIDERS) {
  const r = await repo.reportById(deps.db, reportId);
  if (!r || r.status === 'ready') return r;
  const progress = async (p: number) => {
    await repo.updateReport(deps.db, reportId, { progress: p });
  };
  await repo.updateReport(deps.db, reportId, { status: 'building', progress: 5, error: null });
  try {
    const ws = await workspaceOf(deps, r.workspaceId);
    const data = await buildReportData(
      deps.db,
      {
        workspaceId: r.workspaceId,
        workspaceName: ws.name,
        timezone: ws.timezone,
        accountId: r.accountId,
        period: r.period as 'week' | 'month',
        start: r.periodStart,
      },
      providers,
      progress,
    );
    const findings = writeFindings(data);
    await progress(65);
    const keys = await storeFiles(deps, data, findings, progress);
    const built = await deps.db.transaction(async (tx) => {
      const row = (await repo.updateReport(tx, reportId, { status: 'ready', progress: 100, data, findings, ...keys, builtAt: new Date() })) as repo.ReportRow;
      const schedule = r.scheduleId ? (await repo.allSchedules(tx)).find((s) => s.id === r.scheduleId) : null;
      if (schedule?.auto_send) return deliver(deps, row, null, tx);
      if (schedule) await reviewNotice(deps, row, tx);
      return row;
    });
    return built;
  } catch (err) {
    deps.log.error({ err, reportId }, 'report build failed');
    // The reason shown to people; the query and its parameters stay in the log.
    await repo.updateReport(deps.db, reportId, {
      status: 'failed',
      error: '生成失败，系统会自动重试；仍失败请联系管理员 / The build failed; it is retried automatically, ask an administrator if it keeps failing',
    });
    throw err;
  }
}

/** A scheduled report waiting for a manager to read, edit and send it: in-app only. */
async function reviewNotice(deps: Deps, r: repo.ReportRow, tx: Parameters<typeof deliver>[3]) {
  const t = repo.summaryView(r, '').title;
  await notify(
    deps,
    {
      workspaceId: r.workspaceId,
      kind: 'report.ready',
      title: { zh: `报告已生成，待审阅发送：${t.zh}`, en: `Report ready to review and send: ${t.en}` },
      body: { zh: '请检查“本期发现”，修改后点击“发送”。', en: 'Check the findings, edit them, then press Send.' },
      link: `/reports/${r.id}`,
      webhooks: false,
    },
    tx,
  );
}
