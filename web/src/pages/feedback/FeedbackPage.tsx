import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Empty, Input, Select, Space, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/useListParams';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { FeedbackItem, Paged } from '../../types';
import { FeedbackDrawer } from './FeedbackDrawer';
import { FeedbackForm } from './FeedbackForm';
import { FeedbackStatsTab } from './FeedbackStatsTab';
import { useAreas, useDepartments } from './lookups';
import { FEEDBACK_PRIORITIES, FEEDBACK_STATUSES, FEEDBACK_TYPES, FILTER_KEYS, listQuery } from './model';

const STATUS_COLOR: Record<string, string> = { new: 'gold', acknowledged: 'blue', in_progress: 'processing', resolved: 'green', wont_fix: 'default' };

function FeedbackList() {
  const { t } = useTranslation();
  const tz = useTz();
  const lp = useListParams(FILTER_KEYS);
  // ?open=<id> (a link from the inbox thread) opens that item.
  const [open, setOpen] = useState<string | null>(() => new URLSearchParams(window.location.search).get('open'));
  const departments = useDepartments();
  const areas = useAreas();
  const list = useQuery({
    queryKey: ['feedback', 'list', lp.filters, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<FeedbackItem>>('/feedback', listQuery(lp.filters, lp.page, lp.pageSize), signal),
    placeholderData: keepPreviousData,
  });
  const select = (key: (typeof FILTER_KEYS)[number], placeholder: string, options: { value: string; label: string }[], width = 130) => (
    <Select
      allowClear
      placeholder={placeholder}
      style={{ width }}
      value={lp.filters[key]}
      onChange={(v) => lp.setFilter(key, v)}
      options={options}
      data-testid={`feedback-filter-${key}`}
    />
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {select(
          'type',
          t('feedback.type'),
          FEEDBACK_TYPES.map((v) => ({ value: v, label: t(`feedback.type.${v}`) })),
        )}
        {select(
          'status',
          t('feedback.status'),
          FEEDBACK_STATUSES.map((v) => ({ value: v, label: t(`feedback.status.${v}`) })),
        )}
        {select(
          'priority',
          t('feedback.priority'),
          FEEDBACK_PRIORITIES.map((v) => ({ value: v, label: t(`inbox.priority.${v}`) })),
        )}
        {select(
          'area',
          t('feedback.area'),
          (areas.data ?? []).map((a) => ({ value: a, label: a })),
        )}
        {select(
          'department',
          t('feedback.department'),
          [{ value: 'none', label: t('feedback.unrouted') }, ...(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))],
          150,
        )}
        <DatePicker.RangePicker
          value={lp.filters.from && lp.filters.to ? [dayjs(lp.filters.from), dayjs(lp.filters.to)] : null}
          onChange={(v) => lp.setFilters({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })}
        />
        <Input.Search
          allowClear
          placeholder={t('feedback.search')}
          defaultValue={lp.filters.q}
          onSearch={(v) => lp.setFilter('q', v.trim())}
          style={{ width: 240 }}
          data-testid="feedback-search"
        />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<FeedbackItem>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={lp.pagination(list.data?.total)}
        locale={{ emptyText: <Empty description={t('feedback.empty')} /> }}
        onRow={(f) => ({ onClick: () => setOpen(f.id), style: { cursor: 'pointer' }, 'data-testid': `feedback-row-${f.number}` }) as object}
        columns={[
          { title: t('feedback.number'), width: 70, render: (_, f) => `#${f.number}` },
          { title: t('feedback.title'), dataIndex: 'title', ellipsis: true },
          { title: t('feedback.type'), width: 90, render: (_, f) => t(`feedback.type.${f.type}`) },
          { title: t('feedback.area'), dataIndex: 'area', width: 110 },
          { title: t('feedback.priority'), width: 80, render: (_, f) => t(`inbox.priority.${f.priority}`) },
          { title: t('feedback.department'), width: 120, render: (_, f) => f.departmentName ?? <Tag>{t('feedback.unrouted')}</Tag> },
          { title: t('feedback.status'), width: 110, render: (_, f) => <Tag color={STATUS_COLOR[f.status]}>{t(`feedback.status.${f.status}`)}</Tag> },
          { title: t('common.createdAt'), width: 160, render: (_, f) => formatAt(f.createdAt, tz) },
        ]}
      />
      <FeedbackDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}

/** 反馈: the member's feedback queue (a guest: their department's) and its statistics. */
export default function FeedbackPage() {
  const { t } = useTranslation();
  const canCreate = useCan()('inbox.work');
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('nav.feedback')}
        sub={t('feedback.sub')}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="feedback-create" onClick={() => setCreating(true)}>
              {t('feedback.create')}
            </Button>
          )
        }
      />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'list', label: t('feedback.list'), children: <FeedbackList /> },
          { key: 'stats', label: t('feedback.stats'), children: <FeedbackStatsTab /> },
        ]}
      />
      <FeedbackForm open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
