import { MobileOutlined } from '@ant-design/icons';
import { Button, Drawer, Form, type FormInstance, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../../api';
import { useAllAccounts } from '../../components/lookups';
import type { PostValues } from './PostForm';
import { PHONE_WIDTH, PhonePreview } from './PhonePreview';

/** The post as it is being edited (unsaved changes included), on a phone, from the editor's header. */
export function PostPhonePreview({ form }: { form: FormInstance<PostValues> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const accounts = useAllAccounts();
  const v = Form.useWatch((values: PostValues) => values, form);
  const account = accounts.data?.find((a) => v?.accountIds?.includes(a.id));
  return (
    <>
      <Button icon={<MobileOutlined />} data-testid="post-preview" onClick={() => setOpen(true)}>
        {t('preview.open')}
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('preview.title')} size={PHONE_WIDTH + 120} destroyOnHidden data-testid="post-preview-drawer">
        <Typography.Paragraph type="secondary">{t('preview.hint')}</Typography.Paragraph>
        <PhonePreview
          withCard
          html={v?.bodyHtml ?? ''}
          title={v?.title ?? ''}
          author={v?.author}
          accountName={account?.name}
          coverUrl={v?.coverMediaId ? `${API_BASE}/media/${v.coverMediaId}/file` : null}
        />
      </Drawer>
    </>
  );
}
