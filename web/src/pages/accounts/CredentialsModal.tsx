import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import type { Account, CredentialsBody } from '../../types';

/** AppID / AppSecret. The secret is write-only: the server never sends it back. */
export function CredentialsModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<CredentialsBody>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (body: CredentialsBody) => api.put<Account>(`/accounts/${account?.id}/credentials`, body),
    onSuccess: () => {
      message.success(t('accounts.credentialsSaved'));
      void qc.invalidateQueries({ queryKey: ['accounts'] });
      void qc.invalidateQueries({ queryKey: ['accounts-health'] });
      onClose();
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  return (
    <Modal
      open={!!account}
      title={t('accounts.credentialsFor', { name: account?.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('accounts.credentialsHint')}</Typography.Paragraph>
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" preserve={false} initialValues={{ appId: account?.appId ?? '' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="appId" label="AppID" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input data-testid="credentials-appid" maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="appSecret"
          label="AppSecret"
          extra={account?.hasCredentials ? t('accounts.secretSet') : undefined}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.Password data-testid="credentials-secret" maxLength={256} autoComplete="new-password" visibilityToggle={false} placeholder="••••••••" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
