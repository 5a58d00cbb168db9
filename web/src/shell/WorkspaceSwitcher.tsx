import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Divider, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { ErrorAlert, errorText } from '../components/ErrorAlert';
import { ME_KEY, useSession } from '../session';
import type { Me } from '../types';

export function WorkspaceSwitcher() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const qc = useQueryClient();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const enter = (next: Me) => {
    qc.clear();
    qc.setQueryData(ME_KEY, next);
    nav('/');
  };
  const switchTo = useMutation({
    mutationFn: (workspaceId: string) => api.post<Me>('/me/workspace', { workspaceId }),
    onSuccess: enter,
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const create = useMutation({
    mutationFn: (v: { name: string }) => api.post<Me>('/workspaces', v),
    onSuccess: (next) => {
      setCreating(false);
      form.resetFields();
      enter(next);
    },
  });

  return (
    <>
      <Select
        data-testid="workspace-switcher"
        style={{ minWidth: 180 }}
        value={me.workspace?.id}
        loading={switchTo.isPending}
        onChange={(id) => id !== me.workspace?.id && switchTo.mutate(id)}
        options={me.workspaces.map((w) => ({ value: w.id, label: `${w.name} · ${t(`role.${w.role}`)}` }))}
        popupRender={(menu) => (
          <>
            {menu}
            <Divider style={{ margin: '4px 0' }} />
            <Button type="text" block icon={<PlusOutlined />} style={{ textAlign: 'left' }} data-testid="workspace-create" onClick={() => setCreating(true)}>
              {t('shell.createWorkspace')}
            </Button>
          </>
        )}
      />
      <Modal
        open={creating}
        title={t('shell.createWorkspace')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <ErrorAlert error={create.error} />
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="name" label={t('shell.workspaceName')} rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={100} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
