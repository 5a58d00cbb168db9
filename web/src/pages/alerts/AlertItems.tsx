import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged } from '../../types';
import type { MonitorItem } from '../incidents/types';

/** The comment with its hits marked, so a person sees why it was flagged. */
export function Highlighted({ item }: { item: MonitorItem }) {
  const spans = [...item.hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: React.ReactNode[] = [];
  let at = 0;
  for (const h of spans) {
    if (h.start < at) continue; // nested or overlapping: the outer one is already marked
    if (h.start > at) out.push(item.text.slice(at, h.start));
    out.push(
      <mark key={`${h.start}-${h.end}`} title={`${h.category} · ${h.term}`} style={{ background: h.action === 'block' ? '#ffccc7' : '#fff1b8', padding: 0 }}>
        {item.text.slice(h.start, h.end)}
      </mark>,
    );
    at = h.end;
  }
  out.push(item.text.slice(at));
  return <span style={{ whiteSpace: 'pre-wrap' }}>{out}</span>;
}

/** The monitored items behind one alert (its evidence), paginated. */
export function AlertItems({ alertId }: { alertId: string }) {
  const { t } = useTranslation();
  const tz = useTz();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['monitor-items', alertId, page],
    queryFn: ({ signal }) => api.get<Paged<MonitorItem>>('/monitor/items', { alertId, page, pageSize: 10 }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <ErrorAlert error={q.error} />
      <Table<MonitorItem>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items}
        pagination={{ current: page, pageSize: 10, total: q.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { count: n }) }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} /> }}
        columns={[
          { title: t('monitor.at'), width: 140, render: (_, i) => formatAt(i.at, tz) },
          { title: t('monitor.source'), width: 80, render: (_, i) => t(`monitorSource.${i.source}`) },
          { title: t('monitor.author'), width: 120, render: (_, i) => i.author ?? '—' },
          { title: t('monitor.text'), render: (_, i) => <Highlighted item={i} /> },
          {
            title: t('monitor.sentiment'),
            width: 100,
            render: (_, i) =>
              i.negative ? (
                <Tag color="red">{i.sentiment.toFixed(2)}</Tag>
              ) : (
                <Typography.Text type={i.sentiment > 0 ? 'success' : 'secondary'}>{i.sentiment.toFixed(2)}</Typography.Text>
              ),
          },
        ]}
      />
    </>
  );
}
