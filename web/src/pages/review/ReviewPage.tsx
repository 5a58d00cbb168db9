import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Drawer, Empty, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, API_BASE } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loadable } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PostStatusTag } from '../../components/Tags';
import { useListParams } from '../../components/useListParams';
import { useSession, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged, Post, PostDetail } from '../../types';
import { HtmlPreview } from '../posts/HtmlPreview';
import { postKey } from '../posts/postCache';
import { ReviewModal } from './ReviewModal';

function ReviewDrawer({ postId, onClose }: { postId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const tz = useTz();
  const [deciding, setDeciding] = useState<'approved' | 'rejected' | null>(null);
  const q = useQuery({
    queryKey: postKey(postId ?? ''),
    queryFn: ({ signal }) => api.get<PostDetail>(`/posts/${postId}`, undefined, signal),
    enabled: !!postId,
  });
  const own = q.data?.createdBy === me.user.id || q.data?.ownerId === me.user.id;
  const open = q.data?.status === 'in_review';
  return (
    <Drawer
      open={!!postId}
      onClose={onClose}
      size={720}
      title={q.data?.title ?? t('review.title')}
      extra={
        q.data && (
          <Space>
            <Link to={`/posts/${q.data.id}`}>{t('review.openEditor')}</Link>
            <Tooltip title={own ? t('review.notOwn') : undefined}>
              <Space.Compact>
                <Button type="primary" icon={<CheckOutlined />} data-testid="review-approve" disabled={own || !open} onClick={() => setDeciding('approved')}>
                  {t('review.approve')}
                </Button>
                <Button danger icon={<CloseOutlined />} data-testid="review-reject" disabled={own || !open} onClick={() => setDeciding('rejected')}>
                  {t('review.reject')}
                </Button>
              </Space.Compact>
            </Tooltip>
          </Space>
        )
      }
    >
      <Loadable query={q}>
        {(p) => (
          <>
            <Space wrap style={{ marginBottom: 8 }}>
              <PostStatusTag status={p.status} />
              <Typography.Text type="secondary">
                {p.author || p.ownerName} · v{p.version} · {t('posts.approvals')} {p.approvalsGiven}/{p.approvalsNeeded} · {formatAt(p.updatedAt, tz)}
              </Typography.Text>
            </Space>
            {p.coverMediaId && (
              <img src={`${API_BASE}/media/${p.coverMediaId}/file`} alt="" style={{ width: '100%', maxHeight: 200, objectFit: 'cover', borderRadius: 6 }} />
            )}
            {p.digest && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                {p.digest}
              </Typography.Paragraph>
            )}
            <div style={{ border: '1px solid #f0f0f0', borderRadius: 6 }}>
              <HtmlPreview html={p.bodyHtml} minHeight={420} title={p.title} />
            </div>
            {p.approvals.length > 0 && (
              <>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t('posts.approvalHistory')}
                </Typography.Title>
                {p.approvals.map((a) => (
                  <Typography.Paragraph key={`${a.reviewerId}-${a.at}`} style={{ marginBottom: 4 }}>
                    <Typography.Text strong>{a.reviewerName}</Typography.Text> · {t(`review.${a.decision}`)} · v{a.postVersion} · {formatAt(a.at, tz)}
                    {a.comment && <>：{a.comment}</>}
                  </Typography.Paragraph>
                ))}
              </>
            )}
            <ReviewModal postId={p.id} open={deciding !== null} initial={deciding ?? undefined} onClose={() => setDeciding(null)} onDone={onClose} />
          </>
        )}
      </Loadable>
    </Drawer>
  );
}

export default function ReviewPage() {
  const { t } = useTranslation();
  const tz = useTz();
  const lp = useListParams([] as const);
  const [sp, setSp] = useSearchParams();
  const openId = sp.get('open');
  const setOpen = (id: string | null) =>
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      if (id) next.set('open', id);
      else next.delete('open');
      return next;
    });
  const q = useQuery({
    queryKey: ['review-queue', lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<Post>>('/review-queue', { page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title={t('nav.review')} sub={t('review.sub')} />
      <ErrorAlert error={q.error} />
      <Table<Post>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items}
        pagination={lp.pagination(q.data?.total)}
        locale={{ emptyText: <Empty description={t('review.empty')} /> }}
        onRow={(p) => ({ onClick: () => setOpen(p.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('posts.titleField'), render: (_, p) => <Typography.Link data-testid="review-open">{p.title}</Typography.Link> },
          { title: t('posts.owner'), dataIndex: 'ownerName', width: 120 },
          { title: t('posts.approvals'), width: 100, render: (_, p) => `${p.approvalsGiven} / ${p.approvalsNeeded}` },
          { title: t('posts.scheduledAt'), width: 160, render: (_, p) => formatAt(p.scheduledAt, tz) },
          { title: t('common.updatedAt'), width: 160, render: (_, p) => formatAt(p.updatedAt, tz) },
        ]}
      />
      <ReviewDrawer postId={openId} onClose={() => setOpen(null)} />
    </>
  );
}
