import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Chart, type ChartOption } from '../../components/charts/Chart';
import type { BestTime } from '../../types';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const HOURS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);

type Row = { day: string; [hour: string]: string | number };

/** The account's 168 hourly scores as a heat map (weekday × hour), and as a table. */
export function BestTimeHeatmap({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['analytics', 'best-time', accountId], queryFn: () => api.get<BestTime>(`/analytics/accounts/${accountId}/best-time`) });
  const b = q.data;
  const days = WEEKDAYS.map((d) => t(`best.${d}`));
  const option: ChartOption | null = !b
    ? null
    : {
        tooltip: { formatter: (p: { value: number[] }) => `${days[p.value[1]]} ${HOURS[p.value[0]]}: ${p.value[2]}` },
        grid: { left: 48, right: 16, top: 8, bottom: 64 },
        xAxis: { type: 'category', data: HOURS, splitArea: { show: true } },
        yAxis: { type: 'category', data: days, inverse: true, splitArea: { show: true } },
        visualMap: { min: 0, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f0f5ff', '#2f54eb'] } },
        series: [{ type: 'heatmap', data: b.scores.map((s, i) => [i % 24, Math.floor(i / 24), s]) }],
      };
  const rows: Row[] | undefined = b && days.map((day, d) => ({ day, ...Object.fromEntries(HOURS.map((h, i) => [h, b.scores[d * 24 + i]])) }));
  const zh = i18n.language.startsWith('zh');
  return (
    <Chart
      title={t('best.title')}
      testId="chart-best-time"
      loading={q.isLoading}
      rows={rows}
      rowKey={(r) => r.day}
      option={option}
      height={300}
      note={
        b && (
          <>
            <Typography.Text strong style={{ fontSize: 12 }} data-testid="best-time-source">
              {t(`best.source.${b.source}`, { n: b.posts })}
            </Typography.Text>{' '}
            {zh ? b.definition.zh : b.definition.en}（{b.timezone}）
          </>
        )
      }
      columns={[{ title: '', dataIndex: 'day', fixed: 'left' }, ...HOURS.map((h) => ({ title: h.slice(0, 2), dataIndex: h, align: 'right' as const }))]}
    />
  );
}
