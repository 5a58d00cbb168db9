import { RedoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Empty, Popconfirm, Table, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, localMessage } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loadable } from '../../components/Loading';
import { StateTag } from '../../components/Tags';
import { RETRYABLE_STATES } from '../../enums';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Attempt, Publication, PublicationDetail } from '../../types';
import { ManualMetrics } from './ManualMetrics';
import { ManualPanel } from './ManualPanel';
import { ResolveActions } from './ResolveActions';

export function useRetry() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (id: string) => api.post<Publication>(`/publications/${id}/retry`),
    onSuccess: () => {
      message.success(t('publications.retried'));
      for (const key of ['publications', 'publication', 'calendar', 'post']) void qc.invalidateQueries({ queryKey: [key] });
    },
  });
}

export function canRetry(p: Pick<Publication, 'state'>): boolean {
  return RETRYABLE_STATES.includes(p.state);
}

export function PublicationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const retry = useRetry();
  const q = useQuery({
    queryKey: ['publication', id],
    queryFn: ({ signal }) => api.get<PublicationDetail>(`/publications/${id}`, undefined, signal),
    enabled: !!id,
    refetchInterval: (query) => (['scheduled', 'dispatching', 'submitted', 'awaiting_manual'].includes(query.state.data?.state ?? '') ? 5000 : false),
  });
  const p = q.data;
  // A state the drawer's refresh saw change (a hand-off post found and linked) shows in the list and the calendar too.
  const qc = useQueryClient();
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (seen.current && p?.state && seen.current !== p.state) for (const key of ['publications', 'calendar']) void qc.invalidateQueries({ queryKey: [key] });
    seen.current = p?.state ?? null;
  }, [p?.state, qc]);
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={760}
      title={t('publications.detail')}
      extra={
        p &&
        canRetry(p) &&
        can('publishing.control') && (
          <Popconfirm title={t('publications.retryConfirm')} onConfirm={() => retry.mutate(p.id)}>
            <Button type="primary" icon={<RedoOutlined />} loading={retry.isPending} data-testid="publication-retry">
              {t('publications.retry')}
            </Button>
          </Popconfirm>
        )
      }
    >
      <ErrorAlert error={retry.error} />
      <Loadable query={q}>
        {(d) => (
          <>
            {d.stateReason && (
              <Alert
                type={d.state === 'published' ? 'success' : 'warning'}
                showIcon
                title={t('publications.reason')}
                description={localMessage(d.stateReason, i18n.language)}
                style={{ marginBottom: 16 }}
                data-testid="publication-reason"
              />
            )}
            {d.state === 'needs_attention' && can('publishing.control') && <ResolveActions id={d.id} />}
            {d.state === 'awaiting_manual' && <ManualPanel id={d.id} />}
            <Descriptions column={2} size="small" bordered style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('publications.post')} span={2}>
                <Link to={`/posts/${d.postId}`}>{d.postTitle}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('publications.account')}>{d.accountName}</Descriptions.Item>
              <Descriptions.Item label={t('publications.state')}>
                <StateTag state={d.state} />
              </Descriptions.Item>
              <Descriptions.Item label={t('publications.due')}>{formatAt(d.dueAt, tz)}</Descriptions.Item>
              <Descriptions.Item label={t('delivery.label')}>
                <span data-testid="publication-delivery">
                  {d.delivery.mode === 'publish' ? t('delivery.publish') : d.delivery.tagId ? t('delivery.massToTag', { tag: d.delivery.tagId }) : t('delivery.massToAll')}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('publications.attempts')}>{d.attemptCount}</Descriptions.Item>
              <Descriptions.Item label={t('publications.submitted')}>{formatAt(d.submittedAt, tz)}</Descriptions.Item>
              <Descriptions.Item label={t('publications.published')}>{formatAt(d.publishedAt, tz)}</Descriptions.Item>
              <Descriptions.Item label={t('publications.lastError')}>{d.lastErrorCode ? <Tag color="red">{d.lastErrorCode}</Tag> : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('publications.article')}>
                {d.articleUrl ? (
                  <Typography.Link href={d.articleUrl} target="_blank" rel="noreferrer">
                    {t('publications.viewArticle')}
                  </Typography.Link>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
            </Descriptions>
            {/* Figures the platform's API does not give (manual platforms; likes and 在看 on WeChat), typed in per day. */}
            {d.state === 'published' && <ManualMetrics publicationId={d.id} published />}
            <Typography.Title level={5}>{t('publications.attemptLog')}</Typography.Title>
            <Table<Attempt & { key: number }>
              size="small"
              dataSource={d.attempts.map((a, key) => ({ ...a, key }))}
              pagination={d.attempts.length > 20 ? { pageSize: 20 } : false}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('publications.noAttempts')} /> }}
              scroll={{ x: 680 }}
              columns={[
                { title: t('publications.at'), width: 150, render: (_, a) => formatAt(a.at, tz, 'MM-DD HH:mm:ss') },
                { title: t('publications.step'), dataIndex: 'step', width: 110 },
                {
                  title: t('publications.outcome'),
                  width: 110,
                  render: (_, a) => (
                    <Tag color={/ok|success|published/i.test(a.outcome) ? 'green' : /fail|error|reject/i.test(a.outcome) ? 'red' : 'default'}>{a.outcome}</Tag>
                  ),
                },
                { title: t('publications.errorCode'), width: 110, render: (_, a) => a.errorCode ?? '—' },
                {
                  title: t('publications.message'),
                  render: (_, a) => <span style={{ wordBreak: 'break-word' }}>{a.message ? localMessage(a.message, i18n.language) : '—'}</span>,
                },
                { title: t('publications.duration'), width: 90, align: 'right', render: (_, a) => `${a.durationMs} ms` },
              ]}
            />
          </>
        )}
      </Loadable>
    </Drawer>
  );
}
