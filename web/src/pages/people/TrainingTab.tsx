import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Drawer, Empty, Input, Modal, Radio, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useListParams } from '../../components/useListParams';
import { useCan, useSession, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged, QuizResult, TrainingRecord, TrainingSession } from '../../types';
import { SessionForm } from './SessionForm';

const ATTENDANCE = ['unmarked', 'present', 'absent'] as const;

function Quiz({ s, onDone }: { s: TrainingSession; onDone: () => void }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<number[]>([]);
  const take = useMutation({ mutationFn: () => api.post<QuizResult>(`/people/sessions/${s.id}/quiz`, { answers }), onSuccess: onDone });
  if (!s.quiz) return null;
  const r = take.data;
  return (
    <Card size="small" title={t('people.quiz.take')}>
      {s.quiz.questions.map((q, i) => (
        <div key={q.question} style={{ marginBottom: 8 }}>
          <div>
            {i + 1}. {q.question}
          </div>
          <Radio.Group
            value={answers[i]}
            onChange={(e) => setAnswers((a) => Object.assign([...a], { [i]: e.target.value }))}
            options={q.options.map((o, j) => ({ value: j, label: o }))}
          />
        </div>
      ))}
      <ErrorAlert error={take.error} />
      {r && (
        <Alert
          data-testid="people-quiz-result"
          type={r.passed ? 'success' : 'warning'}
          message={t('people.quiz.result', { ...r, verdict: t(r.passed ? 'people.quiz.passed' : 'people.quiz.failed') })}
        />
      )}
      <Button
        data-testid="people-quiz-submit"
        onClick={() => take.mutate()}
        loading={take.isPending}
        disabled={answers.filter((a) => a !== undefined).length < s.quiz.questions.length}
      >
        {t('people.quiz.submit')}
      </Button>
    </Card>
  );
}

/** Cancelling asks for the reason the invitees are sent. */
function CancelSession({ s, onDone }: { s: TrainingSession; onDone: (s: TrainingSession) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () => api.post<TrainingSession>(`/people/sessions/${s.id}/cancel`, { reason }),
    onSuccess: (v) => {
      setOpen(false);
      onDone(v);
    },
  });
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        {t('people.session.cancel')}
      </Button>
      <Modal
        open={open}
        title={t('people.session.cancel')}
        onCancel={() => setOpen(false)}
        onOk={() => cancel.mutate()}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: cancel.isPending }}
        destroyOnHidden
      >
        <ErrorAlert error={cancel.error} />
        <Typography.Text>{t('people.session.cancelReason')}</Typography.Text>
        <Input.TextArea autoFocus rows={2} maxLength={300} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}

function SessionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const tz = useTz();
  const me = useSession();
  const manage = useCan()('people.manage');
  const qc = useQueryClient();
  const key = ['people', 'session', id];
  const q = useQuery({ queryKey: key, enabled: !!id, queryFn: ({ signal }) => api.get<TrainingSession>(`/people/sessions/${id}`, undefined, signal) });
  const done = (s?: TrainingSession) => {
    if (s) qc.setQueryData(key, s);
    void qc.invalidateQueries({ queryKey: ['people'] });
  };
  const mark = useMutation({
    mutationFn: (b: { userId: string; attendance: string }) => api.put<TrainingSession>(`/people/sessions/${id}/attendance`, b),
    onSuccess: done,
  });
  const sign = useMutation({ mutationFn: () => api.post<TrainingSession>(`/people/sessions/${id}/sign-off`), onSuccess: done });
  const [editing, setEditing] = useState(false);
  const s = q.data;
  const mine = s?.invitees.find((i) => i.userId === me.user.id);
  const open = !!s && !s.canceledAt;
  return (
    <Drawer open={!!id} onClose={onClose} width={600} title={s?.title} destroyOnHidden>
      <ErrorAlert error={q.error ?? mark.error ?? sign.error} />
      {s && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {s.canceledAt && <Alert type="warning" showIcon message={t('people.session.canceledBecause', { reason: s.cancelReason })} />}
          {manage && open && (
            <Space>
              <Button onClick={() => setEditing(true)}>{t('people.session.edit')}</Button>
              <CancelSession s={s} onDone={done} />
            </Space>
          )}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('people.session.kind')}>{t(`people.session.kind.${s.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('people.session.startsAt')}>
              {formatAt(s.startsAt, tz)}（{s.durationMinutes}′）
            </Descriptions.Item>
            <Descriptions.Item label={t('people.session.place')}>{s.place || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('people.session.speaker')}>{s.speakerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('people.session.materials')}>{s.materials.map((m) => m.filename).join('，') || '—'}</Descriptions.Item>
          </Descriptions>
          {s.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s.description}</Typography.Paragraph>}
          {mine && open && s.signOff && (
            <Button disabled={!!mine.signedOffAt} onClick={() => sign.mutate()} loading={sign.isPending}>
              {mine.signedOffAt ? t('people.signedOff') : t('people.signOff')}
            </Button>
          )}
          {mine && open && <Quiz s={s} onDone={() => done()} />}
          {manage && (
            <Table
              rowKey="userId"
              size="small"
              pagination={false}
              dataSource={s.invitees}
              columns={[
                { title: t('people.session.invitees'), render: (_, i) => i.name ?? '—' },
                {
                  title: t('people.attendance'),
                  width: 140,
                  render: (_, i) => (
                    <Select
                      data-testid={`people-attendance-${i.name}`}
                      size="small"
                      value={i.attendance}
                      disabled={!open}
                      style={{ width: 110 }}
                      onChange={(v) => mark.mutate({ userId: i.userId, attendance: v })}
                      options={ATTENDANCE.map((a) => ({ value: a, label: t(`people.attendance.${a}`) }))}
                    />
                  ),
                },
                {
                  title: t('people.quiz.score'),
                  width: 90,
                  render: (_, i) => (i.quizScore === null ? '—' : <Tag color={i.quizPassed ? 'green' : 'orange'}>{i.quizScore}</Tag>),
                },
                { title: t('people.signedOff'), width: 90, render: (_, i) => (i.signedOffAt ? '✓' : '—') },
              ]}
            />
          )}
        </Space>
      )}
      {s && editing && <SessionForm open session={s} onClose={() => setEditing(false)} />}
    </Drawer>
  );
}

/** 培训: my record, the sessions (managers: all of them, and schedule new ones). */
export function TrainingTab() {
  const { t } = useTranslation();
  const tz = useTz();
  const manage = useCan()('people.manage');
  const lp = useListParams(['when', 'q'] as const);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(() => new URLSearchParams(window.location.search).get('session'));
  const record = useQuery({ queryKey: ['people', 'record'], queryFn: ({ signal }) => api.get<TrainingRecord>('/people/training-record', undefined, signal) });
  const list = useQuery({
    queryKey: ['people', 'sessions', lp.filters, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<TrainingSession>>('/people/sessions', { ...lp.filters, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const r = record.data;
  return (
    <>
      {r && (
        <Alert
          style={{ marginBottom: 12 }}
          message={t('people.record')}
          description={
            <>
              {t('people.record.summary', { invited: r.invited, attended: r.attended, passed: r.quizzesPassed })}
              {r.sessions.slice(0, 5).map((x) => (
                <div key={x.sessionId} data-testid="people-record-session">
                  {formatAt(x.startsAt, tz)} {x.title} · {t(`people.attendance.${x.attendance}`)}
                  {x.quizScore !== null && ` · ${t('people.quiz.score')} ${x.quizScore} ${t(x.quizPassed ? 'people.quiz.passed' : 'people.quiz.failed')}`}
                </div>
              ))}
            </>
          }
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={lp.filters.when ?? 'all'}
          onChange={(v) => lp.setFilter('when', v === 'all' ? null : String(v))}
          options={['all', 'upcoming', 'past'].map((w) => ({ value: w, label: t(`people.when.${w}`) }))}
        />
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="people-session-create">
            {t('people.session.create')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={list.error} />
      <Table<TrainingSession>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={lp.pagination(list.data?.total)}
        locale={{ emptyText: <Empty description={t('people.session.empty')} /> }}
        onRow={(s) => ({ onClick: () => setOpen(s.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('people.session.title'),
            render: (_, s) => (
              <>
                <span data-testid={`people-session-${s.title}`}>{s.title}</span> {s.canceledAt && <Tag color="default">{t('people.session.canceled')}</Tag>}
              </>
            ),
          },
          { title: t('people.session.kind'), width: 90, render: (_, s) => t(`people.session.kind.${s.kind}`) },
          { title: t('people.session.startsAt'), width: 160, render: (_, s) => formatAt(s.startsAt, tz) },
          { title: t('people.session.speaker'), width: 120, render: (_, s) => s.speakerName ?? '—' },
          { title: t('people.session.place'), dataIndex: 'place', ellipsis: true },
        ]}
      />
      <SessionForm open={creating} onClose={() => setCreating(false)} />
      <SessionDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
