import { DeleteOutlined, PictureOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../../api';
import { MediaPicker } from './MediaPicker';

/** A form control holding the cover's media id. */
export function CoverPicker({ value, onChange, disabled }: { value?: string | null; onChange?: (id: string | null) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Space align="start">
      {value ? (
        <img
          data-testid="cover-image"
          src={`${API_BASE}/media/${value}/file`}
          alt={t('posts.cover')}
          style={{ width: 188, height: 80, objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0' }}
        />
      ) : (
        <div
          style={{
            width: 188,
            height: 80,
            borderRadius: 6,
            border: '1px dashed #d9d9d9',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            color: '#bfbfbf',
          }}
        >
          <PictureOutlined style={{ fontSize: 24 }} />
        </div>
      )}
      <Space orientation="vertical">
        <Button data-testid="cover-pick" disabled={disabled} onClick={() => setOpen(true)}>
          {value ? t('posts.changeCover') : t('posts.pickCover')}
        </Button>
        {value && (
          <Button type="text" danger icon={<DeleteOutlined />} disabled={disabled} onClick={() => onChange?.(null)}>
            {t('common.remove')}
          </Button>
        )}
      </Space>
      <MediaPicker
        open={open}
        onClose={() => setOpen(false)}
        onPick={(m) => {
          setOpen(false);
          onChange?.(m.id);
        }}
      />
    </Space>
  );
}
