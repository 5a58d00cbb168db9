import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Empty, Flex, Popover, Skeleton, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useMarkAllRead, useOpenNotification, useUnreadCount } from '../pages/notifications/hooks';
import { badgeCount, inLang, type Notification, NOTIFICATIONS_KEY } from '../pages/notifications/model';
import { useTz } from '../session';
import { formatAt } from '../time';
import type { Paged } from '../types';

const LATEST = 8;

function Latest({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const { token } = theme.useToken();
  const nav = useNavigate();
  const open = useOpenNotification();
  const markAll = useMarkAllRead();
  const q = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'latest'],
    queryFn: ({ signal }) => api.get<Paged<Notification>>('/notifications', { pageSize: LATEST }, signal),
  });
  const lang = i18n.language;
  return (
    <div style={{ width: 360 }} data-testid="notification-popover">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('nav.notifications')}</Typography.Text>
        <Button type="link" size="small" loading={markAll.isPending} onClick={() => markAll.mutate(undefined)}>
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      {q.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : q.error ? (
        <ErrorAlert error={q.error} />
      ) : !q.data.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <div style={{ maxHeight: 420, overflowY: 'auto' }}>
          {q.data.items.map((n) => (
            <button
              type="button"
              key={n.id}
              data-testid="notification-item"
              onClick={() => {
                open(n);
                onClose();
              }}
              style={{
                display: 'block',
                width: '100%',
                textAlign: 'left',
                border: 0,
                borderLeft: `3px solid ${n.readAt ? 'transparent' : { info: token.colorPrimary, warning: token.colorWarning, critical: token.colorError }[n.severity]}`,
                background: n.readAt ? 'transparent' : token.colorFillQuaternary,
                padding: '8px 10px',
                marginBottom: 4,
                borderRadius: 4,
                cursor: 'pointer',
              }}
            >
              <Typography.Text strong={!n.readAt} ellipsis style={{ display: 'block' }}>
                {inLang(n.title, lang)}
              </Typography.Text>
              {inLang(n.body, lang) && (
                <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                  {inLang(n.body, lang)}
                </Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatAt(n.createdAt, tz)}
              </Typography.Text>
            </button>
          ))}
        </div>
      )}
      <Button
        block
        type="link"
        data-testid="notification-view-all"
        onClick={() => {
          onClose();
          nav('/notifications');
        }}
      >
        {t('notifications.viewAll')}
      </Button>
    </div>
  );
}

/** The bell in the top bar: the unread count (polled every 30 s) and the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const count = useUnreadCount().data?.count ?? 0;
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      content={<Latest onClose={() => setOpen(false)} />}
      // Unmounted when hidden: each opening fetches the latest list afresh.
      destroyOnHidden
      arrow={false}
    >
      <Button type="text" aria-label={t('notifications.bell')} data-testid="notification-bell">
        <Badge count={count} overflowCount={99} size="small" title={badgeCount(count)}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
