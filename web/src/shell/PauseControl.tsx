import { PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, type ButtonProps, Input, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorAlert, errorText } from '../components/ErrorAlert';
import { useCan, useSession, useSetWorkspace, useTz } from '../session';
import { formatAt } from '../time';
import type { Workspace } from '../types';

function usePauseMutations() {
  const setWorkspace = useSetWorkspace();
  const qc = useQueryClient();
  const done = (ws: Workspace) => {
    setWorkspace(ws);
    void qc.invalidateQueries({ queryKey: ['publications'] });
    void qc.invalidateQueries({ queryKey: ['calendar'] });
  };
  const pause = useMutation({ mutationFn: (reason: string) => api.post<Workspace>('/workspace/pause', { reason }), onSuccess: done });
  const resume = useMutation({ mutationFn: () => api.post<Workspace>('/workspace/resume', {}), onSuccess: done });
  return { pause, resume };
}

/** The crisis button: stops every dispatch in the workspace at once. */
export function PauseButton() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const can = useCan();
  const { message } = App.useApp();
  const { pause, resume } = usePauseMutations();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const paused = !!me.workspace?.paused;
  const allowed = can('publishing.control');

  if (paused) {
    return (
      <Popconfirm
        title={t('pause.resumeConfirm')}
        disabled={!allowed}
        onConfirm={() =>
          resume.mutateAsync().then(
            () => message.success(t('pause.resumed')),
            (e) => message.error(errorText(e, i18n.language)),
          )
        }
      >
        <Button data-testid="resume-button" icon={<PlayCircleOutlined />} disabled={!allowed} loading={resume.isPending} type="primary">
          {t('pause.resume')}
        </Button>
      </Popconfirm>
    );
  }
  return (
    <>
      <Button data-testid="pause-button" danger type="primary" icon={<PauseCircleOutlined />} disabled={!allowed} onClick={() => setOpen(true)}>
        {t('pause.pause')}
      </Button>
      <Modal
        open={open}
        title={t('pause.title')}
        okText={t('pause.confirm')}
        okButtonProps={{ danger: true, 'data-testid': 'pause-confirm' } as ButtonProps}
        confirmLoading={pause.isPending}
        onCancel={() => setOpen(false)}
        onOk={() =>
          pause.mutateAsync(reason.trim()).then(() => {
            setOpen(false);
            setReason('');
            message.warning(t('pause.paused'));
          })
        }
        destroyOnHidden
      >
        <Typography.Paragraph>{t('pause.explain')}</Typography.Paragraph>
        <ErrorAlert error={pause.error} />
        <Input.TextArea
          data-testid="pause-reason"
          rows={3}
          maxLength={500}
          placeholder={t('pause.reasonPlaceholder')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}

/** The red band across the top while publishing is paused. */
export function PausedBanner() {
  const { t } = useTranslation();
  const me = useSession();
  const tz = useTz();
  const ws = me.workspace;
  if (!ws?.paused) return null;
  const parts = [
    t('pause.bannerTitle'),
    ws.pausedAt && t('pause.since', { at: formatAt(ws.pausedAt, tz) }),
    ws.pauseReason && t('pause.reason', { reason: ws.pauseReason }),
  ];
  return <Alert data-testid="paused-banner" type="error" banner showIcon title={parts.filter(Boolean).join(' · ')} style={{ fontWeight: 500 }} />;
}
