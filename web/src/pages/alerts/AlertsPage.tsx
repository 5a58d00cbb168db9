import { SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/useListParams';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged } from '../../types';
import { CreateIncidentModal } from '../incidents/CreateIncidentModal';
import { ALERT_KINDS, ALERT_STATUS_COLORS, ALERT_STATUSES, type Alert, pick } from '../incidents/types';
import { AlertItems } from './AlertItems';
import { MonitorSettingsModal } from './MonitorSettingsModal';

export default function AlertsPage() {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const lp = useListParams(['status', 'kind', 'id'] as const);
  const [escalating, setEscalating] = useState<Alert | null>(null);
  const [settings, setSettings] = useState(false);
  const { id, ...filters } = lp.filters;
  const q = useQuery({
    queryKey: ['alerts', filters, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<Alert>>('/alerts', { ...filters, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const ack = useMutation({
    mutationFn: (a: Alert) => api.post<Alert>(`/alerts/${a.id}/acknowledge`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['alerts'] }),
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const lang = i18n.language;
  const filtered = Boolean(filters.status || filters.kind);

  return (
    <>
      <PageHeader
        title={t('nav.alerts')}
        sub={t('alerts.sub')}
        extra={
          can('incidents.manage') && (
            <Button icon={<SettingOutlined />} onClick={() => setSettings(true)} data-testid="monitor-settings">
              {t('monitor.title')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('alerts.status')}
          style={{ width: 140 }}
          value={filters.status}
          onChange={(v) => lp.setFilter('status', v)}
          options={ALERT_STATUSES.map((s) => ({ value: s, label: t(`alertStatus.${s}`) }))}
        />
        <Select
          allowClear
          placeholder={t('alerts.kind')}
          style={{ width: 160 }}
          value={filters.kind}
          onChange={(v) => lp.setFilter('kind', v)}
          options={ALERT_KINDS.map((k) => ({ value: k, label: t(`alertKind.${k}`) }))}
        />
      </Space>
      <ErrorAlert error={q.error} />
      <Table<Alert>
        rowKey="id"
        loading={q.isFetching && !q.data}
        dataSource={q.data?.items}
        pagination={lp.pagination(q.data?.total)}
        scroll={{ x: 900 }}
        rowClassName={(a) => (a.id === id ? 'ant-table-row-selected' : '')}
        locale={{ emptyText: <Empty description={filtered ? t('common.noMatch') : t('alerts.empty')} /> }}
        expandable={{
          defaultExpandedRowKeys: id ? [id] : [],
          expandedRowRender: (a) => <AlertItems alertId={a.id} />,
        }}
        columns={[
          {
            title: t('alerts.summary'),
            render: (_, a) => (
              <Space orientation="vertical" size={0}>
                <Space size={4} wrap>
                  <Tag color={a.severity === 'critical' ? 'red' : 'orange'}>{t(`alertKind.${a.kind}`)}</Tag>
                  <Typography.Text>{pick(a.summaryZh, a.summaryEn, lang)}</Typography.Text>
                </Space>
                {a.evidence.terms.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('alerts.terms', { terms: a.evidence.terms.join('、') })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('alerts.items'), width: 90, dataIndex: 'itemCount' },
          { title: t('alerts.status'), width: 110, render: (_, a) => <Tag color={ALERT_STATUS_COLORS[a.status]}>{t(`alertStatus.${a.status}`)}</Tag> },
          { title: t('alerts.lastSeen'), width: 150, render: (_, a) => formatAt(a.lastSeenAt, tz) },
          {
            title: t('common.actions'),
            width: 200,
            render: (_, a) => (
              <Space size={0}>
                {a.incidentId ? (
                  <Link to={`/incidents/${a.incidentId}`}>{t('alerts.viewIncident')}</Link>
                ) : (
                  can('incidents.write') && (
                    <>
                      {a.status === 'open' && (
                        <Button
                          type="link"
                          size="small"
                          loading={ack.isPending && ack.variables?.id === a.id}
                          onClick={() => ack.mutate(a)}
                          data-testid="alert-ack"
                        >
                          {t('alerts.acknowledge')}
                        </Button>
                      )}
                      <Button type="link" size="small" danger onClick={() => setEscalating(a)} data-testid="alert-escalate">
                        {t('alerts.openIncident')}
                      </Button>
                    </>
                  )
                )}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
        {t('alerts.feedHint')}
      </Typography.Paragraph>
      <CreateIncidentModal
        open={!!escalating}
        onClose={() => setEscalating(null)}
        alert={
          escalating
            ? { id: escalating.id, title: pick(escalating.summaryZh, escalating.summaryEn, lang), critical: escalating.severity === 'critical' }
            : undefined
        }
      />
      <MonitorSettingsModal open={settings} onClose={() => setSettings(false)} />
    </>
  );
}
