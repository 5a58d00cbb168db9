import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, type FormInstance, Input, Row, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { accountOptions, memberOptions, useAllAccounts, useMembers } from '../../components/lookups';
import { useCan, useSession } from '../../session';
import { CONTENT_FORMATS } from '../../../../contract/formats';
import type { ContentFormat, CreatePostBody, Paged, PillarChoice, PostDetail, Topic } from '../../types';
import { CoverPicker } from './CoverPicker';
import { PostPhonePreview } from './PostPhonePreview';
import { usePostChanged } from './postCache';
import { RichEditor } from './RichEditor';

export interface PostValues {
  title: string;
  author?: string;
  digest?: string;
  bodyHtml?: string;
  coverMediaId?: string | null;
  contentSourceUrl?: string | null;
  topicId?: string | null;
  ownerId?: string;
  accountIds?: string[];
  pillarId?: string | null;
  format?: ContentFormat | null;
}

export function valuesOf(p: PostDetail): PostValues {
  return {
    title: p.title,
    author: p.author,
    digest: p.digest,
    bodyHtml: p.bodyHtml,
    coverMediaId: p.coverMediaId,
    contentSourceUrl: p.contentSourceUrl,
    topicId: p.topicId,
    ownerId: p.ownerId,
    accountIds: p.accountIds,
    pillarId: p.pillarId,
    format: p.format,
  };
}

export function bodyOf(v: PostValues): CreatePostBody {
  return {
    title: v.title,
    author: v.author ?? '',
    digest: v.digest ?? '',
    bodyHtml: v.bodyHtml ?? '',
    coverMediaId: v.coverMediaId ?? null,
    contentSourceUrl: v.contentSourceUrl?.trim() ? v.contentSourceUrl.trim() : null,
    topicId: v.topicId ?? null,
    ownerId: v.ownerId,
    accountIds: v.accountIds ?? [],
    pillarId: v.pillarId ?? null,
    format: v.format ?? null,
  };
}

export function PostForm({
  post,
  form,
  dirty,
  setDirty,
}: {
  post: PostDetail | null;
  form: FormInstance<PostValues>;
  dirty: boolean;
  setDirty: (d: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const can = useCan();
  const writable = can('content.write');
  const nav = useNavigate();
  const [sp] = useSearchParams();
  const { message } = App.useApp();
  const changed = usePostChanged();
  const accounts = useAllAccounts();
  const members = useMembers();
  const topics = useQuery({ queryKey: ['topics', 'all'], queryFn: () => api.get<Paged<Topic>>('/topics', { page: 1, pageSize: 200 }), select: (d) => d.items });
  const pillars = useQuery({ queryKey: ['strategy', 'pillars'], queryFn: ({ signal }) => api.get<PillarChoice[]>('/strategies/pillars', undefined, signal) });
  const [initial] = useState<PostValues>(() =>
    post
      ? valuesOf(post)
      : { title: sp.get('title') ?? '', topicId: sp.get('topicId'), ownerId: me.user.id, author: me.user.name.slice(0, 16), accountIds: [], bodyHtml: '' },
  );

  // Take the server's newer copy (after submit, schedule, a colleague's save) unless the user is mid-edit.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the version only
  useEffect(() => {
    if (post && !dirty) form.setFieldsValue(valuesOf(post));
  }, [post?.version]);

  const save = useMutation({
    mutationFn: (v: PostValues) =>
      post ? api.patch<PostDetail>(`/posts/${post.id}`, { ...bodyOf(v), expectedVersion: post.version }) : api.post<PostDetail>('/posts', bodyOf(v)),
    onSuccess: (saved) => {
      setDirty(false);
      changed(saved);
      form.setFieldsValue(valuesOf(saved));
      message.success(t('common.saved'));
      if (!post) nav(`/posts/${saved.id}`, { replace: true });
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });

  return (
    <Card
      title={post ? t('posts.edit') : t('posts.create')}
      extra={
        <Space>
          {dirty && <Typography.Text type="warning">{t('posts.unsaved')}</Typography.Text>}
          <PostPhonePreview form={form} />
          <Button type="primary" icon={<SaveOutlined />} data-testid="post-save" loading={save.isPending} disabled={!writable} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" initialValues={initial} disabled={!writable} onValuesChange={() => setDirty(true)} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('posts.titleField')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 64 }]}>
          <Input data-testid="editor-title" maxLength={64} showCount size="large" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="author" label={t('posts.author')} rules={[{ max: 16 }]}>
              <Input data-testid="editor-author" maxLength={16} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="ownerId" label={t('posts.owner')}>
              <Select options={memberOptions(members.data)} optionFilterProp="label" showSearch />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="topicId" label={t('posts.topic')}>
              <Select allowClear showSearch optionFilterProp="label" options={(topics.data ?? []).map((tp) => ({ value: tp.id, label: tp.title }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="accountIds" label={t('posts.accounts')} tooltip={t('posts.accountsHint')}>
          <Select data-testid="editor-accounts" mode="multiple" loading={accounts.isPending} options={accountOptions(accounts.data)} optionFilterProp="label" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="pillarId" label={t('posts.pillar')}>
              <Select
                data-testid="editor-pillar"
                allowClear
                showSearch
                optionFilterProp="label"
                options={(pillars.data ?? []).map((p) => ({ value: p.id, label: p.accountName ? `${p.name} · ${p.accountName}` : p.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="format" label={t('posts.format')}>
              <Select data-testid="editor-format" allowClear options={CONTENT_FORMATS.map((f) => ({ value: f, label: t(`format.${f}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="digest" label={t('posts.digest')} rules={[{ max: 128 }]}>
          <Input.TextArea data-testid="editor-digest" maxLength={128} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="coverMediaId" label={t('posts.cover')}>
              <CoverPicker />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contentSourceUrl" label={t('posts.sourceUrl')} rules={[{ type: 'url', message: t('posts.urlInvalid') }]}>
              <Input placeholder="https://…" maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="bodyHtml" label={t('posts.body')}>
          <RichEditor placeholder={t('posts.bodyPlaceholder')} disabled={!writable} />
        </Form.Item>
      </Form>
    </Card>
  );
}
