import { useQuery } from '@tanstack/react-query';
import { Col, Row, Segmented, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { Chart } from '../../components/charts/Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import type { Overview, PostRanking } from '../../types';
import { barOption, lineOption, num, postColumns } from './columns';
import { formatRate } from './format';
import { KpiCards, type Range, RangeBar, useRange } from './RangeBar';

type Breakdown = Overview['byAccount'][number];

export function overviewKpis(o: Overview | undefined, t: (k: string) => string, lang: string) {
  const f = num(lang);
  const pick = (k: 'followers' | 'netFollowers' | 'views' | 'interactions' | 'engagementRate' | 'conversionRate') => ({
    now: o?.totals[k] ?? null,
    previous: o?.previousTotals[k] ?? null,
    lastYear: o?.lastYearTotals[k] ?? null,
  });
  return [
    { key: 'followers', title: t('dash.followers'), value: f(o?.totals.followers ?? null), ...pick('followers') },
    { key: 'net', title: t('dash.netFollowers'), value: f(o?.totals.netFollowers ?? null), ...pick('netFollowers') },
    { key: 'views', title: t('dash.views'), value: f(o?.totals.views ?? null), ...pick('views') },
    { key: 'interactions', title: t('dash.interactions'), value: f(o?.totals.interactions ?? null), ...pick('interactions') },
    { key: 'engagement', title: t('dash.engagement'), value: formatRate(o?.totals.engagementRate), ...pick('engagementRate') },
    { key: 'conversion', title: t('dash.conversion'), value: formatRate(o?.totals.conversionRate), ...pick('conversionRate') },
  ];
}

export function useOverview(range: Range, accountId?: string) {
  return useQuery({ queryKey: ['analytics', 'overview', range, accountId], queryFn: () => api.get<Overview>('/analytics/overview', { ...range, accountId }) });
}

export function TrendChart({ o, loading, range, accountId }: { o?: Overview; loading: boolean; range: Range; accountId?: string }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const f = num(i18n.language);
  const rows = o?.series ?? [];
  return (
    <Chart
      title={t('dash.trend')}
      testId="chart-trend"
      loading={loading}
      rows={rows}
      rowKey={(r) => r.period}
      note={o && (zh ? `${o.engagementDefinition.zh}；${o.interactionsDefinition.zh}` : `${o.engagementDefinition.en}; ${o.interactionsDefinition.en}`)}
      exportQuery={{ chart: 'overview', ...range, accountId }}
      option={lineOption(
        rows.map((r) => r.period),
        [
          { name: t('dash.views'), data: rows.map((r) => r.views) },
          { name: t('dash.interactions'), data: rows.map((r) => r.interactions), right: true },
        ],
      )}
      columns={[
        { title: t('dash.period'), dataIndex: 'period' },
        { title: t('dash.followers'), dataIndex: 'followers', align: 'right', render: f },
        { title: t('dash.gained'), dataIndex: 'followersGained', align: 'right', render: f },
        { title: t('dash.lost'), dataIndex: 'followersLost', align: 'right', render: f },
        { title: t('dash.views'), dataIndex: 'views', align: 'right', render: f },
        { title: t('dash.interactions'), dataIndex: 'interactions', align: 'right', render: f },
        { title: t('dash.engagement'), dataIndex: 'engagementRate', align: 'right', render: formatRate },
      ]}
    />
  );
}

export function TopPosts({ range, accountId }: { range: Range; accountId?: string }) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState<'views' | 'interactions' | 'engagement'>('views');
  const q = (order: 'desc' | 'asc') => ({ from: range.from, to: range.to, accountId, sort, order, limit: 10 });
  const top = useQuery({ queryKey: ['analytics', 'posts', q('desc')], queryFn: () => api.get<PostRanking>('/analytics/posts', q('desc')) });
  const bottom = useQuery({ queryKey: ['analytics', 'posts', q('asc')], queryFn: () => api.get<PostRanking>('/analytics/posts', q('asc')) });
  const cols = postColumns(t, i18n.language);
  const sorter = (
    <Segmented
      size="small"
      value={sort}
      onChange={(v) => setSort(v as typeof sort)}
      options={[
        { value: 'views', label: t('dash.sortViews') },
        { value: 'interactions', label: t('dash.sortInteractions') },
        { value: 'engagement', label: t('dash.sortEngagement') },
      ]}
    />
  );
  return (
    <Row gutter={[12, 12]}>
      {(['desc', 'asc'] as const).map((order) => {
        const d = order === 'desc' ? top : bottom;
        return (
          <Col key={order} xs={24} xl={12}>
            <Chart
              title={order === 'desc' ? t('dash.topPosts') : t('dash.bottomPosts')}
              testId={`chart-${order === 'desc' ? 'top' : 'bottom'}-posts`}
              option={null}
              extra={order === 'desc' ? sorter : undefined}
              loading={d.isLoading}
              rows={d.data?.rows}
              rowKey={(r) => r.publicationId}
              columns={cols}
              exportQuery={{ chart: 'posts', ...q(order) }}
            />
          </Col>
        );
      })}
    </Row>
  );
}

