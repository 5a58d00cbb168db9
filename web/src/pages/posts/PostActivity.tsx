import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Input, List, Modal, Skeleton, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useMembers } from '../../components/lookups';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Comment, Version } from '../../types';
import { HtmlPreview } from './HtmlPreview';

function Comments({ postId }: { postId: string }) {
  const { t } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const q = useQuery({ queryKey: ['post-comments', postId], queryFn: ({ signal }) => api.get<Comment[]>(`/posts/${postId}/comments`, undefined, signal) });
  const add = useMutation({
    mutationFn: () => api.post<Comment>(`/posts/${postId}/comments`, { body: body.trim() }),
    onSuccess: () => {
      setBody('');
      void qc.invalidateQueries({ queryKey: ['post-comments', postId] });
    },
  });
  return (
    <>
      <ErrorAlert error={q.error ?? add.error} />
      {q.isPending ? (
        <Skeleton active />
      ) : (
        <List
          size="small"
          dataSource={q.data ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('posts.noComments')} /> }}
          pagination={(q.data?.length ?? 0) > 10 ? { pageSize: 10, size: 'small' } : false}
          renderItem={(c) => (
            <List.Item data-testid="comment-item">
              <div style={{ width: '100%' }}>
                <Space size={6}>
                  <Typography.Text strong>{c.authorName}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatAt(c.at, tz)}
                  </Typography.Text>
                </Space>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.body}</Typography.Paragraph>
              </div>
            </List.Item>
          )}
        />
      )}
      {can('content.comment') && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input.TextArea
            data-testid="comment-input"
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={5000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            placeholder={t('posts.commentPlaceholder')}
          />
          <Button type="primary" data-testid="comment-submit" disabled={!body.trim()} loading={add.isPending} onClick={() => add.mutate()}>
            {t('posts.send')}
          </Button>
        </Space.Compact>
      )}
    </>
  );
}

type Snapshot = { title?: string; digest?: string; bodyHtml?: string } & Record<string, unknown>;

function Versions({ postId, onRestore }: { postId: string; onRestore?: (s: Snapshot) => void }) {
  const { t } = useTranslation();
  const tz = useTz();
  const members = useMembers();
  const [viewing, setViewing] = useState<Version | null>(null);
  const q = useQuery({ queryKey: ['post-versions', postId], queryFn: ({ signal }) => api.get<Version[]>(`/posts/${postId}/versions`, undefined, signal) });
  const nameOf = (id: string) => members.data?.find((m) => m.userId === id)?.name ?? id.slice(0, 8);
  const snap = (viewing?.snapshot ?? {}) as Snapshot;
  return (
    <>
      <ErrorAlert error={q.error} />
      {q.isPending ? (
        <Skeleton active />
      ) : (
        <List
          size="small"
          dataSource={[...(q.data ?? [])].sort((a, b) => b.version - a.version)}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('posts.noVersions')} /> }}
          pagination={(q.data?.length ?? 0) > 10 ? { pageSize: 10, size: 'small' } : false}
          renderItem={(v) => (
            <List.Item
              data-testid="version-item"
              extra={
                <Button type="link" size="small" onClick={() => setViewing(v)}>
                  {t('common.view')}
                </Button>
              }
            >
              <Space size={6}>
                <Typography.Text strong>v{v.version}</Typography.Text>
                <Typography.Text>{nameOf(v.createdBy)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatAt(v.at, tz)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      <Modal
        open={!!viewing}
        width={760}
        title={`v${viewing?.version} · ${snap.title ?? ''}`}
        onCancel={() => setViewing(null)}
        footer={
          onRestore && typeof snap.title === 'string' ? (
            <Button
              type="primary"
              onClick={() => {
                onRestore(snap);
                setViewing(null);
              }}
            >
              {t('posts.loadVersion')}
            </Button>
          ) : null
        }
      >
        {typeof snap.bodyHtml === 'string' ? (
          <>
            {snap.digest && <Typography.Paragraph type="secondary">{snap.digest}</Typography.Paragraph>}
            <HtmlPreview html={snap.bodyHtml} minHeight={360} />
          </>
        ) : (
          <pre style={{ maxHeight: 420, overflow: 'auto', fontSize: 12 }}>{JSON.stringify(viewing?.snapshot, null, 2)}</pre>
        )}
      </Modal>
    </>
  );
}

export function PostActivity({ postId, onRestore }: { postId: string; onRestore?: (s: Snapshot) => void }) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ marginTop: 16 }}>
      <Tabs
        items={[
          { key: 'comments', label: t('posts.comments'), children: <Comments postId={postId} /> },
          { key: 'versions', label: t('posts.versions'), children: <Versions postId={postId} onRestore={onRestore} /> },
        ]}
      />
    </Card>
  );
}
