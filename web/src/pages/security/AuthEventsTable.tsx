import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { memberOptions, useMembers } from '../../components/lookups';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { AuthEvent, AuthEventKind, Paged } from '../../types';

const KINDS: AuthEventKind[] = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'password_changed',
  'password_reset_issued',
  'password_reset_used',
  'totp_enabled',
  'totp_disabled',
  'session_revoked',
];
const COLORS: Partial<Record<AuthEventKind, string>> = { sign_in: 'green', sign_in_failed: 'red', password_reset_issued: 'orange', totp_disabled: 'orange' };

function MemberFilter({ value, onChange }: { value?: string; onChange: (v?: string) => void }) {
  const { t } = useTranslation();
  const members = useMembers();
  return (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={t('events.who')}
      style={{ width: 180 }}
      value={value}
      onChange={onChange}
      options={memberOptions(members.data)}
    />
  );
}

/** Sign-in events: the user's own (`/me/auth-events`) or, for owners and managers, the workspace members' (`/auth-events`). */
export function AuthEventsTable({ scope }: { scope: 'mine' | 'workspace' }) {
  const { t } = useTranslation();
  const tz = useTz();
  const [kind, setKind] = useState<AuthEventKind | undefined>();
  const [userId, setUserId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const path = scope === 'mine' ? '/me/auth-events' : '/auth-events';
  const query = { kind, userId: scope === 'workspace' ? userId : undefined, page, pageSize: 20 };
  const q = useQuery({
    queryKey: ['auth-events', scope, query],
    queryFn: ({ signal }) => api.get<Paged<AuthEvent>>(path, query, signal),
    placeholderData: keepPreviousData,
  });
  const reason = (e: AuthEvent) => (e.reason ? t(`authReason.${e.reason}`, { defaultValue: e.reason }) : '');
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('events.kind')}
          style={{ width: 180 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={KINDS.map((k) => ({ value: k, label: t(`authEvent.${k}`) }))}
          data-testid="events-kind"
        />
        {scope === 'workspace' && (
          <MemberFilter
            value={userId}
            onChange={(v) => {
              setUserId(v);
              setPage(1);
            }}
          />
        )}
        {scope === 'workspace' && <Typography.Text type="secondary">{t('events.unknownHint')}</Typography.Text>}
      </Space>
      <ErrorAlert error={q.error} />
      <Table<AuthEvent>
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={q.data?.items}
        pagination={{ current: page, pageSize: 20, total: q.data?.total, onChange: setPage, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={t('events.empty')} /> }}
        columns={[
          { title: t('events.at'), width: 170, render: (_, e) => formatAt(e.at, tz, 'YYYY-MM-DD HH:mm:ss') },
          ...(scope === 'workspace' ? [{ title: t('events.who'), width: 140, render: (_: unknown, e: AuthEvent) => e.userName ?? e.email }] : []),
          {
            title: t('events.kind'),
            render: (_, e) => (
              <Space size={4} wrap>
                <Tag color={COLORS[e.kind]}>{t(`authEvent.${e.kind}`)}</Tag>
                {reason(e) && <Typography.Text type="secondary">{reason(e)}</Typography.Text>}
                {e.actorName && <Typography.Text type="secondary">{`${t('events.by')}: ${e.actorName}`}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('sessions.device'), render: (_, e) => e.device ?? '—' },
          { title: t('sessions.ip'), width: 150, render: (_, e) => e.ip ?? '—' },
        ]}
      />
    </>
  );
}
