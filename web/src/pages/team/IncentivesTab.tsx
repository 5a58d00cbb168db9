import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Popconfirm, Select, Space, Table, Tag, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { memberOptions, useMembers } from '../../components/lookups';
import { useListParams } from '../../components/useListParams';
import { useCan } from '../../session';
import type { Incentive, IncentiveLedger } from '../../types';
import { IncentiveForm } from './IncentiveForm';

const FILTERS = ['member', 'kind'] as const;

/** 奖励: the paged ledger (a member sees their own; managers filter by member) and each member's totals over all entries. */
export function IncentivesTab() {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('team.manage');
  const qc = useQueryClient();
  const lp = useListParams(FILTERS);
  const members = useMembers();
  // null: closed; 'new': recording; an entry: editing it.
  const [form, setForm] = useState<Incentive | 'new' | null>(null);
  const query = { memberId: manage ? lp.filters.member : undefined, kind: lp.filters.kind, page: lp.page, pageSize: lp.pageSize };
  const ledger = useQuery({
    queryKey: ['team', 'incentives', query],
    queryFn: ({ signal }) => api.get<IncentiveLedger>('/team/incentives', query, signal),
    placeholderData: keepPreviousData,
  });
  const del = useMutation({
    mutationFn: (id: string) => api.del(`/team/incentives/${id}`),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['team', 'incentives'] });
      message.success(t('common.deleted'));
    },
  });
  const filtered = !!(lp.filters.member || lp.filters.kind);
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {manage && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            aria-label={t('team.member')}
            placeholder={t('team.member')}
            style={{ minWidth: 180 }}
            value={lp.filters.member}
            onChange={(v) => lp.setFilter('member', v)}
            options={memberOptions(members.data?.filter((m) => m.role !== 'guest'))}
          />
        )}
        <Select
          allowClear
          aria-label={t('team.incentive.kind')}
          placeholder={t('team.incentive.kind')}
          style={{ width: 140 }}
          value={lp.filters.kind}
          onChange={(v) => lp.setFilter('kind', v)}
          options={(['points', 'award'] as const).map((k) => ({ value: k, label: t(`team.incentive.kind.${k}`) }))}
        />
        {manage && (
          <Button type="primary" onClick={() => setForm('new')}>
            {t('team.incentive.new')}
          </Button>
        )}
      </Flex>
      <ErrorAlert error={ledger.error ?? del.error} style={{ marginBottom: 12 }} />
      <Typography.Title level={5}>{t('team.incentive.totals')}</Typography.Title>
      <Table
        rowKey="memberId"
        size="small"
        dataSource={ledger.data?.totals}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('team.member'), dataIndex: 'memberName' },
          { title: t('team.incentive.points'), dataIndex: 'points' },
          { title: t('team.incentive.awards'), dataIndex: 'awards' },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Table<Incentive>
        rowKey="id"
        loading={ledger.isLoading}
        dataSource={ledger.data?.items}
        pagination={lp.pagination(ledger.data?.total)}
        locale={{ emptyText: t(filtered ? 'common.noMatch' : 'team.incentive.empty') }}
        onRow={(r) => ({ 'data-testid': `incentive-row-${r.title}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('team.incentive.when'), key: 'at', render: (_, r) => dayjs(r.createdAt).format('YYYY-MM-DD HH:mm') },
          { title: t('team.member'), dataIndex: 'memberName' },
          { title: t('team.incentive.kind'), key: 'kind', render: (_, r) => <Tag>{t(`team.incentive.kind.${r.kind}`)}</Tag> },
          { title: t('team.incentive.title'), dataIndex: 'title' },
          { title: t('team.incentive.points'), dataIndex: 'points' },
          { title: t('team.incentive.reason'), dataIndex: 'reason' },
          { title: t('team.period'), key: 'period', render: (_, r) => (r.periodFrom ? `${r.periodFrom} – ${r.periodTo}` : '—') },
          { title: t('team.incentive.by'), dataIndex: 'createdByName' },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, r: Incentive) => (
                    <Space>
                      <Button size="small" onClick={() => setForm(r)}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm title={t('team.incentive.deleteConfirm')} onConfirm={() => del.mutate(r.id)}>
                        <Button size="small" danger>
                          {t('team.incentive.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <IncentiveForm
        key={form === 'new' ? 'new' : (form?.id ?? 'closed')}
        open={form !== null}
        editing={form === 'new' ? null : form}
        onClose={() => setForm(null)}
      />
    </>
  );
}
