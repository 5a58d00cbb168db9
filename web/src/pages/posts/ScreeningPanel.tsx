import { CheckCircleOutlined, CloseCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Form, type FormInstance, List, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCan } from '../../session';
import type { PostDetail } from '../../types';
import type { Finding, PostScreening, ScreenBody, ScreenResult } from '../risk/types';
import type { PostValues } from './PostForm';
import { HIGHLIGHT_CSS, drawHighlights, segments } from './riskText';
import { OverrideButton, OverrideInfo, screeningKey } from './ScreeningOverride';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/** A text with its findings marked (block red, warn yellow). */
function Marked({ text, findings, testId }: { text: string; findings: Finding[]; testId: string }) {
  return (
    <div data-testid={testId} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 240, overflow: 'auto', lineHeight: 1.7 }}>
      {segments(text, findings).map((s) =>
        s.action ? (
          <mark
            key={s.at}
            data-action={s.action}
            style={{ background: s.action === 'block' ? '#ffccc7' : '#fff1b8', color: s.action === 'block' ? '#a8071a' : undefined, padding: 0 }}
          >
            {s.text}
          </mark>
        ) : (
          <span key={s.at}>{s.text}</span>
        ),
      )}
    </div>
  );
}

function FindingItem({ f, accountName }: { f: Finding; accountName?: string }) {
  const { t } = useTranslation();
  return (
    <List.Item data-testid="screen-finding" data-action={f.action} style={{ padding: '4px 0' }}>
      <Space size={4} wrap>
        <Tag color={f.action === 'block' ? 'red' : 'orange'}>{t(`risk.cat.${f.category}`)}</Tag>
        {f.category === 'brand_required' ? (
          <Typography.Text>
            {t('screen.missing')} <Typography.Text strong>{f.term}</Typography.Text>
          </Typography.Text>
        ) : (
          <Typography.Text strong>{f.match ?? f.term}</Typography.Text>
        )}
        {f.match && f.match !== f.term && <Typography.Text type="secondary">→ {f.term}</Typography.Text>}
        <Typography.Text type="secondary">{[f.field && t(`screen.field.${f.field}`), accountName].filter(Boolean).join(' · ')}</Typography.Text>
      </Space>
    </List.Item>
  );
}

/**
 * The editor's screening panel: screens what is being typed (debounced, nothing saved), lists the
 * findings by block and warn, marks them in the title/digest/body text and in the rich editor, and
 * shows each target account's brand kit. For a saved post it also shows whether the saved version
 * passes the gate, and offers managers the override.
 */
