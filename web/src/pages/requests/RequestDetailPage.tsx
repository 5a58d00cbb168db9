import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Input, Modal, Select, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageSpin } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Campaign, Member, Paged, RequestDetail, RequestEvent, RequestStatus } from '../../types';
import { answerText, nextStatuses, STATUS_COLOR, stageKey } from './model';

function EventLine({ e }: { e: RequestEvent }) {
  const { t } = useTranslation();
  const tz = useTz();
  const what = e.kind === 'status' ? `${t(`requests.status.${e.fromStatus}`)} → ${t(`requests.status.${e.toStatus}`)}` : t(`requests.event.${e.kind}`);
  const said = e.kind === 'comment' || (e.kind === 'status' && e.text);
  return (
    <>
      <Typography.Text strong>{what}</Typography.Text>
      <Typography.Text type="secondary">
        {' '}
        · {e.actorName ?? '—'} · {formatAt(e.at, tz)}
      </Typography.Text>
      {said && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.text}</Typography.Paragraph>}
    </>
  );
}

/** One request: its answers, the status buttons for those who work requests, the linked post's stage, the history with comments. */
export default function RequestDetailPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const detail = useQuery({ queryKey: ['requests', 'one', id], queryFn: ({ signal }) => api.get<RequestDetail>(`/requests/${id}`, undefined, signal) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['requests'] });
  const onError = (e: unknown) => message.error(errorText(e, i18n.language));
  const change = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch(`/requests/${id}`, body),
    onSuccess: () => {
      setDeclining(false);
      setReason('');
      refresh();
    },
    onError,
  });
  const make = useMutation({
    mutationFn: (what: 'post' | 'topic' | 'task') => api.post<{ id: string }>(`/requests/${id}/${what}`, {}),
    onSuccess: refresh,
    onError,
  });
  const send = useMutation({
    mutationFn: () => api.post(`/requests/${id}/comments`, { text: comment }),
    onSuccess: () => {
      setComment('');
      refresh();
    },
    onError,
  });
  const worker = can('requests.work');
  const members = useQuery({
    queryKey: ['members', 'all'],
    queryFn: ({ signal }) => api.get<Paged<Member>>('/members', { pageSize: 200 }, signal),
    enabled: worker,
  });
  const campaigns = useQuery({
    queryKey: ['campaigns', 'pick'],
    queryFn: ({ signal }) => api.get<Paged<Campaign>>('/campaigns', { pageSize: 200 }, signal),
    enabled: worker,
  });
  if (detail.isLoading) return <PageSpin />;
  const d = detail.data;
  const r = d?.request;
  const workable = r && (r.status === 'accepted' || r.status === 'in_progress');
  const move = (to: RequestStatus) => (to === 'declined' ? setDeclining(true) : change.mutate({ status: to }));
  return (
    <>
      <PageHeader
        title={r ? `#${r.number} ${r.title}` : t('nav.requests')}
        extra={<Button onClick={() => navigate('/requests')}>{t('requests.back')}</Button>}
      />
      <ErrorAlert error={detail.error} />
      {r && d && (
        <Flex vertical gap={16}>
          <Flex gap={8} wrap align="center">
            <Tag color={STATUS_COLOR[r.status]} data-testid="request-status">
              {t(`requests.status.${r.status}`)}
            </Tag>
            {r.post && (
              <Tag color={r.post.stage === 'published' ? 'green' : 'default'} data-testid="request-post-stage">
                {`${t('requests.post')}：${t(stageKey(r.post))}`}
              </Tag>
            )}
            {worker &&
              nextStatuses(r.status).map((to) => (
                <Button key={to} size="small" data-testid={`request-to-${to}`} loading={change.isPending} onClick={() => move(to)}>
                  {t('requests.move', { status: t(`requests.status.${to}`) })}
                </Button>
              ))}
            {worker && workable && !r.post && can('content.write') && (
              <Button size="small" type="primary" data-testid="request-make-post" loading={make.isPending} onClick={() => make.mutate('post')}>
                {t('requests.toPost')}
              </Button>
            )}
            {worker && workable && !r.topicId && can('content.write') && (
              <Button size="small" data-testid="request-make-topic" loading={make.isPending} onClick={() => make.mutate('topic')}>
                {t('requests.toTopic')}
              </Button>
            )}
            {worker && workable && !r.taskId && can('tasks.work') && (
              <Button size="small" data-testid="request-make-task" loading={make.isPending} onClick={() => make.mutate('task')}>
                {t('requests.toTask')}
              </Button>
            )}
            {worker && r.post && <Link to={`/posts/${r.post.id}`}>{t('requests.openPost')}</Link>}
            {worker && r.taskId && (
              <Link to={`/tasks?tab=list&open=${r.taskId}`} data-testid="request-open-task">
                {t('requests.openTask')}
              </Link>
            )}
          </Flex>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('requests.type')}>{r.typeName}</Descriptions.Item>
            <Descriptions.Item label={t('requests.requester')}>{[r.requesterName, r.departmentName].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('requests.owner')}>
              {worker ? (
                <Select<string>
                  size="small"
                  variant="borderless"
                  style={{ minWidth: 160 }}
                  allowClear
                  placeholder={t('requests.ownersAndManagers')}
                  value={r.ownerId ?? undefined}
                  onChange={(v) => change.mutate({ ownerId: v ?? null })}
                  options={(members.data?.items ?? []).filter((m) => m.role !== 'guest').map((m) => ({ value: m.userId, label: m.name }))}
                />
              ) : (
                (r.ownerName ?? t('requests.ownersAndManagers'))
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.due')}>
              {formatAt(r.dueAt, tz)} {r.overdue && <Tag color="red">{t('requests.overdue')}</Tag>}
            </Descriptions.Item>
            {worker && (
              <Descriptions.Item label={t('campaigns.campaign')} span={2}>
                <Select<string>
                  size="small"
                  variant="borderless"
                  style={{ minWidth: 200 }}
                  allowClear
                  placeholder={t('campaigns.none')}
                  value={r.campaignId ?? undefined}
                  onChange={(v) => change.mutate({ campaignId: v ?? null })}
                  options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                />
              </Descriptions.Item>
            )}
            {r.post && <Descriptions.Item label={t('requests.post')}>{r.post.title}</Descriptions.Item>}
            {r.declineReason && (
              <Descriptions.Item label={t('requests.declineReason')} span={2}>
                {r.declineReason}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Card size="small" title={t('requests.answers')}>
            <Descriptions size="small" column={1}>
              {d.type.fields.map((f) => (
                <Descriptions.Item key={f.key} label={f.label}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{answerText(r.answers[f.key])}</span>
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
          <Card size="small" title={t('requests.history')}>
            <Timeline items={d.events.map((e) => ({ key: e.id, children: <EventLine e={e} /> }))} />
            <Flex gap={8}>
              <Input.TextArea rows={2} value={comment} maxLength={2000} placeholder={t('requests.comment')} onChange={(e) => setComment(e.target.value)} />
              <Button disabled={!comment.trim()} loading={send.isPending} onClick={() => send.mutate()}>
                {t('requests.send')}
              </Button>
            </Flex>
          </Card>
        </Flex>
      )}
      <Modal
        open={declining}
        title={t('requests.move', { status: t('requests.status.declined') })}
        onCancel={() => setDeclining(false)}
        onOk={() => change.mutate({ status: 'declined', declineReason: reason })}
        okButtonProps={{ disabled: !reason.trim(), loading: change.isPending }}
      >
        <Input.TextArea rows={3} value={reason} maxLength={2000} placeholder={t('requests.declineReason')} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
