import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AutoComplete, Col, DatePicker, Empty, Input, Row, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import type dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { memberOptions, useMembers } from '../../components/lookups';
import { PageHeader } from '../../components/PageHeader';
import { AuthEventsTable } from '../security/AuthEventsTable';
import { useListParams } from '../../components/useListParams';
import { useTz } from '../../session';
import { addDays, formatAt, zonedToIso } from '../../time';
import type { AuditEntry, Paged } from '../../types';

const ENTITY_TYPES = ['workspace', 'member', 'invitation', 'user', 'account', 'topic', 'post', 'media', 'publication'];

function Json({ value, title }: { value: unknown; title: string }) {
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        data-testid="audit-json"
        style={{
          background: '#fafafa',
          border: '1px solid #f0f0f0',
          borderRadius: 4,
          padding: 8,
          fontSize: 12,
          maxHeight: 360,
          overflow: 'auto',
          margin: '4px 0 0',
        }}
      >
        {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

function AuditActions() {
  const { t } = useTranslation();
  const tz = useTz();
  const members = useMembers();
  const lp = useListParams(['action', 'entityType', 'actorId', 'fromDay', 'toDay'] as const, 50);
  const { fromDay, toDay, ...rest } = lp.filters;
  const query = {
    ...rest,
    from: fromDay ? zonedToIso(fromDay, '00:00', tz) : undefined,
    to: toDay ? zonedToIso(addDays(toDay, 1), '00:00', tz) : undefined,
  };
  const q = useQuery({
    queryKey: ['audit', query, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<AuditEntry>>('/audit', { ...query, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const onRange = (v: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null) =>
    lp.setFilters({ fromDay: v?.[0]?.format('YYYY-MM-DD'), toDay: v?.[1]?.format('YYYY-MM-DD') });

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('audit.action')}
          defaultValue={lp.filters.action}
          onSearch={(v) => lp.setFilter('action', v.trim())}
          style={{ width: 200 }}
        />
        <AutoComplete
          allowClear
          placeholder={t('audit.entityType')}
          style={{ width: 170 }}
          defaultValue={lp.filters.entityType}
          options={ENTITY_TYPES.map((e) => ({ value: e }))}
          onSelect={(v) => lp.setFilter('entityType', v)}
          onChange={(v?: string) => !v && lp.setFilter('entityType', undefined)}
          onBlur={(e) => lp.setFilter('entityType', (e.target as HTMLInputElement).value.trim())}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('audit.actor')}
          style={{ width: 160 }}
          value={lp.filters.actorId}
          onChange={(v) => lp.setFilter('actorId', v)}
          options={memberOptions(members.data)}
        />
        <DatePicker.RangePicker onChange={(v) => onRange(v as [dayjs.Dayjs | null, dayjs.Dayjs | null] | null)} />
      </Space>
      <ErrorAlert error={q.error} />
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={q.data?.items}
        pagination={lp.pagination(q.data?.total)}
        locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
        expandable={{
          expandedRowRender: (e) => (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Json title={t('audit.before')} value={e.before} />
              </Col>
              <Col xs={24} md={12}>
                <Json title={t('audit.after')} value={e.after} />
              </Col>
            </Row>
          ),
        }}
        columns={[
          { title: t('audit.at'), width: 170, render: (_, e) => formatAt(e.at, tz, 'YYYY-MM-DD HH:mm:ss') },
          { title: t('audit.actor'), width: 140, render: (_, e) => e.actorName ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text> },
          { title: t('audit.action'), render: (_, e) => <Tag color="blue">{e.action}</Tag> },
          { title: t('audit.entityType'), width: 130, dataIndex: 'entityType' },
          {
            title: t('audit.entityId'),
            render: (_, e) =>
              e.entityId ? (
                <Typography.Text code copyable={{ text: e.entityId }}>
                  {e.entityId.slice(0, 8)}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </>
  );
}

/** Two logs: what members did in the workspace, and the sign-ins of its members. */
export default function AuditPage() {
  const { t } = useTranslation();
  const tz = useTz();
  const [sp, setSp] = useSearchParams();
  const tab = sp.get('tab') === 'sign-ins' ? 'sign-ins' : 'actions';
  return (
    <>
      <PageHeader title={t('nav.audit')} sub={t('audit.sub', { tz })} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp(k === 'actions' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'actions', label: <span data-testid="audit-tab-actions">{t('audit.tabActions')}</span>, children: <AuditActions /> },
          { key: 'sign-ins', label: <span data-testid="audit-tab-sign-ins">{t('audit.tabSignIns')}</span>, children: <AuthEventsTable scope="workspace" /> },
        ]}
      />
    </>
  );
}
