import { LockOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { ChangePasswordBody, SecurityOverview } from '../../types';
import { SECURITY_KEY } from './TotpCard';

export function PasswordCard({ overview }: { overview: SecurityOverview }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordBody & { confirm: string }>();
  const change = useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post<{ revoked: number }>('/me/password', body),
    onSuccess: (r) => {
      form.resetFields();
      message.success(t('password.changed', { count: r.revoked }));
      void qc.invalidateQueries({ queryKey: SECURITY_KEY });
      void qc.invalidateQueries({ queryKey: ['security', 'sessions'] });
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  return (
    <Card
      title={
        <Space>
          <LockOutlined />
          {t('password.title')}
        </Space>
      }
      style={{ maxWidth: 720 }}
    >
      <Typography.Paragraph type="secondary">
        {overview.passwordChangedAt ? t('password.lastChanged', { at: formatAt(overview.passwordChangedAt, tz) }) : t('password.neverChanged')}
        {' · '}
        {t('password.hint')}
      </Typography.Paragraph>
      <ErrorAlert error={change.error} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        style={{ maxWidth: 360 }}
        onFinish={(v) => change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword })}
      >
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, min: 8, message: t('auth.passwordMin') }]}>
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirmNew')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
