import { FileOutlined, PlayCircleFilled, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Modal, Pagination, Spin, Typography, Upload } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCan } from '../../session';
import type { Media, Paged } from '../../types';
import { formatDuration, mediaFacts } from './mediaFacts';
import { UploadList, useMediaUploads } from './MediaUploads';

const PAGE_SIZE = 18;

/** The media library: upload files (large ones in resumable chunks), then pick one. */
export function MediaPicker({
  open,
  onClose,
  onPick,
  imagesOnly = true,
}: {
  open: boolean;
  onClose: () => void;
  onPick: (m: Media) => void;
  imagesOnly?: boolean;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [page, setPage] = useState(1);
  const uploads = useMediaUploads(useCallback(() => setPage(1), []));
  const q = useQuery({
    queryKey: ['media', page],
    queryFn: ({ signal }) => api.get<Paged<Media>>('/media', { page, pageSize: PAGE_SIZE }, signal),
    enabled: open,
    placeholderData: keepPreviousData,
  });

  return (
    <Modal open={open} onCancel={onClose} footer={null} width={820} title={t('media.library')} destroyOnHidden>
      {can('media.upload') && (
        <Upload
          accept={imagesOnly ? 'image/*' : 'image/*,video/mp4'}
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            void uploads.add(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploads.busy} data-testid="media-upload" style={{ marginBottom: 12 }}>
            {t(imagesOnly ? 'media.upload' : 'media.uploadAny')}
          </Button>
        </Upload>
      )}
      <UploadList items={uploads.items} onDismiss={uploads.dismiss} />
      <ErrorAlert error={q.error} />
      <Spin spinning={q.isFetching}>
        {q.data && q.data.items.length === 0 ? (
          <Empty description={t(imagesOnly ? 'media.empty' : 'media.emptyAny')} />
        ) : (
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))', gap: 12, minHeight: 120 }}>
            {q.data?.items.map((m) => {
              const isImage = m.contentType.startsWith('image/');
              return (
                <Card
                  key={m.id}
                  hoverable={isImage || !imagesOnly}
                  size="small"
                  data-testid="media-item"
                  onClick={() => (isImage || !imagesOnly) && onPick(m)}
                  cover={<Thumb m={m} />}
                  styles={{ body: { padding: 6 } }}
                >
                  <Typography.Text ellipsis style={{ fontSize: 12, display: 'block' }} title={m.filename}>
                    {m.filename}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 11 }} data-testid="media-facts">
                    {mediaFacts(m)}
                  </Typography.Text>
                </Card>
              );
            })}
          </div>
        )}
      </Spin>
      {(q.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          style={{ marginTop: 12, textAlign: 'right' }}
          current={page}
          pageSize={PAGE_SIZE}
          total={q.data?.total}
          onChange={setPage}
          showSizeChanger={false}
        />
      )}
    </Modal>
  );
}

/** An image itself; a video's poster frame with its length over it. */
function Thumb({ m }: { m: Media }) {
  const box = { height: 96, display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 32, position: 'relative' } as const;
  if (m.kind === 'image') return <img src={m.url} alt={m.filename} style={{ height: 96, objectFit: 'cover' }} loading="lazy" />;
  return (
    <div style={{ ...box, background: '#1f1f1f', color: '#fff' }}>
      {m.posterUrl ? (
        <img src={m.posterUrl} alt={m.filename} style={{ height: 96, width: '100%', objectFit: 'cover' }} loading="lazy" data-testid="media-poster" />
      ) : (
        <FileOutlined />
      )}
      <PlayCircleFilled style={{ position: 'absolute', fontSize: 28, opacity: 0.85 }} />
      {m.durationMs != null && (
        <span style={{ position: 'absolute', right: 4, bottom: 4, fontSize: 11, padding: '0 4px', borderRadius: 2, background: 'rgba(0,0,0,0.6)' }}>
          {formatDuration(m.durationMs)}
        </span>
      )}
    </div>
  );
}
