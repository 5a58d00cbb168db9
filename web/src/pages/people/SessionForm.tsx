import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, type ButtonProps, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { memberOptions, useMembers } from '../../components/lookups';
import { useTz } from '../../session';
import { isoToPicker, pickerToIso } from '../../time';
import type { Media, Paged, TrainingSession } from '../../types';
import { parseQuiz, quizToText } from './model';

type Values = {
  kind: 'training' | 'sharing';
  title: string;
  description?: string;
  startsAt: Dayjs;
  durationMinutes: number;
  place?: string;
  speakerId?: string;
  speakerName?: string;
  mediaIds?: string[];
  inviteeIds?: string[];
  quizText?: string;
  passPercent: number;
  signOff: boolean;
};

/** The form's values for an existing session (editing starts from what it has). */
const valuesOf = (s: TrainingSession, tz: string): Values => ({
  kind: s.kind,
  title: s.title,
  description: s.description,
  startsAt: isoToPicker(s.startsAt, tz),
  durationMinutes: s.durationMinutes,
  place: s.place,
  speakerId: s.speakerId ?? undefined,
  speakerName: s.speakerId ? undefined : (s.speakerName ?? undefined),
  mediaIds: s.materials.map((m) => m.id),
  inviteeIds: s.invitees.map((i) => i.userId),
  quizText: quizToText(s.quiz),
  passPercent: s.quiz?.passPercent ?? 60,
  signOff: s.signOff,
});

/**
 * Scheduling a session (people.manage): speaker, materials from the media library, invitees, a quiz
 * or a sign-off. With `session` it edits that one; the quiz is sent only when it was changed.
 */
export function SessionForm({ open, onClose, session }: { open: boolean; onClose: () => void; session?: TrainingSession }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const tz = useTz();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const members = useMembers();
  const media = useQuery({
    queryKey: ['media', 'people-picker'],
    enabled: open,
    queryFn: ({ signal }) => api.get<Paged<Media>>('/media', { page: 1, pageSize: 100 }, signal),
  });
  const save = useMutation({
    mutationFn: ({ startsAt, quizText, passPercent, speakerName, ...v }: Values) => {
      const quiz = quizText?.trim() ? parseQuiz(quizText) : null;
      const stored = quiz && 'questions' in quiz ? { questions: quiz.questions, passPercent } : null;
      if (session) {
        const start = valuesOf(session, tz);
        const quizChanged = (quizText ?? '').trim() !== start.quizText || passPercent !== start.passPercent;
        return api.patch<TrainingSession>(`/people/sessions/${session.id}`, {
          ...v,
          startsAt: pickerToIso(startsAt, tz),
          speakerId: v.speakerId ?? null,
          speakerName: v.speakerId ? null : speakerName?.trim() || null,
          description: v.description ?? '',
          place: v.place ?? '',
          mediaIds: v.mediaIds ?? [],
          inviteeIds: v.inviteeIds ?? [],
          ...(quizChanged ? { quiz: stored } : {}),
        });
      }
      return api.post('/people/sessions', {
        ...v,
        startsAt: pickerToIso(startsAt, tz),
        ...(speakerName?.trim() && !v.speakerId ? { speakerName: speakerName.trim() } : {}),
        ...(stored ? { quiz: stored } : {}),
      });
    },
    onSuccess: () => {
      message.success(t(session ? 'people.session.saved' : 'people.session.created'));
      void qc.invalidateQueries({ queryKey: ['people'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  const quizLocked = !!session?.invitees.some((i) => i.quizScore !== null);
  const quizRule = {
    validator: (_: unknown, v?: string) => {
      const r = v?.trim() ? parseQuiz(v) : null;
      return r && 'error' in r ? Promise.reject(new Error(`#${r.error}`)) : Promise.resolve();
    },
  };
  return (
    <Modal
      open={open}
      width={640}
      title={t(session ? 'people.session.editTitle' : 'people.session.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'people-session-save' } as ButtonProps}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={session ? valuesOf(session, tz) : { kind: 'training', durationMinutes: 60, passPercent: 60, signOff: false }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="kind" label={t('people.session.kind')}>
          <Select data-testid="people-session-kind" options={['training', 'sharing'].map((k) => ({ value: k, label: t(`people.session.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('people.session.title')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={120} data-testid="people-session-title" />
        </Form.Item>
        <Form.Item name="startsAt" label={t('people.session.startsAt')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker data-testid="people-session-starts" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="durationMinutes" label={t('people.session.duration')}>
          <InputNumber min={5} max={600} />
        </Form.Item>
        <Form.Item name="place" label={t('people.session.place')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="speakerId" label={t('people.session.speaker')}>
          <Select allowClear showSearch optionFilterProp="label" options={memberOptions(members.data)} />
        </Form.Item>
        <Form.Item name="speakerName" label={t('people.session.speakerName')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="inviteeIds" label={t('people.session.invitees')}>
          <Select data-testid="people-session-invitees" mode="multiple" showSearch optionFilterProp="label" options={memberOptions(members.data)} />
        </Form.Item>
        <Form.Item name="mediaIds" label={t('people.session.materials')}>
          <Select mode="multiple" optionFilterProp="label" options={(media.data?.items ?? []).map((m) => ({ value: m.id, label: m.filename }))} />
        </Form.Item>
        <Form.Item name="description" label={t('feedback.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="quizText" label={t('people.session.quiz')} rules={[quizRule]} extra={quizLocked ? t('people.session.quizLocked') : undefined}>
          <Input.TextArea data-testid="people-session-quiz" disabled={quizLocked} rows={3} placeholder="公众号每天可群发几次？|1 次|3 次|1" />
        </Form.Item>
        <Form.Item name="passPercent" label={t('people.session.passPercent')}>
          <InputNumber min={1} max={100} disabled={quizLocked} />
        </Form.Item>
        <Form.Item name="signOff" valuePropName="checked">
          <Checkbox>{t('people.session.signOff')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
