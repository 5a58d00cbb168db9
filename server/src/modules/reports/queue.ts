import type PgBoss from 'pg-boss';

/** Payload { reportId }: build one report (data, findings, files), recording its progress. */
export const REPORT_QUEUE = 'report-build';
/** The periodic check that generates scheduled reports when their time has come. */
export const REPORT_SCHEDULE_QUEUE = 'report-schedule';

let ready: Promise<void> | null = null;
/** pg-boss 10 wants a queue before the first send; created once per process. */
export function ensureReportQueue(boss: PgBoss) {
  ready ??= (async () => {
    if (!(await boss.getQueue(REPORT_QUEUE))) await boss.createQueue(REPORT_QUEUE, { name: REPORT_QUEUE, retryLimit: 2, retryDelay: 5, expireInSeconds: 600 });
  })().catch((e) => {
    ready = null;
    throw e;
  });
  return ready;
}
