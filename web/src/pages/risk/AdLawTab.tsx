import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Empty, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import type { Paged } from '../../types';
import { type AdLawTerm, SEVERITIES, SEVERITY_COLOR, type Severity } from './types';

/** The built-in Advertising-Law list, with a switch per term for the workspace. */
export function AdLawTab({ manage }: { manage: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<{ q?: string; severity?: Severity; enabled?: 'true' | 'false' }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const q = useQuery({
    queryKey: ['risk', 'ad-law', filters, page],
    queryFn: ({ signal }) => api.get<Paged<AdLawTerm>>('/risk/ad-law', { ...filters, ...page }, signal),
    placeholderData: keepPreviousData,
  });
  const toggle = useMutation({
    mutationFn: (v: { terms: string[]; enabled: boolean }) => api.put('/risk/ad-law', v),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['risk'] });
      void qc.invalidateQueries({ queryKey: ['screen'] });
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const filter = (patch: typeof filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, page: 1 }));
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('risk.adLawHint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('risk.searchTerm')} onSearch={(v) => filter({ q: v.trim() || undefined })} style={{ width: 200 }} />
        <Select
          allowClear
          placeholder={t('risk.severity')}
          style={{ width: 120 }}
          value={filters.severity}
          onChange={(v) => filter({ severity: v })}
          options={SEVERITIES.map((s) => ({ value: s, label: t(`risk.sev.${s}`) }))}
        />
        <Select
          style={{ width: 120 }}
          value={filters.enabled ?? ''}
          onChange={(v) => filter({ enabled: (v || undefined) as 'true' | 'false' | undefined })}
          options={[
            { value: '', label: t('risk.allStates') },
            { value: 'true', label: t('risk.onlyEnabled') },
            { value: 'false', label: t('risk.onlyDisabled') },
          ]}
        />
      </Space>
      <ErrorAlert error={q.error} />
      <Table<AdLawTerm>
        rowKey="term"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items}
        locale={{ emptyText: <Empty description={t('common.empty')} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, size) => setPage({ page: size !== page.pageSize ? 1 : p, pageSize: size }),
        }}
        columns={[
          { title: t('risk.term'), dataIndex: 'term', render: (v: string, r) => <Typography.Text delete={!r.enabled}>{v}</Typography.Text> },
          { title: t('risk.severity'), dataIndex: 'severity', render: (s: Severity) => <Tag color={SEVERITY_COLOR[s]}>{t(`risk.sev.${s}`)}</Tag> },
          {
            title: t('risk.enabled'),
            dataIndex: 'enabled',
            render: (on: boolean, r) => (
              <Switch
                size="small"
                checked={on}
                disabled={!manage}
                loading={toggle.isPending && toggle.variables?.terms[0] === r.term}
                onChange={(enabled) => toggle.mutate({ terms: [r.term], enabled })}
              />
            ),
          },
        ]}
      />
    </>
  );
}
