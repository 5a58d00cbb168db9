import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Media } from '../../../types';
import { mediaFacts } from '../mediaFacts';
import { MediaPicker } from '../MediaPicker';

const thumb = { width: 96, height: 96, objectFit: 'cover' as const, borderRadius: 6, border: '1px solid #f0f0f0' };

function Thumb({ id, files }: { id: string; files: readonly Media[] }) {
  const m = files.find((f) => f.id === id);
  if (m && !m.contentType.startsWith('image/')) {
    return (
      <div style={{ ...thumb, display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 28 }} title={m.filename}>
        <VideoCameraOutlined />
      </div>
    );
  }
  return <img src={`/api/v1/media/${id}/file`} alt={m?.filename ?? ''} style={thumb} />;
}

/** Several library images in order: add, move up or down, remove. */
export function ImageList({
  value,
  onChange,
  files,
  onFile,
  disabled,
  testId,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  files: readonly Media[];
  onFile: (m: Media) => void;
  disabled?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const move = (i: number, by: number) => {
    const next = [...value];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  return (
    <div data-testid={testId}>
      <Space wrap align="start">
        {value.map((id, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same image may be listed twice; its place is its identity
          <Space key={`${id}-${i}`} orientation="vertical" size={2} align="center">
            <Thumb id={id} files={files} />
            <Space size={0}>
              <Button
                size="small"
                type="text"
                icon={<ArrowUpOutlined />}
                disabled={disabled || i === 0}
                onClick={() => move(i, -1)}
                aria-label={t('variants.moveUp')}
              />
              <Button
                size="small"
                type="text"
                icon={<ArrowDownOutlined />}
                disabled={disabled || i === value.length - 1}
                onClick={() => move(i, 1)}
                aria-label={t('variants.moveDown')}
              />
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                disabled={disabled}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
                aria-label={t('common.remove')}
              />
            </Space>
          </Space>
        ))}
        <Button icon={<PlusOutlined />} disabled={disabled} onClick={() => setOpen(true)} style={{ width: 96, height: 96 }} data-testid={`${testId}-add`}>
          {t('variants.addImage')}
        </Button>
      </Space>
      <MediaPicker
        open={open}
        onClose={() => setOpen(false)}
        onPick={(m) => {
          setOpen(false);
          onFile(m);
          onChange([...value, m.id]);
        }}
      />
    </div>
  );
}

/** One library file (a video, or a cover image). The picker shows every file; the rules say what fits. */
export function OneMedia({
  value,
  onChange,
  files,
  onFile,
  disabled,
  imagesOnly,
  testId,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  files: readonly Media[];
  onFile: (m: Media) => void;
  disabled?: boolean;
  imagesOnly: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const m = value ? files.find((f) => f.id === value) : undefined;
  return (
    <Space align="start" data-testid={testId}>
      {value && <Thumb id={value} files={files} />}
      <Space orientation="vertical" size={4}>
        {m && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.filename} · {mediaFacts(m)}
          </Typography.Text>
        )}
        <Space>
          <Button disabled={disabled} onClick={() => setOpen(true)} data-testid={`${testId}-pick`}>
            {value ? t('variants.change') : t('variants.pick')}
          </Button>
          {value && (
            <Button type="text" danger icon={<DeleteOutlined />} disabled={disabled} onClick={() => onChange(null)}>
              {t('common.remove')}
            </Button>
          )}
        </Space>
      </Space>
      <MediaPicker
        open={open}
        imagesOnly={imagesOnly}
        onClose={() => setOpen(false)}
        onPick={(f) => {
          setOpen(false);
          onFile(f);
          onChange(f.id);
        }}
      />
    </Space>
  );
}
