import { useQuery } from '@tanstack/react-query';
import { Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Chart } from '../../components/charts/Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import type { ContentAnalysis } from '../../types';
import { barOption, num } from './columns';
import { formatRate } from './format';
import { RangeBar, useRange } from './RangeBar';

const DIMENSIONS = ['topic', 'pillar', 'format', 'author', 'weekday', 'hour', 'platform'] as const;
type Dimension = (typeof DIMENSIONS)[number];

/** 内容分析: publications grouped by topic, pillar, format, author, weekday, hour or platform. */
export default function ContentAnalysisPage() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const [range, setRange] = useRange();
  const [by, setBy] = useState<Dimension>('topic');
  const q = { from: range.from, to: range.to, by };
  const c = useQuery({ queryKey: ['analytics', 'content', q], queryFn: () => api.get<ContentAnalysis>('/analytics/content', q) });
  const f = num(i18n.language);
  const rows = c.data?.rows;
  const label = (l: string) => (by === 'platform' ? t(`platform.${l}`, l) : l);
  return (
    <>
      <PageHeader title={t('dash.contentTitle')} sub={t('dash.contentSub')} extra={<RangeBar value={range} onChange={setRange} granularity={false} />} />
      <ErrorAlert error={c.error} />
      <Segmented
        style={{ marginBottom: 12 }}
        value={by}
        onChange={(v) => setBy(v as Dimension)}
        options={DIMENSIONS.map((d) => ({ value: d, label: t(`dash.by.${d}`) }))}
        data-testid="content-by"
      />
      <Chart
        title={t(`dash.by.${by}`)}
        testId="chart-content"
        loading={c.isLoading}
        rows={rows}
        rowKey={(r) => r.key || '-'}
        note={c.data && (zh ? `${c.data.basis.zh}。${c.data.engagementDefinition.zh}` : `${c.data.basis.en}. ${c.data.engagementDefinition.en}`)}
        exportQuery={{ chart: 'content', ...q }}
        height={320}
        option={
          rows
            ? barOption(
                rows.map((r) => label(r.label)),
                [
                  { name: t('dash.viewsPer'), data: rows.map((r) => r.viewsPerPublication) },
                  { name: t('dash.interactions'), data: rows.map((r) => r.interactions) },
                ],
              )
            : null
        }
        columns={[
          { title: t('dash.group'), dataIndex: 'label', render: label },
          { title: t('dash.publications'), dataIndex: 'publications', align: 'right', render: f },
          { title: t('dash.views'), dataIndex: 'views', align: 'right', render: f },
          { title: t('dash.viewsPer'), dataIndex: 'viewsPerPublication', align: 'right', render: (v: number | null) => f(v == null ? null : Math.round(v)) },
          { title: t('dash.interactions'), dataIndex: 'interactions', align: 'right', render: f },
          { title: t('dash.engagement'), dataIndex: 'engagementRate', align: 'right', render: formatRate },
          { title: t('links.clicks'), dataIndex: 'clicks', align: 'right', render: f },
          { title: t('dash.conversions'), dataIndex: 'conversions', align: 'right', render: f },
          { title: t('dash.conversion'), dataIndex: 'conversionRate', align: 'right', render: formatRate },
        ]}
      />
    </>
  );
}