export function ScreeningPanel({ form, post, dirty }: { form: FormInstance<PostValues>; post: PostDetail | null; dirty: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const live = can('content.write');
  const title = Form.useWatch('title', form) ?? post?.title ?? '';
  const digest = Form.useWatch('digest', form) ?? post?.digest ?? '';
  const bodyHtml = Form.useWatch('bodyHtml', form) ?? post?.bodyHtml ?? '';
  const accountIds = Form.useWatch('accountIds', form) ?? post?.accountIds ?? [];
  // Compared as a string: the watched values are new objects on every render.
  const json = JSON.stringify({
    title,
    digest,
    bodyHtml,
    accountIds,
    variants:
      post?.variants
        .filter((v) => accountIds.includes(v.accountId))
        // What the screen reads of a variant (its other fields are the platform's, checked by its rules).
        .map((v) => ({ accountId: v.accountId, title: v.title, digest: v.digest, bodyHtml: v.bodyHtml })) ?? [],
  });
  const debounced = useDebounced(json, 300);
  const payload = useMemo(() => JSON.parse(debounced) as ScreenBody, [debounced]);
  const liveQ = useQuery({
    queryKey: ['screen', payload],
    queryFn: () => api.post<ScreenResult>('/risk/screen', payload),
    enabled: live,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const stored = useQuery({
    queryKey: [...screeningKey(post?.id ?? ''), post?.version],
    queryFn: ({ signal }) => api.get<PostScreening>(`/posts/${post?.id}/screening`, undefined, signal),
    enabled: !!post,
  });
  const result: ScreenResult | undefined = live ? liveQ.data : stored.data;

  useEffect(() => {
    const main = (result?.findings ?? []).filter((f) => f.accountId === null && f.field === 'body');
    drawHighlights(document.querySelector<HTMLElement>('[data-testid="editor-body"]'), main);
  }, [result]);
  useEffect(() => () => drawHighlights(null, []), []);

  const names = new Map((result?.accounts ?? []).map((a) => [a.accountId, a.accountName]));
  const blocks = (result?.findings ?? []).filter((f) => f.action === 'block');
  const warns = (result?.findings ?? []).filter((f) => f.action === 'warn');
  const mainText = result?.texts.find((x) => x.accountId === null);
  const mainFindings = (field: 'title' | 'digest' | 'body') => (result?.findings ?? []).filter((f) => f.accountId === null && f.field === field);
  const group = (label: string, list: Finding[], testId: string) =>
    list.length > 0 && (
      <div data-testid={testId} style={{ marginBottom: 8 }}>
        <Typography.Text strong>{label}</Typography.Text>
        <List
          size="small"
          split={false}
          dataSource={list}
          renderItem={(f) => <FindingItem f={f} accountName={f.accountId ? names.get(f.accountId) : undefined} />}
        />
      </div>
    );

  return (
    <Card
      size="small"
      title={t('screen.title')}
      style={{ marginBottom: 16 }}
      data-testid="screening-panel"
      extra={
        (liveQ.isFetching || stored.isFetching) && (
          <Typography.Text type="secondary">
            <LoadingOutlined /> {t('screen.checking')}
          </Typography.Text>
        )
      }
    >
      <style>{HIGHLIGHT_CSS}</style>
      <ErrorAlert error={live ? liveQ.error : stored.error} />
      {post && stored.data && (
        <Space orientation="vertical" size={4} style={{ width: '100%', marginBottom: 8 }}>
          <Space wrap>
            <Typography.Text type="secondary">
              {t('screen.stored')} v{post.version}
            </Typography.Text>
            {stored.data.passes ? (
              <Tag icon={<CheckCircleOutlined />} color="green" data-testid="screening-passes">
                {t('screen.passes')}
              </Tag>
            ) : (
              <Tag icon={<CloseCircleOutlined />} color="red" data-testid="screening-stored-blocked">
                {t('screen.blocked')}
              </Tag>
            )}
            {!stored.data.passes && can('risk.manage') && <OverrideButton post={post} dirty={dirty} />}
          </Space>
          <OverrideInfo s={stored.data} />
        </Space>
      )}
      {!result ? null : result.findings.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('screen.clean')} data-testid="screening-clean" />
      ) : (
        <>
          {group(t('screen.blockGroup', { count: blocks.length }), blocks, 'screen-block-group')}
          {group(t('screen.warnGroup', { count: warns.length }), warns, 'screen-warn-group')}
          {mainText && mainFindings('title').length + mainFindings('digest').length + mainFindings('body').length > 0 && (
            <div style={{ borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 8 }}>
              <Typography.Text type="secondary">{t('screen.preview')}</Typography.Text>
              {(['title', 'digest', 'body'] as const).map(
                (field) =>
                  mainFindings(field).length > 0 && (
                    <div key={field} style={{ marginTop: 6 }}>
                      <Typography.Text strong>{t(`screen.field.${field}`)}：</Typography.Text>
                      <Marked text={mainText[field]} findings={mainFindings(field)} testId={`screen-preview-${field}`} />
                    </div>
                  ),
              )}
            </div>
          )}
        </>
      )}
      {(result?.accounts ?? [])
        .filter((a) => a.toneNotes || a.requiredPhrases.length)
        .map((a) => (
          <Alert
            key={a.accountId}
            type="info"
            data-testid="screen-brand-kit"
            style={{ marginTop: 8 }}
            title={t('screen.toneNotes', { name: a.accountName })}
            description={
              <>
                {a.toneNotes && <div style={{ whiteSpace: 'pre-wrap' }}>{a.toneNotes}</div>}
                {a.requiredPhrases.length > 0 && (
                  <Space size={[0, 4]} wrap style={{ marginTop: 4 }}>
                    {t('screen.required')}：
                    {a.requiredPhrases.map((p) => (
                      <Tag
                        key={p}
                        color={a.missing.includes(p) ? 'orange' : 'green'}
                        icon={a.missing.includes(p) ? <CloseCircleOutlined /> : <CheckCircleOutlined />}
                      >
                        {p}
                      </Tag>
                    ))}
                  </Space>
                )}
              </>
            }
          />
        ))}
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        {t('screen.liveHint')}
      </Typography.Paragraph>
    </Card>
  );
}
