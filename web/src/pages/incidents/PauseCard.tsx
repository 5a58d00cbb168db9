import { PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Modal, Popconfirm, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { IncidentDetail } from './types';
import { incidentApi, useIncidentAction } from './useIncident';

/** The one-click crisis pause of every scheduled post in the workspace, and the resume. */
export function PauseCard({ inc }: { inc: IncidentDetail }) {
  const { t } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const pause = useIncidentAction(inc.id, incidentApi.post(inc.id, '/pause'), { touchesWorkspace: true, done: t('pause.paused') });
  const resume = useIncidentAction(inc.id, incidentApi.post(inc.id, '/resume'), { touchesWorkspace: true, done: t('pause.resumed') });
  const p = inc.publishing;
  const allowed = can('incidents.manage') && inc.status !== 'closed';

  return (
    <Card
      size="small"
      title={t('incidents.publishing')}
      extra={
        p.workspacePaused ? (
          <Popconfirm title={t('incidents.resumeConfirm', { count: p.paused })} disabled={!allowed} onConfirm={() => resume.mutate({})}>
            <Button type="primary" icon={<PlayCircleOutlined />} disabled={!allowed} loading={resume.isPending} data-testid="incident-resume">
              {t('incidents.resumeAll')}
            </Button>
          </Popconfirm>
        ) : (
          <Button danger type="primary" icon={<PauseCircleOutlined />} disabled={!allowed} onClick={() => setOpen(true)} data-testid="incident-pause">
            {t('incidents.pauseAll')}
          </Button>
        )
      }
    >
      {p.workspacePaused ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('incidents.workspacePaused', { at: formatAt(p.pausedAt, tz) })}
          description={p.pauseReason ?? undefined}
        />
      ) : (
        <Typography.Paragraph type="secondary">{t('incidents.pauseExplain')}</Typography.Paragraph>
      )}
      <Space size={32} wrap>
        <Statistic title={t('incidents.countScheduled')} value={p.scheduled} />
        <Statistic title={t('incidents.countPaused')} value={p.paused} styles={{ content: p.paused ? { color: '#cf1322' } : undefined }} />
        <Statistic title={t('incidents.countInFlight')} value={p.inFlight} />
      </Space>
      <div style={{ marginTop: 8 }}>
        <Link to="/publications?state=paused">{t('incidents.seePaused')}</Link>
      </div>
      <Modal
        open={open}
        title={t('pause.title')}
        okText={t('pause.confirm')}
        okButtonProps={{ danger: true, 'data-testid': 'incident-pause-confirm' } as never}
        confirmLoading={pause.isPending}
        onCancel={() => setOpen(false)}
        onOk={() =>
          pause.mutateAsync({ reason: reason.trim() }).then(() => {
            setOpen(false);
            setReason('');
          })
        }
        destroyOnHidden
      >
        <Typography.Paragraph>{t('pause.explain')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('incidents.pauseRecorded', { number: inc.number })}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={400} placeholder={t('pause.reasonPlaceholder')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Card>
  );
}
