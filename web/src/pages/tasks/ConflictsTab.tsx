import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Clashes, Escalation } from '../../types';
import { decidersLine, refreshTasks } from './model';

/** 冲突与升级: the clashes the manager decides, and the escalations with their decisions. */
export function ConflictsTab({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const tz = useTz();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const canDecide = useCan()('tasks.manage');
  const [decision, setDecision] = useState<Record<string, string>>({});
  const clashes = useQuery({ queryKey: ['tasks', 'clashes'], queryFn: ({ signal }) => api.get<Clashes>('/tasks/clashes', undefined, signal) });
  const escalations = useQuery({ queryKey: ['tasks', 'escalations'], queryFn: ({ signal }) => api.get<Escalation[]>('/task-escalations', undefined, signal) });
  const decide = useMutation({
    mutationFn: (id: string) => api.post(`/task-escalations/${id}/decision`, { decision: decision[id] }),
    onSuccess: () => {
      message.success(t('tasks.decided'));
      return refreshTasks(qc);
    },
    onError: (e) => message.error((e as Error).message),
  });
  const c = clashes.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={clashes.error ?? escalations.error} />
      {c && (
        <Typography.Text>
          {t('tasks.whoDecides')}: {decidersLine(c.deciders)}
        </Typography.Text>
      )}
      <Card size="small" title={t('tasks.postClashes')}>
        <List
          dataSource={c?.posts}
          locale={{ emptyText: <Empty description={t('tasks.noPostClashes')} /> }}
          renderItem={(p) => (
            <List.Item>
              <Space wrap>
                <Tag color="orange">{p.accountName}</Tag>
                {p.posts.map((x) => (
                  <span key={x.postId}>
                    {formatAt(x.dueAt, tz)} {x.title}
                  </span>
                ))}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t('tasks.memberClashes')}>
        <List
          dataSource={c?.members}
          locale={{ emptyText: <Empty description={t('tasks.noMemberClashes')} /> }}
          renderItem={(m) => (
            <List.Item>
              {t('tasks.memberClash', { name: m.name, day: m.day, count: m.count, capacity: m.capacity })}
              {m.requestIds.map((id, i) => (
                <Link key={id} to={`/requests/${id}`} style={{ marginInlineStart: 8 }} data-testid="clash-request">
                  {t('tasks.clashRequest', { n: i + 1 })}
                </Link>
              ))}
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t('tasks.escalations')}>
        <List
          dataSource={escalations.data}
          locale={{ emptyText: <Empty description={t('tasks.noEscalations')} /> }}
          renderItem={(e) => (
            <List.Item
              actions={[
                <Button key="open" type="link" onClick={() => onOpen(e.taskId)}>
                  {e.taskTitle}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={`${e.raisedByName ?? '—'} · ${formatAt(e.raisedAt, tz)}：${e.reason}`}
                description={
                  e.decision ? (
                    `${e.decidedByName ?? '—'} · ${formatAt(e.decidedAt, tz)}：${e.decision}`
                  ) : canDecide ? (
                    <Space.Compact style={{ width: '100%' }}>
                      <Input
                        value={decision[e.id] ?? ''}
                        onChange={(v) => setDecision({ ...decision, [e.id]: v.target.value })}
                        placeholder={t('tasks.decisionHint')}
                        maxLength={1000}
                      />
                      <Button type="primary" disabled={!decision[e.id]?.trim()} onClick={() => decide.mutate(e.id)}>
                        {t('tasks.decide')}
                      </Button>
                    </Space.Compact>
                  ) : (
                    t('tasks.awaitingDecision')
                  )
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
