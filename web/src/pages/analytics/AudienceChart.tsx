import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { Chart } from '../../components/charts/Chart';
import type { Audience } from '../../types';
import { lineOption, num } from './columns';
import { formatRate } from './format';
import type { Range } from './RangeBar';

export function useAudience(range: Range, accountId?: string) {
  return useQuery({ queryKey: ['analytics', 'audience', range, accountId], queryFn: () => api.get<Audience>('/analytics/audience', { ...range, accountId }) });
}

/** Followers (line) with gained and lost (bars) per day or week. */
export function AudienceChart({ range, accountId }: { range: Range; accountId?: string }) {
  const { t, i18n } = useTranslation();
  const a = useAudience(range, accountId);
  const f = num(i18n.language);
  const rows = a.data?.series;
  return (
    <Chart
      title={t('dash.audienceTitle')}
      testId="chart-audience"
      loading={a.isLoading}
      rows={rows}
      rowKey={(r) => r.period}
      exportQuery={{ chart: 'audience', ...range, accountId }}
      option={
        rows
          ? lineOption(
              rows.map((r) => r.period),
              [
                { name: t('dash.followers'), data: rows.map((r) => r.followers) },
                { name: t('dash.gained'), data: rows.map((r) => r.gained), right: true, bar: true },
                { name: t('dash.lost'), data: rows.map((r) => (r.lost == null ? null : -r.lost)), right: true, bar: true },
              ],
            )
          : null
      }
      columns={[
        { title: t('dash.period'), dataIndex: 'period' },
        { title: t('dash.followers'), dataIndex: 'followers', align: 'right', render: f },
        { title: t('dash.gained'), dataIndex: 'gained', align: 'right', render: f },
        { title: t('dash.lost'), dataIndex: 'lost', align: 'right', render: f },
        { title: t('dash.net'), dataIndex: 'net', align: 'right', render: f },
      ]}
    />
  );
}

export function AudienceByAccount({ range }: { range: Range }) {
  const { t, i18n } = useTranslation();
  const a = useAudience(range);
  const f = num(i18n.language);
  return (
    <Chart
      title={t('dash.byAccount')}
      testId="chart-audience-accounts"
      option={null}
      loading={a.isLoading}
      rows={a.data?.byAccount}
      rowKey={(r) => r.accountId}
      columns={[
        { title: t('dash.account'), dataIndex: 'name', render: (v: string, r) => <Link to={`/analytics/accounts/${r.accountId}`}>{v}</Link> },
        { title: t('dash.platform'), dataIndex: 'platform', render: (v: string) => t(`platform.${v}`, v) },
        { title: t('dash.start'), dataIndex: 'start', align: 'right', render: f },
        { title: t('dash.end'), dataIndex: 'end', align: 'right', render: f },
        { title: t('dash.gained'), dataIndex: 'gained', align: 'right', render: f },
        { title: t('dash.lost'), dataIndex: 'lost', align: 'right', render: f },
        { title: t('dash.net'), dataIndex: 'net', align: 'right', render: f },
        { title: t('dash.growthRate'), dataIndex: 'growthRate', align: 'right', render: formatRate },
      ]}
    />
  );
}
