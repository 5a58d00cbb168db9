import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { ME_KEY } from '../session';
import type { Me } from '../types';
import { UserMenu } from './UserMenu';

/** A signed-in user who belongs to no workspace (e.g. removed from the last one). */
export function NoWorkspace() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const create = useMutation({
    mutationFn: (v: { name: string }) => api.post<Me>('/workspaces', v),
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(ME_KEY, me);
    },
  });
  return (
    <div style={{ maxWidth: 420, margin: '80px auto' }}>
      <div style={{ textAlign: 'right' }}>
        <UserMenu />
      </div>
      <Card>
        <Typography.Title level={4}>{t('shell.noWorkspace')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('shell.noWorkspaceHint')}</Typography.Paragraph>
        <ErrorAlert error={create.error} />
        <Form layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="name" label={t('shell.workspaceName')} rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} block>
            {t('shell.createWorkspace')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
