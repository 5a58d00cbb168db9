import { DesktopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { Session } from '../../types';

const SESSIONS_KEY = ['security', 'sessions'] as const;

/** Every device the user is signed in on; end one, all the others, or all of them. */
export function SessionsCard() {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const qc = useQueryClient();
  const nav = useNavigate();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: SESSIONS_KEY, queryFn: ({ signal }) => api.get<Session[]>('/me/sessions', undefined, signal) });
  const onError = (e: unknown) => message.error(errorText(e, i18n.language));
  const refresh = () => void qc.invalidateQueries({ queryKey: SESSIONS_KEY });
  const signedOut = () => {
    qc.clear();
    nav('/signin', { replace: true });
  };
  const revoke = useMutation({
    mutationFn: (s: Session) => api.del(`/me/sessions/${s.id}`),
    onSuccess: (_, s) => {
      if (s.current) return signedOut();
      message.success(t('sessions.revoked'));
      refresh();
    },
    onError,
  });
  const others = useMutation({
    mutationFn: () => api.post<{ revoked: number }>('/me/sessions/revoke-others'),
    onSuccess: (r) => {
      message.success(t('sessions.revokedOthers', { count: r.revoked }));
      refresh();
    },
    onError,
  });
  const everywhere = useMutation({ mutationFn: () => api.post('/auth/sign-out-everywhere'), onSuccess: signedOut, onError });
  const hasOthers = (q.data ?? []).some((s) => !s.current);

  return (
    <Card
      title={
        <Space>
          <DesktopOutlined />
          {t('sessions.title')}
        </Space>
      }
      extra={
        <Space wrap>
          <Button disabled={!hasOthers} loading={others.isPending} onClick={() => others.mutate()} data-testid="sessions-revoke-others">
            {t('sessions.revokeOthers')}
          </Button>
          <Popconfirm title={t('sessions.everywhereConfirm')} onConfirm={() => everywhere.mutate()}>
            <Button danger loading={everywhere.isPending} data-testid="sessions-everywhere">
              {t('sessions.everywhere')}
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      <ErrorAlert error={q.error} />
      <Table<Session>
        rowKey="id"
        size="middle"
        loading={q.isPending}
        dataSource={q.data}
        pagination={false}
        locale={{ emptyText: <Empty description={t('sessions.empty')} /> }}
        onRow={(s) => ({ 'data-testid': s.current ? 'session-current' : 'session-other' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('sessions.device'),
            render: (_, s) => (
              <Space>
                <Typography.Text strong>{s.device}</Typography.Text>
                {s.current && <Tag color="blue">{t('sessions.current')}</Tag>}
              </Space>
            ),
          },
          { title: t('sessions.ip'), dataIndex: 'ip', width: 150, render: (ip: string | null) => ip ?? '—' },
          { title: t('sessions.created'), width: 160, render: (_, s) => formatAt(s.createdAt, tz) },
          { title: t('sessions.lastSeen'), width: 160, render: (_, s) => formatAt(s.lastSeenAt, tz) },
          {
            title: t('common.actions'),
            width: 100,
            render: (_, s) => (
              <Popconfirm title={t('sessions.revokeConfirm')} onConfirm={() => revoke.mutate(s)}>
                <Button type="link" danger size="small" data-testid="session-revoke">
                  {t('sessions.revoke')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
