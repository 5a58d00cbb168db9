import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { ME_KEY } from '../../session';
import type { AcceptInviteBody, Me } from '../../types';
import { AuthLayout } from './AuthLayout';
import { needsCode } from './SignInPage';

export default function AcceptInvitePage() {
  const { t, i18n } = useTranslation();
  const [sp] = useSearchParams();
  const token = sp.get('token') ?? '';
  const [form] = Form.useForm<{ name: string; password: string; confirm: string; totpCode?: string }>();
  // An existing account with two-factor sign-in: the server asks for the code (totp_required).
  const [askCode, setAskCode] = useState(false);
  const nav = useNavigate();
  const qc = useQueryClient();
  const accept = useMutation({
    mutationFn: (body: AcceptInviteBody) => api.post<Me>('/invitations/accept', body),
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(ME_KEY, me);
      nav('/', { replace: true });
    },
    onError: (e) => {
      if (needsCode(e)) setAskCode(true);
      applyServerErrors(form, e, i18n.language);
    },
  });

  return (
    <AuthLayout title={t('invite.title')} sub={t('invite.sub')}>
      {!token && <Alert type="error" showIcon title={t('invite.noToken')} style={{ marginBottom: 16 }} />}
      <ErrorAlert error={needsCode(accept.error) ? null : accept.error} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={!token}
        onFinish={(v) => accept.mutate({ token, name: v.name, password: v.password, ...(v.totpCode ? { totpCode: v.totpCode.trim() } : {}) })}
      >
        <Form.Item name="name" label={t('auth.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input data-testid="invite-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, min: 8, message: t('auth.passwordMin') }]}>
          <Input.Password data-testid="invite-password" autoComplete="new-password" />
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
          <Input.Password data-testid="invite-confirm" autoComplete="new-password" />
        </Form.Item>
        {askCode && (
          <Form.Item
            name="totpCode"
            label={t('totp.codeOrRecovery')}
            extra={t('signin.totpHint')}
            rules={[{ required: true, min: 6, message: t('totp.codeInvalid') }]}
          >
            <Input data-testid="invite-totp" autoComplete="one-time-code" maxLength={20} autoFocus />
          </Form.Item>
        )}
        <Button data-testid="invite-submit" type="primary" htmlType="submit" block loading={accept.isPending}>
          {t('invite.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
