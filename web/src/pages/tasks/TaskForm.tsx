import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, type ButtonProps, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { applyServerErrors } from '../../components/formErrors';
import { memberOptions, useMembers } from '../../components/lookups';
import { useTz } from '../../session';
import type { Task } from '../../types';
import { LinkPicker } from './LinkPicker';
import { assignable, PRIORITIES, refreshTasks, type TaskValues, taskBody } from './model';

/** A new task (a subtask when `parentId` is given). */
export function TaskForm({ open, parentId, onClose }: { open: boolean; parentId?: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const tz = useTz();
  const [form] = Form.useForm<TaskValues>();
  const members = useMembers();
  const save = useMutation({
    mutationFn: (v: TaskValues) => api.post<Task>('/tasks', taskBody(v, parentId, tz)),
    onSuccess: (task) => {
      message.success(t('tasks.created', { number: task.number }));
      form.resetFields();
      onClose();
      return refreshTasks(qc);
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  return (
    <Modal
      open={open}
      title={parentId ? t('tasks.newSubtask') : t('tasks.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'task-save' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ priority: 'normal' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('tasks.title')} rules={[{ required: true, message: t('tasks.titleRequired') }]}>
          <Input maxLength={120} autoFocus data-testid="task-title" />
        </Form.Item>
        <Form.Item name="description" label={t('tasks.description')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="assigneeId" label={t('tasks.assignee')}>
          <Select allowClear showSearch optionFilterProp="label" options={memberOptions(assignable(members.data))} />
        </Form.Item>
        <Form.Item name="dueAt" label={t('tasks.due')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="priority" label={t('tasks.priority')}>
          <Select options={PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priority.${p}`) }))} />
        </Form.Item>
        <Form.Item name="postIds" label={t('tasks.link.post')}>
          <LinkPicker path="/posts" placeholder={t('tasks.pickPosts')} />
        </Form.Item>
        <Form.Item name="topicIds" label={t('tasks.link.topic')}>
          <LinkPicker path="/topics" placeholder={t('tasks.pickTopics')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