/** 数据概览: the workspace's figures over a range, by platform and account, with top and bottom posts. */
export default function OverviewPage() {
  const { t, i18n } = useTranslation();
  const [range, setRange] = useRange();
  const o = useOverview(range);
  const f = num(i18n.language);
  const breakdownCols = (label: string, link: boolean): ColumnsType<Breakdown> => [
    { title: label, dataIndex: 'label', render: (v: string, r) => (link ? <Link to={`/analytics/accounts/${r.key}`}>{v}</Link> : t(`platform.${v}`, v)) },
    { title: t('dash.followers'), dataIndex: 'followers', align: 'right', render: f },
    { title: t('dash.netFollowers'), dataIndex: 'netFollowers', align: 'right', render: f },
    { title: t('dash.views'), dataIndex: 'views', align: 'right', render: f },
    { title: t('dash.interactions'), dataIndex: 'interactions', align: 'right', render: f },
    { title: t('dash.engagement'), dataIndex: 'engagementRate', align: 'right', render: formatRate },
  ];
  const bars = (rows: Breakdown[], platform: boolean) =>
    barOption(
      rows.map((r) => (platform ? t(`platform.${r.label}`, r.label) : r.label)),
      [
        { name: t('dash.views'), data: rows.map((r) => r.views) },
        { name: t('dash.interactions'), data: rows.map((r) => r.interactions) },
      ],
    );
  return (
    <>
      <PageHeader title={t('dash.title')} sub={t('dash.sub')} extra={<RangeBar value={range} onChange={setRange} />} />
      <ErrorAlert error={o.error} />
      <KpiCards items={overviewKpis(o.data, t, i18n.language)} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="engagement-definition">
        {o.data && (i18n.language.startsWith('zh') ? o.data.engagementDefinition.zh : o.data.engagementDefinition.en)}
      </Typography.Paragraph>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col span={24}>
          <TrendChart o={o.data} loading={o.isLoading} range={range} />
        </Col>
        <Col xs={24} xl={10}>
          <Chart
            title={t('dash.byPlatform')}
            testId="chart-platforms"
            loading={o.isLoading}
            rows={o.data?.byPlatform}
            rowKey={(r) => r.key}
            option={o.data ? bars(o.data.byPlatform, true) : null}
            columns={breakdownCols(t('dash.platform'), false)}
            exportQuery={{ chart: 'platforms', ...range }}
          />
        </Col>
        <Col xs={24} xl={14}>
          <Chart
            title={t('dash.byAccount')}
            testId="chart-accounts"
            loading={o.isLoading}
            rows={o.data?.byAccount}
            rowKey={(r) => r.key}
            option={o.data ? bars(o.data.byAccount, false) : null}
            columns={breakdownCols(t('dash.account'), true)}
            exportQuery={{ chart: 'accounts', ...range }}
          />
        </Col>
      </Row>
      <TopPosts range={range} />
    </>
  );
}
