import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Modal, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../session';
import type { RatingScale } from '../../types';
import { IncentivesTab } from './IncentivesTab';
import { ReviewsTab } from './ReviewsTab';
import { ScorecardsTab } from './ScorecardsTab';

/** The rating scale as lines "key label", best first. */
function ScaleEditor({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const scale = useQuery({
    queryKey: ['team', 'scale'],
    enabled: open,
    queryFn: ({ signal }) => api.get<RatingScale>('/team/rating-scale', undefined, signal),
  });
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? scale.data?.levels.map((l) => `${l.key} ${l.label}`).join('\n') ?? '';
  const save = useMutation({
    mutationFn: () =>
      api.put<RatingScale>('/team/rating-scale', {
        levels: shown
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .map((l) => {
            const [key, ...label] = l.split(/\s+/);
            return { key, label: label.join(' ') || key };
          }),
      }),
    onSuccess: (d) => {
      qc.setQueryData(['team', 'scale'], d);
      setText(null);
      onClose();
    },
  });
  return (
    <Modal open={open} title={t('team.scale')} onCancel={onClose} onOk={() => save.mutate()} confirmLoading={save.isPending}>
      <ErrorAlert error={save.error} style={{ marginBottom: 12 }} />
      <Typography.Paragraph type="secondary">{t('team.scale.hint')}</Typography.Paragraph>
      <Input.TextArea aria-label={t('team.scale')} value={shown} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 4 }} />
    </Modal>
  );
}

/** 团队绩效: scorecards, reviews and incentives (a member sees their own; managers the team's). */
export default function TeamPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [scaleOpen, setScaleOpen] = useState(false);
  const tab = params.get('tab') ?? 'scorecards';
  return (
    <>
      <PageHeader
        title={t('team.title')}
        sub={t('team.sub')}
        extra={can('team.manage') && <Button onClick={() => setScaleOpen(true)}>{t('team.scale')}</Button>}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        destroyOnHidden
        items={[
          { key: 'scorecards', label: t('team.tab.scorecards'), children: <ScorecardsTab /> },
          { key: 'reviews', label: t('team.tab.reviews'), children: <ReviewsTab /> },
          { key: 'incentives', label: t('team.tab.incentives'), children: <IncentivesTab /> },
        ]}
      />
      <ScaleEditor open={scaleOpen} onClose={() => setScaleOpen(false)} />
    </>
  );
}
