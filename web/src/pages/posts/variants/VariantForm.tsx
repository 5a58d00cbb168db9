import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Popconfirm, Radio, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BILIBILI_TIDS, rulesOf, type VariantKind } from '../../../../../contract/platforms';
import { api } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useCan } from '../../../session';
import type { Media, PostDetail, VariantBody } from '../../../types';
import { usePostChanged } from '../postCache';
import { RichEditor } from '../RichEditor';
import { ImageList, OneMedia } from './MediaFields';
import { byField, counter, draftOf, effective, fieldStatus, isCustomized, liveIssues, splitTopics, type VariantDraft } from './rules';

type Field = 'title' | 'digest' | 'text' | 'body' | 'images' | 'video' | 'cover' | 'topics' | 'tags' | 'tid' | 'zhihu';
/** Which inputs each kind of post shows (contract/platforms.ts says which rules apply). */
const FIELDS: Record<VariantKind, Field[]> = {
  article: ['title', 'digest', 'body'],
  status: ['text', 'images'],
  video: ['title', 'text', 'video', 'cover', 'topics', 'tags', 'tid'],
  note: ['title', 'text', 'images', 'video', 'topics'],
  zhihu: ['zhihu', 'title', 'body'],
  channels: ['text', 'images', 'video', 'topics'],
  custom: ['title', 'text', 'images', 'video'],
};

export function fieldsOf(platform: string): Field[] {
  const r = rulesOf(platform);
  return FIELDS[r.kind].filter((f) => {
    if (r.kind !== 'video') return true;
    if (f === 'title') return !!r.title;
    if (f === 'topics') return !!r.topics;
    if (f === 'tags') return !!r.tags;
    if (f === 'tid') return !!r.tid;
    return true;
  });
}

