import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Flex, Popover, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FigureKey } from '../../../../contract/team';
import { API_BASE, api, toQueryString } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { ScorecardComparison, ScorecardList } from '../../types';
import { FIGURES, formatDelta, formatFigure, LOWER_IS_BETTER, linkOf } from './model';

type Period = 'month' | 'quarter' | 'custom';

/** One figure: its value (the items behind it in a popover, each linked), the change below. */
export function FigureCell({ k, c }: { k: FigureKey; c: Pick<ScorecardComparison, 'current'> & Partial<Pick<ScorecardComparison, 'delta'>> }) {
  const { t } = useTranslation();
  const f = c.current[k];
  const d = c.delta?.[k] ?? null;
  const worse = d != null && d !== 0 && (LOWER_IS_BETTER.includes(k) ? d > 0 : d < 0);
  const value = <span data-testid={`fig-${k}`}>{formatFigure(k, f.value)}</span>;
  return (
    <Flex vertical>
      {f.ids.length ? (
        <Popover
          trigger="click"
          title={k === 'onTimeRate' ? t('team.fig.onTimeRate.ids') : t(`team.fig.${k}`)}
          content={
            <Flex vertical style={{ maxHeight: 240, overflow: 'auto' }}>
              {f.ids.map((id) => {
                const href = linkOf(k, id);
                return href ? (
                  <Link key={id} to={href}>
                    {id.slice(0, 8)}
                  </Link>
                ) : (
                  <Typography.Text key={id} copyable={{ text: id }}>
                    {id.slice(0, 8)}
                  </Typography.Text>
                );
              })}
            </Flex>
          }
        >
          <Button type="link" size="small" style={{ padding: 0 }} aria-label={t('team.items', { n: f.ids.length })}>
            {value}
          </Button>
        </Popover>
      ) : (
        value
      )}
      {c.delta && (
        <Typography.Text type={worse ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {formatDelta(k, d)}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** 记分卡: each visible member's figures this period with the change against the previous one. */
export function ScorecardsTab() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>('month');
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const query = { period, start: range[0].format('YYYY-MM-DD'), ...(period === 'custom' ? { end: range[1].format('YYYY-MM-DD') } : {}) };
  const list = useQuery({ queryKey: ['team', 'scorecards', query], queryFn: ({ signal }) => api.get<ScorecardList>('/team/scorecards', query, signal) });
  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('team.period')}
          value={period}
          onChange={setPeriod}
          style={{ width: 110 }}
          options={(['month', 'quarter', 'custom'] as const).map((p) => ({ value: p, label: t(`team.period.${p}`) }))}
        />
        {period === 'custom' ? (
          <DatePicker.RangePicker value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} allowClear={false} />
        ) : (
          <DatePicker picker={period} value={range[0]} onChange={(v) => v && setRange([v, range[1]])} allowClear={false} />
        )}
        <Button href={`${API_BASE}/team/scorecards/export${toQueryString(query)}`} download data-testid="scorecards-export">
          {t('team.export')}
        </Button>
        {list.data && (
          <Typography.Text type="secondary">
            {t('team.range', { from: list.data.from, to: list.data.to, pfrom: list.data.previousFrom, pto: list.data.previousTo })}
          </Typography.Text>
        )}
      </Flex>
      <ErrorAlert error={list.error} style={{ marginBottom: 12 }} />
      <Table<ScorecardComparison>
        rowKey={(r) => r.current.userId}
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        locale={{ emptyText: t('team.empty') }}
        columns={[
          { title: t('team.member'), key: 'name', fixed: 'left', render: (_, r) => r.current.name },
          ...FIGURES.map((k) => ({ title: t(`team.fig.${k}`), key: k, render: (_: unknown, r: ScorecardComparison) => <FigureCell k={k} c={r} /> })),
        ]}
      />
    </>
  );
}
