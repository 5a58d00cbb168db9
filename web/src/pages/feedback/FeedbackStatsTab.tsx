import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Chart } from '../../components/charts/Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { FeedbackStats } from '../../types';
import { RangeBar, useRange } from '../analytics/RangeBar';
import { exportHref, FEEDBACK_TYPES, type StatsBy } from './model';

type Month = FeedbackStats['byMonth'][number];

/** The statistics of the member's feedback (a guest: their department's), by month, type, area and status, each table exportable. */
export function FeedbackStatsTab() {
  const { t } = useTranslation();
  const [range, setRange] = useRange(365);
  const stats = useQuery({
    queryKey: ['feedback', 'stats', range.from, range.to],
    queryFn: ({ signal }) => api.get<FeedbackStats>('/feedback/stats', { from: range.from, to: range.to }, signal),
  });
  const s = stats.data;
  const exports = (by: StatsBy) => (
    <Space size={4}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          size="small"
          icon={<DownloadOutlined />}
          href={exportHref(by, format, range)}
          download
          data-testid={`feedback-export-${by}-${format}`}
        >
          {format.toUpperCase()}
        </Button>
      ))}
    </Space>
  );
  const count = { title: t('feedback.count'), dataIndex: 'count', width: 100 };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <RangeBar value={range} onChange={setRange} granularity={false} />
      <ErrorAlert error={stats.error} />
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small">
            <Statistic title={t('feedback.total')} value={s?.total ?? 0} loading={stats.isPending} />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small">
            <Statistic title={t('feedback.median')} value={s?.medianHoursToResolve ?? '—'} loading={stats.isPending} />
          </Card>
        </Col>
      </Row>
      <Chart<Month>
        title={t('feedback.byMonth')}
        testId="feedback-by-month"
        extra={exports('month')}
        loading={stats.isPending}
        rows={s?.byMonth}
        rowKey={(r) => r.month}
        option={
          s
            ? {
                tooltip: { trigger: 'axis' },
                legend: {},
                xAxis: { type: 'category', data: s.byMonth.map((m) => m.month) },
                yAxis: { type: 'value', minInterval: 1 },
                series: FEEDBACK_TYPES.map((type) => ({ type: 'bar', stack: 'all', name: t(`feedback.type.${type}`), data: s.byMonth.map((m) => m[type]) })),
              }
            : null
        }
        columns={[
          { title: t('feedback.month'), dataIndex: 'month' },
          { title: t('feedback.total'), dataIndex: 'total' },
          ...FEEDBACK_TYPES.map((type) => ({ title: t(`feedback.type.${type}`), dataIndex: type })),
          { title: t('feedback.resolvedCount'), dataIndex: 'resolved' },
        ]}
      />
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Chart
            title={t('feedback.byType')}
            extra={exports('type')}
            option={null}
            rows={s?.byType}
            rowKey={(r) => r.type}
            columns={[{ title: t('feedback.type'), render: (_, r) => t(`feedback.type.${r.type}`) }, count]}
          />
        </Col>
        <Col xs={24} md={8}>
          <Chart
            title={t('feedback.byAreaTitle')}
            extra={exports('area')}
            option={null}
            rows={s?.byArea}
            rowKey={(r) => r.area}
            columns={[{ title: t('feedback.area'), dataIndex: 'area' }, count]}
          />
        </Col>
        <Col xs={24} md={8}>
          <Chart
            title={t('feedback.byStatus')}
            extra={exports('status')}
            option={null}
            rows={s?.byStatus}
            rowKey={(r) => r.status}
            columns={[{ title: t('feedback.status'), render: (_, r) => t(`feedback.status.${r.status}`) }, count]}
          />
        </Col>
      </Row>
    </Space>
  );
}
