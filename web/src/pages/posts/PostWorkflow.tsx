import { CheckOutlined, ClockCircleOutlined, CloseOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Empty, Popconfirm, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PostStatusTag } from '../../components/Tags';
import { useCan, useSession, useTz } from '../../session';
import { formatAt, isoToPicker, pickerToIso } from '../../time';
import type { PostDetail } from '../../types';
import { SuggestedTimes } from '../analytics/SuggestedTimes';
import { ReviewModal } from '../review/ReviewModal';
import { usePostChanged } from './postCache';
import { currentDeliveries, type Deliveries, DeliveryPicker } from './DeliveryPicker';
import { ScreeningBlocked } from './ScreeningOverride';

export function PostWorkflow({ post, dirty }: { post: PostDetail; dirty: boolean }) {
  const { t } = useTranslation();
  const me = useSession();
  const can = useCan();
  const tz = useTz();
  const { message } = App.useApp();
  const changed = usePostChanged();
  const [when, setWhen] = useState<dayjs.Dayjs | null>(post.scheduledAt ? isoToPicker(post.scheduledAt, tz) : null);
  const [reviewing, setReviewing] = useState<'approved' | 'rejected' | null>(null);
  const [deliveries, setDeliveries] = useState<Deliveries>(() => currentDeliveries(post));

  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown; done: string }) => api.post<PostDetail>(`/posts/${post.id}/${path}`, body),
    onSuccess: (p, vars) => {
      changed(p);
      if (p.scheduledAt) setWhen(isoToPicker(p.scheduledAt, tz));
      message.success(vars.done);
    },
  });

  const write = can('content.write');
  const canSubmit = write && (post.status === 'draft' || post.status === 'changes_requested');
  // The server refuses a review by the post's writer or its owner (负责人); say so before the click.
  const ownPost = post.createdBy === me.user.id || post.ownerId === me.user.id;
  const canReview = can('content.review') && post.status === 'in_review';

  return (
    <Card title={t('posts.workflow')} size="small">
      <ErrorAlert error={act.error} />
      <ScreeningBlocked error={act.error} post={post} dirty={dirty} />
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('posts.status')}>
          <PostStatusTag status={post.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('posts.approvals')}>
          <span data-testid="post-approvals">
            {post.approvalsGiven} / {post.approvalsNeeded}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('posts.version')}>v{post.version}</Descriptions.Item>
        <Descriptions.Item label={t('posts.scheduledAt')}>
          <span data-testid="post-scheduled-at">{post.scheduledAt ? formatAt(post.scheduledAt, tz) : t('posts.notScheduled')}</span>
        </Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ marginBottom: 12 }}>
        {canSubmit && (
          <Tooltip title={dirty ? t('posts.saveFirst') : undefined}>
            <Button
              type="primary"
              icon={<SendOutlined />}
              data-testid="post-submit"
              disabled={dirty}
              loading={act.isPending && act.variables?.path === 'submit'}
              onClick={() => act.mutate({ path: 'submit', done: t('posts.submitted') })}
            >
              {t('posts.submit')}
            </Button>
          </Tooltip>
        )}
        {canReview && (
          <Tooltip title={ownPost ? t('review.notOwn') : undefined}>
            <Space.Compact>
              <Button icon={<CheckOutlined />} data-testid="post-approve" disabled={ownPost} onClick={() => setReviewing('approved')}>
                {t('review.approve')}
              </Button>
              <Button danger icon={<CloseOutlined />} data-testid="post-reject" disabled={ownPost} onClick={() => setReviewing('rejected')}>
                {t('review.reject')}
              </Button>
            </Space.Compact>
          </Tooltip>
        )}
      </Space>
      {write && (
        <>
          <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
            <ClockCircleOutlined /> {t('posts.schedule')} <Typography.Text type="secondary">({tz})</Typography.Text>
          </Typography.Text>
          <DeliveryPicker post={post} value={deliveries} onChange={setDeliveries} />
          <SuggestedTimes accountIds={post.accountIds} tz={tz} onPick={setWhen} />
          <Space wrap>
            {/* The picker shows the workspace's wall-clock time; antd's own 此刻 would put in the browser's. */}
            <DatePicker
              data-testid="schedule-picker"
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              value={when}
              onChange={setWhen}
              showNow={false}
              presets={[{ label: t('posts.now'), value: () => isoToPicker(new Date().toISOString(), tz) }]}
            />
            <Button
              type="primary"
              ghost
              data-testid="post-schedule"
              disabled={!when}
              loading={act.isPending && act.variables?.path === 'schedule'}
              onClick={() => {
                if (!when) return;
                // Only the target accounts' choices are sent (an account dropped from the post has none).
                const chosen = Object.fromEntries(Object.entries(deliveries).filter(([id]) => post.accountIds.includes(id)));
                act.mutate({ path: 'schedule', body: { scheduledAt: pickerToIso(when, tz), deliveries: chosen }, done: t('posts.scheduled') });
              }}
            >
              {post.scheduledAt ? t('posts.reschedule') : t('posts.scheduleButton')}
            </Button>
            {post.scheduledAt && (
              <Popconfirm title={t('posts.unscheduleConfirm')} onConfirm={() => act.mutate({ path: 'unschedule', done: t('posts.unscheduled') })}>
                <Button icon={<StopOutlined />} data-testid="post-unschedule" loading={act.isPending && act.variables?.path === 'unschedule'}>
                  {t('posts.unschedule')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </>
      )}
      <Typography.Text strong style={{ display: 'block', margin: '16px 0 8px' }}>
        {t('posts.approvalHistory')}
      </Typography.Text>
      {post.approvals.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('posts.noApprovals')} />
      ) : (
        <Timeline
          items={post.approvals.map((a) => ({
            color: a.decision === 'approved' ? 'green' : 'red',
            content: (
              <div data-testid="approval-item">
                <Space size={4} wrap>
                  <Typography.Text strong>{a.reviewerName}</Typography.Text>
                  <Tag color={a.decision === 'approved' ? 'green' : 'red'}>{t(`review.${a.decision}`)}</Tag>
                  <Typography.Text type="secondary">
                    v{a.postVersion} · {formatAt(a.at, tz)}
                  </Typography.Text>
                </Space>
                {a.comment && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{a.comment}</Typography.Paragraph>}
              </div>
            ),
          }))}
        />
      )}
      <ReviewModal postId={post.id} open={reviewing !== null} initial={reviewing ?? undefined} onClose={() => setReviewing(null)} />
    </Card>
  );
}
