import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Input, List, Popconfirm, Progress, Segmented, Table, Tag, Typography, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { API_BASE, api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../session';
import type { Report, ReportFinding, ReportSummary } from '../../types';

const STATUS_COLOR = { queued: 'default', building: 'processing', ready: 'green', failed: 'red' } as const;
const pct = (v: number | null) => (v == null ? '—' : `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)}%`);

/** 报告: generate with a progress bar, the history, and one report's KPIs, findings, files and sending. */
export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const can = useCan();
  const qc = useQueryClient();
  const nav = useNavigate();
  const { id } = useParams();
  const [period, setPeriod] = useState<'week' | 'month'>('week');
  const [date, setDate] = useState<Dayjs | null>(null);
  const list = useQuery({ queryKey: ['reports'], queryFn: () => api.get<{ items: ReportSummary[] }>('/reports', { pageSize: 50 }) });
  const create = useMutation({
    mutationFn: () => api.post<Report>('/reports', { period, ...(date ? { date: date.format('YYYY-MM-DD') } : {}) }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['reports'] });
      nav(`/reports/${r.id}`);
    },
  });
  return (
    <>
      <PageHeader title={t('reports.title')} sub={t('reports.sub')} />
      {can('reports.manage') && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Flex gap={12} wrap align="center">
            <Segmented
              value={period}
              onChange={(v) => setPeriod(v as 'week' | 'month')}
              options={[
                { value: 'week', label: t('reports.week') },
                { value: 'month', label: t('reports.month') },
              ]}
            />
            <DatePicker value={date} onChange={setDate} placeholder={t('reports.date')} style={{ width: 280 }} data-testid="report-date" />
            <Button type="primary" loading={create.isPending} onClick={() => create.mutate()} data-testid="report-generate">
              {t('reports.generate')}
            </Button>
          </Flex>
          <ErrorAlert error={create.error} />
        </Card>
      )}
      <Flex gap={16} align="start" wrap>
        <Card size="small" title={t('reports.history')} style={{ width: 340 }}>
          <List
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('reports.empty') }}
            renderItem={(r) => (
              <List.Item
                onClick={() => nav(`/reports/${r.id}`)}
                style={{ cursor: 'pointer', background: r.id === id ? '#f0f5ff' : undefined }}
                data-testid="report-item"
              >
                <Flex vertical gap={2}>
                  <Typography.Text>{zh ? r.title.zh : r.title.en}</Typography.Text>
                  <Flex gap={4}>
                    <Tag color={STATUS_COLOR[r.status]}>{t(`reports.status.${r.status}`)}</Tag>
                    {r.scheduled && <Tag>{t('reports.scheduled')}</Tag>}
                    {r.sentAt && <Tag color="blue">{t('reports.sent')}</Tag>}
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
        {id && <ReportView key={id} id={id} />}
      </Flex>
    </>
  );
}

