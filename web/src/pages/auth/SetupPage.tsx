import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { PageSpin } from '../../components/Loading';
import { ME_KEY } from '../../session';
import type { Me, SetupBody, SetupState } from '../../types';
import { AuthLayout } from './AuthLayout';

export default function SetupPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<SetupBody & { confirm: string }>();
  const nav = useNavigate();
  const qc = useQueryClient();
  const setup = useQuery({ queryKey: ['setup'], queryFn: () => api.get<SetupState>('/setup'), retry: false });
  const create = useMutation({
    mutationFn: (body: SetupBody) => api.post<Me>('/setup', body),
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(ME_KEY, me);
      nav('/', { replace: true });
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });

  if (setup.isPending) return <PageSpin />;
  if (setup.data && !setup.data.needsOwner) {
    return (
      <AuthLayout title={t('setup.title')}>
        <Result status="info" title={t('setup.done')} extra={<Link to="/signin">{t('auth.goSignIn')}</Link>} />
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t('setup.title')} sub={t('setup.sub')}>
      <ErrorAlert error={setup.error ?? create.error} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={({ confirm: _c, ...v }) => create.mutate({ ...v, email: v.email.trim() })}>
        <Form.Item name="workspaceName" label={t('setup.workspaceName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input data-testid="setup-workspace" maxLength={100} placeholder={t('setup.workspacePlaceholder')} />
        </Form.Item>
        <Form.Item name="name" label={t('auth.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input data-testid="setup-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="email" label={t('auth.email')} rules={[{ required: true, type: 'email', message: t('auth.emailInvalid') }]}>
          <Input data-testid="setup-email" autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, min: 8, message: t('auth.passwordMin') }]}>
          <Input.Password data-testid="setup-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch')))),
            }),
          ]}
        >
          <Input.Password data-testid="setup-confirm" autoComplete="new-password" />
        </Form.Item>
        <Button data-testid="setup-submit" type="primary" htmlType="submit" block loading={create.isPending}>
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
