import { FileOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Modal, Pagination, Spin, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { useCan } from '../../session';
import type { Media, Paged } from '../../types';

const PAGE_SIZE = 18;

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The media library: upload a file (multipart field `file`), then pick one. */
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
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [uploading, setUploading] = useState(false);
  const q = useQuery({
    queryKey: ['media', page],
    queryFn: ({ signal }) => api.get<Paged<Media>>('/media', { page, pageSize: PAGE_SIZE }, signal),
    enabled: open,
    placeholderData: keepPreviousData,
  });

  const upload = async (file: File) => {
    const form = new FormData();
    form.append('file', file);
    setUploading(true);
    try {
      const m = await api.upload<Media>('/media', form);
      message.success(t('media.uploaded', { name: m.filename }));
      setPage(1);
      await qc.invalidateQueries({ queryKey: ['media'] });
    } catch (e) {
      message.error(errorText(e, i18n.language));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Modal open={open} onCancel={onClose} footer={null} width={820} title={t('media.library')} destroyOnHidden>
      {can('media.upload') && (
        <Upload
          accept={imagesOnly ? 'image/*' : undefined}
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading} data-testid="media-upload" style={{ marginBottom: 12 }}>
            {t('media.upload')}
          </Button>
        </Upload>
      )}
      <ErrorAlert error={q.error} />
      <Spin spinning={q.isFetching}>
        {q.data && q.data.items.length === 0 ? (
          <Empty description={t('media.empty')} />
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
                  cover={
                    isImage ? (
                      <img src={m.url} alt={m.filename} style={{ height: 96, objectFit: 'cover' }} loading="lazy" />
                    ) : (
                      <div style={{ height: 96, display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 32 }}>
                        <FileOutlined />
                      </div>
                    )
                  }
                  styles={{ body: { padding: 6 } }}
                >
                  <Typography.Text ellipsis style={{ fontSize: 12, display: 'block' }} title={m.filename}>
                    {m.filename}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                    {formatSize(m.size)}
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
