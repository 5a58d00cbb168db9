import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, localMessage } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { accountOptions, useAllAccounts } from '../../components/lookups';
import { PageHeader } from '../../components/PageHeader';
import { StateTag } from '../../components/Tags';
import { useListParams } from '../../components/useListParams';
import { PUBLICATION_STATES } from '../../enums';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged, Publication } from '../../types';
import { canRetry, PublicationDrawer, useRetry } from './PublicationDrawer';

export default function PublicationsPage() {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const nav = useNavigate();
  const { id } = useParams();
  const [sp] = useSearchParams();
  const { message } = App.useApp();
  const lp = useListParams(['state', 'accountId', 'postId'] as const);
  const accounts = useAllAccounts();
  const retry = useRetry();
  const q = useQuery({
    queryKey: ['publications', lp.filters, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<Publication>>('/publications', { ...lp.filters, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const keepQuery = sp.toString() ? `?${sp.toString()}` : '';

  return (
    <>
      <PageHeader title={t('nav.publications')} sub={t('publications.sub')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          data-testid="filter-state"
          placeholder={t('publications.state')}
          style={{ width: 160 }}
          value={lp.filters.state}
          onChange={(v) => lp.setFilter('state', v)}
          options={PUBLICATION_STATES.map((s) => ({ value: s, label: t(`pubState.${s}`) }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('publications.account')}
          style={{ width: 180 }}
          value={lp.filters.accountId}
          onChange={(v) => lp.setFilter('accountId', v)}
          options={accountOptions(accounts.data)}
        />
        {lp.filters.postId && (
          <Tag closable onClose={() => lp.setFilter('postId', undefined)}>
            {t('publications.onePost')}
          </Tag>
        )}
      </Space>
      <ErrorAlert error={q.error} />
      <Table<Publication>
        rowKey="id"
        loading={q.isFetching && !q.data}
        dataSource={q.data?.items}
        pagination={lp.pagination(q.data?.total)}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={t('publications.empty')} /> }}
        columns={[
          {
            title: t('publications.account'),
            render: (_, p) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/publications/${p.id}${keepQuery}`} data-testid="publication-open">
                  {p.accountName}
                </Link>
                <Link to={`/posts/${p.postId}`} style={{ fontSize: 12 }} title={t('publications.openPost')}>
                  {p.postTitle}
                </Link>
              </Space>
            ),
          },
          {
            title: t('publications.state'),
            render: (_, p) => (
              <Space orientation="vertical" size={0}>
                <StateTag state={p.state} />
                {p.stateReason && (
                  <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 280 }} ellipsis={{ tooltip: localMessage(p.stateReason, i18n.language) }}>
                    {localMessage(p.stateReason, i18n.language)}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('publications.due'), width: 150, render: (_, p) => formatAt(p.dueAt, tz) },
          { title: t('publications.attempts'), width: 80, dataIndex: 'attemptCount' },
          { title: t('publications.lastError'), width: 130, render: (_, p) => (p.lastErrorCode ? <Tag color="red">{p.lastErrorCode}</Tag> : '—') },
          { title: t('publications.published'), width: 150, render: (_, p) => formatAt(p.publishedAt, tz) },
          {
            title: t('common.actions'),
            width: 150,
            render: (_, p) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => nav(`/publications/${p.id}${keepQuery}`)}>
                  {t('common.details')}
                </Button>
                {canRetry(p) && can('publishing.control') && (
                  <Button
                    type="link"
                    size="small"
                    data-testid="publication-retry-row"
                    loading={retry.isPending && retry.variables === p.id}
                    onClick={() => retry.mutate(p.id, { onError: (e) => message.error(errorText(e, i18n.language)) })}
                  >
                    {t('publications.retry')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <PublicationDrawer id={id ?? null} onClose={() => nav(`/publications${keepQuery}`)} />
    </>
  );
}
