import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { ME_KEY } from '../../session';
import type { Me, SetupState, SignInBody } from '../../types';
import { AuthLayout } from './AuthLayout';

/** Only same-site paths, so a crafted link cannot send the user elsewhere. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function SignInPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<SignInBody>();
  const nav = useNavigate();
  const [sp] = useSearchParams();
  const qc = useQueryClient();
  const setup = useQuery({ queryKey: ['setup'], queryFn: () => api.get<SetupState>('/setup'), retry: false });

  useEffect(() => {
    if (setup.data?.needsOwner) nav('/setup', { replace: true });
  }, [setup.data, nav]);

  const signIn = useMutation({
    mutationFn: (body: SignInBody) => api.post<Me>('/auth/sign-in', body),
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(ME_KEY, me);
      nav(safeNext(sp.get('next')), { replace: true });
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });

  return (
    <AuthLayout title={t('auth.signIn')}>
      <ErrorAlert error={signIn.error} />
      <Form form={form} layout="vertical" onFinish={(v) => signIn.mutate({ email: v.email.trim(), password: v.password })} requiredMark={false}>
        <Form.Item name="email" label={t('auth.email')} rules={[{ required: true, type: 'email', message: t('auth.emailInvalid') }]}>
          <Input data-testid="signin-email" autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password data-testid="signin-password" autoComplete="current-password" />
        </Form.Item>
        <Button data-testid="signin-submit" type="primary" htmlType="submit" block loading={signIn.isPending}>
          {t('auth.signIn')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
