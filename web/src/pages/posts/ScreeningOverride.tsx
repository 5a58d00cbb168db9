import { SafetyOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Modal, Space, Tooltip, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCan } from '../../session';
import type { PostDetail } from '../../types';
import type { PostScreening } from '../risk/types';

export const screeningKey = (postId: string) => ['screening', postId] as const;

/** A manager lets the blocking findings of the saved version through, with a reason (audited). */
export function OverrideButton({ post, dirty }: { post: PostDetail; dirty: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const run = useMutation({
    mutationFn: () => api.post<PostScreening>(`/posts/${post.id}/screening/override`, { reason: reason.trim() }),
    onSuccess: (s) => {
      qc.setQueryData([...screeningKey(post.id), post.version], s);
      message.success(t('screen.overrideDone'));
      setOpen(false);
      setReason('');
    },
  });
  return (
    <>
      <Tooltip title={dirty ? t('screen.saveFirst') : undefined}>
        <Button danger icon={<SafetyOutlined />} data-testid="screening-override" disabled={dirty} onClick={() => setOpen(true)}>
          {t('screen.override')}
        </Button>
      </Tooltip>
      <Modal
        open={open}
        title={t('screen.overrideTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => run.mutate()}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 5, loading: run.isPending, 'data-testid': 'screening-override-confirm' } as ButtonProps}
        destroyOnHidden
      >
        <ErrorAlert error={run.error} />
        <Typography.Paragraph type="secondary">{t('screen.overrideHint')}</Typography.Paragraph>
        <Input.TextArea
          data-testid="screening-override-reason"
          rows={3}
          maxLength={1000}
          showCount
          placeholder={t('screen.overrideReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}

/** Under a failed submit or approval: what to do about a screening block, and the override for managers. */
export function ScreeningBlocked({ error, post, dirty }: { error: unknown; post: PostDetail; dirty: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!(error instanceof ApiError) || error.code !== 'screening_blocked') return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="screening-blocked"
      title={t('screen.blockedHint')}
      action={can('risk.manage') ? <OverrideButton post={post} dirty={dirty} /> : undefined}
      style={{ marginBottom: 12 }}
    />
  );
}

export function OverrideInfo({ s }: { s: PostScreening }) {
  const { t } = useTranslation();
  if (!s.override) return null;
  return (
    <Space data-testid="screening-overridden">
      <SafetyOutlined />
      <Typography.Text type="secondary">
        {t('screen.overridden', { name: s.override.actorName, version: s.override.version, reason: s.override.reason })}
      </Typography.Text>
    </Space>
  );
}
