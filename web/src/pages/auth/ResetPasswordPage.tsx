import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { ME_KEY } from '../../session';
import type { Me, PasswordResetBody, PasswordResetInfo } from '../../types';
import { AuthLayout } from './AuthLayout';

/** `/reset-password?token=…`: the one-time link a manager (or `meiyun admin reset-password`) gave out. */
export default function ResetPasswordPage() {
  const { t, i18n } = useTranslation();
  const [sp] = useSearchParams();
  const token = sp.get('token') ?? '';
  const nav = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ password: string; confirm: string; totpCode?: string }>();
  // A POST, so the token stays out of query strings in logs; retried by nobody (each call is counted).
  const info = useQuery({
    queryKey: ['password-reset', token],
    queryFn: () => api.post<PasswordResetInfo>('/auth/password-reset/check', { token }),
    enabled: token.length >= 10,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const reset = useMutation({
    mutationFn: (body: PasswordResetBody) => api.post<Me>('/auth/password-reset', body),
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(ME_KEY, me);
      nav('/', { replace: true });
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });

  const sub = info.data ? t('reset.for', { name: info.data.name, email: info.data.email }) : undefined;
  return (
    <AuthLayout title={t('reset.title')} sub={sub}>
      {token.length < 10 && <Alert type="error" showIcon title={t('reset.noToken')} style={{ marginBottom: 16 }} />}
      {info.isLoading && <Skeleton active paragraph={{ rows: 3 }} />}
      <ErrorAlert error={info.error ?? reset.error} />
      {info.data && (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => reset.mutate({ token, password: v.password, ...(v.totpCode ? { totpCode: v.totpCode.trim() } : {}) })}
        >
          <Form.Item name="password" label={t('password.new')} rules={[{ required: true, min: 8, message: t('auth.passwordMin') }]}>
            <Input.Password data-testid="reset-password" autoComplete="new-password" autoFocus />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirmNew')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('common.required') },
              ({ getFieldValue }) => ({
                validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch')))),
              }),
            ]}
          >
            <Input.Password data-testid="reset-confirm" autoComplete="new-password" />
          </Form.Item>
          {info.data.totpRequired && (
            <Form.Item
              name="totpCode"
              label={t('totp.codeOrRecovery')}
              extra={t('signin.totpHint')}
              rules={[{ required: true, min: 6, message: t('totp.codeInvalid') }]}
            >
              <Input data-testid="reset-totp" autoComplete="one-time-code" maxLength={20} />
            </Form.Item>
          )}
          <Button data-testid="reset-submit" type="primary" htmlType="submit" block loading={reset.isPending}>
            {t('reset.submit')}
          </Button>
        </Form>
      )}
    </AuthLayout>
  );
}
