import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, InputNumber, List, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { applyServerErrors } from '../../components/formErrors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCan } from '../../session';
import type { TaskSettings, TaskTemplate } from '../../types';
import { chainLine, refreshTasks, STEP_ROLES, type TemplateValues, templateBody } from './model';

/** 模板与设置: recurring chains of steps (start one by hand, or weekly), and the workspace's capacity and alert settings. */
export function TemplatesTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const manage = useCan()('tasks.manage');
  const [form] = Form.useForm<TemplateValues>();
  const [settingsForm] = Form.useForm<TaskSettings>();
  const templates = useQuery({ queryKey: ['tasks', 'templates'], queryFn: ({ signal }) => api.get<TaskTemplate[]>('/task-templates', undefined, signal) });
  const settings = useQuery({ queryKey: ['tasks', 'settings'], queryFn: ({ signal }) => api.get<TaskSettings>('/tasks/settings', undefined, signal) });
  const create = useMutation({
    mutationFn: (v: TemplateValues) => api.post('/task-templates', templateBody(v)),
    onSuccess: () => {
      message.success(t('common.saved'));
      form.resetFields();
      return refreshTasks(qc);
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  const start = useMutation({
    mutationFn: (id: string) => api.post<{ number: number }>(`/task-templates/${id}/start`),
    onSuccess: (task) => {
      message.success(t('tasks.created', { number: task.number }));
      return refreshTasks(qc);
    },
    onError: (e) => message.error((e as Error).message),
  });
  const saveSettings = useMutation({
    mutationFn: (v: TaskSettings) => api.patch('/tasks/settings', v),
    onSuccess: () => {
      message.success(t('common.saved'));
      return refreshTasks(qc);
    },
    onError: (e) => applyServerErrors(settingsForm, e, i18n.language),
  });
  const weekdays = Array.from({ length: 7 }, (_, d) => ({ value: d, label: t(`tasks.weekday.${d}`) }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={templates.error} />
      <List
        bordered
        dataSource={templates.data}
        locale={{ emptyText: <Empty description={t('tasks.noTemplates')} /> }}
        renderItem={(tpl) => (
          <List.Item
            actions={[
              <Button key="start" disabled={!tpl.active} onClick={() => start.mutate(tpl.id)}>
                {t('tasks.start')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <>
                  {tpl.name} {tpl.weekday !== null && <Tag>{t('tasks.everyWeek', { day: t(`tasks.weekday.${tpl.weekday}`) })}</Tag>}
                </>
              }
              description={chainLine(tpl)}
            />
          </List.Item>
        )}
      />
      {manage && (
        <Card size="small" title={t('tasks.newTemplate')}>
          <Form form={form} layout="vertical" initialValues={{ steps: [{ title: '' }] }} onFinish={(v) => create.mutate(v)}>
            <Space wrap>
              <Form.Item name="name" label={t('tasks.templateName')} rules={[{ required: true, message: t('tasks.titleRequired') }]}>
                <Input maxLength={120} style={{ width: 240 }} />
              </Form.Item>
              <Form.Item name="weekday" label={t('tasks.weekly')}>
                <Select allowClear options={weekdays} style={{ width: 140 }} />
              </Form.Item>
            </Space>
            <Form.List name="steps">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <Space key={f.key} align="baseline" wrap>
                      <span>{i + 1}.</span>
                      <Form.Item name={[f.name, 'title']} rules={[{ required: true, message: t('tasks.titleRequired') }]}>
                        <Input placeholder={t('tasks.stepTitle')} maxLength={120} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'role']}>
                        <Select
                          allowClear
                          placeholder={t('tasks.stepRole')}
                          style={{ width: 130 }}
                          options={STEP_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'offsetDays']}>
                        <InputNumber min={0} max={60} placeholder={t('tasks.offsetDays')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'durationDays']}>
                        <InputNumber min={0} max={60} placeholder={t('tasks.durationDays')} />
                      </Form.Item>
                      {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('tasks.removeStep')} />}
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '' })}>
                    {t('tasks.addStep')}
                  </Button>
                </>
              )}
            </Form.List>
            <Button type="primary" htmlType="submit" loading={create.isPending} style={{ marginTop: 12, display: 'block' }}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      )}
      {manage && settings.data && (
        <Card size="small" title={t('tasks.settings')}>
          <Form form={settingsForm} layout="inline" initialValues={settings.data} onFinish={(v) => saveSettings.mutate(v)}>
            <Form.Item name="dailyCapacity" label={t('tasks.dailyCapacity')}>
              <InputNumber min={1} max={50} />
            </Form.Item>
            <Form.Item name="escalateAfterHours" label={t('tasks.escalateAfterHours')}>
              <InputNumber min={1} max={720} />
            </Form.Item>
            <Form.Item name="slotMinutes" label={t('tasks.slotMinutes')}>
              <InputNumber min={5} max={720} />
            </Form.Item>
            <Button htmlType="submit" loading={saveSettings.isPending}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
