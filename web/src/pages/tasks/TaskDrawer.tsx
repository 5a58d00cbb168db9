import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { memberOptions, useMembers } from '../../components/lookups';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { Task, TaskDetail } from '../../types';
import { assignable, linkPath, PRIORITIES, refreshTasks, STATUSES } from './model';
import { TaskForm } from './TaskForm';

/** One task: status, assignee, priority; subtasks; comments with @mentions; escalate to the manager. */
export function TaskDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const tz = useTz();
  const members = useMembers();
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [sub, setSub] = useState(false);
  const detail = useQuery({
    queryKey: ['tasks', 'detail', id],
    queryFn: ({ signal }) => api.get<TaskDetail>(`/tasks/${id}`, undefined, signal),
    enabled: !!id,
  });
  const done = (msg: string) => () => {
    message.success(msg);
    return refreshTasks(qc);
  };
  const onError = (e: Error) => message.error(e.message);
  const update = useMutation({ mutationFn: (b: Partial<Task>) => api.patch<Task>(`/tasks/${id}`, b), onSuccess: done(t('common.saved')), onError });
  const addComment = useMutation({
    mutationFn: () => api.post(`/tasks/${id}/comments`, { body: comment }),
    onSuccess: () => {
      setComment('');
      return done(t('tasks.commented'))();
    },
    onError,
  });
  const escalate = useMutation({
    mutationFn: () => api.post(`/tasks/${id}/escalations`, { reason }),
    onSuccess: () => {
      setReason('');
      return done(t('tasks.escalated'))();
    },
    onError,
  });
  const d = detail.data;
  return (
    <Drawer open={!!id} onClose={onClose} width={560} title={d ? `#${d.task.number} ${d.task.title}` : t('tasks.task')}>
      <ErrorAlert error={detail.error} />
      {d && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('tasks.status')}>
              <Select
                value={d.task.status}
                style={{ width: 160 }}
                onChange={(status) => update.mutate({ status })}
                options={STATUSES.map((s) => ({ value: s, label: t(`tasks.status.${s}`) }))}
                data-testid="task-status"
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('tasks.assignee')}>
              <Select
                allowClear
                value={d.task.assigneeId ?? undefined}
                style={{ width: 200 }}
                onChange={(assigneeId) => update.mutate({ assigneeId: assigneeId ?? null })}
                options={memberOptions(assignable(members.data))}
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('tasks.priority')}>
              <Select
                value={d.task.priority}
                style={{ width: 160 }}
                onChange={(priority) => update.mutate({ priority })}
                options={PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priority.${p}`) }))}
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('tasks.due')}>{d.task.dueAt ? formatAt(d.task.dueAt, tz) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('tasks.links')}>
              {d.task.links.length
                ? d.task.links.map((l) => {
                    const to = linkPath(l);
                    return <Tag key={`${l.kind}${l.id}`}>{to ? <Link to={to}>{t(`tasks.link.${l.kind}`)}</Link> : t(`tasks.link.${l.kind}`)}</Tag>;
                  })
                : '—'}
            </Descriptions.Item>
          </Descriptions>
          {d.task.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.task.description}</Typography.Paragraph>}
          {!d.task.parentId && (
            <div>
              <Typography.Title level={5}>{t('tasks.subtasks')}</Typography.Title>
              <List
                size="small"
                dataSource={d.subtasks}
                locale={{ emptyText: t('tasks.noSubtasks') }}
                renderItem={(s) => <List.Item>{`#${s.number} ${s.title} · ${t(`tasks.status.${s.status}`)}`}</List.Item>}
              />
              <Button size="small" onClick={() => setSub(true)}>
                {t('tasks.newSubtask')}
              </Button>
              <TaskForm open={sub} parentId={d.task.id} onClose={() => setSub(false)} />
            </div>
          )}
          <div>
            <Typography.Title level={5}>{t('tasks.comments')}</Typography.Title>
            <List
              size="small"
              dataSource={d.comments}
              locale={{ emptyText: t('tasks.noComments') }}
              renderItem={(c) => (
                <List.Item>
                  <List.Item.Meta
                    title={`${c.authorName ?? '—'} · ${formatAt(c.at, tz)}`}
                    description={<span style={{ whiteSpace: 'pre-wrap' }}>{c.body}</span>}
                  />
                </List.Item>
              )}
            />
            <Space.Compact style={{ width: '100%', marginTop: 8 }}>
              <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('tasks.commentHint')} autoSize maxLength={2000} />
              <Button type="primary" disabled={!comment.trim()} loading={addComment.isPending} onClick={() => addComment.mutate()}>
                {t('tasks.send')}
              </Button>
            </Space.Compact>
          </div>
          <div>
            <Typography.Title level={5}>{t('tasks.escalations')}</Typography.Title>
            <List
              size="small"
              dataSource={d.escalations}
              locale={{ emptyText: t('tasks.noEscalations') }}
              renderItem={(e) => (
                <List.Item>
                  <List.Item.Meta
                    title={`${e.raisedByName ?? '—'} · ${formatAt(e.raisedAt, tz)}：${e.reason}`}
                    description={e.decision ? `${e.decidedByName ?? '—'}：${e.decision}` : t('tasks.awaitingDecision')}
                  />
                </List.Item>
              )}
            />
            <Space.Compact style={{ width: '100%', marginTop: 8 }}>
              <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('tasks.escalateHint')} maxLength={1000} />
              <Button disabled={!reason.trim()} loading={escalate.isPending} onClick={() => escalate.mutate()}>
                {t('tasks.escalate')}
              </Button>
            </Space.Compact>
          </div>
        </Space>
      )}
    </Drawer>
  );
}
