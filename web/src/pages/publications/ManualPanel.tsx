import { CheckCircleOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { liveLinkProblem } from '../../../../contract/manual';
import { API_BASE, api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loadable } from '../../components/Loading';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { ManualKit, Publication } from '../../types';
import { HandoffCard } from './HandoffCard';

const REFRESH = ['publications', 'publication', 'publication-kit', 'calendar', 'post'];

/**
 * A publication waiting for a member: the ready-to-paste text (a copy button per part), the media
 * as one zip, the platform's checklist (who ticked what), the hand-off link for the platform's
 * app, and "published" with the live link.
 */
export function ManualPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['publication-kit', id],
    queryFn: ({ signal }) => api.get<ManualKit>(`/publications/${id}/kit`, undefined, signal),
  });
  return (
    <Loadable query={q}>
      {(kit) => (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }} size={12} data-testid="manual-panel">
          {kit.handoff && <HandoffCard id={id} handoff={kit.handoff} />}
          <Card size="small" title={t('manual.text')}>
            <TextParts kit={kit} />
            <Button icon={<DownloadOutlined />} href={`${API_BASE}/publications/${id}/kit.zip`} download data-testid="kit-zip">
              {t('manual.zip', { n: kit.media.length })}
            </Button>
          </Card>
          <Checklist id={id} kit={kit} />
          <PublishedForm id={id} kit={kit} />
        </Space>
      )}
    </Loadable>
  );
}

function TextParts({ kit }: { kit: ManualKit }) {
  const { t } = useTranslation();
  const parts: [string, string][] = [
    ['title', kit.text.title],
    ['body', kit.text.body],
    ['topics', kit.text.topics.join(' ')],
    ['tags', kit.text.tags.join(' ')],
    ['full', kit.text.full],
  ];
  return (
    <>
      {parts
        .filter(([, v]) => v.trim())
        .map(([k, v]) => (
          <div key={k} style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{t(`manual.part.${k}`)}</Typography.Text>
            <Typography.Paragraph
              copyable={{ text: v, tooltips: [t('manual.copy'), t('manual.copied')] }}
              ellipsis={k === 'full' ? { rows: 3, expandable: true } : false}
              style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
              data-testid={`kit-text-${k}`}
            >
              {v}
            </Typography.Paragraph>
          </div>
        ))}
    </>
  );
}

function Checklist({ id, kit }: { id: string; kit: ManualKit }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const qc = useQueryClient();
  const zh = i18n.language.startsWith('zh');
  const tick = useMutation({
    mutationFn: (body: { key: string; done: boolean }) => api.post<ManualKit>(`/publications/${id}/checklist`, body),
    onSuccess: (next) => qc.setQueryData(['publication-kit', id], next),
  });
  const left = kit.checklist.filter((c) => !c.optional && !c.done).length;
  return (
    <Card
      size="small"
      title={t('manual.checklist')}
      extra={left ? <Tag color="orange">{t('manual.left', { n: left })}</Tag> : <Tag color="green">{t('manual.allDone')}</Tag>}
    >
      <ErrorAlert error={tick.error} />
      <Flex vertical gap={6}>
        {kit.checklist.map((c) => (
          <Flex key={c.key} justify="space-between" align="center" gap={8}>
            <Checkbox
              checked={c.done}
              disabled={tick.isPending}
              onChange={(e) => tick.mutate({ key: c.key, done: e.target.checked })}
              data-testid={`check-${c.key}`}
            >
              {zh ? c.zh : c.en} {c.optional && <Tag>{t('manual.optional')}</Tag>}
            </Checkbox>
            {c.done && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.byName} · {formatAt(c.at, tz, 'MM-DD HH:mm')}
              </Typography.Text>
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

function PublishedForm({ id, kit }: { id: string; kit: ManualKit }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const complete = useMutation({
    mutationFn: (link: string) => api.post<Publication>(`/publications/${id}/complete`, { url: link }),
    onSuccess: () => {
      message.success(t('manual.done'));
      for (const key of REFRESH) void qc.invalidateQueries({ queryKey: [key] });
    },
  });
  const submit = () => {
    const link = url.trim();
    const p = liveLinkProblem(kit.platform, link);
    setProblem(p ? (i18n.language.startsWith('zh') ? p.zh : p.en) : null);
    if (!p) complete.mutate(link);
  };
  const left = kit.checklist.some((c) => !c.optional && !c.done);
  return (
    <Card size="small" title={t('manual.published')}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {kit.linkHosts.length ? t('manual.linkHint', { hosts: kit.linkHosts.join('、') }) : t('manual.linkHintAny')}
        {left && ` ${t('manual.uncheckedHint')}`}
      </Typography.Paragraph>
      <ErrorAlert error={complete.error} />
      <Space.Compact style={{ width: '100%' }}>
        <Input
          placeholder={t('manual.linkPlaceholder')}
          value={url}
          status={problem ? 'error' : undefined}
          onChange={(e) => {
            setUrl(e.target.value);
            setProblem(null);
          }}
          onPressEnter={submit}
          data-testid="manual-url"
        />
        <Button
          type="primary"
          icon={<CheckCircleOutlined />}
          loading={complete.isPending}
          disabled={!url.trim()}
          onClick={submit}
          data-testid="manual-published"
        >
          {t('manual.markPublished')}
        </Button>
      </Space.Compact>
      {problem && (
        <Typography.Text type="danger" data-testid="manual-url-error">
          {problem}
        </Typography.Text>
      )}
    </Card>
  );
}
