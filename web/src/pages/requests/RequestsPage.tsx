import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Empty, Input, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/useListParams';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged, RequestItem } from '../../types';
import { CampaignsTab } from './CampaignsTab';
import { FILTER_KEYS, REQUEST_STATUSES, STATUS_COLOR, stageKey } from './model';
import { SubmitForm, useRequestTypes } from './SubmitForm';
import { TypesTab } from './TypesTab';

function RequestList() {
  const { t } = useTranslation();
  const tz = useTz();
  const navigate = useNavigate();
  const staff = useCan()('requests.work');
  const lp = useListParams(FILTER_KEYS);
  const types = useRequestTypes();
  const list = useQuery({
    queryKey: ['requests', 'list', lp.filters, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<RequestItem>>('/requests', { ...lp.filters, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('requests.status')}
          style={{ width: 130 }}
          value={lp.filters.status}
          onChange={(v) => lp.setFilter('status', v)}
          options={REQUEST_STATUSES.map((v) => ({ value: v, label: t(`requests.status.${v}`) }))}
          data-testid="requests-filter-status"
        />
        <Select
          allowClear
          placeholder={t('requests.type')}
          style={{ width: 140 }}
          value={lp.filters.typeId}
          onChange={(v) => lp.setFilter('typeId', v)}
          options={(types.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        <Input.Search
          allowClear
          placeholder={t('requests.search')}
          defaultValue={lp.filters.q}
          onSearch={(v) => lp.setFilter('q', v.trim())}
          style={{ width: 240 }}
        />
        {staff && (
          <Checkbox checked={lp.filters.mine === 'true'} onChange={(e) => lp.setFilter('mine', e.target.checked ? 'true' : null)}>
            {t('requests.mine')}
          </Checkbox>
        )}
        <Checkbox
          checked={lp.filters.overdue === 'true'}
          onChange={(e) => lp.setFilter('overdue', e.target.checked ? 'true' : null)}
          data-testid="requests-filter-overdue"
        >
          {t('requests.onlyOverdue')}
        </Checkbox>
      </Space>
      <ErrorAlert error={list.error} />
      <Table<RequestItem>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={lp.pagination(list.data?.total)}
        locale={{ emptyText: <Empty description={t('requests.empty')} /> }}
        onRow={(r) => ({ onClick: () => navigate(`/requests/${r.id}`), style: { cursor: 'pointer' }, 'data-testid': `request-row-${r.number}` }) as object}
        columns={[
          { title: t('requests.number'), width: 70, render: (_, r) => `#${r.number}` },
          { title: t('requests.title'), dataIndex: 'title', ellipsis: true },
          { title: t('requests.type'), dataIndex: 'typeName', width: 100 },
          { title: t('requests.requester'), width: 150, render: (_, r) => [r.requesterName, r.departmentName].filter(Boolean).join(' · ') || '—' },
          { title: t('requests.owner'), width: 110, render: (_, r) => r.ownerName ?? t('requests.ownersAndManagers') },
          {
            title: t('requests.due'),
            width: 160,
            render: (_, r) => (r.overdue ? <Tag color="red">{`${t('requests.overdue')} ${formatAt(r.dueAt, tz)}`}</Tag> : formatAt(r.dueAt, tz)),
          },
          {
            title: t('requests.status'),
            width: 180,
            render: (_, r) => (
              <Space size={4}>
                <Tag color={STATUS_COLOR[r.status]}>{t(`requests.status.${r.status}`)}</Tag>
                {r.post && <Tag color={r.post.stage === 'published' ? 'green' : 'default'}>{t(stageKey(r.post))}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

/** 需求: requests from other departments (a guest sees their own), joint campaigns, and the types managers define. */
export default function RequestsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [submitting, setSubmitting] = useState(false);
  return (
    <>
      <PageHeader
        title={t('nav.requests')}
        sub={t('requests.sub')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} data-testid="request-create" onClick={() => setSubmitting(true)}>
            {t('requests.submit')}
          </Button>
        }
      />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'list', label: t('requests.list'), children: <RequestList /> },
          { key: 'campaigns', label: t('requests.campaigns'), children: <CampaignsTab /> },
          ...(can('requests.manage') ? [{ key: 'types', label: t('requests.types'), children: <TypesTab /> }] : []),
        ]}
      />
      <SubmitForm open={submitting} onClose={() => setSubmitting(false)} />
    </>
  );
}
