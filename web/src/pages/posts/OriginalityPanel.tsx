import { EditOutlined, FileSearchOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, type FormInstance, InputNumber, List, Modal, Popover, Progress, Row, Skeleton, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PostStatusTag } from '../../components/Tags';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { OriginalityMatch, OriginalityResult, OriginalitySettings, OriginalityWarning, PostDetail } from '../../types';
import { pct, segments } from './originalityHighlight';
import type { PostValues } from './PostForm';

const HIT = '#ffe58f';
const ACTIVE = '#ffc069';

/** One side of the comparison: the text with the passages marked; a click jumps to the other side. */
function Pane({
  side,
  text,
  ranges,
  active,
  onHover,
  onJump,
}: {
  side: 'draft' | 'old';
  text: string;
  ranges: [number, number][];
  active: number | null;
  onHover: (k: number | null) => void;
  onJump: (k: number) => void;
}) {
  const anchored = new Set<number>();
  return (
    <div
      data-testid={`originality-${side}-text`}
      style={{
        whiteSpace: 'pre-wrap',
        overflowWrap: 'anywhere',
        maxHeight: '60vh',
        overflow: 'auto',
        lineHeight: 1.8,
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        padding: 12,
      }}
    >
      {segments(text, ranges).map((s) => {
        if (!s.ids.length) return <span key={s.start}>{s.text}</span>;
        const k = s.ids[0];
        // The first piece of each passage is the anchor the other side scrolls to.
        const id = anchored.has(k) ? undefined : `originality-${side}-${k}`;
        anchored.add(k);
        // A link to the same passage on the other side: keyboard-reachable, scrolled to on click.
        return (
          <a
            key={s.start}
            id={id}
            href={`#originality-${side === 'draft' ? 'old' : 'draft'}-${k}`}
            data-passage={k}
            onMouseEnter={() => onHover(k)}
            onMouseLeave={() => onHover(null)}
            onFocus={() => onHover(k)}
            onClick={(e) => {
              e.preventDefault();
              onJump(k);
            }}
            style={{ color: 'inherit' }}
          >
            <mark style={{ background: active !== null && s.ids.includes(active) ? ACTIVE : HIT, padding: 0 }}>{s.text}</mark>
          </a>
        );
      })}
    </div>
  );
}

