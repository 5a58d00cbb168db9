import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, type ButtonProps, Descriptions, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { CandidateDetail, CandidateStage, StageResult } from '../../types';
import { htmlToText, nextStage, parseScores, textToHtml } from './model';

const ROLES = ['manager', 'editor', 'reviewer', 'analyst', 'guest'] as const;

function Trial({ detail, manage, onSaved }: { detail: CandidateDetail; manage: boolean; onSaved: (d: CandidateDetail) => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(detail.trial?.title ?? '');
  const [body, setBody] = useState(detail.trial ? htmlToText(detail.trial.bodyHtml) : '');
  const save = useMutation({
    mutationFn: () => api.put<CandidateDetail>(`/people/candidates/${detail.candidate.id}/trial`, { title, bodyHtml: textToHtml(body) }),
    onSuccess: onSaved,
  });
  const trial = detail.trial;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5}>{t('people.trial')}</Typography.Title>
      {trial && (
        <Alert
          data-testid="people-trial-result"
          type={trial.blocked ? 'error' : trial.findings.length ? 'warning' : 'success'}
          message={trial.blocked ? t('people.trial.blocked') : t('people.trial.clean')}
          description={
            <>
              {trial.findings.length > 0 && (
                <div>
                  {t('people.trial.findings')}
                  {trial.findings.map((f) => (
                    <Tag key={`${f.category}:${f.term}`} color={f.action === 'block' ? 'red' : 'orange'}>
                      {f.term}
                    </Tag>
                  ))}
                </div>
              )}
              <div>{t('people.trial.similarity', { pct: Math.round(trial.maxSimilarity * 100) })}</div>
            </>
          }
        />
      )}
      {manage ? (
        <>
          <Input
            placeholder={t('people.trial.title')}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={120}
            data-testid="people-trial-title"
          />
          <Input.TextArea
            placeholder={t('people.trial.body')}
            rows={6}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            data-testid="people-trial-body"
          />
          <ErrorAlert error={save.error} />
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!title.trim() || !body.trim()} data-testid="people-trial-save">
            {t('people.trial.save')}
          </Button>
        </>
      ) : (
        trial && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{`${trial.title}\n${htmlToText(trial.bodyHtml)}`}</Typography.Paragraph>
      )}
    </Space>
  );
}

