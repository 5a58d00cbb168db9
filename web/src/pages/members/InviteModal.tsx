import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import type { Invitation, InviteBody, Role } from '../../types';

export function inviteLink(origin: string, token: string): string {
  return `${origin}/invite?token=${encodeURIComponent(token)}`;
}

export function InviteModal({ open, onClose, roles }: { open: boolean; onClose: () => void; roles: Role[] }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<InviteBody>();
  const qc = useQueryClient();
  const [created, setCreated] = useState<Invitation | null>(null);
  const invite = useMutation({
    mutationFn: (body: InviteBody) => api.post<Invitation>('/invitations', { ...body, email: body.email.trim() }),
    onSuccess: (inv) => {
      setCreated(inv);
      void qc.invalidateQueries({ queryKey: ['invitations'] });
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  const close = () => {
    setCreated(null);
    invite.reset();
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('members.invite')}
      onCancel={close}
      onOk={() => (created ? close() : form.submit())}
      okText={created ? t('common.done') : t('members.sendInvite')}
      okButtonProps={{ loading: invite.isPending }}
      cancelButtonProps={{ style: created ? { display: 'none' } : undefined }}
      forceRender
    >
      {created ? (
        <>
          <Alert type="success" showIcon title={t('members.invited', { email: created.email })} style={{ marginBottom: 12 }} />
          {created.token ? (
            <>
              <Typography.Paragraph>{t('members.linkHint')}</Typography.Paragraph>
              <Typography.Paragraph
                copyable={{ text: inviteLink(window.location.origin, created.token) }}
                code
                data-testid="invite-link"
                style={{ wordBreak: 'break-all' }}
              >
                {inviteLink(window.location.origin, created.token)}
              </Typography.Paragraph>
            </>
          ) : (
            <Typography.Paragraph type="warning">{t('members.noToken')}</Typography.Paragraph>
          )}
        </>
      ) : (
        <>
          <ErrorAlert error={invite.error} />
          <Form form={form} layout="vertical" initialValues={{ role: 'editor' }} onFinish={(v) => invite.mutate(v)}>
            <Form.Item name="email" label={t('auth.email')} rules={[{ required: true, type: 'email', message: t('auth.emailInvalid') }]}>
              <Input data-testid="invite-email" autoFocus />
            </Form.Item>
            <Form.Item name="role" label={t('members.role')} rules={[{ required: true }]}>
              <Select data-testid="invite-role" options={roles.map((r) => ({ value: r, label: `${t(`role.${r}`)} — ${t(`roleHint.${r}`)}` }))} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
