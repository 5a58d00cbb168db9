import { KeyOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Input, Modal, Popconfirm, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { errorText } from '../../components/ErrorAlert';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { Member, PasswordResetLink } from '../../types';

/** A manager issues a one-time password-reset link for a member; it is shown here once and never again. */
export function ResetLinkButton({ member }: { member: Member }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const { message } = App.useApp();
  const issue = useMutation({
    mutationFn: () => api.post<PasswordResetLink>(`/members/${member.userId}/password-reset`),
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const link = issue.data ? (issue.data.url ?? `${window.location.origin}${issue.data.path}`) : '';
  return (
    <>
      <Popconfirm title={t('reset.issueConfirm', { name: member.name })} onConfirm={() => issue.mutate()}>
        <Tooltip title={t('reset.issue')}>
          <Button type="link" size="small" icon={<KeyOutlined />} loading={issue.isPending} data-testid="member-reset">
            {t('reset.short')}
          </Button>
        </Tooltip>
      </Popconfirm>
      <Modal open={!!issue.data} title={t('reset.linkTitle')} onCancel={() => issue.reset()} footer={null} destroyOnHidden>
        {issue.data && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>{t('reset.linkHint', { name: member.name, at: formatAt(issue.data.expiresAt, tz) })}</Typography.Paragraph>
            <Input readOnly value={link} data-testid="reset-link" onFocus={(e) => e.target.select()} />
            <Space>
              <Button
                type="primary"
                onClick={() =>
                  void navigator.clipboard?.writeText(link).then(
                    () => message.success(t('reset.copied')),
                    () => {},
                  )
                }
              >
                {t('reset.copy')}
              </Button>
              <Button onClick={() => issue.reset()} data-testid="reset-link-close">
                {t('common.done')}
              </Button>
            </Space>
          </Space>
        )}
      </Modal>
    </>
  );
}
