import { PlusOutlined } from '@ant-design/icons';
import { Button, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { BoardTab } from './BoardTab';
import { ConflictsTab } from './ConflictsTab';
import { ListTab } from './ListTab';
import { TaskDrawer } from './TaskDrawer';
import { TaskForm } from './TaskForm';
import { TemplatesTab } from './TemplatesTab';
import { WorkloadTab } from './WorkloadTab';

/** 任务: the board, the list, the workload of the next two weeks, clashes and escalations, templates. */
export default function TasksPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const tab = sp.get('tab') ?? 'board';
  const openId = sp.get('open');
  const setParam = (k: string, v: string | null) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v) next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true },
    );
  const onOpen = (id: string) => setParam('open', id);
  return (
    <>
      <PageHeader
        title={t('nav.tasks')}
        sub={t('tasks.sub')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-new">
            {t('tasks.new')}
          </Button>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp(new URLSearchParams(k === 'board' ? {} : { tab: k }), { replace: true })}
        destroyOnHidden
        items={[
          { key: 'board', label: t('tasks.board'), children: <BoardTab onOpen={onOpen} /> },
          { key: 'list', label: t('tasks.list'), children: <ListTab onOpen={onOpen} /> },
          { key: 'workload', label: t('tasks.workload'), children: <WorkloadTab onOpen={onOpen} /> },
          { key: 'conflicts', label: t('tasks.conflicts'), children: <ConflictsTab onOpen={onOpen} /> },
          { key: 'templates', label: t('tasks.templates'), children: <TemplatesTab /> },
        ]}
      />
      <TaskForm open={creating} onClose={() => setCreating(false)} />
      <TaskDrawer id={openId} onClose={() => setParam('open', null)} />
    </>
  );
}