function CompareModal({ result, match, onClose }: { result: OriginalityResult; match: OriginalityMatch | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [active, setActive] = useState<number | null>(null);
  const jump = (side: 'draft' | 'old', k: number) => {
    setActive(k);
    document.getElementById(`originality-${side}-${k}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  return (
    <Modal
      open={!!match}
      width={1100}
      footer={null}
      destroyOnHidden
      onCancel={onClose}
      title={match ? t('originality.compareTitle', { title: match.title, pct: pct(match.similarity) }) : ''}
    >
      {match && (
        <>
          <Typography.Paragraph type="secondary">{t('originality.passages', { count: match.passages.length })}</Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Typography.Text strong>{t('originality.thisDraft')}</Typography.Text>
              <Pane
                side="draft"
                text={result.text}
                ranges={match.passages.map((p) => [p.draftStart, p.draftEnd])}
                active={active}
                onHover={setActive}
                onJump={(k) => jump('old', k)}
              />
            </Col>
            <Col xs={24} md={12}>
              <Space>
                <Typography.Text strong>{t('originality.pastPost')}</Typography.Text>
                <Link to={`/posts/${match.postId}`} target="_blank">
                  {t('originality.open')}
                </Link>
              </Space>
              <Pane
                side="old"
                text={match.text}
                ranges={match.passages.map((p) => [p.matchStart, p.matchEnd])}
                active={active}
                onHover={setActive}
                onJump={(k) => jump('draft', k)}
              />
            </Col>
          </Row>
        </>
      )}
    </Modal>
  );
}

/** Managers change the workspace's threshold in place. */
function ThresholdEditor({ threshold }: { threshold: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<number | null>(pct(threshold));
  const save = useMutation({
    mutationFn: (v: number) => api.patch<OriginalitySettings>('/originality/settings', { threshold: v / 100 }),
    onSuccess: () => {
      setOpen(false);
      message.success(t('originality.thresholdSaved'));
      void qc.invalidateQueries({ queryKey: ['originality'] });
    },
  });
  return (
    <Popover
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) setValue(pct(threshold));
      }}
      trigger="click"
      title={t('originality.threshold')}
      content={
        <div style={{ maxWidth: 260 }}>
          <ErrorAlert error={save.error} />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('originality.thresholdHint')}
          </Typography.Paragraph>
          <Space.Compact>
            <InputNumber data-testid="originality-threshold-input" min={30} max={100} value={value} onChange={setValue} suffix="%" />
            <Button type="primary" loading={save.isPending} disabled={value === null} onClick={() => value !== null && save.mutate(value)}>
              {t('common.save')}
            </Button>
          </Space.Compact>
        </div>
      }
    >
      <Button type="link" size="small" icon={<EditOutlined />} data-testid="originality-threshold-edit" aria-label={t('originality.editThreshold')} />
    </Popover>
  );
}

function Result({ result, onCompare }: { result: OriginalityResult; onCompare: (m: OriginalityMatch) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const tz = useTz();
  const top = result.matches[0];
  return (
    <>
      <Space size={16} wrap style={{ marginBottom: 8 }}>
        <span>
          {t('originality.maxSimilarity')}:{' '}
          <Typography.Text strong type={result.warn ? 'danger' : undefined} data-testid="originality-max">
            {pct(result.maxSimilarity)}%
          </Typography.Text>
        </span>
        <span>
          {t('originality.threshold')}: {pct(result.threshold)}%{can('workspace.manage') && <ThresholdEditor threshold={result.threshold} />}
        </span>
      </Space>
      {result.tooShort ? (
        <Alert type="info" showIcon title={t('originality.tooShort')} style={{ marginBottom: 8 }} />
      ) : result.warn && top ? (
        <Alert
          type="warning"
          showIcon
          data-testid="originality-warn"
          title={t('originality.warn', { title: top.title, pct: pct(top.similarity), threshold: pct(result.threshold) })}
          description={t('originality.claimWarn')}
          style={{ marginBottom: 8 }}
        />
      ) : (
        <Alert
          type="success"
          showIcon
          data-testid="originality-ok"
          title={result.matches.length ? t('originality.belowThreshold') : t('originality.ok')}
          style={{ marginBottom: 8 }}
        />
      )}
      {result.pendingIndex > 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('originality.pending', { count: result.pendingIndex })}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        dataSource={result.matches}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('originality.empty')} /> }}
        renderItem={(m) => (
          <List.Item
            data-testid="originality-match"
            actions={[
              <Button key="compare" size="small" data-testid="originality-compare" onClick={() => onCompare(m)}>
                {t('originality.compare')}
              </Button>,
            ]}
          >
            <div style={{ width: '100%', minWidth: 0 }}>
              <Space size={4} wrap>
                <Link to={`/posts/${m.postId}`} target="_blank">
                  {m.title}
                </Link>
                <PostStatusTag status={m.status} />
              </Space>
              <Progress percent={pct(m.similarity)} size="small" strokeColor={m.similarity >= result.threshold ? '#ff4d4f' : undefined} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {m.publishedAt
                  ? t('originality.publishedAt', { at: formatAt(m.publishedAt, tz) })
                  : t('originality.updatedAt', { at: formatAt(m.updatedAt, tz) })}{' '}
                · {t('originality.coverage', { pct: pct(m.coverage) })}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </>
  );
}

/**
 * Originality (C2) in the editor: the saved post's most similar past posts (checked on open),
 * a check of the unsaved text on demand, the side-by-side comparison, and the warning a
 * submit or schedule answer carried.
 */
export function OriginalityPanel({ post, form, dirty }: { post: PostDetail | null; form: FormInstance<PostValues>; dirty: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const { notification } = App.useApp();
  const [comparing, setComparing] = useState<OriginalityMatch | null>(null);
  const saved = useQuery({
    queryKey: ['originality', post?.id, post?.version],
    queryFn: ({ signal }) => api.get<OriginalityResult>(`/posts/${post?.id}/originality`, undefined, signal),
    enabled: !!post,
    staleTime: 60_000,
  });
  const draft = useMutation({
    mutationFn: (v: PostValues) =>
      api.post<OriginalityResult>('/originality/check', { title: v.title ?? '', bodyHtml: v.bodyHtml ?? '', ...(post ? { postId: post.id } : {}) }),
  });
  // A save makes the saved check current again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the version only
  useEffect(() => draft.reset(), [post?.version]);

  // The submit / schedule answer's warning (it rides on the cached post): say it once.
  const warning = (post as (PostDetail & { originalityWarning?: OriginalityWarning | null }) | null)?.originalityWarning ?? null;
  const told = useRef('');
  useEffect(() => {
    if (!warning) return;
    const key = JSON.stringify(warning);
    if (told.current === key) return;
    told.current = key;
    notification.warning({
      title: t('originality.workflowWarn'),
      description: `${t('originality.workflowWarnText', {
        count: warning.matches.length,
        pct: pct(warning.maxSimilarity),
        titles: warning.matches.map((m) => `「${m.title}」`).join('、'),
      })} ${t('originality.claimWarn')}`,
      duration: 12,
    });
  }, [warning, notification, t]);

  const result = draft.data ?? saved.data;
  const pending = draft.isPending || (!!post && saved.isPending && !draft.data);
  return (
    <Card
      size="small"
      data-testid="originality-panel"
      title={t('originality.title')}
      style={{ marginBottom: 16 }}
      extra={
        can('content.write') && (
          <Button
            size="small"
            icon={<FileSearchOutlined />}
            data-testid="originality-check"
            loading={draft.isPending}
            onClick={() => draft.mutate(form.getFieldsValue(true) as PostValues)}
          >
            {post ? t('originality.recheck') : t('originality.check')}
          </Button>
        )
      }
    >
      {warning && (
        <Alert
          type="warning"
          showIcon
          data-testid="originality-workflow-warn"
          title={t('originality.workflowWarnText', {
            count: warning.matches.length,
            pct: pct(warning.maxSimilarity),
            titles: warning.matches.map((m) => `「${m.title}」`).join('、'),
          })}
          style={{ marginBottom: 8 }}
        />
      )}
      <ErrorAlert error={draft.error ?? saved.error} />
      {dirty && !draft.data && saved.data && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('originality.savedBasis')}
        </Typography.Paragraph>
      )}
      {pending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : result ? (
        <Result result={result} onCompare={setComparing} />
      ) : (
        <Typography.Paragraph type="secondary">{t('originality.hint')}</Typography.Paragraph>
      )}
      {result && <CompareModal result={result} match={comparing} onClose={() => setComparing(null)} />}
    </Card>
  );
}
