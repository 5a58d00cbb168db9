import { ApiOutlined, CloudSyncOutlined, DeleteOutlined, EditOutlined, KeyOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, localMessage } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PlatformTag } from '../../components/Tags';
import { useListParams } from '../../components/useListParams';
import { PLATFORMS } from '../../enums';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Account, OAuthPlatform, Paged, TestConnectionResult } from '../../types';
import { AccountForm } from './AccountForm';
import { ConnectAccount, useConnect } from './ConnectAccount';
import { GrantCell } from './GrantCell';
import { CredentialsModal } from './CredentialsModal';
import { PlatformDrawer } from './PlatformDrawer';
import { SyncCell, useSyncStatus } from './SyncCell';

export default function AccountsPage() {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const manage = can('accounts.manage');
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const lp = useListParams(['platform', 'q'] as const);
  const [editing, setEditing] = useState<Account | null | undefined>(undefined);
  const [credsFor, setCredsFor] = useState<Account | null>(null);
  const [linkFor, setLinkFor] = useState<Account | null>(null);
  const reconnect = useConnect();
  // Back from the platform's authorize page (the callback's marker): say so once, then drop it.
  const [search, setSearch] = useSearchParams();
  const connected = search.get('connected');
  useEffect(() => {
    if (!connected) return;
    message.success(t('accounts.connected'));
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('connected');
        return next;
      },
      { replace: true },
    );
  }, [connected, message, setSearch, t]);

  const sync = useSyncStatus();
  const q = useQuery({
    queryKey: ['accounts', 'list', lp.filters, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<Account>>('/accounts', { ...lp.filters, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
  });

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['accounts'] });
    void qc.invalidateQueries({ queryKey: ['accounts-health'] });
  };
  const test = useMutation({
    mutationFn: (a: Account) => api.post<TestConnectionResult>(`/accounts/${a.id}/test-connection`),
    onSuccess: (r, a) => {
      refresh();
      const content = (
        <>
          <Typography.Paragraph data-testid="test-connection-result">{localMessage(r.message, i18n.language)}</Typography.Paragraph>
          {r.expiresAt && <Typography.Text type="secondary">{t('accounts.tokenExpires', { at: formatAt(r.expiresAt, tz) })}</Typography.Text>}
        </>
      );
      const title = `${a.name}: ${r.ok ? t('accounts.connectionOk') : t('accounts.connectionFailed')}`;
      if (r.ok) modal.success({ title, content });
      else modal.error({ title, content });
    },
    onError: (e) => modal.error({ title: t('accounts.connectionFailed'), content: errorText(e, i18n.language) }),
  });
  const archive = useMutation({
    mutationFn: (a: Account) => api.del(`/accounts/${a.id}`),
    onSuccess: () => {
      message.success(t('accounts.archived'));
      refresh();
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });

  return (
    <>
      <PageHeader
        title={t('nav.accounts')}
        extra={
          manage && (
            <Space>
              <ConnectAccount />
              <Button type="primary" icon={<PlusOutlined />} data-testid="account-create" onClick={() => setEditing(null)}>
                {t('accounts.create')}
              </Button>
            </Space>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('accounts.platform')}
          style={{ width: 160 }}
          value={lp.filters.platform}
          onChange={(v) => lp.setFilter('platform', v)}
          options={PLATFORMS.map((p) => ({ value: p, label: t(`platform.${p}`) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('common.searchName')}
          defaultValue={lp.filters.q}
          onSearch={(v) => lp.setFilter('q', v.trim())}
          style={{ width: 240 }}
        />
      </Space>
      <ErrorAlert error={q.error} />
      <Table<Account>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items}
        pagination={lp.pagination(q.data?.total)}
        scroll={{ x: 1570 }}
        locale={{ emptyText: <Empty description={t('accounts.empty')} /> }}
        columns={[
          {
            title: t('accounts.name'),
            width: 260,
            render: (_, a) => (
              <Space orientation="vertical" size={0}>
                <Space>
                  <Typography.Text strong>{a.name}</Typography.Text>
                  <PlatformTag platform={a.platform} />
                </Space>
                {a.platformId && <Typography.Text type="secondary">{a.platformId}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('accounts.grant'), width: 240, render: (_, a) => <GrantCell account={a} /> },
          {
            title: t('accounts.entity'),
            render: (_, a) => (a.entityName ? `${a.entityName}（${t(`entityType.${a.entityType}`)}）` : t(`entityType.${a.entityType}`)),
          },
          {
            title: t('accounts.verification'),
            render: (_, a) => (
              <Space orientation="vertical" size={0}>
                <Tag color={a.verification === 'verified' ? 'green' : a.verification === 'expired' ? 'red' : 'default'}>
                  {t(`verification.${a.verification}`)}
                </Tag>
                {a.verificationExpiresOn && <Typography.Text type="secondary">{t('accounts.until', { date: a.verificationExpiresOn })}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('accounts.accountType'), render: (_, a) => (a.accountType ? t(`accountType.${a.accountType}`) : '—') },
          { title: t('accounts.cadence'), render: (_, a) => (a.cadencePerWeek === null ? '—' : t('accounts.cadenceValue', { count: a.cadencePerWeek })) },
          { title: t('accounts.approvalSteps'), dataIndex: 'approvalSteps', width: 90 },
          {
            title: t('accounts.connection'),
            render: (_, a) =>
              !a.hasCredentials ? (
                <Tag color="orange">{t('accounts.noCredentials')}</Tag>
              ) : a.lastCheckOk === null ? (
                <Tag>{t('accounts.unchecked')}</Tag>
              ) : (
                <Tooltip title={[formatAt(a.lastCheckAt, tz), a.lastCheckError && localMessage(a.lastCheckError, i18n.language)].filter(Boolean).join(' · ')}>
                  <Tag color={a.lastCheckOk ? 'green' : 'red'}>{a.lastCheckOk ? t('accounts.connectionOk') : t('accounts.connectionFailed')}</Tag>
                </Tooltip>
              ),
          },
          { title: t('sync.column'), width: 230, render: (_, a) => <SyncCell account={a} status={sync.data?.find((s) => s.accountId === a.id)} /> },
          {
            title: t('common.actions'),
            fixed: 'right',
            width: manage ? 190 : 70,
            render: (_, a) => (
              <Space size={0}>
                {a.platform === 'wechat_oa' && (
                  <Tooltip title={t('platformLink.open')}>
                    <Button type="text" icon={<CloudSyncOutlined />} data-testid="account-platform" onClick={() => setLinkFor(a)} />
                  </Tooltip>
                )}
                {manage && (
                  <>
                    <Tooltip title={t('common.edit')}>
                      <Button type="text" icon={<EditOutlined />} onClick={() => setEditing(a)} />
                    </Tooltip>
                    {a.connect === 'oauth' ? (
                      <Tooltip title={t('accounts.reconnect')}>
                        <Button
                          type="text"
                          icon={<SyncOutlined />}
                          data-testid="account-reconnect"
                          loading={reconnect.isPending && reconnect.variables?.accountId === a.id}
                          onClick={() => reconnect.mutate({ platform: a.platform as OAuthPlatform, accountId: a.id })}
                        />
                      </Tooltip>
                    ) : (
                      <Tooltip title={t('accounts.credentials')}>
                        <Button type="text" icon={<KeyOutlined />} data-testid="account-credentials" onClick={() => setCredsFor(a)} />
                      </Tooltip>
                    )}
                    <Tooltip title={t('accounts.testConnection')}>
                      <Button
                        type="text"
                        icon={<ApiOutlined />}
                        data-testid="account-test"
                        disabled={!a.hasCredentials}
                        loading={test.isPending && test.variables?.id === a.id}
                        onClick={() => test.mutate(a)}
                      />
                    </Tooltip>
                    <Popconfirm title={t('accounts.archiveConfirm', { name: a.name })} onConfirm={() => archive.mutate(a)}>
                      <Tooltip title={t('accounts.archive')}>
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
      <AccountForm open={editing !== undefined} account={editing ?? null} onClose={() => setEditing(undefined)} />
      <CredentialsModal account={credsFor} onClose={() => setCredsFor(null)} />
      <PlatformDrawer account={linkFor} manage={manage} onClose={() => setLinkFor(null)} />
    </>
  );
}
