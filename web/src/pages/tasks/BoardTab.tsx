import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Col, Empty, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Task, TaskBoard, TaskStatus } from '../../types';
import { boardMove, droppedTask, refreshTasks } from './model';
import { TaskCard } from './TaskCard';

/** 看板: one column per status; drop a card on a column to move it (saved on the server). */
export function BoardTab({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [over, setOver] = useState<TaskStatus | null>(null);
  const board = useQuery({ queryKey: ['tasks', 'board'], queryFn: ({ signal }) => api.get<TaskBoard>('/tasks/board', undefined, signal) });
  const move = useMutation({
    mutationFn: ({ id, status }: { id: string; status: TaskStatus }) => api.patch<Task>(`/tasks/${id}`, { status }),
    onSuccess: (task) => {
      message.success(t('tasks.moved', { status: t(`tasks.status.${task.status}`) }));
      return refreshTasks(qc);
    },
    onError: (e) => message.error((e as Error).message),
  });
  const drop = (status: TaskStatus) => (e: React.DragEvent) => {
    e.preventDefault();
    setOver(null);
    const wanted = boardMove(board.data, droppedTask(e), status);
    if (wanted) move.mutate(wanted);
  };
  return (
    <>
      <ErrorAlert error={board.error} />
      <Row gutter={12} wrap={false} style={{ overflowX: 'auto' }}>
        {(board.data?.columns ?? []).map((col) => (
          <Col key={col.status} flex="1 0 240px">
            <section
              aria-label={t(`tasks.status.${col.status}`)}
              data-testid={`board-column-${col.status}`}
              onDragOver={(e) => {
                e.preventDefault();
                setOver(col.status);
              }}
              onDragLeave={() => setOver(null)}
              onDrop={drop(col.status)}
              style={{
                background: over === col.status ? '#e6f4ff' : '#fafafa',
                borderRadius: 8,
                padding: 8,
                minHeight: 360,
              }}
            >
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t(`tasks.status.${col.status}`)} <Badge count={col.total} showZero color="#8c8c8c" />
              </Typography.Title>
              {col.tasks.length ? (
                col.tasks.map((task) => <TaskCard key={task.id} task={task} onOpen={onOpen} />)
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.columnEmpty')} />
              )}
            </section>
          </Col>
        ))}
      </Row>
    </>
  );
}
