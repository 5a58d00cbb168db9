import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Empty, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Task, Workload } from '../../types';
import { dayCell, dayTitle, droppedTask, memberCards, refreshTasks, tasksById, workloadMove } from './model';
import { TaskCard } from './TaskCard';

type Row = Workload['members'][number];

/** 工作量: open tasks due per member and day for 14 days, over capacity in red; drop a card on another member to reassign it. */
export function WorkloadTab({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const load = useQuery({ queryKey: ['tasks', 'workload'], queryFn: ({ signal }) => api.get<Workload>('/tasks/workload', undefined, signal) });
  const byId = tasksById(load.data?.tasks);
  const reassign = useMutation({
    mutationFn: ({ id, assigneeId }: { id: string; assigneeId: string }) => api.patch<Task>(`/tasks/${id}`, { assigneeId }),
    onSuccess: (task) => {
      message.success(t('tasks.reassigned', { name: task.assigneeName ?? '' }));
      return refreshTasks(qc);
    },
    onError: (e) => message.error((e as Error).message),
  });
  const drop = (m: Row) => (e: React.DragEvent) => {
    e.preventDefault();
    const wanted = workloadMove(byId, droppedTask(e), m);
    if (wanted) reassign.mutate(wanted);
  };
  const data = load.data;
  return (
    <>
      <ErrorAlert error={load.error} />
      {data && <Typography.Paragraph type="secondary">{t('tasks.capacityNote', { capacity: data.capacity })}</Typography.Paragraph>}
      <Table<Row>
        rowKey="userId"
        size="small"
        loading={load.isFetching}
        dataSource={data?.members}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('tasks.noMembers')} /> }}
        onRow={(m) => ({ onDragOver: (e: React.DragEvent) => e.preventDefault(), onDrop: drop(m), 'data-testid': `workload-row-${m.name}` }) as object}
        columns={[
          {
            title: t('tasks.member'),
            fixed: 'left',
            width: 200,
            render: (_, m) => (
              <div>
                <Typography.Text strong>{m.name}</Typography.Text> {m.overloadedDays > 0 && <Tag color="red">{t('tasks.overloaded')}</Tag>}
                {memberCards(m, byId).map((x) => (
                  <TaskCard key={x.id} task={x} onOpen={onOpen} />
                ))}
              </div>
            ),
          },
          ...(data?.days ?? []).map((day, i) => ({
            title: dayTitle(day),
            width: 56,
            align: 'center' as const,
            render: (_: unknown, m: Row) => {
              const cell = dayCell(m.days[i]);
              return cell ? <Tag color={cell.color}>{cell.count}</Tag> : <Typography.Text type="secondary">·</Typography.Text>;
            },
          })),
        ]}
      />
    </>
  );
}
