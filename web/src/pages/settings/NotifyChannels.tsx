import { DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, localMessage } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged } from '../../types';
import { kindKey, type NotifyChannel, type NotifyTestResult } from '../notifications/model';
import { ChannelModal } from './ChannelModal';
import { DeliveriesDrawer } from './DeliveriesDrawer';

/** Settings → group robots (WeCom / DingTalk / Feishu webhooks): list, add, edit, test, delivery log. */
export function NotifyChannels() {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const manage = can('workspace.manage');
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<NotifyChannel | null | undefined>(undefined);
  const [logOf, setLogOf] = useState<NotifyChannel | null>(null);
  const lang = i18n.language;

  const q = useQuery({
    queryKey: ['notify-channels', 'list', page],
    queryFn: ({ signal }) => api.get<Paged<NotifyChannel>>('/notify/channels', page, signal),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['notify-channels'] });
  const test = useMutation({
    mutationFn: (c: NotifyChannel) => api.post<NotifyTestResult>(`/notify/channels/${c.id}/test`),
    onSuccess: (r, c) => {
      refresh();
      if (r.ok) message.success(t('channels.testOk'));
      else
        modal.error({ title: `${c.name}: ${t('channels.failed')}`, content: <span data-testid="channel-test-result">{localMessage(r.message, lang)}</span> });
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  const remove = useMutation({
    mutationFn: (c: NotifyChannel) => api.del(`/notify/channels/${c.id}`),
    onSuccess: () => {
      message.success(t('common.deleted'));
      refresh();
    },
    onError: (e) => message.error(errorText(e, lang)),
  });

  return (
    <Card
      title={t('channels.title')}
      style={{ marginTop: 16 }}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="channel-create">
            {t('channels.create')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('channels.sub')}</Typography.Paragraph>
      <ErrorAlert error={q.error} />
      <Table<NotifyChannel>
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={q.data?.items}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('channels.empty')} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: q.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (p, s) => setPage({ page: s !== page.pageSize ? 1 : p, pageSize: s }),
        }}
        columns={[
          {
            title: t('channels.name'),
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                <Space>
                  <Typography.Text strong>{c.name}</Typography.Text>
                  <Tag>{t(`channels.type.${c.type}`)}</Tag>
                  {!c.enabled && <Tag>{t('channels.disabled')}</Tag>}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="channel-url-masked">
                  {c.urlMasked}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('channels.kinds'),
            render: (_, c) =>
              c.kinds.length ? (
                c.kinds.map((k) => {
                  const key = kindKey(k);
                  return <Tag key={k}>{key && k.endsWith('.') ? t(key) : k}</Tag>;
                })
              ) : (
                <Typography.Text type="secondary">{t('channels.allKinds')}</Typography.Text>
              ),
          },
          { title: t('channels.minSeverity'), width: 100, render: (_, c) => t(`notifySeverity.${c.minSeverity}`) },
          {
            title: t('channels.lastDelivery'),
            width: 200,
            render: (_, c) =>
              c.lastDeliveryAt === null ? (
                <Typography.Text type="secondary">{t('channels.never')}</Typography.Text>
              ) : (
                <Tooltip title={c.lastError ? localMessage(c.lastError, lang) : undefined}>
                  <Space size={4}>
                    <Tag color={c.lastDeliveryOk ? 'green' : 'red'}>{c.lastDeliveryOk ? t('channels.ok') : t('channels.failed')}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatAt(c.lastDeliveryAt, tz)}
                    </Typography.Text>
                  </Space>
                </Tooltip>
              ),
          },
          {
            title: t('common.actions'),
            fixed: 'right',
            width: manage ? 180 : 70,
            render: (_, c) => (
              <Space size={0}>
                <Tooltip title={t('channels.deliveries')}>
                  <Button type="text" icon={<UnorderedListOutlined />} onClick={() => setLogOf(c)} data-testid="channel-deliveries" />
                </Tooltip>
                {manage && (
                  <>
                    <Tooltip title={t('channels.test')}>
                      <Button
                        type="text"
                        icon={<SendOutlined />}
                        loading={test.isPending && test.variables?.id === c.id}
                        onClick={() => test.mutate(c)}
                        data-testid="channel-test"
                      />
                    </Tooltip>
                    <Tooltip title={t('common.edit')}>
                      <Button type="text" icon={<EditOutlined />} onClick={() => setEditing(c)} data-testid="channel-edit" />
                    </Tooltip>
                    <Popconfirm title={t('channels.deleteConfirm', { name: c.name })} onConfirm={() => remove.mutate(c)}>
                      <Tooltip title={t('common.remove')}>
                        <Button type="text" danger icon={<DeleteOutlined />} />
                      </Tooltip>
                    </Popconfirm>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <ChannelModal open={editing !== undefined} channel={editing ?? null} onClose={() => setEditing(undefined)} />
      <DeliveriesDrawer key={logOf?.id ?? 'none'} channel={logOf} onClose={() => setLogOf(null)} />
    </Card>
  );
}
