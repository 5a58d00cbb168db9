import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Flex, Input, Modal, Select, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { FeedbackDetail, FeedbackEvent, FeedbackItem, FeedbackPriority } from '../../types';
import { useDepartments } from './lookups';
import { FEEDBACK_PRIORITIES, type FeedbackStatus, needsNote, nextStatuses } from './model';

function EventLine({ e }: { e: FeedbackEvent }) {
  const { t } = useTranslation();
  const tz = useTz();
  const what =
    e.kind === 'status'
      ? `${t(`feedback.status.${e.fromStatus}`)} → ${t(`feedback.status.${e.toStatus}`)}`
      : e.kind === 'routed'
        ? `${t('feedback.event.routed')} ${e.departmentName ?? t('feedback.unrouted')}`
        : e.kind === 'priority'
          ? `${t('feedback.event.priority')} ${t(`inbox.priority.${e.text}`)}`
          : t(`feedback.event.${e.kind}`);
  return (
    <>
      <Typography.Text strong>{what}</Typography.Text>
      <Typography.Text type="secondary">
        {' '}
        · {e.actorName ?? '—'} · {formatAt(e.at, tz)}
      </Typography.Text>
      {e.text && e.kind !== 'priority' && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.text}</Typography.Paragraph>}
    </>
  );
}

/** One feedback item: the copied message, the status buttons (resolving asks for the note), department, priority, history and comments. */
export function FeedbackDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const staff = useCan()('inbox.work');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const departments = useDepartments();
  const [closing, setClosing] = useState<FeedbackStatus | null>(null);
  const [note, setNote] = useState('');
  const [comment, setComment] = useState('');
  const detail = useQuery({
    queryKey: ['feedback', 'one', id],
    queryFn: ({ signal }) => api.get<FeedbackDetail>(`/feedback/${id}`, undefined, signal),
    enabled: !!id,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['feedback'] });
  const onError = (e: unknown) => message.error(errorText(e, i18n.language));
  const change = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<FeedbackItem>(`/feedback/${id}`, body),
    onSuccess: () => {
      setClosing(null);
      setNote('');
      refresh();
    },
    onError,
  });
  const send = useMutation({
    mutationFn: () => api.post(`/feedback/${id}/comments`, { text: comment }),
    onSuccess: () => {
      setComment('');
      refresh();
    },
    onError,
  });
  const f = detail.data?.item;
  const move = (to: FeedbackStatus) => (needsNote(to) ? setClosing(to) : change.mutate({ status: to }));
  return (
    <Drawer open={!!id} onClose={onClose} width={640} title={f ? `#${f.number} ${f.title}` : ''} destroyOnHidden>
      <ErrorAlert error={detail.error} />
      {f && (
        <Flex vertical gap={16}>
          <Flex gap={8} wrap data-testid="feedback-status-buttons">
            <Tag color="blue">{t(`feedback.status.${f.status}`)}</Tag>
            {nextStatuses(f.status).map((to) => (
              <Button key={to} size="small" data-testid={`feedback-to-${to}`} loading={change.isPending} onClick={() => move(to)}>
                {t('feedback.move', { status: t(`feedback.status.${to}`) })}
              </Button>
            ))}
          </Flex>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('feedback.type')}>{t(`feedback.type.${f.type}`)}</Descriptions.Item>
            <Descriptions.Item label={t('feedback.area')}>{f.area}</Descriptions.Item>
            <Descriptions.Item label={t('feedback.priority')}>
              <Select<FeedbackPriority>
                size="small"
                variant="borderless"
                value={f.priority}
                onChange={(priority) => change.mutate({ priority })}
                options={FEEDBACK_PRIORITIES.map((v) => ({ value: v, label: t(`inbox.priority.${v}`) }))}
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('feedback.department')}>
              {staff ? (
                <Select<string>
                  size="small"
                  variant="borderless"
                  style={{ minWidth: 140 }}
                  value={f.departmentId ?? 'none'}
                  onChange={(d) => change.mutate({ departmentId: d === 'none' ? null : d })}
                  options={[{ value: 'none', label: t('feedback.unrouted') }, ...(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))]}
                />
              ) : (
                (f.departmentName ?? t('feedback.unrouted'))
              )}
            </Descriptions.Item>
            {f.resolution && (
              <Descriptions.Item label={t('feedback.resolution')} span={2}>
                {f.resolution}
              </Descriptions.Item>
            )}
          </Descriptions>
          {f.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{f.description}</Typography.Paragraph>}
          <div>
            <Typography.Title level={5}>{t('feedback.source')}</Typography.Title>
            {f.sourceText ? (
              <>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="feedback-source-text">
                  {f.sourceText}
                </Typography.Paragraph>
                <Typography.Text type="secondary">
                  {[f.sourceAccountName, f.sourceAuthorName, f.sourceAt && formatAt(f.sourceAt, tz)].filter(Boolean).join(' · ')}
                </Typography.Text>
              </>
            ) : (
              <Typography.Text type="secondary">{t('feedback.noSource')}</Typography.Text>
            )}
          </div>
          <div>
            <Typography.Title level={5}>{t('feedback.history')}</Typography.Title>
            <Timeline items={detail.data?.events.map((e) => ({ key: e.id, children: <EventLine e={e} /> }))} />
            <Flex gap={8}>
              <Input.TextArea rows={2} value={comment} maxLength={2000} placeholder={t('feedback.comment')} onChange={(e) => setComment(e.target.value)} />
              <Button disabled={!comment.trim()} loading={send.isPending} onClick={() => send.mutate()}>
                {t('feedback.send')}
              </Button>
            </Flex>
          </div>
        </Flex>
      )}
      <Modal
        open={!!closing}
        title={closing ? t('feedback.move', { status: t(`feedback.status.${closing}`) }) : ''}
        onCancel={() => setClosing(null)}
        onOk={() => change.mutate({ status: closing, resolution: note })}
        okButtonProps={{ disabled: !note.trim(), loading: change.isPending }}
      >
        <Typography.Paragraph type="secondary">{t('feedback.resolutionHint')}</Typography.Paragraph>
        <Input.TextArea
          rows={4}
          value={note}
          maxLength={5000}
          data-testid="feedback-resolution"
          placeholder={t('feedback.resolution')}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </Drawer>
  );
}
