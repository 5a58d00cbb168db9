import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Flex, Form, InputNumber, Popconfirm, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCan, useTz } from '../../session';
import { formatAt, todayIn } from '../../time';
import type { MetricField, PostMetrics, PutMetricsBody } from '../../types';
import { formatFigure, METRIC_FIELDS } from '../analytics/fields';

type Values = { day: Dayjs } & Partial<Record<MetricField, number | null>>;

/**
 * One publication's daily figures: a form for one day (saving a day again replaces it) and the
 * list. For manual platforms, which have no metrics API. `editable` defaults to the writer
 * permission; pass true for the account's operators (the server checks either way).
 */
export function ManualMetrics({ publicationId, published, editable }: { publicationId: string; published: boolean; editable?: boolean }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const tz = useTz();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const writable = published && (editable ?? can('content.write'));
  const key = ['publication-metrics', publicationId];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<PostMetrics[]>(`/publications/${publicationId}/metrics`, undefined, signal) });
  const refresh = () => qc.invalidateQueries({ queryKey: key });

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: PutMetricsBody = { day: v.day.format('YYYY-MM-DD') };
      for (const f of METRIC_FIELDS) body[f] = v[f] ?? null;
      return api.put<PostMetrics>(`/publications/${publicationId}/metrics`, body);
    },
    onSuccess: (m) => {
      message.success(t('metrics.saved', { day: m.day }));
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (day: string) => api.del(`/publications/${publicationId}/metrics/${day}`),
    onSuccess: () => {
      message.success(t('metrics.deleted'));
      void refresh();
    },
  });
  const edit = (m: PostMetrics) => form.setFieldsValue({ day: dayjs(m.day), ...Object.fromEntries(METRIC_FIELDS.map((f) => [f, m[f]])) });

  return (
    <div data-testid="manual-metrics">
      <Typography.Title level={5}>{t('metrics.title')}</Typography.Title>
      {!published && <Alert type="info" showIcon title={t('metrics.notPublished')} style={{ marginBottom: 12 }} />}
      {writable && (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('metrics.hint')}
          </Typography.Paragraph>
          <ErrorAlert error={save.error ?? remove.error} />
          <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ day: dayjs(todayIn(tz)).subtract(1, 'day') }}>
            <Flex wrap gap={8} align="flex-end">
              <Form.Item name="day" label={t('metrics.day')} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs().add(1, 'day'), 'day')} data-testid="metrics-day" />
              </Form.Item>
              {METRIC_FIELDS.map((f) => (
                <Form.Item key={f} name={f} label={t(`metrics.${f}`)} style={{ marginBottom: 8, width: 112 }}>
                  <InputNumber min={f === 'followersGained' ? undefined : 0} precision={0} style={{ width: '100%' }} data-testid={`metrics-${f}`} />
                </Form.Item>
              ))}
              <Form.Item style={{ marginBottom: 8 }} tooltip={t('metrics.replaceNote')}>
                <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="metrics-save">
                  {t('metrics.save')}
                </Button>
              </Form.Item>
            </Flex>
          </Form>
        </>
      )}
      <ErrorAlert error={q.error} />
      <Table<PostMetrics>
        size="small"
        rowKey="day"
        loading={q.isPending}
        dataSource={q.data ?? []}
        pagination={(q.data?.length ?? 0) > 30 ? { pageSize: 30 } : false}
        locale={{ emptyText: t('metrics.empty') }}
        scroll={{ x: 760 }}
        data-testid="metrics-table"
        columns={[
          { title: t('metrics.day'), dataIndex: 'day', width: 108, fixed: 'left' },
          ...METRIC_FIELDS.map((f) => ({
            title: t(`metrics.${f}`),
            key: f,
            align: 'right' as const,
            // A synced day leaves a figure empty only where the platform's API does not give it.
            render: (_: unknown, m: PostMetrics) =>
              m[f] === null && m.source === 'sync' ? (
                <Tag data-testid="metrics-import-needed">{t('metrics.importNeeded')}</Tag>
              ) : (
                formatFigure(m[f], i18n.language)
              ),
          })),
          {
            title: t('metrics.source'),
            key: 'source',
            render: (_, m) => (
              <Tag
                color={m.source === 'typed' ? 'blue' : m.source === 'import' ? 'purple' : 'green'}
                title={`${m.updatedBy ?? ''} ${formatAt(m.updatedAt, tz)}`}
              >
                {t(`metrics.source.${m.source}`)}
              </Tag>
            ),
          },
          ...(writable
            ? [
                {
                  key: 'actions',
                  width: 80,
                  render: (_: unknown, m: PostMetrics) => (
                    <Flex gap={4}>
                      <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('metrics.edit')} onClick={() => edit(m)} />
                      <Popconfirm title={t('metrics.deleteConfirm', { day: m.day })} onConfirm={() => remove.mutate(m.day)}>
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('metrics.delete')} />
                      </Popconfirm>
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
