import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Flex, Input, Popconfirm, Select, Space, Tag, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCan, useSession } from '../../session';
import type { Goal, RatingScale, ReviewDetail } from '../../types';
import { FIGURES } from './model';
import { FigureCell } from './ScorecardsTab';
import { ReviewStatus } from './ReviewStatus';

/** One review: the member's self-assessment and signature, the manager's assessment, rating, goals and signature, the scorecard. */
export function ReviewDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const can = useCan();
  const qc = useQueryClient();
  const review = useQuery({
    queryKey: ['team', 'review', id],
    enabled: !!id,
    queryFn: ({ signal }) => api.get<ReviewDetail>(`/team/reviews/${id}`, undefined, signal),
  });
  const r = review.data;
  const own = r?.memberId === me.user.id;
  const manages = can('team.manage') && !own;
  const scale = useQuery({
    queryKey: ['team', 'scale'],
    enabled: manages,
    queryFn: ({ signal }) => api.get<RatingScale>('/team/rating-scale', undefined, signal),
  });
  const goals = useQuery({ queryKey: ['goals'], enabled: manages, queryFn: ({ signal }) => api.get<Goal[]>('/goals', undefined, signal) });
  const [self, setSelf] = useState('');
  const [assess, setAssess] = useState('');
  const [rating, setRating] = useState<string | null>(null);
  const [goalIds, setGoalIds] = useState<string[]>([]);
  useEffect(() => {
    if (!r) return;
    setSelf(r.selfAssessment);
    setAssess(r.managerAssessment);
    setRating(r.rating);
    setGoalIds(r.goalIds);
  }, [r]);
  const done = (d: ReviewDetail) => {
    qc.setQueryData(['team', 'review', id], d);
    qc.invalidateQueries({ queryKey: ['team', 'reviews'] });
    qc.invalidateQueries({ queryKey: ['team', 'cycles'] });
    message.success(t('team.review.saved'));
  };
  const saveSelf = useMutation({ mutationFn: () => api.put<ReviewDetail>(`/team/reviews/${id}/self`, { selfAssessment: self }), onSuccess: done });
  const saveManager = useMutation({
    mutationFn: () => api.patch<ReviewDetail>(`/team/reviews/${id}/manager`, { managerAssessment: assess, rating, goalIds }),
    onSuccess: done,
  });
  const sign = useMutation({ mutationFn: () => api.post<ReviewDetail>(`/team/reviews/${id}/sign`), onSuccess: done });
  const signedByMe = r && (own ? r.memberSignedAt : r.managerSignedAt);
  const error = review.error ?? saveSelf.error ?? saveManager.error ?? sign.error;

  return (
    <Drawer open={!!id} onClose={onClose} width={720} title={r ? `${r.memberName} · ${r.cycleName}` : ''} destroyOnHidden>
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      {r && (
        <Flex vertical gap={16} data-testid="review-drawer">
          <Space>
            <ReviewStatus r={r} />
            <Typography.Text type="secondary">
              {r.startDay} – {r.endDay}
            </Typography.Text>
          </Space>
          <section>
            <Typography.Title level={5}>{t('team.review.self')}</Typography.Title>
            {own && !r.memberSignedAt ? (
              <Flex vertical gap={8}>
                <Input.TextArea
                  aria-label={t('team.review.self')}
                  data-testid="review-self"
                  value={self}
                  onChange={(e) => setSelf(e.target.value)}
                  autoSize={{ minRows: 4 }}
                  maxLength={5000}
                />
                <Button onClick={() => saveSelf.mutate()} loading={saveSelf.isPending} style={{ alignSelf: 'start' }}>
                  {t('team.review.save')}
                </Button>
              </Flex>
            ) : (
              <Typography.Paragraph data-testid="review-self-text" style={{ whiteSpace: 'pre-wrap' }}>
                {r.selfAssessment || '—'}
              </Typography.Paragraph>
            )}
          </section>
          <section>
            <Typography.Title level={5}>{t('team.review.manager')}</Typography.Title>
            {manages && !r.managerSignedAt ? (
              <Flex vertical gap={8}>
                <Input.TextArea
                  aria-label={t('team.review.manager')}
                  data-testid="review-manager"
                  value={assess}
                  onChange={(e) => setAssess(e.target.value)}
                  autoSize={{ minRows: 4 }}
                  maxLength={5000}
                />
                <Space wrap>
                  <Select
                    aria-label={t('team.review.rating')}
                    data-testid="review-rating"
                    placeholder={t('team.review.rating')}
                    value={rating}
                    onChange={setRating}
                    style={{ width: 220 }}
                    options={scale.data?.levels.map((l) => ({ value: l.key, label: `${l.key} · ${l.label}` }))}
                  />
                  <Select
                    aria-label={t('team.review.goals')}
                    mode="multiple"
                    placeholder={t('team.review.goals')}
                    value={goalIds}
                    onChange={setGoalIds}
                    style={{ minWidth: 280 }}
                    options={goals.data?.filter((g) => !g.memberId || g.memberId === r.memberId).map((g) => ({ value: g.id, label: g.name }))}
                  />
                </Space>
                <Button onClick={() => saveManager.mutate()} loading={saveManager.isPending} style={{ alignSelf: 'start' }} data-testid="review-manager-save">
                  {t('team.review.save')}
                </Button>
              </Flex>
            ) : (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('team.review.rating')}>
                  <span data-testid="review-rating-text">{r.rating ? `${r.rating} · ${r.ratingLabel ?? ''}` : '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('team.review.manager')}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{r.managerAssessment || '—'}</span>
                </Descriptions.Item>
              </Descriptions>
            )}
          </section>
          <section>
            <Typography.Title level={5}>{t('team.review.goals')}</Typography.Title>
            {r.goals.length ? (
              r.goals.map((g) => (
                <div key={g.id}>
                  {g.name}: {g.actual ?? '—'} / {g.target} {g.state && <Tag>{t(`goals.state.${g.state}`)}</Tag>}
                </div>
              ))
            ) : (
              <Typography.Text type="secondary">{t('team.review.noGoals')}</Typography.Text>
            )}
          </section>
          <section>
            <Typography.Title level={5}>
              {t('team.review.scorecard')}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="review-scorecard-kind">
                {r.scorecardSnapshot ? t('team.review.snapshot') : t('team.review.live')}
              </Typography.Text>
            </Typography.Title>
            <Descriptions size="small" column={2} bordered>
              {FIGURES.map((k) => (
                <Descriptions.Item key={k} label={t(`team.fig.${k}`)}>
                  <FigureCell k={k} c={{ current: r.scorecard }} />
                </Descriptions.Item>
              ))}
            </Descriptions>
          </section>
          {(own || manages) && !r.locked && !signedByMe && (
            <Popconfirm title={t('team.review.signConfirm')} onConfirm={() => sign.mutate()}>
              <Button type="primary" loading={sign.isPending} style={{ alignSelf: 'start' }} data-testid="review-sign">
                {t('team.review.sign')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      )}
    </Drawer>
  );
}
