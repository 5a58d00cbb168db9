import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { memberOptions, useMembers } from '../../components/lookups';
import type { Department } from '../../types';
import { useDepartments } from '../feedback/lookups';

type Values = { name: string; description?: string; feedbackAreas?: string[] };

/** 部门 (managers): departments, their members (guests and staff) and the product areas routed to them. */
export function DepartmentsCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const departments = useDepartments();
  const members = useMembers();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const refresh = () => void qc.invalidateQueries({ queryKey: ['departments'] });
  const onError = (e: unknown) => message.error(errorText(e, i18n.language));
  const save = useMutation({
    mutationFn: (v: Values) => (editing === 'new' ? api.post('/departments', v) : api.patch(`/departments/${(editing as Department).id}`, v)),
    onSuccess: () => {
      message.success(t('common.saved'));
      setEditing(null);
      refresh();
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  const remove = useMutation({ mutationFn: (id: string) => api.del(`/departments/${id}`), onSuccess: refresh, onError });
  const addMember = useMutation({
    mutationFn: ({ id, userId }: { id: string; userId: string }) => api.post(`/departments/${id}/members`, { userId }),
    onSuccess: refresh,
    onError,
  });
  const removeMember = useMutation({
    mutationFn: ({ id, userId }: { id: string; userId: string }) => api.del(`/departments/${id}/members/${userId}`),
    onSuccess: refresh,
    onError,
  });
  const open = (d: Department | 'new') => {
    form.setFieldsValue(
      d === 'new' ? { name: '', description: '', feedbackAreas: [] } : { name: d.name, description: d.description, feedbackAreas: d.feedbackAreas },
    );
    setEditing(d);
  };
  return (
    <Card
      title={t('departments.title')}
      size="small"
      style={{ marginTop: 16 }}
      extra={
        <Button size="small" icon={<PlusOutlined />} data-testid="department-create" onClick={() => open('new')}>
          {t('departments.create')}
        </Button>
      }
    >
      <ErrorAlert error={departments.error} />
      <Table<Department>
        size="small"
        rowKey="id"
        pagination={false}
        loading={departments.isPending}
        dataSource={departments.data}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('departments.empty')} /> }}
        columns={[
          {
            title: t('departments.name'),
            render: (_, d) => (
              <Button type="link" onClick={() => open(d)}>
                {d.name}
              </Button>
            ),
          },
          { title: t('departments.areas'), render: (_, d) => d.feedbackAreas.map((a) => <Tag key={a}>{a}</Tag>) },
          {
            title: t('departments.members'),
            render: (_, d) => (
              <Flex gap={4} wrap align="center">
                {d.members.map((m) => (
                  <Tag key={m.userId} closable onClose={() => removeMember.mutate({ id: d.id, userId: m.userId })}>
                    {m.name} · {t(`role.${m.role}`)}
                  </Tag>
                ))}
                <Select
                  size="small"
                  showSearch
                  optionFilterProp="label"
                  placeholder={t('departments.addMember')}
                  style={{ width: 150 }}
                  value={null}
                  onChange={(userId: string) => addMember.mutate({ id: d.id, userId })}
                  options={memberOptions(members.data).filter((o) => !d.members.some((m) => m.userId === o.value))}
                />
              </Flex>
            ),
          },
          {
            title: t('common.actions'),
            width: 70,
            render: (_, d) => (
              <Popconfirm title={t('departments.deleteConfirm', { name: d.name })} onConfirm={() => remove.mutate(d.id)}>
                <Button type="text" danger icon={<DeleteOutlined />} />
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('departments.create') : t('common.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: save.isPending }}
      >
        <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="name" label={t('departments.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={50} data-testid="department-name" />
          </Form.Item>
          <Form.Item name="description" label={t('departments.description')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="feedbackAreas" label={t('departments.areas')}>
            <Select mode="tags" tokenSeparators={[',', '，']} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
