import { FlagOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FeedbackForm } from './FeedbackForm';

/** 转为反馈: for the inbox's thread pane; turns the inbox item into a feedback item (type, area, priority, department). */
export function FeedbackButton({ itemId, size }: { itemId: string; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size={size} icon={<FlagOutlined />} data-testid="feedback-from-item" onClick={() => setOpen(true)}>
        {t('feedback.fromItem')}
      </Button>
      <FeedbackForm open={open} itemId={itemId} onClose={() => setOpen(false)} />
    </>
  );
}
