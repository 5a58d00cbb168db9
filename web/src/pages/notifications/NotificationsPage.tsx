import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Empty, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/useListParams';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged } from '../../types';
import { useMarkAllRead, useMarkRead, useOpenNotification, useUnreadCount } from './hooks';
import { inLang, internalLink, KIND_PREFIXES, kindKey, type Notification, NOTIFICATIONS_KEY, SEVERITY_COLORS } from './model';

export function SeverityTag({ severity }: { severity: Notification['severity'] }) {
  const { t } = useTranslation();
  return <Tag color={SEVERITY_COLORS[severity]}>{t(`notifySeverity.${severity}`)}</Tag>;
}

export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const { message } = App.useApp();
  const lp = useListParams(['unread', 'kind'] as const);
  const unreadOnly = lp.filters.unread === 'true';
  const query = { unread: unreadOnly ? 'true' : undefined, kind: lp.filters.kind };
  const q = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', query, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<Notification>>('/notifications', { ...query, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const open = useOpenNotification();
  const lang = i18n.language;

  const onMarkAll = () =>
    markAll.mutate(lp.filters.kind, {
      onSuccess: (r) => message.success(t('notifications.markedAll', { count: r.updated })),
      onError: (e) => message.error(errorText(e, lang)),
    });

  return (
    <>
      <PageHeader
        title={t('nav.notifications')}
        sub={t('notifications.sub')}
        extra={
          <Button icon={<CheckOutlined />} onClick={onMarkAll} loading={markAll.isPending} disabled={!unread.data?.count} data-testid="notifications-read-all">
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('notifications.kind')}
          style={{ width: 180 }}
          value={lp.filters.kind}
          onChange={(v) => lp.setFilter('kind', v)}
          options={KIND_PREFIXES.map((k) => ({ value: k, label: t(`notifyKind.${k}`) }))}
          data-testid="notifications-kind"
        />
        <Space>
          <Switch checked={unreadOnly} onChange={(v) => lp.setFilter('unread', v ? 'true' : undefined)} data-testid="notifications-unread" />
          {t('notifications.unreadOnly')}
        </Space>
        {unread.data && <Typography.Text type="secondary">{t('notifications.unreadCount', { count: unread.data.count })}</Typography.Text>}
      </Space>
      <ErrorAlert error={q.error} />
      <Table<Notification>
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={q.data?.items}
        pagination={lp.pagination(q.data?.total)}
        locale={{ emptyText: <Empty description={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')} /> }}
        onRow={(n) => ({ 'data-testid': 'notification-row', 'data-unread': n.readAt ? 'false' : 'true' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '', width: 90, render: (_, n) => <SeverityTag severity={n.severity} /> },
          {
            title: t('common.details'),
            render: (_, n) => (
              <Space orientation="vertical" size={2}>
                <Typography.Text strong={!n.readAt}>{inLang(n.title, lang)}</Typography.Text>
                {inLang(n.body, lang) && (
                  <Typography.Paragraph
                    type="secondary"
                    style={{ margin: 0, whiteSpace: 'pre-line' }}
                    ellipsis={{ rows: 3, expandable: true, symbol: t('common.view') }}
                  >
                    {inLang(n.body, lang)}
                  </Typography.Paragraph>
                )}
              </Space>
            ),
          },
          {
            title: t('notifications.kind'),
            width: 160,
            render: (_, n) => {
              const k = kindKey(n.kind);
              return <Tooltip title={n.kind}>{k ? t(k) : n.kind}</Tooltip>;
            },
          },
          { title: t('common.createdAt'), width: 160, render: (_, n) => formatAt(n.createdAt, tz) },
          {
            title: t('common.actions'),
            width: 170,
            render: (_, n) => (
              <Space size={0}>
                {internalLink(n.link) && (
                  <Button type="link" size="small" onClick={() => open(n)}>
                    {t('notifications.open')}
                  </Button>
                )}
                {!n.readAt && (
                  <Button
                    type="link"
                    size="small"
                    loading={markRead.isPending && markRead.variables === n.id}
                    onClick={() => markRead.mutate(n.id)}
                    data-testid="notification-mark-read"
                  >
                    {t('notifications.markRead')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
