import { Card, Col, DatePicker, Row, Segmented, Space, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTz } from '../../session';
import { change, lastDays } from './format';

export type Range = { from: string; to: string; granularity: 'day' | 'week' };

/** The dashboards' date range: the last 30 days of the workspace's calendar by default. */
export function useRange(days = 30) {
  const tz = useTz();
  const [from, to] = lastDays(days, tz);
  return useState<Range>({ from, to, granularity: 'day' });
}

export function RangeBar({ value, onChange, granularity = true }: { value: Range; onChange: (r: Range) => void; granularity?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      <DatePicker.RangePicker
        data-testid="dash-range"
        allowClear={false}
        value={[dayjs(value.from), dayjs(value.to)]}
        onChange={(v) => {
          if (v?.[0] && v[1]) onChange({ ...value, from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') });
        }}
      />
      {granularity && (
        <Segmented
          value={value.granularity}
          onChange={(g) => onChange({ ...value, granularity: g as 'day' | 'week' })}
          options={[
            { value: 'day', label: t('dash.day') },
            { value: 'week', label: t('dash.week') },
          ]}
        />
      )}
    </Space>
  );
}

function Delta({ label, now, base }: { label: string; now: number | null; base: number | null }) {
  const c = change(now, base);
  const color = c == null ? undefined : c >= 0 ? '#389e0d' : '#cf1322';
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 12 }}>
      {label} <span style={{ color }}>{c == null ? '—' : `${c >= 0 ? '+' : ''}${(c * 100).toFixed(1)}%`}</span>
    </Typography.Text>
  );
}

export type Kpi = { key: string; title: string; value: string; now: number | null; previous: number | null; lastYear: number | null };

/** Headline figures, each with 环比 (against the previous period) and 同比 (against last year). */
export function KpiCards({ items }: { items: Kpi[] }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {items.map((k) => (
        <Col key={k.key} xs={12} md={8} xl={4}>
          <Card size="small" data-testid={`kpi-${k.key}`}>
            <Statistic title={k.title} value={k.value} />
            <Delta label={t('dash.vsPrevious')} now={k.now} base={k.previous} />
            <Delta label={t('dash.vsLastYear')} now={k.now} base={k.lastYear} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
