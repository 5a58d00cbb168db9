import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Form, InputNumber, message, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FORMATS } from '../../../../contract/goals';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../session';
import type { AnalyticsSettings, Anomaly, CadenceRow, IndexRanking, IndexRow } from '../../types';

const parts = (r: IndexRow) =>
  Object.entries(r.parts)
    .map(([k, v]) => `${k} ${Math.round(v * 100) / 100}`)
    .join(' · ');

function Ranking({ rows }: { rows: IndexRow[] }) {
  const { t } = useTranslation();
  return (
    <Table<IndexRow>
      size="small"
      rowKey="accountId"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('indices.rank'), dataIndex: 'rank', width: 70 },
        { title: t('indices.account'), dataIndex: 'accountName' },
        { title: t('indices.value'), dataIndex: 'value', width: 110, render: (v: number) => <b data-testid="index-value">{v}</b> },
        { title: t('indices.posts'), dataIndex: 'posts', width: 90 },
        { title: t('indices.parts'), render: (_, r) => <Typography.Text type="secondary">{parts(r)}</Typography.Text> },
      ]}
    />
  );
}

function Weights({ settings }: { settings: AnalyticsSettings }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Partial<AnalyticsSettings>) => api.patch<AnalyticsSettings>('/analytics/settings', v),
    onSuccess: () => {
      message.success(t('indices.saved'));
      qc.invalidateQueries({ queryKey: ['analytics-settings'] });
      qc.invalidateQueries({ queryKey: ['indices'] });
    },
  });
  const group = (name: 'wci' | 'bci') => (
    <Flex wrap gap={8}>
      {Object.keys(settings[name]).map((k) => (
        <Form.Item
          key={k}
          name={[name, k]}
          label={t(`weight.${name}.${k}`, { defaultValue: k })}
          tooltip={t('indices.defaults', { v: (settings.defaults[name] as Record<string, number>)[k] })}
          style={{ marginBottom: 8 }}
        >
          <InputNumber min={0} max={10} step={0.01} disabled={!can('workspace.manage')} style={{ width: 90 }} />
        </Form.Item>
      ))}
    </Flex>
  );
  return (
    <Card size="small" title={t('indices.weights')}>
      <ErrorAlert error={save.error} style={{ marginBottom: 8 }} />
      <Form layout="vertical" initialValues={settings} onFinish={(v) => save.mutate(v)}>
        <Typography.Text strong>WCI</Typography.Text>
        {group('wci')}
        <Typography.Text strong>BCI</Typography.Text>
        {group('bci')}
        <Form.Item name="anomalyK" label={t('anomaly.k')}>
          <InputNumber min={1} max={10} step={0.5} disabled={!can('workspace.manage')} data-testid="anomaly-k" />
        </Form.Item>
        {can('workspace.manage') && (
          <Button htmlType="submit" type="primary" loading={save.isPending} data-testid="weights-save">
            {t('indices.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

const counts = (c: Record<string, number> | null) =>
  c
    ? FORMATS.filter((f) => c[f])
        .map((f) => `${f} ${c[f]}`)
        .join(' · ') || '0'
    : '—';

function PlanModal({ row, onClose }: { row: CadenceRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { perWeek: Record<string, number>; quietDays: number }) => api.put(`/accounts/${row?.accountId}/cadence`, v),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['cadence'] });
      onClose();
    },
  });
  const [form] = Form.useForm();
  return (
    <Modal
      open={!!row}
      title={`${t('cadence.edit')} · ${row?.accountName ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} style={{ marginBottom: 8 }} />
      <Form form={form} layout="vertical" initialValues={{ perWeek: row?.planned ?? {}, quietDays: row?.quietDays ?? 7 }} onFinish={(v) => save.mutate(v)}>
        <Flex gap={8}>
          {FORMATS.map((f) => (
            <Form.Item key={f} name={['perWeek', f]} label={t(`cadence.format.${f}`)}>
              <InputNumber min={0} max={100} />
            </Form.Item>
          ))}
        </Flex>
        <Form.Item name="quietDays" label={t('cadence.quietDays')}>
          <InputNumber min={1} max={90} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** WCI/BCI rankings with their weights, the anomaly threshold, current anomalies and each account's cadence. */
export default function IndicesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [days, setDays] = useState('7');
  const [editing, setEditing] = useState<CadenceRow | null>(null);
  const ranking = useQuery({ queryKey: ['indices', days], queryFn: ({ signal }) => api.get<IndexRanking>('/analytics/indices', { days }, signal) });
  const settings = useQuery({
    queryKey: ['analytics-settings'],
    queryFn: ({ signal }) => api.get<AnalyticsSettings>('/analytics/settings', undefined, signal),
  });
  const cadence = useQuery({ queryKey: ['cadence'], queryFn: ({ signal }) => api.get<CadenceRow[]>('/cadence', undefined, signal) });
  const anomalies = useQuery({ queryKey: ['anomalies'], queryFn: ({ signal }) => api.get<Anomaly[]>('/analytics/anomalies', undefined, signal) });
  return (
    <>
      <PageHeader
        title={t('indices.title')}
        sub={t('indices.sub')}
        extra={<Segmented value={days} onChange={(v) => setDays(String(v))} options={['7', '30', '365'].map((d) => ({ value: d, label: `${d}d` }))} />}
      />
      <ErrorAlert error={ranking.error ?? settings.error ?? cadence.error} style={{ marginBottom: 12 }} />
      <Flex vertical gap={12}>
        <Card size="small" title={`WCI · ${ranking.data?.start ?? ''} – ${ranking.data?.end ?? ''}`}>
          <Ranking rows={ranking.data?.wci ?? []} />
        </Card>
        <Card size="small" title="BCI">
          <Ranking rows={ranking.data?.bci ?? []} />
        </Card>
        {settings.data && <Weights settings={settings.data} />}
        <Card size="small" title={t('anomaly.title')}>
          <Table<Anomaly>
            size="small"
            rowKey={(r) => `${r.accountId}-${r.metric}`}
            pagination={false}
            dataSource={anomalies.data ?? []}
            columns={[
              { title: t('indices.account'), dataIndex: 'accountName' },
              { title: t('anomaly.metric'), dataIndex: 'metric', render: (m: string) => t(`metric.${m}`, { defaultValue: m }) },
              { title: '', dataIndex: 'direction', render: (d: 'spike' | 'drop') => <Tag color={d === 'spike' ? 'orange' : 'red'}>{t(`anomaly.${d}`)}</Tag> },
              { title: t('anomaly.day'), dataIndex: 'day' },
              { title: t('anomaly.numbers'), render: (_, r) => `${r.value} / ${r.mean} / ${r.sigma} / ${r.k}` },
            ]}
          />
        </Card>
        <Card size="small" title={t('cadence.title')}>
          <Table<CadenceRow>
            size="small"
            rowKey="accountId"
            pagination={false}
            dataSource={cadence.data ?? []}
            columns={[
              { title: t('indices.account'), dataIndex: 'accountName' },
              { title: t('cadence.planned'), render: (_, r) => counts(r.planned) },
              { title: t('cadence.thisWeek'), render: (_, r) => counts(r.thisWeek) },
              { title: t('cadence.lastWeek'), render: (_, r) => counts(r.lastWeek) },
              { title: t('cadence.last'), render: (_, r) => r.lastPublishedAt?.slice(0, 10) ?? '—' },
              {
                title: '',
                render: (_, r) => (
                  <Space>
                    {r.flags.map((f) => (
                      <Tag key={f} color="red">
                        {t(`cadence.flag.${f}`)}
                      </Tag>
                    ))}
                    {can('accounts.manage') && (
                      <Button size="small" onClick={() => setEditing(r)}>
                        {t('cadence.edit')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </Flex>
      <PlanModal row={editing} onClose={() => setEditing(null)} />
    </>
  );
}
