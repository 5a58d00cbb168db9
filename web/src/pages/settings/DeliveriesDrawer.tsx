import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Drawer, Empty, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged } from '../../types';
import type { NotifyChannel, NotifyDelivery } from '../notifications/model';

const STATUS_COLORS: Record<NotifyDelivery['status'], string> = { ok: 'green', retrying: 'orange', failed: 'red' };

/** Every attempt to reach one group robot, newest first, with the platform's own answer. */
export function DeliveriesDrawer({ channel, onClose }: { channel: NotifyChannel | null; onClose: () => void }) {
  const { t } = useTranslation();
  const tz = useTz();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const q = useQuery({
    queryKey: ['notify-channels', 'deliveries', channel?.id, page],
    queryFn: ({ signal }) => api.get<Paged<NotifyDelivery>>(`/notify/channels/${channel?.id}/deliveries`, page, signal),
    enabled: !!channel,
    placeholderData: keepPreviousData,
    // While a retry is pending, its next attempt shows up by itself.
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'retrying') ? 5000 : false),
  });
  return (
    <Drawer open={!!channel} onClose={onClose} size={820} title={channel ? t('channels.deliveriesOf', { name: channel.name }) : ''} destroyOnHidden>
      <ErrorAlert error={q.error} />
      <Table<NotifyDelivery>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items}
        locale={{ emptyText: <Empty description={t('channels.deliveriesEmpty')} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: q.data?.total ?? 0,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, s) => setPage({ page: s !== page.pageSize ? 1 : p, pageSize: s }),
        }}
        columns={[
          { title: t('deliveries.at'), width: 160, render: (_, d) => formatAt(d.at, tz, 'YYYY-MM-DD HH:mm:ss') },
          { title: t('deliveries.kind'), width: 170, render: (_, d) => <Typography.Text code>{d.eventKind}</Typography.Text> },
          {
            title: t('deliveries.status'),
            width: 110,
            render: (_, d) => (
              <Tag color={STATUS_COLORS[d.status]} data-testid={`delivery-${d.status}`}>
                {t(`deliveryStatus.${d.status}`)}
              </Tag>
            ),
          },
          { title: t('deliveries.attempt'), width: 70, dataIndex: 'attempt' },
          {
            title: t('deliveries.code'),
            render: (_, d) => (
              <Typography.Text type={d.status === 'ok' ? undefined : 'danger'} style={{ fontSize: 12 }}>
                {[d.httpStatus && `HTTP ${d.httpStatus}`, d.responseCode && `code ${d.responseCode}`, d.responseMessage].filter(Boolean).join(' · ') || '—'}
              </Typography.Text>
            ),
          },
          { title: t('deliveries.duration'), width: 80, render: (_, d) => `${d.durationMs} ms` },
        ]}
      />
    </Drawer>
  );
}