function InterviewForm({ detail, onSaved }: { detail: CandidateDetail; onSaved: (d: CandidateDetail) => void }) {
  const { t } = useTranslation();
  const [scores, setScores] = useState('');
  const [notes, setNotes] = useState('');
  const parsed = parseScores(scores);
  const save = useMutation({
    mutationFn: () => api.put<CandidateDetail>(`/people/candidates/${detail.candidate.id}/interview`, { scores: parsed, notes }),
    onSuccess: (d) => {
      setScores('');
      setNotes('');
      onSaved(d);
    },
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5}>{t('people.interview')}</Typography.Title>
      {detail.interviews.map((i) => (
        <div key={i.interviewerId}>
          <b>{i.interviewerName ?? '—'}</b>：
          {Object.entries(i.scores)
            .map(([k, v]) => `${k} ${v}`)
            .join('，')}
          {i.notes && <Typography.Paragraph type="secondary">{i.notes}</Typography.Paragraph>}
        </div>
      ))}
      <Input.TextArea rows={2} placeholder={t('people.interview.criteria')} value={scores} onChange={(e) => setScores(e.target.value)} />
      <Input.TextArea rows={2} placeholder={t('people.interview.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={4000} />
      <ErrorAlert error={save.error} />
      <Button disabled={!parsed} onClick={() => save.mutate()} loading={save.isPending}>
        {t('people.interview.save')}
      </Button>
    </Space>
  );
}

/** One candidate: details, stage buttons, the trial piece with its screening, interviews, erasure. */
export function CandidateDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const tz = useTz();
  const { message } = App.useApp();
  const manage = useCan()('people.manage');
  const qc = useQueryClient();
  const [hiring, setHiring] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const [form] = Form.useForm<{ email: string; role: string }>();
  const key = ['people', 'candidate', id];
  const q = useQuery({ queryKey: key, enabled: !!id, queryFn: ({ signal }) => api.get<CandidateDetail>(`/people/candidates/${id}`, undefined, signal) });
  const saved = (d: CandidateDetail) => {
    qc.setQueryData(key, d);
    void qc.invalidateQueries({ queryKey: ['people', 'candidates'] });
  };
  const move = useMutation({
    mutationFn: (body: { stage: CandidateStage; email?: string; role?: string }) => api.post<StageResult>(`/people/candidates/${id}/stage`, body),
    onSuccess: (r) => {
      setHiring(false);
      if (r.invitationToken) setLink(`${window.location.origin}/invite?token=${encodeURIComponent(r.invitationToken)}`);
      void qc.invalidateQueries({ queryKey: ['people'] });
    },
  });
  const erase = useMutation({
    mutationFn: () => api.del(`/people/candidates/${id}`),
    onSuccess: () => {
      message.success(t('people.erased'));
      void qc.invalidateQueries({ queryKey: ['people'] });
      onClose();
    },
  });
  const d = q.data;
  const c = d?.candidate;
  const next = c ? nextStage(c.stage) : null;
  return (
    <Drawer
      open={!!id}
      onClose={() => {
        setLink(null);
        onClose();
      }}
      width={640}
      title={c?.name}
      destroyOnHidden
    >
      <ErrorAlert error={q.error ?? move.error ?? erase.error} />
      {link && (
        <Alert
          type="success"
          style={{ marginBottom: 12 }}
          message={t('people.hire.link')}
          description={
            <Typography.Text copyable data-testid="people-invite-link">
              {link}
            </Typography.Text>
          }
        />
      )}
      {d && c && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('people.position')}>{c.positionTitle}</Descriptions.Item>
            <Descriptions.Item label={t('people.stage')}>
              <Tag data-testid="people-stage">{t(`people.stage.${c.stage}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('people.candidate.contact')}>{c.contact || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('people.candidate.source')}>{c.source || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('people.candidate.notes')}>{c.notes || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('people.candidate.average')}>{c.averageScore ?? '—'}</Descriptions.Item>
          </Descriptions>
          {manage && next && (
            <Space wrap>
              <Button
                type="primary"
                loading={move.isPending}
                data-testid="people-stage-next"
                onClick={() => {
                  if (next !== 'hired') return move.mutate({ stage: next });
                  form.setFieldsValue({ email: c.contact.includes('@') ? c.contact : '', role: 'editor' });
                  setHiring(true);
                }}
              >
                {t('people.stage.next', { stage: t(`people.stage.${next}`) })}
              </Button>
              <Button danger onClick={() => move.mutate({ stage: 'rejected' })} data-testid="people-stage-reject">
                {t('people.stage.reject')}
              </Button>
            </Space>
          )}
          <Trial key={d.trial?.screenedAt ?? 'none'} detail={d} manage={manage} onSaved={saved} />
          <InterviewForm detail={d} onSaved={saved} />
          <div>
            <Typography.Title level={5}>{t('people.stage.history')}</Typography.Title>
            <Timeline items={d.history.map((h) => ({ children: `${formatAt(h.at, tz)} ${t(`people.stage.${h.to}`)} · ${h.actorName ?? '—'}` }))} />
          </div>
          {manage && (
            <Popconfirm
              title={t('people.erase.confirm')}
              onConfirm={() => erase.mutate()}
              okButtonProps={{ danger: true, 'data-testid': 'people-erase-ok' } as ButtonProps}
            >
              <Button danger type="link" data-testid="people-erase">
                {t('people.erase')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
      <Modal
        open={hiring}
        title={t('people.hire.title')}
        onCancel={() => setHiring(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: move.isPending, 'data-testid': 'people-hire-ok' } as ButtonProps}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => move.mutate({ stage: 'hired', ...v })}>
          <Form.Item name="email" label={t('people.hire.email')} rules={[{ required: true, type: 'email', message: t('common.required') }]}>
            <Input data-testid="people-hire-email" />
          </Form.Item>
          <Form.Item name="role" label={t('people.hire.role')}>
            <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
