import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTz } from '../../session';
import type { Task } from '../../types';
import { dragStart, dueShown, PRIORITY_COLOR } from './model';

/** A task on the board or the workload view: draggable, opens the task on click or Enter. */
export function TaskCard({ task, onOpen }: { task: Task; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const tz = useTz();
  const due = dueShown(task, tz, 'MM-DD HH:mm');
  return (
    <Card
      size="small"
      draggable
      onDragStart={dragStart(task)}
      onClick={() => onOpen(task.id)}
      onKeyDown={(e) => e.key === 'Enter' && onOpen(task.id)}
      tabIndex={0}
      style={{ cursor: 'grab', marginBottom: 8 }}
      data-testid={`task-card-${task.number}`}
    >
      <Typography.Text strong>
        #{task.number} {task.title}
      </Typography.Text>
      <Space size={4} wrap style={{ marginTop: 4, display: 'flex' }}>
        <Tag color={PRIORITY_COLOR[task.priority]}>{t(`tasks.priority.${task.priority}`)}</Tag>
        {task.assigneeName && <Tag>{task.assigneeName}</Tag>}
        {due && <Tag color={due.overdue ? 'red' : undefined}>{due.text}</Tag>}
        {due?.overdue && <Tag color="red">{t('tasks.overdue')}</Tag>}
      </Space>
    </Card>
  );
}
