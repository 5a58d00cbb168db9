import { useQuery } from '@tanstack/react-query';
import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import type { BestTime } from '../../types';
import { AudienceChart } from './AudienceChart';
import { BestTimeHeatmap } from './BestTimeHeatmap';
import { overviewKpis, TopPosts, TrendChart, useOverview } from './OverviewPage';
import { KpiCards, RangeBar, useRange } from './RangeBar';

/** One account: its figures with 环比/同比, trend, audience growth, best time to post, top posts. */
export default function AccountAnalyticsPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [range, setRange] = useRange();
  const o = useOverview(range, id);
  const name = o.data?.byAccount[0]?.label;
  // The heat map's query also says the account exists when it has no figures yet.
  const b = useQuery({ queryKey: ['analytics', 'best-time', id], queryFn: () => api.get<BestTime>(`/analytics/accounts/${id}/best-time`) });
  return (
    <>
      <PageHeader
        title={t('dash.accountTitle', { name: name ?? t(`platform.${b.data?.platform ?? ''}`, '') })}
        extra={<RangeBar value={range} onChange={setRange} />}
      />
      <ErrorAlert error={o.error ?? b.error} />
      <KpiCards items={overviewKpis(o.data, t, i18n.language)} />
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <TrendChart o={o.data} loading={o.isLoading} range={range} accountId={id} />
        <AudienceChart range={range} accountId={id} />
        <BestTimeHeatmap accountId={id} />
        <TopPosts range={range} accountId={id} />
      </Space>
    </>
  );
}
