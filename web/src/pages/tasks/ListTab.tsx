import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DatePicker, Empty, Input, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { memberOptions, useMembers } from '../../components/lookups';
import { useListParams } from '../../components/useListParams';
import { useTz } from '../../session';
import type { Paged, Task } from '../../types';
import { dueRange, dueRangeFilters, dueShown, FILTER_KEYS, LINK_KINDS, PRIORITIES, PRIORITY_COLOR, STATUSES } from './model';

/** 列表: every task, filtered by assignee, status, priority, due range, keyword, linked kind. */
export function ListTab({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const tz = useTz();
  const lp = useListParams(FILTER_KEYS);
  const members = useMembers();
  const list = useQuery({
    queryKey: ['tasks', 'list', lp.filters, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<Task>>('/tasks', { ...lp.filters, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const select = (key: (typeof FILTER_KEYS)[number], placeholder: string, options: { value: string; label: string }[]) => (
    <Select allowClear placeholder={placeholder} style={{ width: 140 }} value={lp.filters[key]} onChange={(v) => lp.setFilter(key, v)} options={options} />
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {select('assignee', t('tasks.assignee'), [{ value: 'none', label: t('tasks.unassigned') }, ...memberOptions(members.data)])}
        {select(
          'status',
          t('tasks.status'),
          STATUSES.map((s) => ({ value: s, label: t(`tasks.status.${s}`) })),
        )}
        {select(
          'priority',
          t('tasks.priority'),
          PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priority.${p}`) })),
        )}
        {select(
          'linked',
          t('tasks.links'),
          LINK_KINDS.map((k) => ({ value: k, label: t(`tasks.link.${k}`) })),
        )}
        <DatePicker.RangePicker
          placeholder={[t('tasks.dueFrom'), t('tasks.dueTo')]}
          allowEmpty={[true, true]}
          value={dueRange(lp.filters)}
          onChange={(v) => lp.setFilters(dueRangeFilters(v))}
        />
        <Input.Search
          allowClear
          placeholder={t('tasks.search')}
          defaultValue={lp.filters.q}
          onSearch={(v) => lp.setFilter('q', v.trim())}
          style={{ width: 220 }}
        />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Task>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={lp.pagination(list.data?.total)}
        locale={{ emptyText: <Empty description={t('tasks.empty')} /> }}
        onRow={(task) => ({ onClick: () => onOpen(task.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '#', width: 70, render: (_, task) => `#${task.number}` },
          { title: t('tasks.title'), dataIndex: 'title', ellipsis: true },
          { title: t('tasks.assignee'), width: 120, render: (_, task) => task.assigneeName ?? <Tag>{t('tasks.unassigned')}</Tag> },
          {
            title: t('tasks.priority'),
            width: 90,
            render: (_, task) => <Tag color={PRIORITY_COLOR[task.priority]}>{t(`tasks.priority.${task.priority}`)}</Tag>,
          },
          { title: t('tasks.status'), width: 100, render: (_, task) => t(`tasks.status.${task.status}`) },
          {
            title: t('tasks.due'),
            width: 170,
            render: (_, task) => {
              const due = dueShown(task, tz);
              return due ? <span style={{ color: due.overdue ? '#cf1322' : undefined }}>{due.text}</span> : '—';
            },
          },
        ]}
      />
    </>
  );
}
