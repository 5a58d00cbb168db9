import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Col, Form, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api';
import { Loadable } from '../../components/Loading';
import type { PostDetail } from '../../types';
import { PostActivity } from './PostActivity';
import { PostForm, type PostValues } from './PostForm';
import { PostPublications } from './PostPublications';
import { PostRequestLink } from './PostRequestLink';
import { PostWorkflow } from './PostWorkflow';
import { OriginalityPanel } from './OriginalityPanel';
import { ScreeningPanel } from './ScreeningPanel';
import { postKey } from './postCache';
import { VariantTabs } from './VariantTabs';

function Back() {
  const { t } = useTranslation();
  return (
    <Link to="/posts">
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0, marginBottom: 8 }}>
        {t('posts.backToList')}
      </Button>
    </Link>
  );
}

function Editor({ post }: { post: PostDetail | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PostValues>();
  const [dirty, setDirty] = useState(false);
  const restore = (s: { title?: string; digest?: string; bodyHtml?: string; author?: string }) => {
    form.setFieldsValue({ title: s.title, digest: s.digest ?? '', bodyHtml: s.bodyHtml ?? '', ...(typeof s.author === 'string' ? { author: s.author } : {}) });
    setDirty(true);
    message.info(t('posts.versionLoaded'));
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <PostForm post={post} form={form} dirty={dirty} setDirty={setDirty} />
        {post && <VariantTabs post={post} />}
      </Col>
      <Col xs={24} xl={8}>
        <ScreeningPanel form={form} post={post} dirty={dirty} />
        <OriginalityPanel form={form} post={post} dirty={dirty} />
        {post && (
          <>
            <PostWorkflow post={post} dirty={dirty} />
            <PostPublications publications={post.publications} />
            <PostActivity postId={post.id} onRestore={restore} />
          </>
        )}
      </Col>
    </Row>
  );
}

export default function PostEditorPage() {
  const { id } = useParams();
  const q = useQuery({
    queryKey: postKey(id ?? 'new'),
    queryFn: ({ signal }) => api.get<PostDetail>(`/posts/${id}`, undefined, signal),
    enabled: !!id,
  });
  return (
    <>
      <Back />
      {id && <PostRequestLink postId={id} />}
      {id ? <Loadable query={q}>{(post) => <Editor key={post.id} post={post} />}</Loadable> : <Editor key="new" post={null} />}
    </>
  );
}
