import { DeleteOutlined, EditOutlined, FileAddOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { useMembers } from '../../components/lookups';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/useListParams';
import { TOPIC_STATUSES } from '../../enums';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged, Topic } from '../../types';
import { TopicModal } from './TopicModal';

const STATUS_COLORS: Record<string, string> = { idea: 'blue', planned: 'gold', used: 'green', dropped: 'default' };

export default function TopicsPage() {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const write = can('content.write');
  const qc = useQueryClient();
  const nav = useNavigate();
  const { message } = App.useApp();
  const lp = useListParams(['status', 'q'] as const);
  const [editing, setEditing] = useState<Topic | null | undefined>(undefined);
  const members = useMembers();
  const nameOf = (id: string | null) => (id ? (members.data?.find((m) => m.userId === id)?.name ?? '—') : '—');

  const q = useQuery({
    queryKey: ['topics', lp.filters, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<Topic>>('/topics', { ...lp.filters, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (tp: Topic) => api.del(`/topics/${tp.id}`),
    onSuccess: () => {
      message.success(t('common.deleted'));
      void qc.invalidateQueries({ queryKey: ['topics'] });
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });

  return (
    <>
      <PageHeader
        title={t('nav.topics')}
        sub={t('topics.sub')}
        extra={
          write && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="topic-create" onClick={() => setEditing(null)}>
              {t('topics.create')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('topics.status')}
          style={{ width: 140 }}
          value={lp.filters.status}
          onChange={(v) => lp.setFilter('status', v)}
          options={TOPIC_STATUSES.map((s) => ({ value: s, label: t(`topicStatus.${s}`) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('topics.search')}
          defaultValue={lp.filters.q}
          onSearch={(v) => lp.setFilter('q', v.trim())}
          style={{ width: 260 }}
        />
      </Space>
      <ErrorAlert error={q.error} />
      <Table<Topic>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items}
        pagination={lp.pagination(q.data?.total)}
        locale={{ emptyText: <Empty description={t('topics.empty')} /> }}
        expandable={{
          rowExpandable: (tp) => !!tp.notes,
          expandedRowRender: (tp) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{tp.notes}</Typography.Paragraph>,
        }}
        columns={[
          { title: t('topics.titleField'), dataIndex: 'title', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('topics.tags'), render: (_, tp) => tp.tags.map((g) => <Tag key={g}>{g}</Tag>) },
          { title: t('topics.status'), width: 100, render: (_, tp) => <Tag color={STATUS_COLORS[tp.status]}>{t(`topicStatus.${tp.status}`)}</Tag> },
          { title: t('topics.owner'), width: 120, render: (_, tp) => nameOf(tp.ownerId) },
          { title: t('common.createdAt'), width: 160, render: (_, tp) => formatAt(tp.createdAt, tz) },
          {
            title: t('common.actions'),
            width: 140,
            hidden: !write,
            render: (_, tp) => (
              <Space size={0}>
                <Tooltip title={t('common.edit')}>
                  <Button type="text" icon={<EditOutlined />} onClick={() => setEditing(tp)} />
                </Tooltip>
                <Tooltip title={t('topics.toPost')}>
                  <Button type="text" icon={<FileAddOutlined />} onClick={() => nav(`/posts/new?topicId=${tp.id}&title=${encodeURIComponent(tp.title)}`)} />
                </Tooltip>
                <Popconfirm title={t('common.deleteConfirm')} onConfirm={() => remove.mutate(tp)}>
                  <Button type="text" danger icon={<DeleteOutlined />} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <TopicModal open={editing !== undefined} topic={editing ?? null} onClose={() => setEditing(undefined)} />
    </>
  );
}
