import { PlusOutlined, ProfileOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Input, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { memberOptions, useMembers } from '../../components/lookups';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/useListParams';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged } from '../../types';
import { CreateIncidentModal } from './CreateIncidentModal';
import { INCIDENT_STATUSES, type Incident, SEVERITIES, SEVERITY_COLORS, STATUS_COLORS } from './types';

export default function IncidentsPage() {
  const { t } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const nav = useNavigate();
  const members = useMembers();
  const [creating, setCreating] = useState(false);
  // 'active' (not closed) unless a status is chosen: the list opens on what needs attention.
  const lp = useListParams(['status', 'severity', 'ownerId', 'q', 'all'] as const);
  const query = { ...lp.filters, all: undefined, state: lp.filters.status || lp.filters.all ? undefined : 'active' };
  const q = useQuery({
    queryKey: ['incidents', query, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<Incident>>('/incidents', { ...query, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const filtered = Object.values(lp.filters).some(Boolean);

  return (
    <>
      <PageHeader
        title={t('nav.incidents')}
        sub={t('incidents.sub')}
        extra={
          <>
            <Button icon={<ProfileOutlined />} onClick={() => nav('/incidents/templates')} data-testid="incident-templates">
              {t('templates.title')}
            </Button>
            {can('incidents.write') && (
              <Button type="primary" danger icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="incident-create">
                {t('incidents.create')}
              </Button>
            )}
          </>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          data-testid="filter-incident-status"
          placeholder={t('incidents.activeOnly')}
          style={{ width: 160 }}
          value={lp.filters.status ?? (lp.filters.all ? 'all' : undefined)}
          onChange={(v?: string) => lp.setFilters({ status: v && v !== 'all' ? v : undefined, all: v === 'all' ? '1' : undefined })}
          options={[{ value: 'all', label: t('incidents.allStatuses') }, ...INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`incidentStatus.${s}`) }))]}
        />
        <Select
          allowClear
          placeholder={t('incidents.severity')}
          style={{ width: 140 }}
          value={lp.filters.severity}
          onChange={(v) => lp.setFilter('severity', v)}
          options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('incidents.owner')}
          style={{ width: 160 }}
          value={lp.filters.ownerId}
          onChange={(v) => lp.setFilter('ownerId', v)}
          options={memberOptions(members.data)}
        />
        <Input.Search
          allowClear
          placeholder={t('incidents.search')}
          defaultValue={lp.filters.q}
          onSearch={(v) => lp.setFilter('q', v.trim())}
          style={{ width: 240 }}
        />
      </Space>
      <ErrorAlert error={q.error} />
      <Table<Incident>
        rowKey="id"
        loading={q.isFetching && !q.data}
        dataSource={q.data?.items}
        pagination={lp.pagination(q.data?.total)}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={filtered ? t('common.noMatch') : t('incidents.empty')} /> }}
        columns={[
          {
            title: t('incidents.title'),
            render: (_, i) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/incidents/${i.id}`} data-testid="incident-open">
                  <Typography.Text type="secondary">#{i.number} </Typography.Text>
                  {i.title}
                </Link>
                {i.trigger === 'alert' && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('incidents.triggerAlert')}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('incidents.severity'), width: 110, render: (_, i) => <Tag color={SEVERITY_COLORS[i.severity]}>{t(`severity.${i.severity}`)}</Tag> },
          { title: t('incidents.status'), width: 100, render: (_, i) => <Tag color={STATUS_COLORS[i.status]}>{t(`incidentStatus.${i.status}`)}</Tag> },
          { title: t('incidents.owner'), width: 120, render: (_, i) => i.ownerName ?? '—' },
          {
            title: t('incidents.checklist'),
            width: 140,
            render: (_, i) =>
              i.checklistTotal ? (
                <Progress
                  size="small"
                  percent={Math.round((100 * i.checklistDone) / i.checklistTotal)}
                  format={() => `${i.checklistDone}/${i.checklistTotal}`}
                />
              ) : (
                '—'
              ),
          },
          { title: t('incidents.openedAt'), width: 150, render: (_, i) => formatAt(i.openedAt, tz) },
        ]}
      />
      <CreateIncidentModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