export function VariantForm({ post, accountId, platform, safeDomain }: { post: PostDetail; accountId: string; platform: string; safeDomain: string | null }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const changed = usePostChanged();
  const stored = post.variants.find((x) => x.accountId === accountId);
  const [d, setD] = useState<VariantDraft>(() => draftOf(post, accountId));
  const [bodyHtml, setBodyHtml] = useState<string | null>(stored?.bodyHtml ?? null);
  const [picked, setPicked] = useState<Media[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the post changes
  useEffect(() => {
    setD(draftOf(post, accountId));
    setBodyHtml(post.variants.find((x) => x.accountId === accountId)?.bodyHtml ?? null);
  }, [post.version, accountId]);

  const files = useMemo(() => [...post.media, ...picked], [post.media, picked]);
  const addFile = (m: Media) => setPicked((p) => [...p.filter((x) => x.id !== m.id), m]);
  const issues = liveIssues(platform, post, d, files, safeDomain);
  const by = byField(issues);
  const eff = effective(post, d);
  const lang = i18n.language;
  const fields = fieldsOf(platform);
  const set = (patch: Partial<VariantDraft>) => setD((x) => ({ ...x, ...patch }));
  const disabled = !can('content.write');

  const save = useMutation({
    mutationFn: (body: VariantBody) => api.put<PostDetail>(`/posts/${post.id}/variants/${accountId}`, body),
    onSuccess: (p) => {
      changed(p);
      message.success(t('common.saved'));
    },
  });
  const body = (x: VariantDraft, html: string | null): VariantBody => ({ ...x, bodyHtml: html });
  const item = (field: keyof typeof by, label: string, extra?: React.ReactNode) => {
    const s = fieldStatus(by[field], lang);
    return { label, help: s.help, extra, validateStatus: s.status };
  };
  const textCounter = counter(platform, 'text', eff.text);
  const titleCounter = counter(platform, 'title', eff.title);
  const inherited = (s: string | null) => (s == null ? <Typography.Text type="secondary">{t('variants.inherited')}</Typography.Text> : null);

  return (
    <Form layout="vertical" disabled={disabled} data-testid={`variant-form-${accountId}`}>
      <ErrorAlert error={save.error} />
      {fields.includes('zhihu') && (
        <Form.Item {...item('questionUrl', t('variants.zhihuMode'))}>
          <Radio.Group value={d.options.mode === 'article' ? 'article' : 'answer'} onChange={(e) => set({ options: { ...d.options, mode: e.target.value } })}>
            <Radio value="answer">{t('variants.zhihuAnswer')}</Radio>
            <Radio value="article">{t('variants.zhihuArticle')}</Radio>
          </Radio.Group>
          {d.options.mode !== 'article' && (
            <Input
              style={{ marginTop: 8 }}
              placeholder="https://www.zhihu.com/question/…"
              value={typeof d.options.questionUrl === 'string' ? d.options.questionUrl : ''}
              onChange={(e) => set({ options: { ...d.options, questionUrl: e.target.value || null } })}
              data-testid="variant-question-url"
            />
          )}
        </Form.Item>
      )}
      {fields.includes('title') && (
        <Form.Item
          {...item('title', t('variants.title'), <Typography.Text type={titleCounter.over ? 'danger' : 'secondary'}>{titleCounter.label}</Typography.Text>)}
        >
          <Input value={d.title ?? ''} placeholder={post.title} onChange={(e) => set({ title: e.target.value || null })} data-testid="variant-title" />
        </Form.Item>
      )}
      {fields.includes('digest') && (
        <Form.Item {...item('digest', t('variants.digest'))}>
          <Input.TextArea
            value={d.digest ?? ''}
            placeholder={post.digest}
            autoSize={{ minRows: 1, maxRows: 3 }}
            onChange={(e) => set({ digest: e.target.value || null })}
          />
        </Form.Item>
      )}
      {fields.includes('text') && (
        <Form.Item
          {...item(
            'text',
            t(rulesOf(platform).kind === 'video' ? 'variants.caption' : 'variants.text'),
            <Space>
              <Typography.Text type={textCounter.over ? 'danger' : 'secondary'} data-testid="variant-text-counter" data-over={textCounter.over}>
                {textCounter.label}
              </Typography.Text>
              {rulesOf(platform).text?.counting === 'weibo' && <Typography.Text type="secondary">{t('variants.weiboCounting')}</Typography.Text>}
              {inherited(d.text)}
            </Space>,
          )}
        >
          <Input.TextArea
            value={d.text ?? eff.text}
            autoSize={{ minRows: 3, maxRows: 10 }}
            onChange={(e) => set({ text: e.target.value })}
            status={textCounter.over ? 'error' : undefined}
            data-testid="variant-text"
          />
        </Form.Item>
      )}
      {fields.includes('body') && (
        <Form.Item label={t('posts.variantOwnBody')}>
          <Switch checked={bodyHtml != null} onChange={(on) => setBodyHtml(on ? post.bodyHtml : null)} />
          {bodyHtml != null && (
            <div style={{ marginTop: 8 }}>
              <RichEditor value={bodyHtml} onChange={setBodyHtml} testId={`variant-body-${accountId}`} minHeight={240} disabled={disabled} />
            </div>
          )}
        </Form.Item>
      )}
      {fields.includes('images') && (
        <Form.Item {...item('images', t('variants.images'))}>
          <ImageList
            value={d.imageMediaIds}
            onChange={(ids) => set({ imageMediaIds: ids })}
            files={files}
            onFile={addFile}
            disabled={disabled}
            testId="variant-images"
          />
        </Form.Item>
      )}
      {fields.includes('video') && (
        <Form.Item {...item('video', t('variants.video'))}>
          <OneMedia
            value={d.videoMediaId}
            onChange={(id) => set({ videoMediaId: id })}
            files={files}
            onFile={addFile}
            disabled={disabled}
            imagesOnly={false}
            testId="variant-video"
          />
        </Form.Item>
      )}
      {fields.includes('cover') && (
        <Form.Item {...item('cover', t('variants.cover'), d.coverMediaId == null && post.coverMediaId ? t('variants.coverInherited') : undefined)}>
          <OneMedia
            value={d.coverMediaId}
            onChange={(id) => set({ coverMediaId: id })}
            files={files}
            onFile={addFile}
            disabled={disabled}
            imagesOnly
            testId="variant-cover"
          />
        </Form.Item>
      )}
      {fields.includes('topics') && (
        <Form.Item {...item('topics', t('variants.topics'), t('variants.topicsHint'))}>
          <Select
            mode="tags"
            value={d.topics}
            tokenSeparators={[' ', ',', '，', '#']}
            open={false}
            onChange={(v: string[]) => set({ topics: v.flatMap(splitTopics) })}
            data-testid="variant-topics"
          />
        </Form.Item>
      )}
      {fields.includes('tags') && (
        <Form.Item {...item('tags', t('variants.tags'))}>
          <Select
            mode="tags"
            value={d.tags}
            tokenSeparators={[',', '，']}
            open={false}
            onChange={(v: string[]) => set({ tags: v.map((s) => s.trim()).filter(Boolean) })}
            data-testid="variant-tags"
          />
        </Form.Item>
      )}
      {fields.includes('tid') && (
        <Form.Item {...item('tid', t('variants.tid'))}>
          <Select
            style={{ maxWidth: 320 }}
            value={typeof d.options.tid === 'number' ? d.options.tid : undefined}
            placeholder={t('variants.tidPick')}
            options={BILIBILI_TIDS.map((x) => ({ value: x.tid, label: `${lang.startsWith('zh') ? x.zh : x.en} (${x.tid})` }))}
            onChange={(tid: number) => set({ options: { ...d.options, tid } })}
            data-testid="variant-tid"
          />
        </Form.Item>
      )}
      <IssueSummary issues={issues} lang={lang} />
      <Space>
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate(body(d, bodyHtml))} data-testid="variant-save">
          {t('posts.saveVariant')}
        </Button>
        <Popconfirm
          title={t('variants.resetConfirm')}
          disabled={!isCustomized(d) && bodyHtml == null}
          onConfirm={() =>
            save.mutate({
              title: null,
              digest: null,
              bodyHtml: null,
              text: null,
              imageMediaIds: [],
              videoMediaId: null,
              coverMediaId: null,
              topics: [],
              tags: [],
              options: {},
            })
          }
        >
          <Button disabled={disabled || (!isCustomized(d) && bodyHtml == null)} data-testid="variant-reset">
            {t('variants.reset')}
          </Button>
        </Popconfirm>
      </Space>
    </Form>
  );
}

export function IssueSummary({ issues, lang }: { issues: readonly { severity: string; message: { zh: string; en: string } }[]; lang: string }) {
  const { t } = useTranslation();
  if (!issues.length) return null;
  const errors = issues.filter((i) => i.severity === 'error');
  return (
    <Alert
      style={{ marginBottom: 12 }}
      type={errors.length ? 'error' : 'warning'}
      showIcon
      data-testid="variant-issues"
      title={errors.length ? t('variants.errorsSummary', { n: errors.length }) : t('variants.warningsSummary', { n: issues.length })}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {issues.map((i) => (
            <li key={`${i.message.en}`}>
              {i.severity === 'error' ? '✕ ' : '! '}
              {lang.startsWith('zh') ? i.message.zh : i.message.en}
            </li>
          ))}
        </ul>
      }
    />
  );
}
