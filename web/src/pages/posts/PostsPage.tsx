import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { accountOptions, memberOptions, useAllAccounts, useMembers } from '../../components/lookups';
import { PageHeader } from '../../components/PageHeader';
import { PostStatusTag } from '../../components/Tags';
import { useListParams } from '../../components/useListParams';
import { POST_STATUSES } from '../../enums';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged, Post } from '../../types';

export default function PostsPage() {
  const { t } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const nav = useNavigate();
  const lp = useListParams(['status', 'accountId', 'ownerId', 'q'] as const);
  const accounts = useAllAccounts();
  const members = useMembers();
  const accountName = (id: string) => accounts.data?.find((a) => a.id === id)?.name ?? '…';

  const q = useQuery({
    queryKey: ['posts', lp.filters, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<Post>>('/posts', { ...lp.filters, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('nav.posts')}
        extra={
          can('content.write') && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="post-create" onClick={() => nav('/posts/new')}>
              {t('posts.create')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          data-testid="filter-status"
          placeholder={t('posts.status')}
          style={{ width: 140 }}
          value={lp.filters.status}
          onChange={(v) => lp.setFilter('status', v)}
          options={POST_STATUSES.map((s) => ({ value: s, label: t(`postStatus.${s}`) }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('posts.account')}
          style={{ width: 180 }}
          value={lp.filters.accountId}
          onChange={(v) => lp.setFilter('accountId', v)}
          options={accountOptions(accounts.data)}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('posts.owner')}
          style={{ width: 160 }}
          value={lp.filters.ownerId}
          onChange={(v) => lp.setFilter('ownerId', v)}
          options={memberOptions(members.data)}
        />
        <Input.Search
          allowClear
          placeholder={t('posts.search')}
          defaultValue={lp.filters.q}
          onSearch={(v) => lp.setFilter('q', v.trim())}
          style={{ width: 240 }}
          data-testid="posts-search"
        />
      </Space>
      <ErrorAlert error={q.error} />
      <Table<Post>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items}
        pagination={lp.pagination(q.data?.total)}
        scroll={{ x: 960 }}
        locale={{ emptyText: <Empty description={t('posts.empty')} /> }}
        columns={[
          {
            title: t('posts.titleField'),
            render: (_, p) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/posts/${p.id}`} data-testid="post-row-link">
                  {p.title}
                </Link>
                {p.digest && (
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: 360, fontSize: 12 }}>
                    {p.digest}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('posts.status'), width: 110, render: (_, p) => <PostStatusTag status={p.status} /> },
          {
            title: t('posts.accounts'),
            render: (_, p) =>
              p.accountIds.length ? p.accountIds.map((id) => <Tag key={id}>{accountName(id)}</Tag>) : <Typography.Text type="secondary">—</Typography.Text>,
          },
          { title: t('posts.owner'), width: 110, dataIndex: 'ownerName' },
          { title: t('posts.approvals'), width: 90, render: (_, p) => `${p.approvalsGiven} / ${p.approvalsNeeded}` },
          { title: t('posts.scheduledAt'), width: 150, render: (_, p) => formatAt(p.scheduledAt, tz) },
          { title: t('common.updatedAt'), width: 150, render: (_, p) => formatAt(p.updatedAt, tz) },
        ]}
      />
    </>
  );
}