function ReportView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const can = useCan();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['report', id],
    queryFn: () => api.get<Report>(`/reports/${id}`),
    // Polled while it is built: the progress bar moves, then the figures appear.
    refetchInterval: (query) => (query.state.data && ['ready', 'failed'].includes(query.state.data.status) ? false : 700),
  });
  const r = q.data;
  useEffect(() => {
    if (r?.status === 'ready') void qc.invalidateQueries({ queryKey: ['reports'] });
  }, [r?.status, qc]);
  const [editing, setEditing] = useState<ReportFinding[] | null>(null);
  const save = useMutation({
    mutationFn: (findings: ReportFinding[]) => api.put<Report>(`/reports/${id}/findings`, { findings }),
    onSuccess: (x) => {
      qc.setQueryData(['report', id], x);
      setEditing(null);
    },
  });
  const send = useMutation({
    mutationFn: () => api.post<Report>(`/reports/${id}/send`),
    onSuccess: (x) => {
      qc.setQueryData(['report', id], x);
      void qc.invalidateQueries({ queryKey: ['reports'] });
      void message.success(t('reports.sentOk'));
    },
  });
  if (!r) return <ErrorAlert error={q.error} />;
  const d = r.data;
  return (
    <Card style={{ flex: 1, minWidth: 480 }} title={zh ? r.title.zh : r.title.en} data-testid="report-view">
      {r.status !== 'ready' && <Progress percent={r.progress} status={r.status === 'failed' ? 'exception' : 'active'} data-testid="report-progress" />}
      {r.error && <Typography.Text type="danger">{r.error}</Typography.Text>}
      {d && (
        <>
          <Flex gap={8} style={{ marginBottom: 12 }}>
            <Button icon={<DownloadOutlined />} href={`${API_BASE}/reports/${id}/files/pdf`} data-testid="report-pdf">
              {t('reports.pdf')}
            </Button>
            <Button icon={<DownloadOutlined />} href={`${API_BASE}/reports/${id}/files/xlsx`} data-testid="report-xlsx">
              {t('reports.xlsx')}
            </Button>
            {can('reports.manage') && (
              <Popconfirm title={t('reports.sendConfirm')} onConfirm={() => send.mutate()}>
                <Button type="primary" loading={send.isPending} data-testid="report-send">
                  {t('reports.send')}
                </Button>
              </Popconfirm>
            )}
            {r.sentAt && <Tag color="blue">{t('reports.sent')}</Tag>}
          </Flex>
          <Typography.Title level={5}>{t('reports.kpi')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={d.kpis}
            data-testid="report-kpis"
            columns={[
              { title: t('reports.metric'), dataIndex: 'key', render: (k: string) => t(`kpi.${k}`) },
              { title: t('reports.current'), align: 'right', render: (_, k) => show(k.key, k.current, t('reports.notConnected')) },
              { title: t('reports.previous'), align: 'right', render: (_, k) => show(k.key, k.previous, '—') },
              { title: t('reports.mom'), align: 'right', render: (_, k) => pct(k.mom) },
              { title: t('reports.lastYear'), align: 'right', render: (_, k) => show(k.key, k.lastYear, '—') },
              { title: t('reports.yoy'), align: 'right', render: (_, k) => pct(k.yoy) },
            ]}
          />
          <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
            <Typography.Title level={5}>{t('reports.findings')}</Typography.Title>
            {can('reports.manage') && !editing && (
              <Button size="small" onClick={() => setEditing(r.findings)} data-testid="findings-edit">
                {t('reports.editFindings')}
              </Button>
            )}
          </Flex>
          {editing ? (
            <Flex vertical gap={8}>
              {editing.map((f, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id; the list is edited in place
                <Flex key={i} gap={8}>
                  <Input.TextArea
                    autoSize
                    value={f.zh}
                    onChange={(e) => setEditing(editing.map((x, j) => (j === i ? { ...x, zh: e.target.value } : x)))}
                    data-testid="finding-zh"
                  />
                  <Input.TextArea autoSize value={f.en} onChange={(e) => setEditing(editing.map((x, j) => (j === i ? { ...x, en: e.target.value } : x)))} />
                  <Button danger size="small" onClick={() => setEditing(editing.filter((_, j) => j !== i))}>
                    ×
                  </Button>
                </Flex>
              ))}
              <Flex gap={8}>
                <Button size="small" onClick={() => setEditing([...editing, { zh: '', en: '' }])}>
                  {t('reports.addFinding')}
                </Button>
                <Button size="small" type="primary" loading={save.isPending} onClick={() => save.mutate(editing)} data-testid="findings-save">
                  {t('reports.saveFindings')}
                </Button>
              </Flex>
              <ErrorAlert error={save.error} />
            </Flex>
          ) : (
            <ul data-testid="report-findings">
              {r.findings.map((f, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id
                <li key={i}>{zh ? f.zh : f.en}</li>
              ))}
            </ul>
          )}
          <Typography.Title level={5}>{t('reports.topPosts')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="publicationId"
            dataSource={d.topPosts}
            columns={[
              { title: t('metrics.views'), dataIndex: 'views', align: 'right', render: (v: number | null) => show('views', v, '—') },
              { title: t('reports.postTitle'), dataIndex: 'title' },
              { title: t('reports.account'), dataIndex: 'accountName' },
              { title: t('kpi.conversions'), dataIndex: 'conversions', align: 'right', render: (v: number | null) => show('views', v, '—') },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function show(key: string, v: number | null, none: string) {
  if (v == null) return key === 'conversions' ? none : '—';
  if (key === 'engagementRate') return `${(v * 100).toFixed(2)}%`;
  return Math.round(v).toLocaleString('en-US');
}
