import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { accountOptions, useAllAccounts } from '../../components/lookups';
import type { Link, Paged, Post } from '../../types';

/** Posts found by title as one types (the post picker). */
function usePostOptions(q: string) {
  const posts = useQuery({
    queryKey: ['posts', 'picker', q],
    queryFn: ({ signal }) => api.get<Paged<Post>>('/posts', { q: q || undefined, pageSize: 20 }, signal),
  });
  return (posts.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }));
}

const blankToUndefined = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '' && x != null));

export function LinkForm({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (l: Link) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [postQ, setPostQ] = useState('');
  const postOptions = usePostOptions(postQ);
  const accounts = useAllAccounts();
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post<Link>('/links', blankToUndefined(v)),
    onSuccess: (l) => {
      void qc.invalidateQueries({ queryKey: ['links'] });
      form.resetFields();
      onCreated(l);
    },
  });
  return (
    <Modal open={open} title={t('links.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <ErrorAlert error={create.error} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item name="targetUrl" label={t('links.target')} rules={[{ required: true }]}>
          <Input data-testid="link-target" placeholder="https://" maxLength={2000} />
        </Form.Item>
        <Form.Item name="postId" label={t('links.post')}>
          <Select data-testid="link-post" allowClear showSearch filterOption={false} onSearch={setPostQ} options={postOptions} />
        </Form.Item>
        <Form.Item name="accountId" label={t('links.account')}>
          <Select allowClear options={accountOptions(accounts.data)} />
        </Form.Item>
        <Form.Item name="campaign" label={t('links.campaign')}>
          <Input data-testid="link-campaign" maxLength={100} />
        </Form.Item>
        <Form.Item label={t('links.utm')}>
          <Space wrap>
            <Form.Item name="utmSource" noStyle>
              <Input placeholder="utm_source" style={{ width: 140 }} maxLength={100} />
            </Form.Item>
            <Form.Item name="utmMedium" noStyle>
              <Input placeholder="utm_medium" style={{ width: 140 }} maxLength={100} />
            </Form.Item>
            <Form.Item name="utmCampaign" noStyle>
              <Input placeholder="utm_campaign" style={{ width: 140 }} maxLength={100} />
            </Form.Item>
            <Form.Item name="utmContent" noStyle>
              <Input placeholder="utm_content" style={{ width: 140 }} maxLength={100} />
            </Form.Item>
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
