import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Switch, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { useAllAccounts } from '../../components/lookups';
import { useCan } from '../../session';
import type { PostDetail, VariantBody } from '../../types';
import { usePostChanged } from './postCache';
import { RichEditor } from './RichEditor';

interface VariantValues {
  title?: string | null;
  digest?: string | null;
  bodyHtml?: string | null;
  ownBody: boolean;
}

function VariantForm({ post, accountId }: { post: PostDetail; accountId: string }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const changed = usePostChanged();
  const [form] = Form.useForm<VariantValues>();
  const v = post.variants.find((x) => x.accountId === accountId);
  const [ownBody, setOwnBody] = useState(v?.bodyHtml != null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the post changes
  useEffect(() => {
    form.setFieldsValue({ title: v?.title ?? '', digest: v?.digest ?? '', bodyHtml: v?.bodyHtml ?? post.bodyHtml });
    setOwnBody(v?.bodyHtml != null);
  }, [post.version, accountId]);

  const save = useMutation({
    mutationFn: (body: VariantBody) => api.put<PostDetail>(`/posts/${post.id}/variants/${accountId}`, body),
    onSuccess: (p) => {
      changed(p);
      message.success(t('common.saved'));
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  const blank = (s?: string | null) => (s?.trim() ? s : null);

  return (
    <Form
      form={form}
      layout="vertical"
      disabled={!can('content.write')}
      onFinish={(vals) => save.mutate({ title: blank(vals.title), digest: blank(vals.digest), bodyHtml: ownBody ? (vals.bodyHtml ?? '') : null })}
    >
      <ErrorAlert error={save.error} />
      <Form.Item name="title" label={t('posts.variantTitle')} rules={[{ max: 64 }]}>
        <Input maxLength={64} placeholder={post.title} />
      </Form.Item>
      <Form.Item name="digest" label={t('posts.variantDigest')} rules={[{ max: 128 }]}>
        <Input.TextArea maxLength={128} placeholder={post.digest} autoSize={{ minRows: 1, maxRows: 3 }} />
      </Form.Item>
      <Form.Item label={t('posts.variantOwnBody')}>
        <Switch checked={ownBody} onChange={setOwnBody} />
      </Form.Item>
      {ownBody && (
        <Form.Item name="bodyHtml">
          <RichEditor testId={`variant-body-${accountId}`} minHeight={240} disabled={!can('content.write')} />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="variant-save">
        {t('posts.saveVariant')}
      </Button>
    </Form>
  );
}

/** Per-account overrides: an empty field means "same as the main version". */
export function VariantTabs({ post }: { post: PostDetail }) {
  const { t } = useTranslation();
  const accounts = useAllAccounts();
  const nameOf = (id: string) => accounts.data?.find((a) => a.id === id)?.name ?? id.slice(0, 8);
  return (
    <Card title={t('posts.variants')} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('posts.variantsHint')}</Typography.Paragraph>
      {post.accountIds.length === 0 ? (
        <Empty description={t('posts.noAccounts')} />
      ) : (
        <Tabs
          destroyOnHidden
          items={post.accountIds.map((id) => {
            const has = post.variants.some((v) => v.accountId === id && (v.title || v.digest || v.bodyHtml != null));
            return {
              key: id,
              label: (
                <span>
                  {nameOf(id)} {has && <Tag color="blue">{t('posts.customized')}</Tag>}
                </span>
              ),
              children: <VariantForm post={post} accountId={id} />,
            };
          })}
        />
      )}
    </Card>
  );
}
