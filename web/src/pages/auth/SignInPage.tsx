import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { ME_KEY } from '../../session';
import type { Me, SetupState, SignInBody } from '../../types';
import { AuthLayout } from './AuthLayout';

/** Only same-site paths, so a crafted link cannot send the user elsewhere. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** The second step for an account with two-factor sign-in: a 6-digit code or a recovery code. */
export function TotpStep({ error, pending, onSubmit, onBack }: { error: unknown; pending: boolean; onSubmit: (code: string) => void; onBack?: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('signin.totpHint')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form layout="vertical" requiredMark={false} onFinish={(v: { code: string }) => onSubmit(v.code.trim())}>
        <Form.Item name="code" label={t('totp.code')} rules={[{ required: true, min: 6, message: t('totp.codeInvalid') }]}>
          <Input data-testid="signin-totp" autoComplete="one-time-code" maxLength={20} autoFocus style={{ fontSize: 18, letterSpacing: 2 }} />
        </Form.Item>
        <Space>
          <Button data-testid="signin-totp-submit" type="primary" htmlType="submit" loading={pending}>
            {t('signin.verify')}
          </Button>
          {onBack && <Button onClick={onBack}>{t('signin.back')}</Button>}
        </Space>
      </Form>
    </>
  );
}

export const needsCode = (e: unknown) => e instanceof ApiError && e.code === 'totp_required';

export default function SignInPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<SignInBody>();
  const nav = useNavigate();
  const [sp] = useSearchParams();
  const qc = useQueryClient();
  // Kept in memory only between the two steps: the server keeps no half-signed-in state.
  const [pendingCredentials, setPendingCredentials] = useState<SignInBody | null>(null);
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
    onError: (e, body) => {
      if (needsCode(e)) setPendingCredentials({ email: body.email, password: body.password });
      else applyServerErrors(form, e, i18n.language);
    },
  });

  if (pendingCredentials) {
    return (
      <AuthLayout title={t('signin.totpTitle')} sub={pendingCredentials.email}>
        <TotpStep
          error={needsCode(signIn.error) ? null : signIn.error}
          pending={signIn.isPending}
          onSubmit={(totpCode) => signIn.mutate({ ...pendingCredentials, totpCode })}
          onBack={() => {
            setPendingCredentials(null);
            signIn.reset();
          }}
        />
      </AuthLayout>
    );
  }

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
