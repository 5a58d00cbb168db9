import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { invalidState } from '../../lib/errors';
import { notify } from '../notify/service';
import { KPI_LABEL, scopeName, showChange, showValue } from './labels';
import * as repo from './repository';

/** In-app to every member, and to the group robots subscribed to report.* (the KPIs and findings as text). */
export async function deliver(deps: Deps, r: repo.ReportRow, sentBy: string | null, tx: Executor) {
  if (!r.data) throw invalidState({ zh: '报告尚未生成完成', en: 'The report is not built yet' });
  const d = r.data;
  const title = repo.summaryView(r, scopeName(d)).title;
  const kpis = d.kpis.filter((k) => ['followersNet', 'views', 'interactions', 'posts'].includes(k.key));
  const kpiLines = (lang: 'zh' | 'en') =>
    kpis.map((k) => `${KPI_LABEL[k.key][lang]}: ${showValue(k.key, k.current)}（${lang === 'zh' ? '环比' : 'vs prev.'} ${showChange(k.mom)}）`);
  await notify(
    deps,
    {
      workspaceId: r.workspaceId,
      kind: `report.${r.period === 'week' ? 'weekly' : 'monthly'}`,
      title,
      body: {
        zh: [...kpiLines('zh'), ...r.findings.map((f) => `• ${f.zh}`)].join('\n'),
        en: [...kpiLines('en'), ...r.findings.map((f) => `• ${f.en}`)].join('\n'),
      },
      link: `/reports/${r.id}`,
      userIds: await repo.memberIds(tx, r.workspaceId),
    },
    tx,
  );
  return repo.updateReport(tx, r.id, { sentAt: new Date(), sentBy });
}
