import { CaretRightOutlined, PauseOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Progress, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { errorText } from '../../components/ErrorAlert';
import type { Media } from '../../types';
import { CHUNKED_THRESHOLD, ChunkedUpload, type UploadProgress } from './chunkedUpload';
import { formatSize } from './mediaFacts';

type Item = { key: number; progress: UploadProgress; upload: ChunkedUpload };

/**
 * Uploads into the media library: small files in one request, large ones (above
 * CHUNKED_THRESHOLD) in chunks with their progress, pause and resume. The list shows the
 * chunked ones until they finish.
 */
export function useMediaUploads(onUploaded: (m: Media) => void) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [items, setItems] = useState<Item[]>([]);
  const [single, setSingle] = useState(0);
  const seq = useRef(0);

  const finished = useCallback(
    async (m: Media) => {
      message.success(t('media.uploaded', { name: m.filename }));
      onUploaded(m);
      await qc.invalidateQueries({ queryKey: ['media'] });
    },
    [message, onUploaded, qc, t],
  );

  const add = useCallback(
    async (file: File) => {
      if (file.size <= CHUNKED_THRESHOLD) {
        const form = new FormData();
        form.append('file', file);
        setSingle((n) => n + 1);
        try {
          await finished(await api.upload<Media>('/media', form));
        } catch (e) {
          message.error(errorText(e, i18n.language));
        } finally {
          setSingle((n) => n - 1);
        }
        return;
      }
      const key = ++seq.current;
      const upload = new ChunkedUpload(file, {
        onChange: (progress) => setItems((list) => list.map((x) => (x.key === key ? { ...x, progress } : x))),
      });
      setItems((list) => [...list, { key, upload, progress: upload.progress }]);
      try {
        await finished(await upload.start());
        setItems((list) => list.filter((x) => x.key !== key));
      } catch (e) {
        message.error(errorText(e, i18n.language));
      }
    },
    [finished, i18n.language, message],
  );

  const dismiss = (key: number) => setItems((list) => list.filter((x) => x.key !== key));
  return { add, items, busy: single > 0, dismiss };
}

export function UploadList({ items, onDismiss }: { items: Item[]; onDismiss: (key: number) => void }) {
  const { t, i18n } = useTranslation();
  if (!items.length) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }} data-testid="upload-list">
      {items.map(({ key, progress: p, upload }) => {
        const percent = p.size ? Math.floor((p.sent / p.size) * 100) : 0;
        const status = p.state === 'failed' ? 'exception' : p.state === 'done' ? 'success' : p.state === 'paused' ? 'normal' : 'active';
        return (
          <div key={key} data-testid="upload-item" data-state={p.state} data-sent={p.sent}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text ellipsis style={{ maxWidth: 360 }} title={p.name}>
                {p.name}
              </Typography.Text>
              <Flex align="center" gap={8}>
                <Typography.Text type={p.state === 'failed' ? 'danger' : 'secondary'} style={{ fontSize: 12 }} data-testid="upload-state">
                  {t(`media.state.${p.state}`)} · {formatSize(p.sent)} / {formatSize(p.size)}
                </Typography.Text>
                {p.state === 'paused' ? (
                  <Button size="small" icon={<CaretRightOutlined />} onClick={() => upload.resume()} data-testid="upload-resume">
                    {t('media.resume')}
                  </Button>
                ) : p.state === 'failed' ? (
                  <Button size="small" onClick={() => onDismiss(key)}>
                    {t('media.dismiss')}
                  </Button>
                ) : (
                  <Button size="small" icon={<PauseOutlined />} onClick={() => upload.pause()} disabled={p.state === 'done'} data-testid="upload-pause">
                    {t('media.pause')}
                  </Button>
                )}
              </Flex>
            </Flex>
            <Progress percent={percent} status={status} size="small" data-testid="upload-progress" />
            {p.state === 'retrying' && (
              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                {t('media.retrying', { reason: errorText(p.error, i18n.language) })}
              </Typography.Text>
            )}
          </div>
        );
      })}
    </Flex>
  );
}
